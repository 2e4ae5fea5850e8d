package manuscript

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// rawTag is one inline raw HTML node with its parsed tag.
type rawTag struct {
	node *ast.RawHTML
	tag  rawhtml.Tag
	pos  model.Position
}

func (p *chapterParse) parseRawTag(v *ast.RawHTML) rawTag {
	var b strings.Builder
	for i := 0; i < v.Segments.Len(); i++ {
		s := v.Segments.At(i)
		b.Write(s.Value(p.src))
	}
	pos := model.Position{File: p.file, Line: 1, Col: 1}
	if v.Segments.Len() > 0 {
		pos = p.li.pos(v.Segments.At(0).Start)
	}
	return rawTag{node: v, tag: rawhtml.ParseTag(b.String()), pos: pos}
}

// matchRawTags pairs the inline start and end tags among the children of
// n in one pass, so that finding the end of an element costs nothing.
func (p *chapterParse) matchRawTags(n ast.Node) map[ast.Node]ast.Node {
	type open struct {
		node ast.Node
		name string
	}
	var stack []open
	matches := map[ast.Node]ast.Node{}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		v, ok := c.(*ast.RawHTML)
		if !ok {
			continue
		}
		t := p.parseRawTag(v).tag
		switch {
		case t.Kind == rawhtml.StartTag && !rawhtml.IsVoid(t.Name):
			stack = append(stack, open{c, t.Name})
		case t.Kind == rawhtml.EndTag:
			for i := len(stack) - 1; i >= 0 && i >= len(stack)-rawhtml.MaxDepth; i-- {
				if stack[i].name == t.Name {
					matches[stack[i].node] = c
					stack = stack[:i]
					break
				}
			}
		}
	}
	return matches
}

// rawInline converts an inline raw HTML tag, together with the inlines up
// to its matching end tag, and returns where conversion goes on.
func (p *chapterParse) rawInline(v *ast.RawHTML, matches map[ast.Node]ast.Node) ([]model.Inline, ast.Node) {
	rt := p.parseRawTag(v)
	t, pos, next := rt.tag, rt.pos, v.NextSibling()
	ds := p.r.ds
	switch t.Kind {
	case rawhtml.Other:
		return nil, next // comments and declarations
	case rawhtml.EndTag:
		ds.WarnCodef("raw-html", pos, "</%s> without a matching <%s> before it in the same paragraph: left out", t.Name, t.Name)
		return nil, next
	}
	action := rawhtml.ElementAction(t.Name)
	end, closed := matches[v]
	if t.Name == "br" {
		return []model.Inline{&model.LineBreak{Pos: pos}}, next
	}
	if struckTags[t.Name] && closed {
		// <del> and <strike>, which EPUB has no place for, are struck-out
		// text like <s>.
		action = rawhtml.Keep
	}
	if action == rawhtml.Drop {
		if closed {
			ds.WarnCodef("raw-html", pos, "<%s> left out with its content: %s", t.Name, rawhtml.Explain(t.Name))
			return nil, end.NextSibling()
		}
		ds.WarnCodef("raw-html", pos, "<%s> left out: %s", t.Name, rawhtml.Explain(t.Name))
		return nil, next
	}
	if rawhtml.IsVoid(t.Name) {
		if rawhtml.IsBlock(t.Name) {
			ds.WarnCodef("raw-html", pos, "<%s> cannot stand inside running text: left out", t.Name)
			return nil, next
		}
		attrs := p.filterAttrs(t, pos)
		return []model.Inline{&model.RawInline{Nodes: []*model.HTMLNode{{Tag: t.Name, Attrs: attrs}}, Pos: pos}}, next
	}
	if !closed {
		ds.WarnCodef("raw-html", pos, "<%s> is not closed in the same paragraph: the tag is left out", t.Name)
		return nil, next
	}
	if p.rawDepth >= rawhtml.MaxDepth {
		if !p.rawDeepWarned {
			p.rawDeepWarned = true
			ds.WarnCodef("raw-html", pos, "raw HTML nested more than %d elements deep: the deeper tags are left out", rawhtml.MaxDepth)
		}
		return p.inlineRange(next, end), end.NextSibling()
	}
	p.rawDepth++
	if t.Name == "a" {
		p.inLink++
	}
	children := p.inlineRange(next, end)
	if t.Name == "a" {
		p.inLink--
	}
	p.rawDepth--
	after := end.NextSibling()
	if action == rawhtml.Unwrap {
		ds.WarnCodef("raw-html", pos, "<%s> left out (%s); its text is kept", t.Name, rawhtml.Explain(t.Name))
		return children, after
	}
	if rawhtml.IsBlock(t.Name) {
		ds.WarnCodef("raw-html", pos, "<%s> cannot stand inside running text: its tags are left out, its text kept", t.Name)
		return children, after
	}
	attrs := p.filterAttrs(t, pos)
	if t.Name == "a" {
		if p.inLink > 0 {
			ds.WarnCodef("raw-html", pos, "<a> inside a link: its tags are left out, its text kept")
			return children, after
		}
		return p.rawLink(attrs, children, pos), after
	}
	if t.Name == "span" && len(attrs) == 0 {
		return children, after
	}
	return []model.Inline{p.elementInline(t.Name, attrs, children, pos)}, after
}

func (p *chapterParse) filterAttrs(t rawhtml.Tag, pos model.Position) [][2]string {
	attrs, probs := rawhtml.FilterAttrs(t.Name, t.Attrs)
	for _, pr := range probs {
		p.r.ds.WarnCodef("raw-html", pos, "%s", pr)
	}
	return attrs
}

// rawLink turns <a href="…" title="…">…</a> into a Markdown link, which the
// link pass resolves like any other.
func (p *chapterParse) rawLink(attrs [][2]string, children []model.Inline, pos model.Position) []model.Inline {
	l := &model.Link{Children: children, Pos: pos}
	href := false
	for _, a := range attrs {
		switch a[0] {
		case "href":
			l.URL, href = strings.TrimSpace(a[1]), true
		case "title":
			l.Title = a[1]
		default:
			p.r.ds.WarnCodef("raw-html", pos, "attribute %s on <a> left out: a link keeps its address and title only", a[0])
		}
	}
	if !href {
		p.r.ds.WarnCodef("raw-html", pos, "<a> without href: its tags are left out, its text kept")
		return children
	}
	return []model.Inline{l}
}

// struckTags are the elements read as struck-out text.
var struckTags = map[string]bool{"s": true, "del": true, "strike": true}

// elementInline maps an inline element onto the model: <em>/<i>,
// <strong>/<b>, <s>/<del>/<strike>, <sub>, <sup>, <code> and <span> (with
// an id, a language, classes, or the class smallcaps) become the model's
// own inlines, kept in a span when they carry a language or classes;
// every other element, or one with other attributes (title, dir), is a
// model.Element with its filtered attributes. An id is reserved.
func (p *chapterParse) elementInline(tag string, attrs [][2]string, children []model.Inline, pos model.Position) model.Inline {
	var id, lang string
	var classes []string
	other := false
	for i, a := range attrs {
		switch a[0] {
		case "id":
			id = p.r.reserveID(a[1], pos)
			attrs[i][1] = id
		case "lang":
			lang = a[1]
		case "class":
			classes = strings.Fields(a[1])
		default:
			other = true
		}
	}
	var inner model.Inline
	switch tag {
	case "em", "i":
		inner = &model.Emphasis{Children: children, Pos: pos}
	case "strong", "b":
		inner = &model.Strong{Children: children, Pos: pos}
	case "s", "del", "strike":
		inner = &model.Strikeout{Children: children, Pos: pos}
	case "sup":
		inner = &model.Superscript{Children: children, Pos: pos}
	case "sub":
		inner = &model.Subscript{Children: children, Pos: pos}
	case "code":
		if text, ok := plainOnly(children); ok {
			inner = &model.Code{Text: text, Pos: pos}
		}
	case "span":
		kept := classes[:0:0]
		for _, c := range classes {
			if c == "smallcaps" || c == "small-caps" {
				inner = &model.SmallCaps{Children: children, Pos: pos}
			} else {
				kept = append(kept, c)
			}
		}
		classes = kept
		if inner == nil {
			inner = &model.Span{Children: children, Pos: pos}
		}
	}
	if inner == nil || other {
		if tag == "del" || tag == "strike" {
			tag = "s"
		}
		return &model.Element{Tag: tag, Attrs: attrs, Children: children, Pos: pos}
	}
	if id == "" && lang == "" && len(classes) == 0 {
		return inner
	}
	if sp, ok := inner.(*model.Span); ok {
		sp.ID, sp.Lang, sp.Classes = id, lang, classes
		return sp
	}
	return &model.Span{ID: id, Lang: lang, Classes: classes, Children: []model.Inline{inner}, Pos: pos}
}

func plainOnly(ins []model.Inline) (string, bool) {
	var b strings.Builder
	for _, in := range ins {
		t, ok := in.(*model.Text)
		if !ok {
			return "", false
		}
		b.WriteString(t.Value)
	}
	return b.String(), true
}
