package manuscript

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/model"
)

// tableCaptions gives tables their captions (pandoc's table_captions): a
// paragraph starting with "Table:" (or "table:", or ":") right after a
// table, or else right before it, is its caption. An attribute block at
// the end of the caption, {#tbl-id}, gives the table its id.
func (p *chapterParse) tableCaptions(bs []model.Block) []model.Block {
	var drop map[int]bool
	for i, b := range bs {
		t, ok := b.(*model.Table)
		if !ok || len(t.Caption) > 0 {
			continue
		}
		for _, j := range []int{i + 1, i - 1} {
			if j < 0 || j >= len(bs) || drop[j] {
				continue
			}
			par, ok := bs[j].(*model.Paragraph)
			if !ok {
				continue
			}
			if j == i-1 && i >= 2 {
				if prev, ok := bs[i-2].(*model.Table); ok && len(prev.Caption) == 0 {
					continue // the caption after the table before
				}
			}
			caption, ok := captionText(par.Inlines)
			if !ok {
				continue
			}
			p.setCaption(t, caption, par.Pos)
			if drop == nil {
				drop = map[int]bool{}
			}
			drop[j] = true
			break
		}
	}
	if drop == nil {
		return bs
	}
	out := bs[:0:0]
	for i, b := range bs {
		if !drop[i] {
			out = append(out, b)
		}
	}
	return out
}

// captionText returns the inlines of a paragraph that is a table caption
// without their "Table:" or ":" prefix.
func captionText(ins []model.Inline) ([]model.Inline, bool) {
	if len(ins) == 0 {
		return nil, false
	}
	t, ok := ins[0].(*model.Text)
	if !ok {
		return nil, false
	}
	var rest string
	switch {
	case strings.HasPrefix(t.Value, "Table:"), strings.HasPrefix(t.Value, "table:"):
		rest = t.Value[len("Table:"):]
	case strings.HasPrefix(t.Value, ":") && !strings.HasPrefix(t.Value, "::"):
		rest = t.Value[1:]
	default:
		return nil, false
	}
	trimmed := strings.TrimLeft(rest, " \t")
	pos := t.Pos
	if pos.Line > 0 {
		pos.Col += utf8.RuneCountInString(t.Value) - utf8.RuneCountInString(trimmed)
	}
	out := append([]model.Inline{&model.Text{Value: trimmed, Pos: pos}}, ins[1:]...)
	return trimInlines(out), true
}

// setCaption sets a table's caption, taking an attribute block at its end
// as the table's attributes.
func (p *chapterParse) setCaption(t *model.Table, caption []model.Inline, pos model.Position) {
	if k := len(caption) - 1; k >= 0 {
		if last, ok := caption[k].(*model.Text); ok && strings.HasSuffix(last.Value, "}") {
			if open := strings.LastIndexByte(last.Value, '{'); open >= 0 && strings.ContainsAny(last.Value[open+1:open+2], "#.") {
				apos := last.Pos
				if apos.Line > 0 {
					apos.Col += utf8.RuneCountInString(last.Value[:open])
				} else {
					apos = pos
				}
				a, err := ParseAttributes(last.Value[open:])
				if err != nil {
					p.r.ds.Errorf(apos, "table attributes: %v", err)
				}
				if a.ID != "" && p.validID(a.ID, apos) {
					t.ID = p.r.reserveID(a.ID, apos)
				}
				for _, c := range a.Classes {
					p.r.ds.Warnf(apos, "table class .%s is not used by publish: left out", c)
				}
				for _, k := range a.Keys {
					p.r.ds.Warnf(apos, "table attribute %s=%q is not used by publish: left out", k, a.Values[k])
				}
				caption[k] = &model.Text{Value: last.Value[:open], Pos: last.Pos}
				caption = trimInlines(caption)
			}
		}
	}
	if len(caption) == 0 {
		p.r.ds.Warnf(pos, "table caption is empty")
	}
	t.Caption = caption
}

// tableCaptionKind is the goldmark node kind of a ": caption" line next to
// a table.
var tableCaptionKind = ast.NewNodeKind("TableCaption")

// tableCaptionNode is a table caption that goldmark would otherwise read
// as part of something else: ": Caption" after a table (a definition of
// the table as a term), or "Table: Caption" right under a table's last
// row (one more row). Prefix is ":" or "Table:" as written.
type tableCaptionNode struct {
	ast.BaseBlock
	Prefix string
}

// Kind returns the node kind of a table caption.
func (n *tableCaptionNode) Kind() ast.NodeKind { return tableCaptionKind }

// Dump prints the node for goldmark's debugging.
func (n *tableCaptionNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// tableCaptionParser reads the table captions that goldmark would take
// for a definition or a table row.
type tableCaptionParser struct{}

// Trigger returns the first characters of a caption.
func (tableCaptionParser) Trigger() []byte { return []byte{':', 'T', 't'} }

// looksLikeTable reports whether a paragraph (still open, or closed and
// transformed) is a pipe table.
func looksLikeTable(n ast.Node, src []byte) bool {
	if _, ok := n.(*east.Table); ok {
		return true
	}
	par, ok := n.(*ast.Paragraph)
	if !ok || par.Lines().Len() < 2 {
		return false
	}
	first, second := par.Lines().At(0), par.Lines().At(1)
	return bytes.IndexByte(first.Value(src), '|') >= 0 && isTableDelimiterRow(second.Value(src))
}

// Open starts a caption after a table, or after a paragraph that is a
// caption ("Table: …", which would else become a definition's term).
func (tableCaptionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	var prefix string
	switch rest := line[pos:]; {
	case bytes.HasPrefix(rest, []byte("Table:")), bytes.HasPrefix(rest, []byte("table:")):
		prefix = string(rest[:6])
	case len(rest) > 1 && rest[0] == ':' && (rest[1] == ' ' || rest[1] == '\t'):
		prefix = ":"
	default:
		return nil, parser.NoChildren
	}
	last := parent.LastChild()
	if last == nil {
		return nil, parser.NoChildren
	}
	if !looksLikeTable(last, reader.Source()) {
		// ": caption" under a "Table:"-like paragraph is not a definition.
		par, ok := last.(*ast.Paragraph)
		if prefix != ":" || !ok || par.Lines().Len() == 0 {
			return nil, parser.NoChildren
		}
		if first := par.Lines().At(0); !bytes.HasPrefix(first.Value(reader.Source()), []byte("Table:")) && !bytes.HasPrefix(first.Value(reader.Source()), []byte("table:")) {
			return nil, parser.NoChildren
		}
	}
	n := &tableCaptionNode{Prefix: prefix}
	start := pos + len(prefix)
	for start < len(line) && (line[start] == ' ' || line[start] == '\t') {
		start++
	}
	n.Lines().Append(text.NewSegment(seg.Start+start, seg.Start+len(line)))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// Continue takes the lines up to a blank line, as a paragraph does.
func (tableCaptionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close does nothing: the caption is complete.
func (tableCaptionParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph reports that a caption may follow a table's rows
// directly.
func (tableCaptionParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine reports that an indented caption is code.
func (tableCaptionParser) CanAcceptIndentedLine() bool { return false }

// tableCaption converts a caption node into a paragraph that
// tableCaptions then attaches to its table.
func (p *chapterParse) tableCaption(n *tableCaptionNode, base model.BlockBase) model.Block {
	ins := append([]model.Inline{&model.Text{Value: n.Prefix + " ", Pos: base.Pos}}, p.inlines(n)...)
	return &model.Paragraph{BlockBase: base, Inlines: mergeTexts(ins)}
}
