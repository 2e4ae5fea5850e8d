package epub

import (
	"sort"
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// tocEntry is one line of the table of contents with its sub-entries.
type tocEntry struct {
	href string
	id   string // the chapter's, heading's or generated page's id

	title    []model.Inline
	text     string // used when title is nil
	level    int
	children []*tocEntry
}

// addNav writes the navigation document: the nested table of contents
// (titled chapters with their sections, then the generated back pages),
// the landmarks and, when the print pagination is known, the page-list.
func (b *builder) addNav() {
	var w xw
	r := &ren{b: b, w: &w, plain: true}
	w.open("nav", "id", "toc", "epub:type", "toc", "role", "doc-toc", "aria-labelledby", "toc-title")
	w.nl()
	w.open("h1", "id", "toc-title")
	// The print edition's contents pages are marked here: the first in
	// the title, a later one in the entry it opens with.
	for _, m := range b.navMarks[""] {
		writeMark(&w, m)
	}
	w.esc(b.terms.Contents)
	w.close("h1")
	w.nl()
	entries := b.tocEntries()
	marks := tocMarks(entries, b.navMarks)
	writeTOC(r, entries, marks)
	w.close("nav")
	w.nl()

	w.open("nav", "id", "landmarks", "epub:type", "landmarks", "aria-labelledby", "landmarks-title", "hidden!", "hidden")
	w.nl()
	w.elem("h2", b.words.Landmarks, "id", "landmarks-title")
	w.nl()
	w.open("ol")
	w.nl()
	landmark := func(typ, href, label string) {
		w.open("li")
		w.elem("a", label, "epub:type", typ, "href", href)
		w.close("li")
		w.nl()
	}
	landmark("cover", "cover.xhtml", b.terms.Cover)
	landmark("titlepage", "titlepage.xhtml", b.terms.TitlePage)
	landmark("toc", "nav.xhtml#toc", b.terms.Contents)
	for _, ch := range b.book.Chapters {
		if ch.Matter == model.BodyMatter {
			landmark("bodymatter", b.chapterFile[ch.ID], b.terms.Start)
			break
		}
	}
	for _, g := range b.book.Generated {
		switch g.Kind {
		case model.IllustrationsPage:
			landmark("loi", "figures.xhtml", b.terms.Figures)
		case model.TablesPage:
			landmark("lot", "tables.xhtml", b.terms.Tables)
		case model.BibliographyPage:
			landmark("bibliography", "bibliography.xhtml", b.terms.Bibliography)
		case model.IndexPage:
			landmark("index", indexFile(g), indexTitle(b.terms, g.Index))
		}
	}
	w.close("ol")
	w.nl()
	w.close("nav")
	w.nl()

	if len(b.pageList) > 0 {
		w.open("nav", "id", "page-list", "epub:type", "page-list", "role", "doc-pagelist", "aria-labelledby", "page-list-title", "hidden!", "hidden")
		w.nl()
		w.elem("h2", b.words.PageList, "id", "page-list-title")
		w.nl()
		w.open("ol")
		w.nl()
		for _, p := range b.pageList {
			w.open("li")
			w.elem("a", p.label, "href", p.href)
			w.close("li")
			w.nl()
		}
		w.close("ol")
		w.nl()
		w.close("nav")
		w.nl()
	}
	doc := document(b.lang, b.terms.Contents, attrString("epub:type", "frontmatter"), b.css, w.String())
	b.addDoc("nav", "nav.xhtml", doc, "nav")
}

// tocEntries lists the titled chapters in reading order with their
// sections nested by level, then the generated back pages.
func (b *builder) tocEntries() []*tocEntry {
	var out []*tocEntry
	for _, m := range []model.Matter{model.FrontMatter, model.BodyMatter, model.BackMatter} {
		for _, ch := range b.book.Chapters {
			if ch.Matter != m || ch.Untitled || strings.TrimSpace(model.PlainText(ch.Title)) == "" {
				continue
			}
			file := b.chapterFile[ch.ID]
			e := &tocEntry{href: file, id: ch.ID, title: ch.Title, level: 1}
			stack := []*tocEntry{e}
			for _, bl := range ch.Blocks {
				h, ok := bl.(*model.Heading)
				if !ok || h.ID == "" || strings.TrimSpace(model.PlainText(h.Inlines)) == "" {
					continue
				}
				sub := &tocEntry{href: file + "#" + h.ID, id: h.ID, title: h.Inlines, level: h.Level}
				for len(stack) > 1 && stack[len(stack)-1].level >= h.Level {
					stack = stack[:len(stack)-1]
				}
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, sub)
				stack = append(stack, sub)
			}
			out = append(out, e)
		}
	}
	for _, g := range b.book.Generated {
		switch g.Kind {
		case model.IllustrationsPage:
			out = append(out, &tocEntry{href: "figures.xhtml", id: g.ID, text: b.terms.Figures})
		case model.TablesPage:
			out = append(out, &tocEntry{href: "tables.xhtml", id: g.ID, text: b.terms.Tables})
		case model.CreditsPage:
			out = append(out, &tocEntry{href: "credits.xhtml", id: g.ID, text: b.terms.Credits})
		case model.BibliographyPage:
			out = append(out, &tocEntry{href: "bibliography.xhtml", id: g.ID, text: b.terms.Bibliography})
		case model.IndexPage:
			out = append(out, &tocEntry{href: indexFile(g), id: g.ID, text: indexTitle(b.terms, g.Index)})
		}
	}
	if len(out) == 0 {
		out = append(out, &tocEntry{href: "titlepage.xhtml", text: b.terms.TitlePage})
	}
	return out
}

// tocMarks returns the contents pages' markers by the id of the entry
// they stand in, the title's left out. A page that opens with an entry
// the EPUB's contents lacks (a heading without text) is marked in the
// last entry, after the others in the page-list's order: the nav's
// content model has no other place for it.
func tocMarks(entries []*tocEntry, navMarks map[string][]pageMark) map[string][]pageMark {
	ids := map[string]bool{}
	last := ""
	var walk func([]*tocEntry)
	walk = func(es []*tocEntry) {
		for _, e := range es {
			if e.id != "" {
				ids[e.id], last = true, e.id
			}
			walk(e.children)
		}
	}
	walk(entries)
	marks := map[string][]pageMark{}
	var left []pageMark
	for id, ms := range navMarks {
		switch {
		case id == "":
		case ids[id]:
			marks[id] = append(marks[id], ms...)
		default:
			left = append(left, ms...)
		}
	}
	if len(left) > 0 && last != "" {
		marks[last] = append(marks[last], left...)
		sort.Slice(marks[last], func(i, j int) bool { return marks[last][i].order < marks[last][j].order })
	}
	return marks
}

// writeTOC writes entries as a nested list; a contents page's marker
// (from marks, by entry id, taken once written) stands inside the link of
// the entry the page opens with, where the nav's content model allows it.
func writeTOC(r *ren, entries []*tocEntry, marks map[string][]pageMark) {
	w := r.w
	w.open("ol")
	w.nl()
	for _, e := range entries {
		w.open("li")
		w.open("a", "href", e.href)
		if ms, ok := marks[e.id]; ok && e.id != "" {
			for _, m := range ms {
				writeMark(w, m)
			}
			delete(marks, e.id)
		}
		if e.title != nil {
			r.inlines(e.title)
		} else {
			w.esc(e.text)
		}
		w.close("a")
		if len(e.children) > 0 {
			w.nl()
			writeTOC(r, e.children, marks)
		}
		w.close("li")
		w.nl()
	}
	w.close("ol")
	w.nl()
}
