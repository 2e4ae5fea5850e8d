package manuscript

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
)

// undefinedNoteKind is the goldmark node kind of a note call without a
// definition.
var undefinedNoteKind = ast.NewNodeKind("UndefinedNote")

// undefinedNoteNode is a call "[^label]" that no "[^label]: …" defines.
// Goldmark's footnote parser, which runs first, leaves it; it stays in the
// text as written, with an error.
type undefinedNoteNode struct {
	ast.BaseInline
	Label  string
	Offset int
}

func (n *undefinedNoteNode) Kind() ast.NodeKind { return undefinedNoteKind }

func (n *undefinedNoteNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// undefinedNoteParser finds the note calls goldmark's footnote parser did
// not take: a label without spaces or brackets, not followed by "(" or
// "[" (then it is a link's text).
type undefinedNoteParser struct{}

// maxNoteLabel is the longest note label looked for, in bytes.
const maxNoteLabel = 200

func (undefinedNoteParser) Trigger() []byte { return []byte{'['} }

func (undefinedNoteParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '^' {
		return nil
	}
	window := line[2:min(len(line), 2+maxNoteLabel+1)]
	end := bytes.IndexByte(window, ']')
	if end <= 0 || bytes.ContainsAny(window[:end], "[ \t\n\\") {
		return nil
	}
	after := 2 + end + 1
	if after < len(line) && (line[after] == '(' || line[after] == '[') {
		return nil
	}
	block.Advance(after)
	return &undefinedNoteNode{Label: string(window[:end]), Offset: seg.Start}
}

// undefinedNote reports a call without a note and keeps it as text.
func (p *chapterParse) undefinedNote(v *undefinedNoteNode) []model.Inline {
	pos := p.li.pos(v.Offset)
	p.r.ds.Errorf(pos, "footnote [^%s] has no definition", v.Label)
	return []model.Inline{&model.Text{Value: "[^" + v.Label + "]", Pos: pos}}
}
