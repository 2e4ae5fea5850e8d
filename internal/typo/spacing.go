package typo

// spacing sets the spaces around punctuation.
//
// French: a narrow no-break space (U+202F) before ; ! ? and », after «
// (and ‹ ›), a no-break space (U+00A0) before :. The author's spaces there,
// of any kind and number, are replaced by that one space; where there was
// none it is added, unless the sign follows another high sign (?!), an
// opening bracket or the start of a line, or is glued to the next word
// (a?b, 8:30, http://…).
//
// English: the spaces before ; : ! ? are removed.
func (s *stream) spacing(in, out []cell) []cell {
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch c.r {
		case ';', '!', '?', ':', '»', '›', '«', '‹':
		default:
			out = append(out, c) // most cells: no sign the pass spaces
			continue
		}
		if c.piece < 0 || c.flags&fProtected != 0 {
			out = append(out, c)
			continue
		}
		switch s.pieces[c.piece].lang {
		case langFR:
			switch c.r {
			case ';', '!', '?', ':':
				out = s.spaceBefore(in, out, i, c)
				continue
			case '»', '›':
				out = spaceBeforeClosing(out, c)
				continue
			case '«', '‹':
				out, i = spaceAfterOpening(in, out, i, c)
				continue
			}
		case langEN:
			if isHighPunct(c.r) {
				trimmed, _ := popSpaces(out)
				// The space after an address stays: without it the sign
				// would read as part of the address.
				if len(trimmed) < len(out) && len(trimmed) > 0 && !isOpening(lastRune(trimmed)) &&
					lastRune(trimmed) != lineRune && trimmed[len(trimmed)-1].flags&fProtected == 0 {
					out = trimmed
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// spacingMayChange reports whether the spacing pass can change in: a
// French text holds one of the signs it spaces, or an English high sign
// follows a space. Otherwise the pass would copy every cell as it is.
func (s *stream) spacingMayChange(in []cell) bool {
	for i, c := range in {
		switch c.r {
		case ';', '!', '?', ':':
		case '»', '›', '«', '‹':
		default:
			continue
		}
		if c.piece < 0 || c.flags&fProtected != 0 {
			continue
		}
		switch s.pieces[c.piece].lang {
		case langFR:
			return true
		case langEN:
			if isHighPunct(c.r) && i > 0 && isSpace(in[i-1].r) {
				return true
			}
		}
	}
	return false
}

// spaceBefore writes the French high sign c (at in[i]) with the space it
// takes before it.
func (s *stream) spaceBefore(in, out []cell, i int, c cell) []cell {
	sp := nnbsp
	if c.r == ':' {
		sp = nbsp
	}
	trimmed, pc := popSpaces(out)
	if pc >= 0 { // the author put a space: set the right one
		if len(trimmed) == 0 || lastRune(trimmed) == lineRune {
			return append(out, c) // spaces at the start of a line: leave them
		}
		return append(trimmed, cell{r: sp, piece: pc}, c)
	}
	prev, next := lastRune(out), runeAt(in, i+1)
	if prev == 0 || prev == lineRune || isOpening(prev) || isHighPunct(prev) {
		return append(out, c)
	}
	if c.r == ':' && isDigit(prev) && isDigit(next) {
		return append(out, c) // a time or a ratio: 8:30, 1:25
	}
	if !signEndsHere(next) || (next == c.r && (c.r == ':' || c.r == ';')) {
		return append(out, c) // glued to what follows: a?b, x:y
	}
	return append(out, cell{r: sp, piece: c.piece}, c)
}

// signEndsHere reports whether a punctuation sign followed by r stands at
// the end of a word group (so that it takes its French space).
func signEndsHere(r rune) bool {
	if closesContext(r) {
		return true
	}
	switch r {
	case '"', '\'', '“', '‘':
		return true
	}
	return false
}

// spaceBeforeClosing writes a closing guillemet with a narrow no-break
// space before it.
func spaceBeforeClosing(out []cell, c cell) []cell {
	trimmed, pc := popSpaces(out)
	if len(trimmed) == 0 || lastRune(trimmed) == lineRune {
		return append(out, c)
	}
	if pc < 0 {
		pc = c.piece
	}
	return append(trimmed, cell{r: nnbsp, piece: pc}, c)
}

// spaceAfterOpening writes an opening guillemet and a narrow no-break
// space after it, replacing the author's spaces; it returns the index of
// the last character used.
func spaceAfterOpening(in, out []cell, i int, c cell) ([]cell, int) {
	out = append(out, c)
	j := i + 1
	pc := c.piece
	for j < len(in) && isSpace(in[j].r) && in[j].piece >= 0 && in[j].flags&fProtected == 0 {
		if j == i+1 {
			pc = in[j].piece
		}
		j++
	}
	if j == len(in) || in[j].r == lineRune {
		return append(out, in[i+1:j]...), j - 1 // nothing follows: leave it
	}
	return append(out, cell{r: nnbsp, piece: pc}), j - 1
}
