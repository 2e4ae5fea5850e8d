package typo

import (
	"fmt"
	"strings"
	"unicode"
)

// suggestion is a spelling the pass reports without changing it.
type suggestion struct {
	code    string
	needles []string // the text as the author may have written it, to find it in the file
	msg     string
}

// ordinals marks the letters of French ordinals (1er, 1re, 2e, 2d, 3es,
// XIXe, Ier) to be set as superscripts, and collects suggestions for the
// common mistakes (3ème, 1ère, 2nde) and for an unaccented capital « A »
// at the start of a sentence. It reads words across node boundaries but
// never marks letters that are already in a superscript.
func (s *stream) ordinals(cs []cell, collect bool, out []suggestion) []suggestion {
	if !s.hasFrench() {
		return out // every word's rules below are French
	}
	for i := 0; i < len(cs); i++ {
		if !isAlnum(cs[i].r) {
			continue
		}
		// A word starts at i. Most are told apart by their first letter;
		// only the others are looked at further.
		j := i + 1
		for j < len(cs) && isAlnum(cs[j].r) {
			j++
		}
		if !mayOpenOrdinal(cs[i].r) || protectedWord(cs[i:j]) || s.pieces[cs[i].piece].lang != langFR || j-i > 12 || !ordinalShape(cs[i:j]) {
			i = j - 1
			continue
		}
		w := s.textOf(cs, i, j)
		head, suffix := splitOrdinal(w)
		switch {
		case head == "":
			if collect && w == "A" && sentenceStart(cs, i) && singleSpace(cs, j) && isLetter(runeAt(cs, j+1)) {
				next, _ := readLetters(cs, j+1)
				if next == "" {
					next = string(cs[j+1].r)
				}
				out = append(out, suggestion{code: "typo-accent",
					needles: []string{"A " + next, "A\n" + next},
					msg:     fmt.Sprintf("« A %s »: capitals keep their accent, write « À %s » (Imprimerie nationale)", next, next)})
			}
		case isOrdinalSuffix(head, suffix):
			s.markSup(cs, i+len([]rune(head)), j)
			if isRomanOrdinal(w) && centuryFollows(cs, j) {
				s.markSmallCaps(cs, i, i+len([]rune(head)))
			}
		case collect:
			if fix := ordinalFix(head, suffix); fix != "" {
				out = append(out, suggestion{code: "typo-ordinal", needles: []string{w},
					msg: fmt.Sprintf("%s: write %s (Imprimerie nationale)", w, fix)})
			}
		}
		i = j - 1
	}
	return out
}

// protectedWord reports whether a character of the word w is protected
// (an address) or no text's (an atom).
func protectedWord(w []cell) bool {
	for _, c := range w {
		if c.flags&fProtected != 0 || c.piece < 0 {
			return true
		}
	}
	return false
}

// mayOpenOrdinal reports whether a word that starts with r may be an
// ordinal, a misspelt one or a lone « A » (see ordinalShape): most words
// are told apart by their first letter.
func mayOpenOrdinal(r rune) bool {
	switch r {
	case 'A', 'I', 'V', 'X', 'L', 'C', 'D', 'M':
		return true
	}
	return isDigit(r)
}

// ordinalShape reports whether a word may be an ordinal, a misspelt one
// or a lone « A », before its text is built: it starts with a digit, or
// with a roman numeral in capitals (a single letter only I, V or X)
// followed by e, è, é, i or r.
func ordinalShape(w []cell) bool {
	first := w[0].r
	switch {
	case isDigit(first):
		return true
	case first == 'A':
		return len(w) == 1
	}
	n := 0
	for n < len(w) && strings.ContainsRune("IVXLCDM", w[n].r) {
		n++
	}
	if n == 0 || n == len(w) || (n == 1 && !strings.ContainsRune("IVX", first)) {
		return false
	}
	return strings.ContainsRune("eèéir", w[n].r)
}

// textOf returns the text of cs[i:j].
func (s *stream) textOf(cs []cell, i, j int) string {
	s.runes = s.runes[:0]
	for k := i; k < j; k++ {
		s.runes = append(s.runes, cs[k].r)
	}
	return string(s.runes)
}

// markSup marks cs[i:j] as superscript when the letters all stand in one
// text node that is not a superscript already.
func (s *stream) markSup(cs []cell, i, j int) {
	p := cs[i].piece
	for k := i; k < j; k++ {
		if cs[k].piece != p || cs[k].flags&fSup != 0 {
			return
		}
	}
	if p < 0 || s.pieces[p].sup {
		return
	}
	for k := i; k < j; k++ {
		cs[k].flags |= fSup
	}
}

// centuryFollows reports whether the word at cs[j:] after one space is
// « siècle » or « siècles », or is « et », « ou » or « au » followed by
// another roman ordinal that a « siècle(s) » follows (« les XIXe et XXe
// siècles », « du XVIe au XVIIIe siècle »).
func centuryFollows(cs []cell, j int) bool {
	for hops := 0; hops < 3; hops++ {
		if j >= len(cs) || !isSpace(cs[j].r) || cs[j].r == '\n' {
			return false
		}
		w, e := readLetters(cs, j+1)
		switch w {
		case "siècle", "siècles":
			return true
		case "et", "ou", "au":
		default:
			return false
		}
		if e >= len(cs) || !isSpace(cs[e].r) {
			return false
		}
		k := e + 1
		for k < len(cs) && isAlnum(cs[k].r) {
			k++
		}
		if k == e+1 || !isRomanOrdinal(runesOf(cs, e+1, k)) {
			return false
		}
		j = k
	}
	return false
}

// markSmallCaps sets the roman numeral of a century, cs[i:j], in small
// capitals as French typography wants it (« xixe siècle », Imprimerie
// nationale): its letters become lower case inside a SmallCaps node, which
// both outputs draw as small capitals. Letters already in small capitals
// or not all in one text node are left alone.
func (s *stream) markSmallCaps(cs []cell, i, j int) {
	p := cs[i].piece
	for k := i; k < j; k++ {
		if cs[k].piece != p || cs[k].flags&(fSup|fSmallCaps) != 0 {
			return
		}
	}
	if p < 0 || s.pieces[p].sc || s.pieces[p].sup {
		return
	}
	for k := i; k < j; k++ {
		cs[k].flags |= fSmallCaps
		cs[k].r = unicode.ToLower(cs[k].r)
	}
}

// splitOrdinal splits a word into a number (digits, or a roman numeral in
// capitals) and the lower-case letters after it; head is "" when the word
// is not of that form.
func splitOrdinal(w string) (head, suffix string) {
	n := 0
	for n < len(w) && isDigit(rune(w[n])) {
		n++
	}
	if n == 0 {
		for n < len(w) && strings.IndexByte("IVXLCDM", w[n]) >= 0 {
			n++
		}
		if n == 0 || !isRoman(w[:n]) {
			return "", ""
		}
	}
	if n == len(w) {
		return "", ""
	}
	for _, r := range w[n:] {
		if !isLetter(r) || strings.ToLower(string(r)) != string(r) {
			return "", ""
		}
	}
	return w[:n], w[n:]
}

// isOrdinalSuffix reports whether suffix makes an ordinal of head as the
// Imprimerie nationale writes it: 1er 1re 1ers 1res, 2d 2de 2ds 2des, 2e
// 3e 3es …; Ier Ire, IIe XIXe XIXes. The single letters L C D M are not
// read as numerals (Le, Ce, De, Me are words).
func isOrdinalSuffix(head, suffix string) bool {
	if head == "" {
		return false
	}
	if isDigit(rune(head[0])) {
		switch suffix {
		case "er", "re", "ers", "res":
			return head == "1"
		case "d", "de", "ds", "des":
			return head == "2"
		case "e", "es":
			return head != "1" && head != "0"
		}
		return false
	}
	if len(head) == 1 && strings.IndexByte("IVX", head[0]) < 0 {
		return false
	}
	switch suffix {
	case "er", "re":
		return head == "I"
	case "e":
		return head != "I"
	case "es":
		return len(head) > 1
	}
	return false
}

// ordinalFix returns how an ordinal written the wrong way is written, or
// "" when the word is no known mistake.
func ordinalFix(head, suffix string) string {
	roman := !isDigit(rune(head[0]))
	if roman && len(head) == 1 && strings.IndexByte("IVX", head[0]) < 0 {
		return ""
	}
	switch suffix {
	case "ème", "eme", "ième", "ieme", "è", "éme", "me":
		if head == "1" || head == "I" {
			return head + "er (or " + head + "re)"
		}
		return head + "e"
	case "èmes", "emes", "ièmes", "iemes":
		return head + "es"
	case "ère", "ere", "ière", "iere":
		if head == "1" || head == "I" {
			return head + "re"
		}
	case "ères", "eres":
		if head == "1" {
			return "1res"
		}
	case "ier":
		if head == "1" {
			return "1er"
		}
	case "e":
		if head == "1" || head == "I" {
			return head + "er (or " + head + "re)"
		}
	case "nd", "nde", "nds", "ndes":
		if head == "2" || head == "II" {
			return head + "d" + strings.TrimPrefix(suffix, "nd")
		}
	}
	return ""
}

// isRoman reports whether w is a well-formed roman numeral in capitals.
func isRoman(w string) bool {
	if w == "" {
		return false
	}
	rest := w
	eat := func(opts ...string) {
		for _, o := range opts {
			if strings.HasPrefix(rest, o) {
				rest = rest[len(o):]
				return
			}
		}
	}
	eat("MMM", "MM", "M")
	eat("CM", "CD", "DCCC", "DCC", "DC", "D", "CCC", "CC", "C")
	eat("XC", "XL", "LXXX", "LXX", "LX", "L", "XXX", "XX", "X")
	eat("IX", "IV", "VIII", "VII", "VI", "V", "III", "II", "I")
	return rest == ""
}

// isRomanOrdinal reports whether w is a roman ordinal such as XIXe.
func isRomanOrdinal(w string) bool {
	h, suf := splitOrdinal(w)
	return h != "" && !isDigit(rune(h[0])) && isOrdinalSuffix(h, suf)
}

// sentenceStart reports whether the word at cs[i] starts a sentence: only
// spaces stand between it and the start of the text, a line break, a
// sentence end, an opening quote or a dialogue dash.
func sentenceStart(cs []cell, i int) bool {
	k := i - 1
	for k >= 0 && isSpace(cs[k].r) {
		k--
	}
	if k < 0 {
		return true
	}
	switch cs[k].r {
	case lineRune, '.', '!', '?', ellipsis, '«', '“', emDash:
		if cs[k].r == '.' && k > 0 && isLetter(cs[k-1].r) && (k < 2 || !isAlnum(cs[k-2].r)) {
			return false // after an initial or M.
		}
		return true
	}
	return false
}

// hasFrench reports whether a piece of the stream is in French.
func (s *stream) hasFrench() bool {
	for i := range s.pieces {
		if s.pieces[i].lang == langFR {
			return true
		}
	}
	return false
}
