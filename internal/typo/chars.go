package typo

import "unicode"

// The characters the rules put in the text.
const (
	nbsp     = '\u00A0' // no-break space, before « : » and in numbers with units
	nnbsp    = '\u202F' // narrow no-break space, before « ; ! ? » and inside guillemets
	ellipsis = '…'
	enDash   = '–'
	emDash   = '—'

	// atomRune stands in the stream for an inline that is not text (code,
	// a note call, raw HTML): it reads as part of a word and is never
	// changed.
	atomRune = '\uFFFC'
	// lineRune stands for a hard line break.
	lineRune = '\u2028'
)

// isSpace reports whether r is a horizontal space, breakable or not.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', nbsp, nnbsp, '\u205F', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200A'
}

// isLetter reports whether r is a letter (not atomRune, which reads as
// part of a word but is no letter).
func isLetter(r rune) bool {
	if uint32(r) < latinRunes {
		return latinClass[r]&classLetter != 0
	}
	return isLetterBeyondLatin(r)
}

// isLetterBeyondLatin is isLetter for the runes latinClass does not hold,
// apart so that isLetter is inlined where it is called.
func isLetterBeyondLatin(r rune) bool {
	return !inGeneralPunctuation(r) && r != atomRune && unicode.IsLetter(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isAlnum reports whether r belongs to a word.
func isAlnum(r rune) bool {
	if uint32(r) < latinRunes {
		return latinClass[r]&(classLetter|classDigit) != 0
	}
	return isAlnumBeyondLatin(r)
}

// isAlnumBeyondLatin is isAlnum for the runes latinClass does not hold,
// apart so that isAlnum is inlined where it is called.
func isAlnumBeyondLatin(r rune) bool {
	return !inGeneralPunctuation(r) && r != atomRune && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// inGeneralPunctuation reports whether r is in Unicode's General
// Punctuation block (U+2000 to U+206F), which holds no letter and no
// digit: the typographer's apostrophe, the narrow no-break space, the
// dashes and the ellipsis of a French text, which unicode's tables took a
// search each to tell apart from letters.
func inGeneralPunctuation(r rune) bool { return uint32(r)-0x2000 < 0x70 }

// latinRunes bounds the runes whose class latinClass holds (Latin,
// Latin-1, Latin Extended-A and -B: French and English text), so that
// the rules, which ask of every character of a book whether it is a
// letter, read a table instead of calling into unicode (a tenth of the
// time of the rules).
const latinRunes = 0x250

// The classes of latinClass.
const (
	classLetter = 1 << iota
	classDigit
)

// latinClass is the class of each rune below latinRunes, by unicode.
var latinClass = func() (t [latinRunes]uint8) {
	for r := range rune(latinRunes) {
		if unicode.IsLetter(r) {
			t[r] |= classLetter
		}
		if unicode.IsDigit(r) {
			t[r] |= classDigit
		}
	}
	return t
}()

// opensContext reports whether a quote after r starts a quotation: r is the
// start of the text (0), a space, a line break or an opening sign.
func opensContext(r rune) bool {
	if r == 0 || r == lineRune || isSpace(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '«', '‹', '“', '‘', emDash, enDash, '-', '/':
		return true
	}
	return false
}

// closesContext reports whether a quote before r ends a quotation: r is
// the end of the text (0), a space, a line break, punctuation or a note
// call.
func closesContext(r rune) bool {
	if r == 0 || r == lineRune || r == atomRune || isSpace(r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '»', '›', '”', '’', ellipsis, '-', enDash, emDash:
		return true
	}
	return false
}

// isOpening reports whether r opens something, so that no space is put
// between it and the punctuation that follows.
func isOpening(r rune) bool {
	switch r {
	case '(', '[', '{', '«', '‹', '“', '‘':
		return true
	}
	return false
}

// isHighPunct reports whether r is one of the French "high" signs that
// take a space before them.
func isHighPunct(r rune) bool { return r == ';' || r == ':' || r == '!' || r == '?' }
