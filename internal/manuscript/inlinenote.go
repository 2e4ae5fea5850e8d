package manuscript

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
)

// inlineNoteKind is the goldmark node kind of an inline note.
var inlineNoteKind = ast.NewNodeKind("InlineNote")

// inlineNoteNode is pandoc's inline note "^[text]": the note's text is
// written where it is called. Its children are the note's inlines.
type inlineNoteNode struct {
	ast.BaseInline
	Offset int      // byte offset of the "^"
	closed bool     // its "]" was read
	last   ast.Node // the last delimiter when it opened
}

func (n *inlineNoteNode) bottom() ast.Node { return n.last }

func (n *inlineNoteNode) Kind() ast.NodeKind { return inlineNoteKind }

func (n *inlineNoteNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (n *inlineNoteNode) close(block text.Reader, s *paraScan) { n.closed = true }

// inlineNoteParser opens an inline note at "^[" when its "]" is ahead in
// the block; closeBracketParser closes it.
type inlineNoteParser struct{}

func (inlineNoteParser) Trigger() []byte { return []byte{'^'} }

func (inlineNoteParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] != '[' {
		return nil
	}
	s := scanOf(parent, block, pc)
	s.brackets()
	end, ok := s.match[seg.Start+1]
	if !ok {
		return nil
	}
	n := &inlineNoteNode{Offset: seg.Start}
	if d := pc.LastDelimiter(); d != nil {
		n.last = d
	}
	n.SetPos(seg.Start)
	s.closers[end] = n
	block.Advance(2)
	return n
}

// inlineNote converts an inline note into a note of the chapter, numbered
// in call order with the [^label] notes, and its call.
func (p *chapterParse) inlineNote(v *inlineNoteNode) []model.Inline {
	pos := p.li.pos(v.Offset)
	if !v.closed {
		p.r.ds.Warnf(pos, "inline note ^[ is not closed with ]: its text is kept as written")
		return append([]model.Inline{&model.Text{Value: "^[", Pos: pos}}, p.inlineList(v)...)
	}
	if p.inNote || p.cur == nil {
		p.r.ds.Warnf(pos, "a footnote cannot hold another note: this inline note is left out, its text kept in parentheses in the note")
		out := append([]model.Inline{&model.Text{Value: " (", Pos: pos}}, p.inlineList(v)...)
		return append(out, &model.Text{Value: ")", Pos: pos})
	}
	p.inNote = true
	ins := p.inlines(v)
	p.inNote = false
	if len(ins) == 0 {
		p.r.ds.Warnf(pos, "inline note ^[] is empty: left out")
		return nil
	}
	note := &model.Note{Inline: true, Pos: pos,
		Blocks: []model.Block{&model.Paragraph{BlockBase: model.BlockBase{Pos: pos}, Inlines: ins}}}
	p.cur.Notes = append(p.cur.Notes, note)
	note.Number = len(p.cur.Notes)
	return []model.Inline{&model.NoteRef{Note: note, Pos: pos}}
}
