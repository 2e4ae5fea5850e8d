package yamlfile

// unclosedBracket returns the line and column (1-based, in characters) of
// the innermost flow bracket, [ or {, that opens before line:col (the
// token the parser stopped at) and is never closed in the file, or ok
// false when there is none: the parser reports an unclosed bracket at the
// next token, often on the next line, and the bracket is where the fix
// belongs. A bracket closed later (the error is a missing comma inside
// it) keeps the parser's position. Quoted strings and comments are
// skipped.
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
	for i := len(stack) - 1; i >= 0; i-- {
		if o := stack[i]; o.line < line || o.line == line && o.col < col {
			return o.line, o.col, true
		}
	}
	return 0, 0, false
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
