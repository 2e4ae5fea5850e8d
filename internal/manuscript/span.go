package manuscript

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// spanKind is the goldmark node kind of a bracketed span.
var spanKind = ast.NewNodeKind("BracketedSpan")

// spanNode is pandoc's bracketed span "[text]{#id .class lang=de}". Its
// children are the span's inlines.
type spanNode struct {
	ast.BaseInline
	Offset     int    // byte offset of the "["
	AttrOffset int    // byte offset of the "{"
	Attrs      string // the attribute block, braces included
	closed     bool
	unclosed   bool     // the "{" after "]" has no "}"
	last       ast.Node // the last delimiter when it opened
}

func (n *spanNode) bottom() ast.Node { return n.last }

func (n *spanNode) Kind() ast.NodeKind { return spanKind }

func (n *spanNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (n *spanNode) close(block text.Reader, s *paraScan) {
	n.closed = true
	advanceTo(block, n.AttrOffset+len(n.Attrs))
}

// spanParser opens a span at a "[" whose "]" is followed by "{". It runs
// after the note and citation parsers and before goldmark's link parser:
// "[x](url)", "[x][ref]", "[@key]" and "[^note]" are theirs.
type spanParser struct{}

func (spanParser) Trigger() []byte { return []byte{'['} }

func (spanParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, seg := block.PeekLine()
	s := scanOf(parent, block, pc)
	s.brackets()
	end, ok := s.match[seg.Start]
	if !ok {
		return nil
	}
	if b, _ := s.byteAt(end + 1); b != '{' {
		return nil
	}
	n := &spanNode{Offset: seg.Start, AttrOffset: end + 1}
	// Braces that do not hold attributes are not a span: "[1]{\langle …}"
	// in a TeX macro, "\cite[22-23]{smith.1899}" stay text (pandoc's
	// reading). An unclosed block that starts like attributes ({#id,
	// {.class) is a span whose block is not closed: an error.
	if stop := s.attrEnd(end + 1); stop < 0 {
		if c, _ := s.byteAt(end + 2); c != '#' && c != '.' {
			return nil
		}
		n.unclosed = true
	} else {
		n.Attrs = s.textBetween(end+1, stop+1)
		if _, err := ParseAttributes(n.Attrs); err != nil {
			return nil
		}
		s.closers[end] = n
	}
	n.SetPos(seg.Start)
	if d := pc.LastDelimiter(); d != nil {
		n.last = d
	}
	block.Advance(1)
	return n
}

// maxAttrBlock is the longest attribute block looked for, in bytes.
const maxAttrBlock = 2000

// attrEnd returns the offset of the "}" that closes the attribute block
// opening at off, or -1. Quoted values may hold braces.
func (s *paraScan) attrEnd(off int) int {
	end, quote := -1, byte(0)
	s.eachFrom(off+1, func(o int, c byte) int {
		switch {
		case o-off > maxAttrBlock:
			return -1
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '}':
			end = o
			return -1
		case c == '{':
			return -1
		}
		return 0
	})
	return end
}

// span converts a bracketed span: an id is reserved, lang and classes
// kept, the class smallcaps makes small capitals; other attributes are
// left out with a warning.
func (p *chapterParse) span(v *spanNode) []model.Inline {
	pos := p.li.pos(v.Offset)
	if v.unclosed || !v.closed {
		if v.unclosed {
			p.r.ds.Errorf(p.li.pos(v.AttrOffset), "attribute block is not closed with }")
		}
		return append([]model.Inline{&model.Text{Value: "[", Pos: pos}}, p.inlineList(v)...)
	}
	children := p.inlineList(v)
	a, err := ParseAttributes(strings.ReplaceAll(v.Attrs, "\n", " "))
	if err != nil {
		p.r.ds.Errorf(p.li.pos(v.AttrOffset), "span attributes: %v", err)
	}
	sp := &model.Span{Pos: pos}
	if a.ID != "" && p.validID(a.ID, pos) {
		sp.ID = p.r.reserveID(a.ID, pos)
	}
	small := false
	for _, c := range a.Classes {
		switch c {
		case "smallcaps", "small-caps":
			small = true
		case "index":
			sp.Index = &model.IndexMark{}
		default:
			sp.Classes = append(sp.Classes, c)
		}
	}
	for _, k := range a.Keys {
		if k == "lang" {
			sp.Lang = p.spanLang(a.Values[k], p.li.pos(v.AttrOffset))
			continue
		}
		if sp.Index != nil && p.indexAttr(sp.Index, k, a.Values[k], p.li.pos(v.AttrOffset)) {
			continue
		}
		p.r.ds.Warnf(p.li.pos(v.AttrOffset), "span attribute %s=%q is not used by publish: left out (a span takes #id, .class and lang=; an index term also index=, term=, see= and seealso=)", k, a.Values[k])
	}
	if sp.Index != nil && len(sp.Index.Terms) == 0 && strings.TrimSpace(model.PlainText(children)) == "" {
		p.r.ds.Errorf(pos, "index term has no text and no term=: write [text]{.index} or []{.index term=\"…\"}")
		sp.Index = nil
	}
	if small {
		children = []model.Inline{&model.SmallCaps{Children: children, Pos: pos}}
		if sp.ID == "" && sp.Lang == "" && len(sp.Classes) == 0 && sp.Index == nil {
			return children
		}
	}
	sp.Children = children
	return []model.Inline{sp}
}

// spanLang checks a lang= attribute: a BCP 47 tag, or "" with a warning.
func (p *chapterParse) spanLang(v string, pos model.Position) string {
	kept, probs := rawhtml.FilterAttrs("span", [][2]string{{"lang", v}})
	for _, pr := range probs {
		p.r.ds.Warnf(pos, "%s", pr)
	}
	if len(kept) == 0 {
		return ""
	}
	return kept[0][1]
}

// indexAttr reads an attribute of an index term ([Heim]{.index …}):
// index= names the index, term= the heading (levels separated by "!"),
// see= a heading to look at instead, seealso= headings to look at as
// well (separated by ";"). It reports whether k is one of them.
func (p *chapterParse) indexAttr(m *model.IndexMark, k, v string, pos model.Position) bool {
	switch k {
	case "index":
		for _, name := range model.IndexNames() {
			if v == name && v != "" {
				m.Index = v
				return true
			}
		}
		p.r.ds.Errorf(pos, "index=%q is not an index publish knows: use names, places or subjects (or leave index= out for the general index)", v)
	case "term":
		var levels []string
		for _, t := range strings.Split(v, "!") {
			t = strings.Join(strings.Fields(t), " ")
			if t == "" {
				p.r.ds.Errorf(pos, "term=%q has an empty level: write term=\"Calais!port\" for the sub-entry « port » of « Calais »", v)
				return true
			}
			levels = append(levels, t)
		}
		m.Terms = levels
	case "see":
		m.See = strings.Join(strings.Fields(v), " ")
	case "seealso":
		for _, t := range strings.Split(v, ";") {
			if t = strings.Join(strings.Fields(t), " "); t != "" {
				m.SeeAlso = append(m.SeeAlso, t)
			}
		}
	default:
		return false
	}
	return true
}
