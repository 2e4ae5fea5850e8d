package manuscript

import (
	"fmt"
	"strings"
)

// Attributes are pandoc-style attributes: {#id .class key=value}.
type Attributes struct {
	ID      string
	Classes []string
	Values  map[string]string
	Keys    []string // the keys in the order written
}

// ParseAttributes reads the inside or the whole of a {…} attribute block.
func ParseAttributes(s string) (a Attributes, err error) {
	a = Attributes{Values: map[string]string{}}
	s = strings.TrimSpace(s)
	var unclosed error
	if strings.HasPrefix(s, "{") {
		if strings.HasSuffix(s, "}") {
			s = s[1 : len(s)-1]
		} else {
			// Read what is there, so that the alt text and credit
			// are not reported missing as well.
			unclosed = fmt.Errorf("attribute block is not closed with }")
			s = s[1:]
		}
	}
	defer func() {
		if err == nil {
			err = unclosed
		}
	}()
	rs := []rune(s)
	i := 0
	for i < len(rs) {
		for i < len(rs) && isSpace(rs[i]) {
			i++
		}
		if i >= len(rs) {
			break
		}
		start := i
		for i < len(rs) && !isSpace(rs[i]) && rs[i] != '=' {
			i++
		}
		word := string(rs[start:i])
		if i < len(rs) && rs[i] == '=' {
			i++
			var val []rune
			if i < len(rs) && (rs[i] == '"' || rs[i] == '\'') {
				q := rs[i]
				i++
				closed := false
				for i < len(rs) {
					if rs[i] == '\\' && i+1 < len(rs) && (rs[i+1] == q || rs[i+1] == '\\') {
						val = append(val, rs[i+1])
						i += 2
						continue
					}
					if rs[i] == q {
						closed = true
						i++
						break
					}
					val = append(val, rs[i])
					i++
				}
				if !closed {
					return a, fmt.Errorf("attribute %s: the quoted value is not closed", word)
				}
			} else {
				for i < len(rs) && !isSpace(rs[i]) {
					val = append(val, rs[i])
					i++
				}
			}
			if word == "" {
				return a, fmt.Errorf("attribute value without a name")
			}
			if _, dup := a.Values[word]; dup {
				return a, fmt.Errorf("attribute %s is given twice", word)
			}
			a.Values[word] = string(val)
			a.Keys = append(a.Keys, word)
			continue
		}
		switch {
		case strings.HasPrefix(word, "#") && len(word) > 1:
			if a.ID != "" {
				return a, fmt.Errorf("two ids: %s and #%s", word, a.ID)
			}
			a.ID = word[1:]
		case strings.HasPrefix(word, ".") && len(word) > 1:
			a.Classes = append(a.Classes, word[1:])
		case word == "-":
			a.Classes = append(a.Classes, "unnumbered")
		default:
			return a, fmt.Errorf("%q is not an attribute: write #id, .class or key=value", word)
		}
	}
	return a, nil
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }
