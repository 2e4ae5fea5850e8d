package manuscript

import "github.com/publish-books/publish/internal/model"

// maxIndent bounds the indentation of a line, in columns. Goldmark's time
// per line grows with the square of the number of open lists, so a file of
// very deeply indented list items could take minutes; no book needs more
// than a few levels.
const maxIndent = 2 * maxDepth

// limitNesting checks the container prefix of every line (indentation,
// block quote markers ">", list markers) before goldmark sees the file. At
// the first line nested deeper than publish reads, it reports an error and
// returns the source up to that line, so that hostile files stay fast and
// the stack stays small.
func (r *reader) limitNesting(file string, src []byte) []byte {
	line := 1
	for start := 0; start < len(src); line++ {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		cols, markers := prefixDepth(src[start:end])
		switch {
		case markers > maxDepth:
			r.ds.Errorf(model.Position{File: file, Line: line, Col: 1},
				"%d block quotes or lists nested in one another (at most %d): the rest of the chapter is not read", markers, maxDepth)
			return src[:start]
		case cols > maxIndent:
			r.ds.Errorf(model.Position{File: file, Line: line, Col: 1},
				"line indented by %d columns (at most %d): the rest of the chapter is not read", cols, maxIndent)
			return src[:start]
		}
		start = end + 1
	}
	return src
}

// prefixDepth measures the start of a line: its width in columns up to the
// text, and how many block quote and list markers it holds.
func prefixDepth(l []byte) (cols, markers int) {
	i := 0
	space := func(j int) bool { return j >= len(l) || l[j] == ' ' || l[j] == '\t' }
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ':
			cols++
		case c == '\t':
			cols += 4 - cols%4
		case c == '>':
			cols++
			markers++
		case (c == '-' || c == '*' || c == '+') && space(i+1):
			cols++
			markers++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && space(j+1) {
				cols += j + 1 - i
				markers++
				i = j + 1
				continue
			}
			return cols, markers
		default:
			return cols, markers
		}
		i++
	}
	return cols, markers
}
