package manuscript

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a title or file name into an identifier usable as an XML id:
// lower case ASCII letters, digits and hyphens, starting with a letter.
func Slug(s string, prefix string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
			dash = false
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
			dash = false
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() > 60 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return prefix
	}
	if c := out[0]; c < 'a' || c > 'z' {
		out = prefix + "-" + out
	}
	return out
}

// HeadingID turns a heading's text into its automatic id by pandoc's
// auto_identifiers rules, so that a manuscript's links to headings read
// the same in pandoc: every character but letters, digits, '_', '-' and
// '.' is left out, spaces become hyphens, letters are lower-cased, and
// everything before the first letter is dropped ("Extension:
// `auto_identifiers`" gives "extension-auto_identifiers"; « 2. Les
// combats à Calais » gives "les-combats-à-calais"). An empty result is
// "section".
func HeadingID(text string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '_' || r == '-' || r == '.':
			if b.Len() == 0 && !unicode.IsLetter(r) {
				continue
			}
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r):
			if b.Len() > 0 {
				b.WriteByte('-')
			}
		}
	}
	out := b.String()
	if out == "" {
		return "section"
	}
	return out
}
