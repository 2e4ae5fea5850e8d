package yamlfile

// unclosedBracket returns the line and column (1-based, in characters) of
// the last flow bracket, [ or {, that is still open at line:col (the
// token the parser stopped at), or ok false when every bracket before it
// is closed. The parser reports an unclosed bracket at the next token,
// often on the next line; the bracket is where the fix belongs. Quoted
// strings and comments are skipped.
func unclosedBracket(data []byte, line, col int) (bl, bc int, ok bool) {
	type open struct{ line, col int }
	var stack []open
	l, c := 1, 0
	var quote byte
	prev := byte(' ')
	for i := 0; i < len(data); i++ {
		ch := data[i]
		if ch == '\n' {
			l, c, prev = l+1, 0, ' '
			continue
		}
		if ch&0xC0 != 0x80 {
			c++
		}
		if l > line || l == line && c >= col {
			break
		}
		switch {
		case quote == '"':
			if ch == '\\' && i+1 < len(data) && data[i+1] != '\n' {
				i++
				c++
			} else if ch == '"' {
				quote = 0
			}
		case quote == '\'':
			if ch == '\'' {
				quote = 0
			}
		case (ch == '"' || ch == '\'') && isFlowBoundary(prev):
			quote = ch
		case ch == '#' && (prev == ' ' || prev == '\t'):
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case ch == '[' || ch == '{':
			stack = append(stack, open{l, c})
		case (ch == ']' || ch == '}') && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
		prev = ch
	}
	if len(stack) == 0 {
		return 0, 0, false
	}
	top := stack[len(stack)-1]
	return top.line, top.col, true
}

// isFlowBoundary reports whether a quote after b starts a quoted string
// (an apostrophe inside a word, as in l'homme, does not).
func isFlowBoundary(b byte) bool {
	switch b {
	case ' ', '\t', '[', '{', ',', ':', '-':
		return true
	}
	return false
}
