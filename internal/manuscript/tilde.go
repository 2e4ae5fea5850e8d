package manuscript

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tildeParser reads pandoc's tildes: "~~text~~" is struck out (by the
// flanking rules of emphasis), "~text~" is a subscript (H~2~O). It
// replaces goldmark's strikethrough extension, which knows no subscript.
type tildeParser struct{}

func (tildeParser) Trigger() []byte { return []byte{'~'} }

func (tildeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '~' {
		return nil // inside a longer run, which stays text
	}
	line, seg := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == '~' {
		n++
	}
	switch n {
	case 1:
		return parseScript(tildeDelims, parent, block, pc)
	case 2:
		d := parser.ScanDelimiter(line, block.PrecendingCharacter(), 2, tildeDelims)
		if d == nil {
			return nil
		}
		d.Segment = seg.WithStop(seg.Start + 2)
		block.Advance(2)
		pc.PushDelimiter(d)
		return d
	}
	return nil
}

// newStrikeout returns the node of struck-out text, which markdown.go
// converts into a model.Strikeout.
func newStrikeout() ast.Node { return east.NewStrikethrough() }
