package epub

import (
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// docLang returns a chapter's language.
func (b *builder) docLang(ch *model.Chapter) string {
	if ch != nil && ch.Lang != "" {
		return ch.Lang
	}
	return b.lang
}

// addChapter writes one chapter as a content document: its title, its
// blocks with the print edition's page-break markers, and its notes as
// footnotes at the end, each with a link back to its call.
func (b *builder) addChapter(ch *model.Chapter) {
	file := b.chapterFile[ch.ID]
	marks := b.marks[ch.ID]
	var w xw
	r := &ren{b: b, w: &w, chapterID: ch.ID}

	var sectionAttrs []string
	if ch.Matter == model.BodyMatter {
		sectionAttrs = append(sectionAttrs, "epub:type", "chapter", "role", "doc-chapter")
	}
	if !ch.Untitled {
		sectionAttrs = append(sectionAttrs, "aria-labelledby", titleID(ch))
	}
	w.open("section", sectionAttrs...)
	w.nl()
	writeMarks(&w, marks[-1])
	if !ch.Untitled {
		w.open("h1", "id", titleID(ch), "class", "chapter-title")
		r.inlines(ch.Title)
		w.close("h1")
		w.nl()
		r.lastLevel = 1
	}
	for i, bl := range ch.Blocks {
		r.block(bl, marks[i], false)
	}
	writeMarks(&w, marks[len(ch.Blocks)])
	r.footnotes(ch)
	w.close("section")
	w.nl()

	title := model.PlainText(ch.Title)
	if ch.Untitled || title == "" {
		title = b.meta.Title
	}
	bodyType := map[model.Matter]string{model.FrontMatter: "frontmatter", model.BodyMatter: "bodymatter", model.BackMatter: "backmatter"}[ch.Matter]
	doc := document(b.docLang(ch), title, attrString("epub:type", bodyType), b.css, w.String())
	b.addDoc("text-"+strings.TrimSuffix(file, ".xhtml"), file, doc, "")
}

// footnotes writes the notes called in the chapter, in the order of their
// calls, then any note of the chapter that was never called (without a
// link back).
func (r *ren) footnotes(ch *model.Chapter) {
	notes := append([]*model.Note(nil), r.notes...)
	for _, n := range ch.Notes {
		if !r.noteSeen[n] {
			notes = append(notes, n)
		}
	}
	if len(notes) == 0 {
		return
	}
	w := r.w
	w.open("div", "class", "footnotes")
	w.nl()
	// Notes are written after the chapter's text: the calls are already
	// known, so new calls inside notes are not followed.
	called := r.noteSeen
	if called == nil {
		called = map[*model.Note]bool{}
	}
	for _, n := range notes {
		w.open("aside", "id", noteID(n), "class", "footnote", "epub:type", "footnote", "role", "doc-footnote")
		w.nl()
		back := func() {
			if called[n] {
				w.open("a", "class", "note-backlink", "href", "#"+noteRefID(n), "role", "doc-backlink")
				w.esc(noteNumber(n) + ".")
				w.close("a")
			} else {
				w.elem("span", noteNumber(n)+".", "class", "note-number")
			}
			w.WriteByte(' ')
		}
		sub := &ren{b: r.b, w: w, chapterID: r.chapterID, noteSeen: called}
		if p, ok := firstParagraph(n.Blocks); ok {
			w.open("p")
			back()
			sub.inlines(p.Inlines)
			w.close("p")
			w.nl()
			sub.blocks(n.Blocks[1:])
		} else {
			w.open("p")
			back()
			w.close("p")
			w.nl()
			sub.blocks(n.Blocks)
		}
		w.close("aside")
		w.nl()
	}
	w.close("div")
	w.nl()
}

func firstParagraph(bs []model.Block) (*model.Paragraph, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[0].(*model.Paragraph)
	return p, ok
}
