package manuscript

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
)

// maxBrackets is the most opening brackets of one paragraph (or heading,
// or table cell) left open, not closed before the next bracket on their
// line (see closesSoon), that are parsed as links, citations, notes or
// spans.
// Goldmark keeps a state for every "[" still open and a text node for
// every bracket: 500 000 "[@" on one line took 440 MB. A real paragraph
// has a few dozen.
const maxBrackets = 2000

// bracketRestKind is the goldmark node kind of text kept as written after
// the bracket limit.
var bracketRestKind = ast.NewNodeKind("BracketRest")

// bracketRestNode is text from a "[" past maxBrackets to the next
// character that may open another inline construct, kept as written.
type bracketRestNode struct {
	ast.BaseInline
	Value  string
	Offset int
	// First is set on the node of the bracket that passed the limit,
	// which the warning is reported at.
	First bool
}

func (n *bracketRestNode) Kind() ast.NodeKind { return bracketRestKind }

func (n *bracketRestNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// bracketCount counts the opening brackets of one block.
type bracketCount struct {
	block ast.Node
	n     int
}

var bracketCountKey = parser.NewContextKey()

// literalStops end the text a bracket past the limit keeps as written.
const literalStops = "*_`\\<&$^~{\n\r"

// bracketLimitParser runs before every parser of "[": it counts the
// block's opening brackets and, past maxBrackets, takes the text from
// the bracket to the next character that may start another construct
// (emphasis, code, raw HTML, math, an escape, an attribute) or the end of
// the line, so that no parser of brackets sees it.
type bracketLimitParser struct{}

func (bracketLimitParser) Trigger() []byte { return []byte{'['} }

func (bracketLimitParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	blk := parent
	for blk != nil && blk.Type() != ast.TypeBlock {
		blk = blk.Parent()
	}
	c, ok := pc.Get(bracketCountKey).(*bracketCount)
	if !ok || c.block != blk {
		c = &bracketCount{block: blk}
		pc.Set(bracketCountKey, c)
	}
	line, seg := block.PeekLine()
	if closesSoon(line) {
		return nil
	}
	c.n++
	if c.n <= maxBrackets {
		return nil
	}
	n := 1
	for n < len(line) && !bytes.ContainsRune([]byte(literalStops), rune(line[n])) {
		n++
	}
	block.Advance(n)
	return &bracketRestNode{Value: string(line[:n]), Offset: seg.Start, First: c.n == maxBrackets+1}
}

// closesSoon reports whether the bracket that starts line is closed
// before any other bracket opens, within maxCitation bytes of the same
// line: such a bracket leaves no state open behind it (a link, a
// citation, a span, a note call or plain text), so it does not count
// towards maxBrackets, and a paragraph of thousands of links keeps them
// all. The look-ahead stops at the next bracket, so a line of brackets
// is still read in linear time.
func closesSoon(line []byte) bool {
	window := line[1:]
	if len(window) > maxCitation {
		window = window[:maxCitation]
	}
	end := bytes.IndexAny(window, "[]")
	return end >= 0 && window[end] == ']'
}

// bracketRest keeps the text after the bracket limit as written, with a
// warning at the bracket that passed it.
func (p *chapterParse) bracketRest(v *bracketRestNode) []model.Inline {
	pos := p.li.pos(v.Offset)
	if v.First {
		p.r.ds.Warnf(pos, "more than %d brackets in one paragraph: the brackets from here on are kept as written, not read as links, citations, notes or spans", maxBrackets)
	}
	return []model.Inline{&model.Text{Value: v.Value, Pos: pos}}
}
