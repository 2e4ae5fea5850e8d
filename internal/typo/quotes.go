package typo

// quoteOpen is an open quotation in the quotes pass.
type quoteOpen struct {
	r        rune // the opening mark as set: « “ ‘
	straight bool // typed as a straight quote
}

// quotes turns straight quotes into the language's quotation marks and
// the straight apostrophe into ’. French: "…" gives « … » (spaces are set
// by the spacing pass), and “…” inside a quotation; English: “…” and ‘…’.
func (s *stream) quotes(in, out []cell) []cell {
	stack := s.stack[:0]
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c.flags&fProtected != 0 || c.piece < 0 {
			out = append(out, c)
			continue
		}
		lg := s.pieces[c.piece].lang
		switch c.r {
		case '"':
			if lg != langFR && lg != langEN {
				break
			}
			prev, next := lastRune(out), runeAt(in, i+1)
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
			c.r = apostrophe(in, out, i, lg)
		case '«', '“', '‹':
			stack = append(stack, quoteOpen{r: c.r})
		case '»', '”', '›':
			if len(stack) > 0 && closing(stack[len(stack)-1].r) == c.r {
				stack = stack[:len(stack)-1]
			}
		}
		out = append(out, c)
	}
	s.stack = stack
	return out
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

// elidedWords begin with an apostrophe in English ('tis, 'em, rock 'n' roll).
var elidedWords = map[string]bool{"tis": true, "twas": true, "em": true, "til": true, "cause": true, "n": true, "round": true, "bout": true}

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
