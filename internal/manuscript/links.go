package manuscript

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// linkTargets knows every place of the book a link can reach.
type linkTargets struct {
	// chapterOf maps an id (chapter, title, heading, figure, note, raw
	// HTML element) to the ID of the chapter holding it.
	chapterOf map[string]string
	// files maps a chapter file's absolute path to its chapters.
	files map[string][]*model.Chapter
}

// resolveLinks checks every link of the book once all chapters are read:
// addresses with an allowed scheme are kept, links to chapter files and
// ids are resolved (Link.Internal, Link.Chapter), and anything else is
// reported and replaced by its text.
func (r *reader) resolveLinks() {
	t := &linkTargets{chapterOf: map[string]string{}, files: map[string][]*model.Chapter{}}
	for _, ch := range r.book.Chapters {
		t.add(ch.ID, ch.ID)
		t.add(ch.TitleID, ch.ID)
		t.addNode(ch, ch.ID)
		if abs, err := filepath.Abs(filepath.FromSlash(ch.File)); err == nil {
			t.files[abs] = append(t.files[abs], ch)
		}
	}
	for _, ch := range r.book.Chapters {
		dir := filepath.Dir(filepath.FromSlash(ch.File))
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		model.WalkInlines(ch, func(ins *[]model.Inline) { *ins = r.links(*ins, ch, dir, t) })
	}
}

func (t *linkTargets) add(id, chapter string) {
	if _, ok := t.chapterOf[id]; id != "" && !ok {
		t.chapterOf[id] = chapter
	}
}

// addNode records the ids that a chapter's nodes carry: headings,
// figures, tables, divs, spans and raw HTML elements.
func (t *linkTargets) addNode(n model.Node, chapter string) {
	model.Walk(n, func(n model.Node, entering bool) model.WalkStatus {
		if !entering {
			return model.WalkContinue
		}
		switch v := n.(type) {
		case *model.Heading:
			t.add(v.ID, chapter)
		case *model.Note:
			t.add(v.ID, chapter)
		case *model.FigureBlock:
			t.add(v.Figure.ID, chapter)
		case *model.Table:
			t.add(v.ID, chapter)
		case *model.Div:
			t.add(v.ID, chapter)
		case *model.Span:
			t.add(v.ID, chapter)
		case *model.Element:
			t.add(v.Attr("id"), chapter)
		case *model.HTMLBlock:
			t.addHTML(v.Nodes, chapter)
		case *model.RawInline:
			t.addHTML(v.Nodes, chapter)
		}
		return model.WalkContinue
	})
}

func (t *linkTargets) addHTML(nodes []*model.HTMLNode, chapter string) {
	for _, n := range nodes {
		for _, a := range n.Attrs {
			if a[0] == "id" {
				t.add(a[1], chapter)
			}
		}
		t.addHTML(n.Children, chapter)
	}
}

// links resolves the links in an inline list, recursing into children.
func (r *reader) links(ins []model.Inline, ch *model.Chapter, dir string, t *linkTargets) []model.Inline {
	// out stays nil while every node is kept as it is (most lists).
	var out []model.Inline
	replace := func(i int, with ...model.Inline) {
		if out == nil {
			out = append(make([]model.Inline, 0, len(ins)+len(with)), ins[:i]...)
		}
		out = append(out, with...)
	}
	for i, in := range ins {
		switch n := in.(type) {
		case *model.Link:
			n.Children = r.links(n.Children, ch, dir, t)
			pos := n.Pos
			if !pos.IsValid() {
				pos = ch.Pos
			}
			if n.Ref != model.NoRef {
				// A cross-reference (@fig-plan) names an id of the book.
				id := strings.TrimPrefix(n.URL, "#")
				chapter, ok := t.chapterOf[id]
				if !ok {
					r.ds.Errorf(pos, "cross-reference @%s: no figure, table, chapter or section of the book has the id %q", id, id)
					replace(i, &model.Text{Value: "@" + id, Pos: pos})
					continue
				}
				n.Internal, n.Chapter = id, chapter
				break
			}
			if problem := r.resolveLink(n, dir, t); problem != "" {
				if strings.Contains(n.URL, "#") && strings.TrimSpace(model.PlainText(n.Children)) == "" {
					// An empty link [](#id) asks for its target's label:
					// with no target, nothing would be printed (issue 18:
					// an unknown target is an error).
					r.ds.Errorf(pos, "empty link %q %s: it has no text of its own, so nothing could be printed in its place", n.URL, problem)
					replace(i)
					continue
				}
				r.ds.WarnCodef("link", pos, "link %q %s: its text is kept without the link", n.URL, problem)
				replace(i, n.Children...)
				continue
			}
			if n.Internal != "" && strings.TrimSpace(model.PlainText(n.Children)) == "" {
				// An empty link [](#id) is filled with its target's label
				// when the book is prepared.
				n.Ref, n.Children = model.AnyRef, nil
			}
		case *model.Citation, *model.NoteRef:
		default:
			if kids := model.InlineChildren(in); kids != nil {
				model.SetInlineChildren(in, r.links(kids, ch, dir, t))
			}
		}
		if out != nil {
			out = append(out, in)
		}
	}
	if out == nil {
		return mergeTexts(ins)
	}
	return mergeTexts(out)
}

// resolveLink fills a link's target, or says why it cannot be followed.
func (r *reader) resolveLink(l *model.Link, dir string, t *linkTargets) string {
	u := strings.TrimSpace(l.URL)
	switch {
	case u == "":
		return "has no address"
	case strings.HasPrefix(u, "//"):
		return "has no scheme: write it in full (https://…)"
	case strings.HasPrefix(u, "/") || strings.HasPrefix(u, `\`) || filepath.IsAbs(u):
		return "is a root or absolute path, which means nothing in a book: write the chapter file relative to this one (for example 02-chapitre.md#id)"
	case schemePattern.MatchString(u):
		scheme, ok := rawhtml.ExternalURL(u)
		if ok {
			l.URL = u
			return ""
		}
		if rawhtml.Schemes[scheme] {
			return "is not a valid address"
		}
		return fmt.Sprintf("uses the %s: scheme, which a book does not follow (only http, https, mailto, tel and ftp)", scheme)
	}
	path, frag, _ := strings.Cut(u, "#")
	if strings.Contains(path, "?") {
		return "has a query (?…), which a file in the book cannot answer"
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if path == "" {
		if frag == "" {
			return "names no id after #"
		}
		chapter, ok := t.chapterOf[frag]
		if !ok {
			return fmt.Sprintf("points to id %q, which no heading, figure or element of the book has", frag)
		}
		l.Internal, l.Chapter = frag, chapter
		return ""
	}
	abs, err := ResolveInside(r.root, dir, path)
	if err != nil {
		return "cannot be followed: " + err.Error()
	}
	chs := t.files[abs]
	if len(chs) == 0 {
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			return fmt.Sprintf("points to %s, which is not a chapter of the book (book.yaml does not list it)", path)
		}
		return fmt.Sprintf("points to %s, which does not exist", path)
	}
	if frag == "" {
		first := chs[0]
		l.Internal, l.Chapter = first.TitleID, first.ID
		if l.Internal == "" {
			l.Internal = first.ID
		}
		return ""
	}
	chapter, ok := t.chapterOf[frag]
	if !ok {
		return fmt.Sprintf("points to id %q, which is nowhere in the book", frag)
	}
	for _, c := range chs {
		if c.ID == chapter {
			l.Internal, l.Chapter = frag, chapter
			return ""
		}
	}
	return fmt.Sprintf("points to id %q in %s, but that id is in another chapter (write #%s to reach it wherever it is)", frag, path, frag)
}
