package manuscript

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// scriptKind is the goldmark node kind of a subscript or superscript.
var scriptKind = ast.NewNodeKind("Script")

// scriptNode is pandoc's ~subscript~ or ^superscript^ as found by the
// parser.
type scriptNode struct {
	ast.BaseInline
	Sub bool
}

func (n *scriptNode) Kind() ast.NodeKind { return scriptKind }

func (n *scriptNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// scriptDelims pairs the delimiters of one character: "~~" with "~~"
// (strikeout), "~" with "~" (subscript), "^" with "^" (superscript).
type scriptDelims struct{ char byte }

func (d *scriptDelims) IsDelimiter(b byte) bool { return b == d.char }

func (d *scriptDelims) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char && opener.OriginalLength == closer.OriginalLength
}

func (d *scriptDelims) OnMatch(consumes int) ast.Node {
	if consumes == 2 {
		return newStrikeout()
	}
	return &scriptNode{Sub: d.char == '~'}
}

var (
	tildeDelims = &scriptDelims{char: '~'}
	caretDelims = &scriptDelims{char: '^'}
)

// parseScript reads a single "~" or "^" by pandoc's rule for subscripts
// and superscripts: the text up to the next one holds no unescaped space
// (so "5~10 km à 20~30 km" keeps its tildes) and is not empty. It pushes
// an opening delimiter when the closing one is ahead on the line, a
// closing one where an opened script ends, and returns nil otherwise.
func parseScript(d *scriptDelims, parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	s := scanOf(parent, block, pc)
	var node *parser.Delimiter
	if s.scriptEnds[seg.Start] {
		delete(s.scriptEnds, seg.Start)
		node = parser.NewDelimiter(false, true, 1, d.char, d)
	} else {
		end := scriptEnd(line, d.char)
		if end < 0 {
			return nil
		}
		s.scriptEnds[seg.Start+end] = true
		node = parser.NewDelimiter(true, false, 1, d.char, d)
	}
	node.Segment = seg.WithStop(seg.Start + 1)
	block.Advance(1)
	pc.PushDelimiter(node)
	return node
}

// scriptEnd returns the index in line of the character that closes the
// script line opens, or -1.
func scriptEnd(line []byte, char byte) int {
	if len(line) < 3 || line[1] == char {
		return -1
	}
	for i := 1; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && line[i+1] != '\n':
			i++
		case c == char:
			if i == 1 || i+1 < len(line) && line[i+1] == char {
				return -1
			}
			return i
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return -1
		}
	}
	return -1
}
