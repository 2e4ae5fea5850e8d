package manuscript

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/model"
)

// definitionList converts a definition list (pandoc's definition_lists,
// read by goldmark's extension): each term with the definitions after it.
// Several terms before one definition make several items; the last holds
// the definitions.
func (p *chapterParse) definitionList(v *east.DefinitionList, base model.BlockBase, depth int) model.Block {
	dl := &model.DefinitionList{BlockBase: base}
	var cur *model.DefinitionItem
	for c := v.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *east.DefinitionTerm:
			cur = &model.DefinitionItem{Pos: p.blockPos(c), Term: p.inlines(c)}
			dl.Items = append(dl.Items, cur)
		case *east.DefinitionDescription:
			if cur == nil {
				cur = &model.DefinitionItem{Pos: p.blockPos(c)}
				dl.Items = append(dl.Items, cur)
			}
			cur.Definitions = append(cur.Definitions, p.blocks(c, depth+1))
		default:
			dl.Items = append(dl.Items, &model.DefinitionItem{Pos: p.blockPos(c), Definitions: [][]model.Block{p.finishBlocks(p.block(c, depth+1))}})
		}
	}
	return dl
}

// tildeDefinitionParser reads the definitions that start with "~"
// (pandoc's other marker; goldmark's extension reads those that start
// with ":"). It opens the list around them, taking the paragraph before
// as the terms, and the definition itself.
type tildeDefinitionParser struct{}

// Trigger returns the marker of a definition.
func (tildeDefinitionParser) Trigger() []byte { return []byte{'~'} }

// tildeMarker returns the width from the start of line to a definition's
// content when line starts with "~" and a space, and 0 otherwise.
func tildeMarker(line []byte, pos, col int) int {
	if pos < 0 || pos+1 >= len(line) || line[pos] != '~' {
		return 0
	}
	w, _ := util.IndentWidth(line[pos+1:], col+pos+1)
	if w < 1 || util.IsBlank(line[pos+1:]) {
		return 0
	}
	if w > 4 { // the definition starts with indented code
		w = 1
	}
	return pos + 1 + w
}

// Open starts a definition list, or a definition in one.
func (tildeDefinitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	if pc.BlockIndent() != 0 {
		return nil, parser.NoChildren
	}
	offset := tildeMarker(line, pc.BlockOffset(), reader.LineOffset())
	if offset == 0 {
		return nil, parser.NoChildren
	}
	if list, ok := parent.(*east.DefinitionList); ok {
		// The definition itself: the paragraph before it gives the terms.
		if para := list.TemporaryParagraph; para != nil {
			list.TemporaryParagraph = nil
			for i := 0; i < para.Lines().Len(); i++ {
				term := east.NewDefinitionTerm()
				seg := para.Lines().At(i)
				term.Lines().Append(seg.TrimRightSpace(reader.Source()))
				list.AppendChild(list, term)
			}
			para.Parent().RemoveChild(para.Parent(), para)
		}
		// The content starts after the marker and at most four spaces.
		at := pc.BlockOffset() + 1
		pos, padding := util.IndentPosition(line[at:], reader.LineOffset()+at, offset-at)
		reader.AdvanceAndSetPadding(at+pos, padding)
		return east.NewDefinitionDescription(), parser.HasChildren
	}
	switch last := parent.LastChild().(type) {
	case *ast.Paragraph:
		if list, ok := last.PreviousSibling().(*east.DefinitionList); ok {
			list.Offset, list.TemporaryParagraph = offset, last // one more term
			return list, parser.HasChildren
		}
		return east.NewDefinitionList(offset, last), parser.HasChildren | parser.RequireParagraph
	case *east.DefinitionList:
		last.Offset, last.TemporaryParagraph = offset, nil // one more definition
		return last, parser.HasChildren
	}
	return nil, parser.NoChildren
}

// Continue keeps a definition list open while its lines are blank or
// indented to its definitions; a definition goes on as long as its list.
func (tildeDefinitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	list, ok := node.(*east.DefinitionList)
	if !ok {
		return parser.Continue | parser.HasChildren
	}
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < list.Offset {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), list.Offset)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

// Close does nothing: the list or the definition is complete.
func (tildeDefinitionParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph reports that a definition follows its term.
func (tildeDefinitionParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine reports that an indented marker is code.
func (tildeDefinitionParser) CanAcceptIndentedLine() bool { return false }
