package typeset

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed hyph/hyph-fr.pat.txt hyph/hyph-en-us.pat.txt hyph/hyph-en-us.hyp.txt
var hyphFiles embed.FS

// language is the hyphenation data of one language.
type language struct {
	patterns    *patternTrie
	left, right int
	// exceptions maps a lower-case word to its break points (rune index
	// where a hyphen may be inserted before).
	exceptions map[string][]int32
}

// languageFiles lists the pattern and exception files per language and
// the TeX minimums (lefthyphenmin, righthyphenmin).
var languageFiles = map[string]struct {
	pat, hyp    string
	left, right int
}{
	"fr": {"hyph/hyph-fr.pat.txt", "", 2, 3},
	"en": {"hyph/hyph-en-us.pat.txt", "hyph/hyph-en-us.hyp.txt", 2, 3},
}

var (
	languagesMu sync.Mutex
	languages   = map[string]*language{}
)

// langKey reduces a BCP 47 tag to the key of languageFiles ("fr-CA" → "fr").
func langKey(tag string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// loadLanguage returns the hyphenation data for tag, nil when the language
// has no patterns. Patterns are read once per process.
func loadLanguage(tag string) (*language, error) {
	key := langKey(tag)
	files, ok := languageFiles[key]
	if !ok {
		return nil, nil
	}
	languagesMu.Lock()
	defer languagesMu.Unlock()
	if l, ok := languages[key]; ok {
		return l, nil
	}
	data, err := hyphFiles.ReadFile(files.pat)
	if err != nil {
		return nil, fmt.Errorf("typeset: hyphenation %s: %w", key, err)
	}
	pat := buildPatternTrie(widenSinglePatterns(parsePatterns(string(data))))
	l := &language{patterns: pat, left: files.left, right: files.right, exceptions: map[string][]int32{}}
	if files.hyp != "" {
		data, err := hyphFiles.ReadFile(files.hyp)
		if err != nil {
			return nil, fmt.Errorf("typeset: hyphenation %s: %w", key, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "%") {
				word, pts := parseException(w)
				l.exceptions[word] = pts
			}
		}
	}
	languages[key] = l
	return l, nil
}

// parseException reads an exception in "hy-phen-ation" form and returns
// the lower-case word and its break points.
func parseException(s string) (string, []int32) {
	var b strings.Builder
	var pts []int32
	n := int32(0)
	for _, r := range s {
		if r == '-' {
			if n > 0 {
				pts = append(pts, n)
			}
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		n++
	}
	return b.String(), pts
}

// maxHyphenatedWord is the longest word hyphenated, as in TeX (63
// letters): longer "words" are not words, and the pattern matcher's cost
// grows with the square of the length.
const maxHyphenatedWord = 63

// hyphenator hyphenates words with a language's patterns and the
// setter's exceptions.
type hyphenator struct {
	exceptions map[string][]int32
	left       int // overrides when > 0
	right      int
	asked      int // words hyphenated, for the tests
	langs      map[string]*language
	lower      []rune
	lowerText  []byte // lower in UTF-8
	levels     []uint8
	raw        []int32
}

func newHyphenator(exceptions []string, left, right int) *hyphenator {
	h := &hyphenator{
		exceptions: map[string][]int32{},
		left:       left,
		right:      right,
		langs:      map[string]*language{},
	}
	for _, e := range exceptions {
		w, pts := parseException(strings.TrimSpace(e))
		if w != "" {
			h.exceptions[w] = pts
		}
	}
	return h
}

// points returns the rune indexes of word (letters only, already judged
// hyphenatable) before which a hyphen may be inserted. It keeps no memo:
// the setter keeps the breaks in the word's measurement (segInfo.pats),
// and finding the points again for the same letters in another segment
// ("whale," after "whale") took less time than a memo's look-up and
// insertion did (docs/performance.md, item 33).
func (h *hyphenator) points(lang, word string) []int32 {
	h.asked++
	l, ok := h.langs[lang]
	if !ok {
		l, _ = loadLanguage(lang) // the embedded files always parse; a failure means no hyphenation
		h.langs[lang] = l
	}
	if l == nil {
		return nil
	}
	return h.compute(l, word)
}

func (h *hyphenator) compute(l *language, word string) []int32 {
	left, right := l.left, l.right
	if h.left > 0 {
		left = h.left
	}
	if h.right > 0 {
		right = h.right
	}
	n := utf8.RuneCountInString(word)
	if n < left+right || n > maxHyphenatedWord {
		return nil
	}
	h.lower, h.lowerText = h.lower[:0], h.lowerText[:0]
	for _, r := range word {
		lr := unicode.ToLower(r)
		h.lower = append(h.lower, lr)
		h.lowerText = utf8.AppendRune(h.lowerText, lr)
	}
	// The exceptions are looked up with the lower-case text's bytes (a
	// look-up with a converted []byte makes no string).
	var raw []int32
	if p, ok := h.exceptions[string(h.lowerText)]; ok {
		raw = p
	} else if p, ok := l.exceptions[string(h.lowerText)]; ok {
		raw = p
	} else {
		h.raw = l.patterns.hyphenate(h.raw[:0], h.lower, &h.levels)
		raw = h.raw
	}
	var pts []int32
	for _, p := range raw {
		if int(p) >= left && n-int(p) >= right {
			pts = append(pts, p)
		}
	}
	return pts
}

// isApostrophe reports whether r is an apostrophe inside a word.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isHyphen reports whether r is a hyphen that may end a line.
func isHyphen(r rune) bool { return r == '-' || r == '‐' }

// hyphenatable returns the part of core (a word's letters with inner
// apostrophes) that patterns may hyphenate, and its rune offset in core;
// ok is false when the word must not be hyphenated: numbers, words with
// digits or symbols, all capitals (acronyms), capitals inside a word, and
// compounds with an explicit hyphen. name is true for a capitalised word
// (after an apostrophe too: l’Europe).
func hyphenatable(core string) (part string, offset int, name, ok bool) {
	if core == "" {
		return "", 0, false, false
	}
	start, startRunes := 0, 0
	idx := 0
	for i, r := range core {
		switch {
		case isApostrophe(r):
			start, startRunes = i+utf8.RuneLen(r), idx+1
		case !unicode.IsLetter(r):
			return "", 0, false, false
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if idx != 0 && idx != startRunes {
				return "", 0, false, false
			}
			name = true
		}
		idx++
	}
	return core[start:], startRunes, name, true
}

// widenSinglePatterns rewrites patterns of one letter ("1q", "2’2") as
// the equivalent patterns of that letter and each possible next character
// ("1qu", "1q.", …), merged with the file's own patterns of the same
// letters, and returns pats with them. The trie, like speedata/hyphenation
// v1.0.2 which publish used before it, only matches patterns of two
// characters or more, so without this the French "1q" (dé-bar-que-ment)
// and "1j" would be lost. The next characters are the letters of all the
// patterns and the word's final dot.
func widenSinglePatterns(pats []pattern) []pattern {
	var singles []pattern
	for _, p := range pats {
		if len(p.letters) == 1 && p.letters[0] != '.' {
			singles = append(singles, p)
		}
	}
	if len(singles) == 0 {
		return pats
	}
	alphabet := map[rune]bool{}
	index := make(map[string]int, len(pats))
	for i, p := range pats {
		for _, r := range p.letters {
			if r != '.' {
				alphabet[r] = true
			}
		}
		index[string(p.letters)] = i // the last of two with the same letters
	}
	next := make([]rune, 0, len(alphabet)+1)
	for r := range alphabet {
		next = append(next, r)
	}
	slices.Sort(next)
	next = append(next, '.')
	for _, sp := range singles {
		for _, x := range next {
			letters := []rune{sp.letters[0], x}
			i, ok := index[string(letters)]
			if !ok {
				i = len(pats)
				index[string(letters)] = i
				pats = append(pats, pattern{letters: letters, digits: []uint8{0, 0, 0}})
			}
			p := &pats[i] // its numbers are its own part of the shared array
			p.digits[0] = max(p.digits[0], sp.digits[0])
			if x != '.' { // a number before the final dot is dropped (parsePatterns)
				p.digits[1] = max(p.digits[1], sp.digits[1])
			}
		}
	}
	return pats
}
