package manuscript

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// fencedDivKind is the goldmark node kind of a pandoc fenced div.
var fencedDivKind = ast.NewNodeKind("FencedDiv")

// fencedDivNode is a fenced div (pandoc's fenced_divs): a line of three or
// more colons with attributes or a class name, the blocks inside, and a
// closing line of three or more colons.
type fencedDivNode struct {
	ast.BaseBlock
	// Attrs is what follows the opening colons: "{#id .class}" or a class
	// name; AttrsAt is its byte offset in the source.
	Attrs   string
	AttrsAt int
	// Closed is true when a closing fence ended the div (and not the end
	// of the file or of the block around it).
	Closed bool
}

// Kind returns the node kind of a fenced div.
func (n *fencedDivNode) Kind() ast.NodeKind { return fencedDivKind }

// Dump prints the node for goldmark's debugging.
func (n *fencedDivNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// strayFenceKind is the goldmark node kind of a closing fence that closes
// no fenced div.
var strayFenceKind = ast.NewNodeKind("StrayFence")

// strayFenceNode is a line of colons alone that no fenced div is open to
// take: it is reported and left out.
// A fence opening a div nested too deep is one too (TooDeep).
type strayFenceNode struct {
	ast.BaseBlock
	TooDeep bool
}

// maxFencedDivNesting bounds the nesting of fenced divs: goldmark's time
// per line grows with the number of open blocks.
const maxFencedDivNesting = 50

// Kind returns the node kind of a stray fence.
func (n *strayFenceNode) Kind() ast.NodeKind { return strayFenceKind }

// Dump prints the node for goldmark's debugging.
func (n *strayFenceNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// fencedDivParser reads fenced divs.
type fencedDivParser struct{}

// Trigger returns the character that may start a fence.
func (fencedDivParser) Trigger() []byte { return []byte{':'} }

// colonFence measures a fence at the start of line (from pos): the number
// of colons (0 when fewer than three) and the text after them, with
// trailing colons and spaces removed.
func colonFence(line []byte, pos int) (colons int, rest []byte, restAt int) {
	i := pos
	for i < len(line) && line[i] == ':' {
		i++
	}
	if i-pos < 3 {
		return 0, nil, 0
	}
	rest = bytes.TrimRight(line[i:], " \t\r\n")
	rest = bytes.TrimRight(rest, ":")
	rest = bytes.TrimRight(rest, " \t")
	lead := len(rest) - len(bytes.TrimLeft(rest, " \t"))
	return i - pos, rest[lead:], i + lead
}

// Open starts a fenced div at a line of at least three colons followed by
// attributes in braces or a single class name.
func (fencedDivParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	colons, rest, restAt := colonFence(line, pos)
	if colons == 0 {
		return nil, parser.NoChildren
	}
	if len(rest) == 0 {
		// A closing fence with no div open to take it (an open div would
		// have taken it in Continue).
		reader.AdvanceToEOL()
		return &strayFenceNode{}, parser.NoChildren
	}
	if rest[0] == '{' {
		if rest[len(rest)-1] != '}' {
			return nil, parser.NoChildren
		}
	} else if bytes.ContainsAny(rest, " \t{}") {
		return nil, parser.NoChildren
	}
	depth := 0
	for _, b := range pc.OpenedBlocks() {
		if _, ok := b.Node.(*fencedDivNode); ok {
			depth++
		}
	}
	if depth >= maxFencedDivNesting {
		reader.AdvanceToEOL()
		return &strayFenceNode{TooDeep: true}, parser.NoChildren
	}
	n := &fencedDivNode{Attrs: string(rest), AttrsAt: seg.Start + restAt}
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

// Continue closes the div at a closing fence, unless a block opened inside
// it (a nested div, a fenced code block, raw HTML) is still open: the
// fence then belongs to that block.
func (fencedDivParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if _, stray := node.(*strayFenceNode); stray {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) {
		return parser.Continue | parser.HasChildren
	}
	colons, rest, _ := colonFence(line, pos)
	if colons == 0 || len(rest) > 0 {
		return parser.Continue | parser.HasChildren
	}
	opened := pc.OpenedBlocks()
	inner := false
	for i := len(opened) - 1; i >= 0 && opened[i].Node != node; i-- {
		switch b := opened[i].Node.(type) {
		case *fencedDivNode, *ast.FencedCodeBlock:
			inner = true
		case *ast.HTMLBlock:
			// <pre>, <script>, comments … end at their end tag and may
			// hold a line of colons; other HTML blocks end at a blank
			// line, and a fence closes them too.
			inner = b.HTMLBlockType < ast.HTMLBlockType6
		}
	}
	if inner {
		return parser.Continue | parser.HasChildren
	}
	node.(*fencedDivNode).Closed = true
	reader.AdvanceToEOL()
	return parser.Close
}

// Close does nothing: the div is complete.
func (fencedDivParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph reports that a fence may directly follow text.
func (fencedDivParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine reports that a fence indented by four spaces is code.
func (fencedDivParser) CanAcceptIndentedLine() bool { return false }

// fencedDiv converts a fenced div into a model.Div.
func (p *chapterParse) fencedDiv(n *fencedDivNode, base model.BlockBase, depth int) model.Block {
	pos := base.Pos
	var attrs [][2]string
	if n.Attrs[0] == '{' {
		a, err := ParseAttributes(n.Attrs)
		if err != nil {
			p.r.ds.Errorf(p.li.pos(n.AttrsAt), "fenced div attributes: %v", err)
		}
		if a.ID != "" {
			attrs = append(attrs, [2]string{"id", a.ID})
		}
		for _, c := range a.Classes {
			attrs = append(attrs, [2]string{"class", c})
		}
		for _, k := range a.Keys {
			attrs = append(attrs, [2]string{k, a.Values[k]})
		}
	} else {
		attrs = append(attrs, [2]string{"class", n.Attrs})
	}
	d := p.newDiv("div", attrs, p.li.pos(n.AttrsAt), base)
	if !n.Closed {
		p.r.ds.Warnf(pos, "fenced div is not closed (a line of ::: ends it): it runs to the end of the file or of the block around it")
	}
	d.Blocks = p.blocks(n, depth+1)
	return d
}

// newDiv makes a div from HTML-like attributes (id, class, lang and
// others), reporting at pos the attributes it cannot keep. Several class
// attributes add up.
func (p *chapterParse) newDiv(tag string, attrs [][2]string, pos model.Position, base model.BlockBase) *model.Div {
	d := &model.Div{BlockBase: base, Tag: tag}
	var others [][2]string
	for _, a := range attrs {
		switch a[0] {
		case "id":
			if p.validID(a[1], pos) {
				d.ID = p.r.reserveID(a[1], pos)
			}
		case "class":
			d.Classes = append(d.Classes, strings.Fields(a[1])...)
		default:
			others = append(others, a)
		}
	}
	kept, probs := rawhtml.FilterAttrs(tag, others)
	for _, pr := range probs {
		p.r.ds.WarnCodef("raw-html", pos, "%s", pr)
	}
	for _, a := range kept {
		if a[0] == "lang" {
			d.Lang = a[1]
			continue
		}
		d.Attrs = append(d.Attrs, a)
	}
	return d
}
