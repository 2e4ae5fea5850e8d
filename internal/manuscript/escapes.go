package manuscript

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/rawhtml"
)

// unescapeText returns the text a Markdown text segment stands for: a
// backslash before ASCII punctuation is dropped ("\*" is "*"), an escaped
// space is a no-break space (as in pandoc), and entity and numeric
// character references become their characters ("&nbsp;", "&#42;",
// "&#x22;"), in one pass, so that "\&amp;" stays "&amp;".
func unescapeText(src []byte) string {
	if !hasEscapes(src) {
		return string(src)
	}
	var b strings.Builder
	b.Grow(len(src))
	for i := 0; i < len(src); {
		c := src[i]
		if c == '\\' && i+1 < len(src) && src[i+1] == ' ' {
			b.WriteString("\u00a0") // pandoc: an escaped space does not break
			i += 2
			continue
		}
		if c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]) {
			b.WriteByte(src[i+1])
			i += 2
			continue
		}
		if c == '&' {
			if s, n := characterReference(src[i:]); n > 0 {
				b.WriteString(s)
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func hasEscapes(src []byte) bool {
	for _, c := range src {
		if c == '\\' || c == '&' {
			return true
		}
	}
	return false
}

// unescapeString is unescapeText for a string.
func unescapeString(s string) string { return unescapeText([]byte(s)) }

// characterReference reads an entity or numeric character reference at
// the start of src ("&amp;", "&#233;", "&#xE9;") and returns its text and
// its length, or 0 when src does not start with one. As CommonMark says,
// a numeric reference to 0 or to a code point that cannot be written
// stands for U+FFFD; so does one to a character XML refuses.
func characterReference(src []byte) (string, int) {
	if len(src) < 3 || src[0] != '&' {
		return "", 0
	}
	if src[1] == '#' {
		i, base := 2, 10
		if i < len(src) && (src[i] == 'x' || src[i] == 'X') {
			i, base = 3, 16
		}
		start := i
		for i < len(src) && i-start < 8 && isDigitIn(src[i], base) {
			i++
		}
		digits := i - start
		if digits == 0 || i >= len(src) || src[i] != ';' || (base == 10 && digits > 7) || (base == 16 && digits > 6) {
			return "", 0
		}
		v, err := strconv.ParseUint(string(src[start:i]), base, 32)
		r := rune(v)
		if err != nil || r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		if _, bad := rawhtml.CleanText(string(r)); bad {
			r = utf8.RuneError // a control character XML refuses (&#1;)
		}
		return string(r), i + 1
	}
	i := 1
	for i < len(src) && i < 40 && (src[i] >= 'a' && src[i] <= 'z' || src[i] >= 'A' && src[i] <= 'Z' || i > 1 && src[i] >= '0' && src[i] <= '9') {
		i++
	}
	if i == 1 || i >= len(src) || src[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(src[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

func isDigitIn(c byte, base int) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case base == 16:
		return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
	return false
}
