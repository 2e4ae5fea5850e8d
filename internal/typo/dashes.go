package typo

// dashes sets ellipses and dashes:
//   - "..." becomes "…" (in every language);
//   - in French running text, a paragraph or line that opens with "- ",
//     "-- ", "– " or "— " is dialogue: "—" and a no-break space;
//   - "...." becomes "…" in French (the ellipsis takes the place of the
//     full stop, Imprimerie nationale) and "…." elsewhere (an ellipsis and
//     a full stop, as pandoc sets it);
//   - a hyphen (or "--") between spaces becomes an en dash, "---" an em
//     dash; as pandoc's smart rules, every other "--" that touches a
//     word is an en dash and "---" an em dash (in French too: "papa
//     ?--Oui"); one that touches none ("-->", a lone "--") is left as
//     typed;
//   - in French, spaced dashes around an aside are tied to it: a no-break
//     space after the opening dash and before the closing one; a dash
//     after a space and glued to the punctuation that follows it
//     ("prostitution —,") closes an aside and is tied to the word before.
func (s *stream) dashes(in, out []cell, dialogue bool) []cell {
	aside := false    // a French aside dash is open in this sentence
	lineStart := true // nothing but spaces since the start or a line break
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c.r == lineRune {
			aside, lineStart = false, true
			out = append(out, c)
			continue
		}
		if c.piece < 0 || c.flags&fProtected != 0 {
			lineStart = false
			out = append(out, c)
			continue
		}
		if lineStart && isSpace(c.r) {
			out = append(out, c)
			continue
		}
		lg := s.pieces[c.piece].lang
		if lineStart {
			lineStart = false
			if dialogue && lg == langFR {
				if n := dialogueDash(in, i); n > 0 {
					out = append(out, cell{r: emDash, piece: c.piece}, cell{r: nbsp, piece: c.piece})
					i += n - 1
					continue
				}
			}
		}
		switch c.r {
		case '.':
			n := run(in, i, '.')
			switch {
			case n == 3:
				c.r = ellipsis
				out = append(out, c)
			case n == 4 && lg == langFR:
				c.r = ellipsis
				out = append(out, c)
			case n == 4:
				c.r = ellipsis
				out = append(out, c, in[i+3])
			default:
				out = append(out, in[i:i+n]...)
			}
			i += n - 1
			if closesContext(runeAt(in, i+1)) {
				aside = false
			}
			continue
		case '!', '?', ellipsis:
			if closesContext(runeAt(in, i+1)) {
				aside = false // the sentence ends
			}
		case '-':
			if lg != langFR && lg != langEN {
				break
			}
			n := run(in, i, '-')
			prev, next := lastRune(out), runeAt(in, i+n)
			spaced := isSpace(prev) && isSpace(next)
			var d rune
			switch {
			case spaced && n <= 2:
				d = enDash
			case spaced && n == 3:
				d = emDash
			case n == 3 && isAlnum(prev) && isAlnum(next):
				d = emDash
			case n == 2 && isDigit(prev) && isDigit(next):
				d = enDash
			case n == 2 && isAlnum(prev) && isAlnum(next):
				d = enDash
			case lg == langFR && aside && isSpace(prev) && closingPunct(next) && n <= 3:
				d = enDash // "- déjà -," closes the aside
				if n == 3 {
					d = emDash
				}
			case n == 2 && (wordSide(prev) || wordSide(next)):
				d = enDash // pandoc's rule, next to punctuation too
			case n == 3 && (wordSide(prev) || wordSide(next)):
				d = emDash
			}
			if d == 0 {
				out = append(out, in[i:i+n]...)
				i += n - 1
				continue
			}
			c.r = d
			i += n - 1
			if spaced && lg == langFR {
				out, i, aside = s.asideDash(in, out, i, c, aside)
				continue
			}
			if lg == langFR && isSpace(prev) && closingPunct(next) {
				out, aside = tieClosingDash(out, c), false
				continue
			}
		case enDash, emDash:
			if lg == langFR && isSpace(lastRune(out)) && isSpace(runeAt(in, i+1)) {
				out, i, aside = s.asideDash(in, out, i, c, aside)
				continue
			}
			if lg == langFR && isSpace(lastRune(out)) && closingPunct(runeAt(in, i+1)) {
				out, aside = tieClosingDash(out, c), false
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// dashesMayChange reports whether the dashes pass can change in: it
// holds a dash, three full stops in a row, or a hyphen other than one
// alone inside a word ("peut-être", which the pass leaves: a lone hyphen
// changes only with a space before it, or at a line's start). Otherwise
// the pass would copy every cell as it is.
func dashesMayChange(in []cell) bool {
	for i, c := range in {
		switch c.r {
		case '-':
			if i > 0 && i+1 < len(in) && in[i-1].r != '-' && in[i+1].r != '-' && !isSpace(in[i-1].r) && in[i-1].r != lineRune {
				continue
			}
			return true
		case enDash, emDash:
			return true
		case '.':
			if i+2 < len(in) && in[i+1].r == '.' && in[i+2].r == '.' {
				return true
			}
		}
	}
	return false
}

// asideDash writes the spaced dash c (standing at in[i]) of a French aside:
// the opening dash is followed by a no-break space, the closing one is
// preceded by one. It returns the output, the index of the last character
// used and whether an aside is now open.
func (s *stream) asideDash(in, out []cell, i int, c cell, open bool) ([]cell, int, bool) {
	if open {
		out, pc := popSpaces(out)
		if pc < 0 {
			pc = c.piece
		}
		out = append(out, cell{r: nbsp, piece: pc}, c)
		return out, i, false
	}
	j := i + 1
	for j < len(in) && isSpace(in[j].r) && in[j].piece >= 0 && in[j].flags&fProtected == 0 {
		j++
	}
	if j == len(in) || in[j].r == lineRune {
		// A dash ending the text: keep the spaces as written.
		return append(out, c), i, true
	}
	out = append(out, c, cell{r: nbsp, piece: in[i+1].piece})
	return out, j - 1, true
}

// dialogueDash returns how many characters the dialogue dash at in[i]
// takes (the dash and the spaces after it), or 0 if there is none.
func dialogueDash(in []cell, i int) int {
	j := i
	switch in[i].r {
	case '-':
		n := run(in, i, '-')
		if n > 3 {
			return 0
		}
		j += n
		if n >= 2 && j < len(in) && isLetter(in[j].r) {
			return j - i // "--Bonjour" as "—Bonjour", which "--" would become
		}
	case enDash, emDash:
		j++
		if j < len(in) && isLetter(in[j].r) {
			return j - i // "—Bonjour": the space is added
		}
	default:
		return 0
	}
	k := j
	for k < len(in) && isSpace(in[k].r) && in[k].piece >= 0 {
		k++
	}
	if k == j || k == len(in) || in[k].r == lineRune || isSpace(in[k].r) {
		return 0
	}
	return k - i
}

// run counts the unprotected characters r from in[i] on.
func run(in []cell, i int, r rune) int {
	n := 0
	for i+n < len(in) && in[i+n].r == r && in[i+n].flags&fProtected == 0 && in[i+n].piece >= 0 {
		n++
	}
	return n
}

// popSpaces removes the unprotected spaces at the end of out and returns
// the piece of the first one removed (-1 if none).
func popSpaces(out []cell) ([]cell, int32) {
	pc := int32(-1)
	for len(out) > 0 {
		c := out[len(out)-1]
		if !isSpace(c.r) || c.piece < 0 || c.flags&fProtected != 0 {
			break
		}
		pc = c.piece
		out = out[:len(out)-1]
	}
	return out, pc
}

// closingPunct reports whether r is punctuation that a closing dash is
// glued to ("—," "—." "—)").
func closingPunct(r rune) bool {
	switch r {
	case ',', '.', ';', ':', '!', '?', ')', ']', ellipsis, '»':
		return true
	}
	return false
}

// tieClosingDash writes the closing dash c of a French aside that is
// glued to the punctuation after it: the spaces before it become one
// no-break space, so that the dash and its punctuation never start a
// line.
func tieClosingDash(out []cell, c cell) []cell {
	out, pc := popSpaces(out)
	if pc < 0 {
		pc = c.piece
	}
	return append(out, cell{r: nbsp, piece: pc}, c)
}

// wordSide reports whether r, beside a "--", belongs to the text: a letter,
// a digit or a quotation mark ("--“who rides", "Yes---\"").
func wordSide(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»':
		return true
	}
	return isAlnum(r)
}
