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
		t.addBlocks(ch.Blocks, ch.ID)
		model.WalkInlines(ch, func(ins *[]model.Inline) { t.addInlines(*ins, ch.ID) })
		for _, n := range ch.Notes {
			t.add(n.ID, ch.ID)
			t.addBlocks(n.Blocks, ch.ID)
		}
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

func (t *linkTargets) addBlocks(bs []model.Block, chapter string) {
	for _, b := range bs {
		switch n := b.(type) {
		case *model.Heading:
			t.add(n.ID, chapter)
		case *model.FigureBlock:
			t.add(n.Figure.ID, chapter)
		case *model.HTMLBlock:
			t.addHTML(n.Nodes, chapter)
		case *model.List:
			for _, it := range n.Items {
				t.addBlocks(it.Blocks, chapter)
			}
		case *model.BlockQuote:
			t.addBlocks(n.Blocks, chapter)
		}
	}
}

func (t *linkTargets) addInlines(ins []model.Inline, chapter string) {
	for _, in := range ins {
		switch n := in.(type) {
		case *model.RawInline:
			t.addHTML(n.Nodes, chapter)
		case *model.Emphasis:
			t.addInlines(n.Children, chapter)
		case *model.Strong:
			t.addInlines(n.Children, chapter)
		case *model.Superscript:
			t.addInlines(n.Children, chapter)
		case *model.SmallCaps:
			t.addInlines(n.Children, chapter)
		case *model.Span:
			t.addInlines(n.Children, chapter)
		case *model.Link:
			t.addInlines(n.Children, chapter)
		}
	}
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
	var out []model.Inline
	for _, in := range ins {
		switch n := in.(type) {
		case *model.Emphasis:
			n.Children = r.links(n.Children, ch, dir, t)
		case *model.Strong:
			n.Children = r.links(n.Children, ch, dir, t)
		case *model.Superscript:
			n.Children = r.links(n.Children, ch, dir, t)
		case *model.SmallCaps:
			n.Children = r.links(n.Children, ch, dir, t)
		case *model.Span:
			n.Children = r.links(n.Children, ch, dir, t)
		case *model.Link:
			n.Children = r.links(n.Children, ch, dir, t)
			if problem := r.resolveLink(n, dir, t); problem != "" {
				pos := n.Pos
				if !pos.IsValid() {
					pos = ch.Pos
				}
				r.ds.WarnCodef("link", pos, "link %q %s: its text is kept without the link", n.URL, problem)
				out = append(out, n.Children...)
				continue
			}
		}
		out = append(out, in)
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
