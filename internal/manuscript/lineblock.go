package manuscript

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/model"
)

// lineBlockKind is the goldmark node kind of a pandoc line block.
var lineBlockKind = ast.NewNodeKind("LineBlock")

// lineBlockNode is a line block (pandoc's line_blocks): lines starting
// with "| ", whose breaks and leading spaces are kept. Its Lines hold the
// text of each line after the bar and the leading spaces; a continuation
// line (starting with a space) adds a segment to the line before it.
type lineBlockNode struct {
	ast.BaseBlock
	// Starts holds the byte offset where each line's text starts, and
	// Indent the number of leading spaces of each line (kept as no-break
	// spaces).
	Starts []int
	Indent []int
}

// Kind returns the node kind of a line block.
func (n *lineBlockNode) Kind() ast.NodeKind { return lineBlockKind }

// Dump prints the node for goldmark's debugging.
func (n *lineBlockNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// lineBlockParser reads line blocks.
type lineBlockParser struct{}

// Trigger returns the bar that starts each line.
func (lineBlockParser) Trigger() []byte { return []byte{'|'} }

// barLine reports whether line (from pos) is a line of a line block: a
// bar followed by a space or by the end of the line.
func barLine(line []byte, pos int) bool {
	return pos < len(line) && line[pos] == '|' &&
		(pos+1 == len(line) || line[pos+1] == ' ' || line[pos+1] == '\n' || line[pos+1] == '\r')
}

// isTableDelimiterRow reports whether line is the delimiter row of a pipe
// table, such as "|---|:--:|": the table then wins over a line block.
func isTableDelimiterRow(line []byte) bool {
	// Block quote markers before the row are not part of it.
	s := strings.TrimSpace(strings.TrimLeft(string(line), " \t>"))
	if !strings.Contains(s, "-") {
		return false
	}
	for _, c := range s {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// Open starts a line block at a line "| text", unless the next line is a
// pipe table's delimiter row.
func (lineBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pc.BlockIndent() > 3 || !barLine(line, pos) {
		return nil, parser.NoChildren
	}
	savedLine, savedSeg := reader.Position()
	reader.AdvanceLine()
	next, _ := reader.PeekLine()
	reader.SetPosition(savedLine, savedSeg)
	if next != nil && isTableDelimiterRow(next) {
		return nil, parser.NoChildren
	}
	n := &lineBlockNode{}
	n.addLine(line, seg, pos+1, true)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// addLine adds the text of line from pos on (after the bar and its space
// for a new line, after the leading spaces for a continuation).
func (n *lineBlockNode) addLine(line []byte, seg text.Segment, pos int, newLine bool) {
	if newLine && pos < len(line) && line[pos] == ' ' {
		pos++
	}
	indent := 0
	for pos < len(line) && line[pos] == ' ' {
		pos++
		indent++
	}
	// The segment keeps the line's newline, as goldmark's inline parser
	// expects; an empty line at the end of the file has no segment.
	stop := seg.Start + len(line)
	start := min(seg.Start+pos, stop)
	if start < stop {
		n.Lines().Append(text.NewSegment(start, stop))
	}
	if newLine {
		n.Starts = append(n.Starts, start)
		n.Indent = append(n.Indent, indent)
	}
}

// Continue takes the next line of the block or a continuation line.
func (lineBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*lineBlockNode)
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	w, pos := util.IndentWidth(line, reader.LineOffset())
	switch {
	case w <= 3 && barLine(line, pos):
		n.addLine(line, seg, pos+1, true)
	case line[0] == ' ' || line[0] == '\t':
		n.addLine(line, seg, pos, false)
	default:
		return parser.Close
	}
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close does nothing: the block is complete.
func (lineBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph reports that a line block needs a blank line
// before it, as in pandoc.
func (lineBlockParser) CanInterruptParagraph() bool { return false }

// CanAcceptIndentedLine reports that an indented bar is code.
func (lineBlockParser) CanAcceptIndentedLine() bool { return false }

// lineBlock converts a line block: its inlines were parsed as one text,
// and are cut again where each line of the block starts.
func (p *chapterParse) lineBlock(n *lineBlockNode, base model.BlockBase) model.Block {
	lb := &model.LineBlock{BlockBase: base, Lines: make([][]model.Inline, len(n.Starts))}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.RawHTML); ok {
			for k, v := range p.matchRawTags(n) {
				p.rawMatches[k] = v
			}
			break
		}
	}
	line := 0
	for c := n.FirstChild(); c != nil; {
		if off := p.firstOffset(c); off >= 0 {
			line = max(line, sort.SearchInts(n.Starts, off+1)-1)
		}
		next := c.NextSibling()
		if raw, ok := c.(*ast.RawHTML); ok {
			var ins []model.Inline
			ins, next = p.rawInline(raw, p.rawMatches)
			lb.Lines[line] = append(lb.Lines[line], ins...)
		} else {
			lb.Lines[line] = append(lb.Lines[line], p.inline(c)...)
		}
		c = next
	}
	for i, ins := range lb.Lines {
		// A hard break at the end of a line adds nothing: the line ends.
		if k := len(ins) - 1; k >= 0 {
			if _, ok := ins[k].(*model.LineBreak); ok {
				ins = ins[:k]
			}
		}
		ins = mergeTexts(ins)
		if k := len(ins) - 1; k >= 0 {
			if t, ok := ins[k].(*model.Text); ok {
				ins[k] = &model.Text{Value: strings.TrimRight(t.Value, " \t\n"), Pos: t.Pos}
				ins = mergeTexts(ins)
			}
		}
		if n.Indent[i] > 0 {
			nbsp := &model.Text{Value: strings.Repeat("\u00a0", n.Indent[i]), Pos: p.li.pos(n.Starts[i] - n.Indent[i])}
			ins = mergeTexts(append([]model.Inline{nbsp}, ins...))
		}
		lb.Lines[i] = ins
	}
	return lb
}

// firstOffset returns the byte offset where an inline node starts, or -1.
func (p *chapterParse) firstOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if off := c.Pos(); off >= 0 {
			return off
		}
	}
	return -1
}
