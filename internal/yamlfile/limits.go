package yamlfile

import "github.com/publish-books/publish/internal/model"

// MaxNesting bounds how deeply flow collections ([ and {) nest, and
// MaxIndent how far a line is indented: the YAML parser's time grows
// faster than the size of the file with nesting (100 000 nested [ take
// minutes), and no publish file needs more than a few levels.
const (
	MaxNesting = 100
	MaxIndent  = 400
)

// MaxSize bounds the size of a YAML file: the parser reads about a
// megabyte a second, and 16 MiB of CSL-JSON holds some 60 000 sources.
const MaxSize = 16 << 20

// checkNesting finds the first place where data nests deeper than the
// limits, without parsing it: quoted text and comments are skipped.
func checkNesting(file string, data []byte) (model.Diagnostic, bool) {
	line, col := 1, 0
	depth := 0
	var quote byte
	lineStart := true
	indent := 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\n' {
			line, col, lineStart, indent = line+1, 0, true, 0
			if quote == '\'' || quote == '"' {
				lineStart = false
			}
			continue
		}
		if c&0xC0 != 0x80 { // count characters, not bytes
			col++
		}
		if lineStart {
			if c == ' ' {
				indent++
				if indent > MaxIndent {
					return model.Diagnostic{Pos: model.Position{File: file, Line: line, Col: col}, Severity: model.Error,
						Message: "line indented more than 400 columns: publish reads no YAML nested this deep"}, true
				}
				continue
			}
			lineStart = false
		}
		switch {
		case quote == '"':
			if c == '\\' {
				i++
				col++
			} else if c == '"' {
				quote = 0
			}
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n'):
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			depth++
			if depth > MaxNesting {
				return model.Diagnostic{Pos: model.Position{File: file, Line: line, Col: col}, Severity: model.Error,
					Message: "more than 100 nested [ ] or { }: publish reads no YAML nested this deep"}, true
			}
		case (c == ']' || c == '}') && depth > 0:
			depth--
		}
	}
	return model.Diagnostic{}, false
}
