package manuscript

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// codeAttrKind is the goldmark node kind of a code span with attributes.
var codeAttrKind = ast.NewNodeKind("CodeWithAttributes")

// codeAttrNode is a code span followed by an attribute block: pandoc's
// raw inline `<b>x</b>`{=html} or code with attributes `x`{.python}.
type codeAttrNode struct {
	ast.BaseInline
	Code       string
	Attrs      string // the attribute block, braces included
	Offset     int    // byte offset of the first backtick
	AttrOffset int    // byte offset of the "{"
}

func (n *codeAttrNode) Kind() ast.NodeKind { return codeAttrKind }

func (n *codeAttrNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// codeAttrParser reads a code span immediately followed by "{…}". It runs
// before goldmark's code span parser, which reads the other code spans.
type codeAttrParser struct{}

func (codeAttrParser) Trigger() []byte { return []byte{'`'} }

func (codeAttrParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '`' {
		return nil
	}
	line, seg := block.PeekLine()
	s := scanOf(parent, block, pc)
	s.ticks()
	end, ok := s.tickEnd[seg.Start]
	if !ok {
		return nil
	}
	n := 0
	for n < len(line) && line[n] == '`' {
		n++
	}
	if b, _ := s.byteAt(end + n); b != '{' {
		return nil
	}
	stop := s.attrEnd(end + n)
	if stop < 0 || !advanceTo(block, stop+1) {
		return nil
	}
	// The content of a code span: line ends are spaces, and one space is
	// stripped at each end when both ends have one.
	code := strings.ReplaceAll(s.textBetween(seg.Start+n, end), "\n", " ")
	if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != "" {
		code = code[1 : len(code)-1]
	}
	return &codeAttrNode{Code: code, Attrs: s.textBetween(end+n, stop+1), Offset: seg.Start, AttrOffset: end + n}
}

// codeAttr converts a raw inline or code with attributes. Raw HTML is
// sanitised as any raw HTML; raw TeX or another format is left out with a
// warning. Code keeps its id, classes and language in a span around it.
func (p *chapterParse) codeAttr(v *codeAttrNode) []model.Inline {
	pos, attrPos := p.li.pos(v.Offset), p.li.pos(v.AttrOffset)
	inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v.Attrs, "{"), "}"))
	if format, ok := strings.CutPrefix(inner, "="); ok {
		format = strings.TrimSpace(format)
		switch strings.ToLower(format) {
		case "html", "html5", "html4", "xhtml":
			nodes, probs := rawhtml.Convert(v.Code, rawhtml.Phrasing)
			for _, pr := range probs {
				p.r.ds.WarnCodef("raw-html", pos, "%s", pr.Message)
			}
			p.registerHTMLIDs(nodes, pos)
			if len(nodes) == 0 {
				return nil
			}
			return []model.Inline{&model.RawInline{Nodes: nodes, Pos: pos}}
		}
		p.r.ds.Warnf(attrPos, "raw %s inline `%s` left out: a book keeps raw HTML only ({=html})", format, shorten(v.Code, 40))
		return nil
	}
	code := &model.Code{Text: v.Code, Pos: pos}
	a, err := ParseAttributes(strings.ReplaceAll(v.Attrs, "\n", " "))
	if err != nil {
		p.r.ds.Errorf(attrPos, "code attributes: %v", err)
	}
	sp := &model.Span{Classes: a.Classes, Children: []model.Inline{code}, Pos: pos}
	if a.ID != "" && p.validID(a.ID, attrPos) {
		sp.ID = p.r.reserveID(a.ID, attrPos)
	}
	for _, k := range a.Keys {
		if k == "lang" {
			sp.Lang = p.spanLang(a.Values[k], attrPos)
			continue
		}
		p.r.ds.Warnf(attrPos, "code attribute %s=%q is not used by publish: left out (inline code takes #id, .class and lang=)", k, a.Values[k])
	}
	if sp.ID == "" && sp.Lang == "" && len(sp.Classes) == 0 {
		return []model.Inline{code}
	}
	return []model.Inline{sp}
}
