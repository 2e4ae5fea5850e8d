package epub

import (
	"strconv"

	"github.com/publish-books/publish/internal/index"
	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

// indexFile is the document of a generated index page.
func indexFile(g model.GeneratedPage) string { return safeName(g.ID) + ".xhtml" }

// IndexTitle returns the title of an index in the book's language.
func indexTitle(t *locale.Terms, ix *model.Index) string {
	switch ix.Name {
	case model.NamesIndex:
		return t.IndexNames
	case model.PlacesIndex:
		return t.IndexPlaces
	case model.SubjectsIndex:
		return t.IndexSubjects
	}
	return t.IndexTitle
}

// addIndex writes an index as EPUB Indexes markup: a section of
// epub:type index, a group per letter, each entry's term followed by a
// link to every place it is marked (the print page's label when the
// print layout gave one: occurrences on the same page share a link), then
// its "see" and "see also" and its sub-entries.
func (b *builder) addIndex(g model.GeneratedPage) {
	ix := g.Index
	var locs map[string]model.Location
	if b.opts.Pagination != nil {
		locs = model.LocateSpans(b.book)
	}
	title := indexTitle(b.terms, ix)
	name := safeName(g.ID)
	b.addBackMatterPage(g, name, "index", "index", "doc-index", title, func(w *xw, r *ren) {
		k := 0 // the entries before, sub-entries included, as the print counts them
		for _, grp := range ix.Groups {
			w.open("section", "epub:type", "index-group")
			w.nl()
			// A page that opens at the letter's heading is marked
			// before it.
			b.writeGenMarks(w, k)
			if grp.Letter != "" {
				w.elem("h2", grp.Letter)
				w.nl()
			}
			b.writeIndexEntries(w, r, grp.Entries, locs, &k)
			w.close("section")
			w.nl()
		}
	})
}

// writeIndexEntries writes entries and their sub-entries; k counts the
// entries written before, and a printed page's marker goes before the
// entry it opens with (or opens inside).
func (b *builder) writeIndexEntries(w *xw, r *ren, es []*model.IndexEntry, locs map[string]model.Location, k *int) {
	w.open("ul", "epub:type", "index-entry-list", "class", "index-list")
	w.nl()
	for _, e := range es {
		w.open("li", "epub:type", "index-entry")
		b.writeGenMarks(w, *k)
		*k++
		w.elem("span", e.Term, "epub:type", "index-term")
		seenPage := map[string]bool{}
		n := 0
		for _, o := range e.Occurrences {
			file, ok := b.chapterFile[o.Chapter]
			if !ok {
				continue
			}
			n++
			text := strconv.Itoa(n)
			if locs != nil {
				if l := b.opts.Pagination.PageAt(locs[o.ID]); l != "" {
					if seenPage[l] {
						continue
					}
					seenPage[l] = true
					text = l
				}
			}
			w.esc(", ")
			w.elem("a", text, "epub:type", "index-locator", "href", file+"#"+o.ID)
		}
		b.writeIndexXrefs(w, e.See, b.terms.See, "index-xref-preferred", len(e.Occurrences) > 0)
		b.writeIndexXrefs(w, e.SeeAlso, b.terms.SeeAlso, "index-xref-related", true)
		if len(e.Sub) > 0 {
			w.nl()
			b.writeIndexEntries(w, r, e.Sub, locs, k)
		}
		w.close("li")
		w.nl()
	}
	w.close("ul")
	w.nl()
}

// writeIndexXrefs writes « voir X » or « voir aussi X ; Y » after an
// entry: after a comma when the entry has no pages, in parentheses-less
// sentence form (a full stop) when it has.
func (b *builder) writeIndexXrefs(w *xw, terms []string, word, typ string, afterPages bool) {
	if len(terms) == 0 {
		return
	}
	if afterPages {
		w.esc(". ")
		w.open("span", "epub:type", typ)
		w.elem("em", index.Capitalise(word))
	} else {
		w.esc(", ")
		w.open("span", "epub:type", typ)
		w.elem("em", word)
	}
	w.esc(" ")
	for i, t := range terms {
		if i > 0 {
			w.esc("; ")
		}
		w.esc(t)
	}
	w.close("span")
}
