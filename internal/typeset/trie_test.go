package typeset

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/speedata/hyphenation"
)

// realWords returns the word list of a language from testdata/words:
// the distinct words of real texts (see its README).
func realWords(t testing.TB, lang string) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/words/" + lang + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, w := range strings.Fields(string(data)) {
		if utf8.RuneCountInString(w) <= maxHyphenatedWord {
			words = append(words, w)
		}
	}
	return words
}

// mapHyphenator returns the hyphenation that publish used before the
// trie: speedata/hyphenation, which looks every substring of a word up in
// a map, on the same (widened) patterns.
func mapHyphenator(t testing.TB, lang string) *hyphenation.Lang {
	t.Helper()
	data, err := hyphFiles.ReadFile(languageFiles[lang].pat)
	if err != nil {
		t.Fatal(err)
	}
	l, err := hyphenation.New(bytes.NewReader(formatPatterns(widenSinglePatterns(parsePatterns(string(data))))))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// formatPatterns writes patterns back in the format of TeX's pattern
// files, one a line.
func formatPatterns(pats []pattern) []byte {
	var b []byte
	for _, p := range pats {
		for i, r := range p.letters {
			if d := p.digits[i]; d > 0 {
				b = append(b, '0'+d)
			}
			b = utf8.AppendRune(b, r)
		}
		if d := p.digits[len(p.letters)]; d > 0 {
			b = append(b, '0'+d)
		}
		b = append(b, '\n')
	}
	return b
}

// TestTrieMatchesMapHyphenation checks that the trie gives exactly the
// break points of the map-based matcher on the words of real French and
// English texts, with and without the patterns of one letter.
func TestTrieMatchesMapHyphenation(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		words := realWords(t, lang)
		if len(words) < 1000 {
			t.Fatalf("%s: only %d words", lang, len(words))
		}
		old := mapHyphenator(t, lang)
		l, err := loadLanguage(lang)
		if err != nil {
			t.Fatal(err)
		}
		var levels []uint8
		var got []int32
		broken := compareBreaks(t, lang, words, "trie", "map",
			func(runes []rune, _ string) []int32 {
				got = l.patterns.hyphenate(got[:0], runes, &levels)
				return got
			},
			func(runes []rune, w string) []int32 {
				var want []int32
				for _, p := range old.Hyphenate(w) {
					if p < len(runes) { // after the last letter: never a break
						want = append(want, int32(p))
					}
				}
				return want
			})
		// The comparison means something only if most words break.
		if broken < len(words)/2 {
			t.Errorf("%s: only %d of %d words have a break point", lang, broken, len(words))
		}
		t.Logf("%s: %d words, %d with break points, identical", lang, len(words), broken)
	}
}

// TestTrieNodesMatchEdges checks that walking the trie's nodes (bit sets
// of symbols) finds the break points that walking its edges finds, on the
// words of real French and English texts and on words with characters
// the patterns do not use, and that a trie whose patterns use more than
// maxSymbols characters walks its edges.
func TestTrieNodesMatchEdges(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		l, err := loadLanguage(lang)
		if err != nil {
			t.Fatal(err)
		}
		if l.patterns.nodes == nil {
			t.Fatalf("%s: the trie has no nodes", lang)
		}
		edges := *l.patterns
		edges.nodes = nil
		words := append(realWords(t, lang), "naïve", "smørrebrød", "ɛɣɛ", "a’b", "x", "")
		var levels []uint8
		var got, want []int32
		compareBreaks(t, lang, words, "nodes", "edges",
			func(runes []rune, _ string) []int32 {
				got = l.patterns.hyphenate(got[:0], runes, &levels)
				return got
			},
			func(runes []rune, _ string) []int32 {
				want = edges.hyphenate(want[:0], runes, &levels)
				return want
			})
	}
	// Patterns "À1b", "Á1b" … of maxSymbols+1 characters in all.
	var many strings.Builder
	for r := 'À'; r < 'À'+maxSymbols; r++ {
		fmt.Fprintf(&many, "%c1b ", r)
	}
	wide := newPatternTrie(many.String())
	if wide.nodes != nil {
		t.Errorf("a trie of %d characters has nodes", maxSymbols+1)
	}
	var levels []uint8
	if got := wide.hyphenate(nil, []rune("Àbc"), &levels); !equalPoints(got, []int32{1}) {
		t.Errorf("a trie of %d characters: Àbc breaks at %v, want [1]", maxSymbols+1, got)
	}
}

// compareBreaks reports the words of lang whose break points got and want
// (named gotName and wantName) tell apart, the first ten by name, and
// returns how many words got breaks.
func compareBreaks(t *testing.T, lang string, words []string, gotName, wantName string, got, want func(runes []rune, w string) []int32) (broken int) {
	t.Helper()
	diff := 0
	for _, w := range words {
		runes := []rune(w)
		g, wt := got(runes, w), want(runes, w)
		if len(g) > 0 {
			broken++
		}
		if !equalPoints(g, wt) {
			diff++
			if diff <= 10 {
				t.Errorf("%s %q: %s %v, %s %v", lang, w, gotName, g, wantName, wt)
			}
		}
	}
	if diff > 0 {
		t.Errorf("%s: %d of %d words differ", lang, diff, len(words))
	}
	return broken
}

func equalPoints(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestTriePatterns checks the reading of patterns on a small set: dots,
// numbers at both ends, the last of two patterns with the same letters,
// and patterns of one letter, which are not matched.
func TestTriePatterns(t *testing.T) {
	tr := newPatternTrie("1co 4m1p pu2t 5pute put3er pos1s 1pos 2ess 2ss s1e4s s1si 1sio 5sion 2io o2n\n" +
		".ab2c ab3c 1x ta1b. ta1bl xy3z xy2z .e1f e2fg")
	cases := []struct{ word, want string }{
		{"computer", "com-put-er"},
		{"possession", "pos-ses-sion"},
		{"abcd", "ab-cd"}, // the larger number wins: 3 after 2
		{"efg", "efg"},    // and 2 after 1
		{"taxi", "taxi"},  // 1x has one letter: not matched
		{"table", "ta-ble"},
		{"tab", "ta-b"},  // a final dot
		{"tabs", "tabs"}, // ta1b. matches only at the end
		{"xyz", "xyz"},   // xy2z replaces xy3z
	}
	var levels []uint8
	for _, c := range cases {
		rs := []rune(c.word)
		pts := tr.hyphenate(nil, rs, &levels)
		var b strings.Builder
		j := 0
		for i, r := range rs {
			if j < len(pts) && int(pts[j]) == i {
				b.WriteByte('-')
				j++
			}
			b.WriteRune(r)
		}
		if b.String() != c.want {
			t.Errorf("%q: %q, want %q", c.word, b.String(), c.want)
		}
	}
}

// BenchmarkHyphenateWord hyphenates the words of real texts with the
// patterns alone (no memo), with the trie and with the map-based matcher
// publish used before; it reports ns/word.
func BenchmarkHyphenateWord(b *testing.B) {
	for _, lang := range []string{"fr", "en"} {
		words := realWords(b, lang)
		l, err := loadLanguage(lang)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("trie/"+lang, func(b *testing.B) {
			var levels []uint8
			var pts []int32
			var rs []rune
			n := 0
			for b.Loop() {
				for _, w := range words {
					rs = rs[:0]
					for _, r := range w {
						rs = append(rs, r)
					}
					pts = l.patterns.hyphenate(pts[:0], rs, &levels)
				}
				n += len(words)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/word")
		})
		b.Run("map/"+lang, func(b *testing.B) {
			old := mapHyphenator(b, lang)
			n := 0
			for b.Loop() {
				for _, w := range words {
					old.Hyphenate(w)
				}
				n += len(words)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/word")
		})
	}
}

// BenchmarkLoadPatterns reads each language's patterns into a trie, as
// the first paragraph a process sets in that language does (widening the
// patterns of one letter included).
func BenchmarkLoadPatterns(b *testing.B) {
	for _, lang := range []string{"en", "fr"} {
		data, err := hyphFiles.ReadFile(languageFiles[lang].pat)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				buildPatternTrie(widenSinglePatterns(parsePatterns(string(data))))
			}
		})
	}
}
