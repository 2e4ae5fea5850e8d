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
		return []model.Inline{&model.LineBreak{}}, next
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
	if in := modelInline(t.Name, attrs, children); in != nil {
		return []model.Inline{in}, after
	}
	nodes, ok := inlinesToHTML(children)
	if !ok {
		ds.WarnCodef("raw-html", pos, "<%s> around a link, note or citation: its tags are left out, its text kept", t.Name)
		return children, after
	}
	for i, a := range attrs {
		if a[0] == "id" {
			attrs[i][1] = p.r.reserveID(a[1], pos)
		}
	}
	return []model.Inline{&model.RawInline{Nodes: []*model.HTMLNode{{Tag: t.Name, Attrs: attrs, Children: nodes}}, Pos: pos}}, after
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

// modelInline maps an element onto the model's own inlines when nothing
// but a language and classes is lost: <span lang>, <em>, <i>, <strong>,
// <b>, <sup>, <code> and <span class="smallcaps">.
func modelInline(tag string, attrs [][2]string, children []model.Inline) model.Inline {
	var lang string
	var classes []string
	for _, a := range attrs {
		switch a[0] {
		case "lang":
			lang = a[1]
		case "class":
			classes = strings.Fields(a[1])
		default:
			return nil
		}
	}
	var inner model.Inline
	switch tag {
	case "em", "i":
		inner = &model.Emphasis{Children: children}
	case "strong", "b":
		inner = &model.Strong{Children: children}
	case "sup":
		inner = &model.Superscript{Children: children}
	case "code":
		text, ok := plainOnly(children)
		if !ok {
			return nil
		}
		inner = &model.Code{Text: text}
	case "span":
		kept := classes[:0:0]
		small := false
		for _, c := range classes {
			if c == "smallcaps" || c == "small-caps" {
				small = true
			} else {
				kept = append(kept, c)
			}
		}
		classes = kept
		if small {
			inner = &model.SmallCaps{Children: children}
		}
	default:
		return nil
	}
	if lang == "" && len(classes) == 0 {
		if inner == nil {
			return &model.Span{Children: children}
		}
		return inner
	}
	sp := &model.Span{Lang: lang, Classes: classes, Children: children}
	if inner != nil {
		sp.Children = []model.Inline{inner}
	}
	return sp
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

// inlinesToHTML turns the Markdown inlines inside a raw HTML element into
// HTML nodes. Links, notes and citations cannot go inside raw HTML.
func inlinesToHTML(ins []model.Inline) ([]*model.HTMLNode, bool) {
	var out []*model.HTMLNode
	wrap := func(tag string, attrs [][2]string, children []model.Inline) bool {
		kids, ok := inlinesToHTML(children)
		out = append(out, &model.HTMLNode{Tag: tag, Attrs: attrs, Children: kids})
		return ok
	}
	for _, in := range ins {
		ok := true
		switch n := in.(type) {
		case *model.Text:
			out = append(out, &model.HTMLNode{Text: n.Value})
		case *model.Code:
			out = append(out, &model.HTMLNode{Tag: "code", Children: []*model.HTMLNode{{Text: n.Text}}})
		case *model.Emphasis:
			ok = wrap("em", nil, n.Children)
		case *model.Strong:
			ok = wrap("strong", nil, n.Children)
		case *model.Superscript:
			ok = wrap("sup", nil, n.Children)
		case *model.SmallCaps:
			ok = wrap("span", [][2]string{{"class", "smallcaps"}}, n.Children)
		case *model.Span:
			var attrs [][2]string
			if n.Lang != "" {
				attrs = append(attrs, [2]string{"lang", n.Lang})
			}
			if len(n.Classes) > 0 {
				attrs = append(attrs, [2]string{"class", strings.Join(n.Classes, " ")})
			}
			ok = wrap("span", attrs, n.Children)
		case *model.LineBreak:
			out = append(out, &model.HTMLNode{Tag: "br"})
		case *model.RawInline:
			out = append(out, n.Nodes...)
		default:
			ok = false
		}
		if !ok {
			return nil, false
		}
	}
	return out, true
}
