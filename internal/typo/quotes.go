package typo

// quoteOpen is an open quotation in the quotes pass.
type quoteOpen struct {
	r        rune // the opening mark as set: « “ ‘
	straight bool // typed as a straight quote
}

// quotes turns straight quotes into the language's quotation marks and
// the straight apostrophe into ’. French: "…" gives « … » (spaces are set
// by the spacing pass), and “…” inside a quotation; English: “…” and ‘…’.
//
// A straight quote touching code ('`x`') is left straight: it belongs to
// what is quoted literally, and curly marks around code would be read as
// part of it.
//
// The pass changes characters and never adds or removes one, so it edits
// in in place and returns it: what it reads before in[i] (the mark just
// set, the flags of code) is what a copy would hold, and what it reads
// after in[i] is not written yet.
func (s *stream) quotes(in []cell) []cell {
	stack := s.stack[:0]
	lastClose := lastSingleClose(in)
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch c.r {
		case '"', '\'', '«', '“', '‹', '»', '”', '›':
		default:
			continue // most cells: no mark to set or to follow
		}
		if c.flags&fProtected != 0 || c.piece < 0 {
			continue
		}
		lg := s.pieces[c.piece].lang
		if (c.r == '"' || c.r == '\'') && (lg == langFR || lg == langEN) && touchesCode(in, i) {
			continue
		}
		switch c.r {
		case '"':
			if lg != langFR && lg != langEN {
				break
			}
			prev, next := lastRune(in[:i]), runeAt(in, i+1)
			open := opensContext(prev) && !closesContext(next)
			closeq := !opensContext(prev) && closesContext(next)
			if open == closeq { // both or neither: the open quotations decide
				open = len(stack) == 0 || !stack[len(stack)-1].straight
			}
			if open {
				r := '“'
				if lg == langFR && len(stack) == 0 {
					r = '«'
				}
				stack = append(stack, quoteOpen{r: r, straight: true})
				c.r = r
				break
			}
			c.r = '”'
			if len(stack) > 0 {
				c.r = closing(stack[len(stack)-1].r)
				stack = stack[:len(stack)-1]
			} else if lg == langFR {
				c.r = '»'
			}
		case '\'':
			c.r = apostrophe(in, in[:i], i, lg)
			if c.r == '‘' && lastClose <= i {
				// Nothing later in the paragraph can close it: an
				// elision ('arf, 'ave), as pandoc reads it.
				c.r = '’'
			}
		case '«', '“', '‹':
			stack = append(stack, quoteOpen{r: c.r})
		case '»', '”', '›':
			if len(stack) > 0 && closing(stack[len(stack)-1].r) == c.r {
				stack = stack[:len(stack)-1]
			}
		}
		in[i] = c
	}
	s.stack = stack
	return in
}

// hasStraightQuote reports whether a straight quote stands in cs: without
// one, the quotes pass has nothing to set (curly marks only open and close
// quotations).
func hasStraightQuote(cs []cell) bool {
	for _, c := range cs {
		if c.r == '"' || c.r == '\'' {
			return true
		}
	}
	return false
}

// closing returns the mark that closes r.
func closing(r rune) rune {
	switch r {
	case '«':
		return '»'
	case '‹':
		return '›'
	case '‘':
		return '’'
	}
	return '”'
}

// apostrophe decides what a straight single quote at in[i] becomes.
func apostrophe(in, out []cell, i int, lg lang) rune {
	prev, next := lastRune(out), runeAt(in, i+1)
	switch lg {
	case langFR:
		return '’' // French marks quotations with guillemets only
	case langEN:
		if isAlnum(prev) || !opensContext(prev) || !isAlnum(next) {
			return '’'
		}
		if elided(in, i+1) {
			return '’'
		}
		return '‘'
	}
	if isAlnum(prev) && isAlnum(next) {
		return '’'
	}
	return '\''
}

// touchesCode reports whether the cell before or after in[i] is a code
// span.
func touchesCode(in []cell, i int) bool {
	return (i > 0 && in[i-1].flags&fCode != 0) || (i+1 < len(in) && in[i+1].flags&fCode != 0)
}

// lastSingleClose returns the index of the last straight single quote in
// in that could close a quotation (after a character that is not a space,
// before one that ends a word), or -1.
func lastSingleClose(in []cell) int {
	for i := len(in) - 1; i > 0; i-- {
		c := in[i]
		if c.r != '\'' || c.piece < 0 || c.flags&fProtected != 0 {
			continue
		}
		if p := in[i-1].r; !opensContext(p) && closesContext(runeAt(in, i+1)) {
			return i
		}
	}
	return -1
}

// elidedWords begin with an apostrophe in English ('tis, 'em, rock 'n'
// roll, and the dropped aitches of dialogue: 'arf, 'ave, 'im).
var elidedWords = map[string]bool{
	"tis": true, "twas": true, "twere": true, "twill": true, "twould": true,
	"em": true, "til": true, "cause": true, "cos": true, "n": true, "round": true, "bout": true,
	"neath": true, "gainst": true, "mongst": true, "midst": true, "fore": true, "tween": true, "twixt": true,
	"e": true, "arf": true, "ave": true, "aving": true, "im": true, "imself": true, "ere": true, "ow": true,
	"ome": true, "ouse": true, "ead": true, "eart": true, "orse": true, "ell": true, "ullo": true, "ello": true,
	"nuff": true, "scuse": true, "spose": true, "prentice": true, "un": true, "uns": true, "ud": true,
}

// elided reports whether the word at in[j] lost its first letters ('44,
// '90s, 'tis), so that the quote before it is an apostrophe.
func elided(in []cell, j int) bool {
	if j+1 < len(in) && isDigit(in[j].r) && isDigit(in[j+1].r) && !isDigit(runeAt(in, j+2)) {
		return true
	}
	var w [8]rune
	n := 0
	for k := j; k < len(in) && isLetter(in[k].r); k++ {
		if n == len(w) {
			return false
		}
		r := in[k].r
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		w[n] = r
		n++
	}
	return elidedWords[string(w[:n])]
}

// lastRune returns the last character written, or 0 at the start.
func lastRune(out []cell) rune {
	if len(out) == 0 {
		return 0
	}
	return out[len(out)-1].r
}

// runeAt returns in[i], or 0 past the end.
func runeAt(in []cell, i int) rune {
	if i < 0 || i >= len(in) {
		return 0
	}
	return in[i].r
}
