package epub

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
)

// authorNames lists the names of the book's authors.
func (b *builder) authorNames() []string { return authorNames(b.meta) }

// authorNames returns the names of the book's authors.
func authorNames(meta *model.Metadata) []string {
	var names []string
	for _, c := range meta.Authors() {
		names = append(names, c.Name)
	}
	return names
}

// coverSpec returns what the generated cover shows (the title, subtitle,
// authors and publisher) and its font, the layout's first regular one.
func coverSpec(meta *model.Metadata, fonts []Font) (imaging.CoverSpec, error) {
	spec := imaging.CoverSpec{Title: meta.Title, Subtitle: meta.Subtitle, Authors: authorNames(meta), Publisher: meta.Publisher}
	if f := regularFont(fonts); f != nil {
		data, err := f.read()
		if err != nil {
			return spec, fmt.Errorf("epub: cover font: %w", err)
		}
		spec.Font, spec.FontSum = data, f.givenSum()
	}
	return spec, nil
}

// addCover adds the cover image: the book's own, prepared like the
// figures (but kept at 2560 pixels or more on the long edge), or a
// generated typographic cover.
func (b *builder) addCover() error {
	title := b.meta.Title
	b.coverAlt = fmt.Sprintf(b.words.CoverOf, title)
	if path := coverPath(b.book); path != "" {
		im, err := imaging.PrepareEPUBImage(path, coverImageOptions(b.opts))
		if err == nil {
			b.add("cover-image", imageDir+"cover"+im.Ext(), im.MediaType(), "cover-image", im.Data)
			b.coverImage = "../" + imageDir + "cover" + im.Ext()
			return nil
		}
		b.ds.Errorf(b.meta.Pos, "cover image %q for the EPUB: %v (a generated cover is used)", b.meta.Cover, err)
	}
	spec, err := coverSpec(b.meta, b.opts.Fonts)
	if err != nil {
		return err
	}
	cover, err := imaging.CachedCover(imaging.CoverFolders{Own: b.opts.CacheDir, Shared: b.opts.SharedCacheDir}, spec)
	if err != nil {
		return fmt.Errorf("epub: generate cover: %w", err)
	}
	b.add("cover-image", imageDir+"cover.png", "image/png", "cover-image", cover)
	b.coverImage = "../" + imageDir + "cover.png"
	parts := []string{title}
	if b.meta.Subtitle != "" {
		parts = append(parts, b.meta.Subtitle)
	}
	parts = append(parts, b.authorNames()...)
	if b.meta.Publisher != "" {
		parts = append(parts, b.meta.Publisher)
	}
	b.coverAlt = b.terms.Cover + "\u00a0: " + strings.Join(parts, " — ")
	if !b.terms.French {
		b.coverAlt = b.terms.Cover + ": " + strings.Join(parts, " — ")
	}
	return nil
}

// regularFont returns the first upright, regular font, or nil.
func regularFont(fonts []Font) *Font {
	for i := range fonts {
		if !fonts[i].Italic && !fonts[i].Bold {
			return &fonts[i]
		}
	}
	return nil
}

func (b *builder) addCoverPage() {
	var w xw
	w.open("section", "class", "cover")
	w.nl()
	w.empty("img", "src", b.coverImage, "alt", b.coverAlt, "epub:type", "cover", "role", "doc-cover")
	w.nl()
	w.close("section")
	w.nl()
	b.addDoc("cover", "cover.xhtml", document(b.lang, b.terms.Cover, attrString("class", "cover-page"), b.css, w.String()), "")
}

func (b *builder) addTitlePage() {
	var w xw
	w.open("section", "class", "titlepage", "epub:type", "titlepage", "aria-labelledby", "book-title")
	w.nl()
	w.elem("h1", b.meta.Title, "id", "book-title", "class", "book-title")
	w.nl()
	if b.meta.Subtitle != "" {
		w.elem("p", b.meta.Subtitle, "class", "book-subtitle")
		w.nl()
	}
	for _, name := range b.authorNames() {
		w.elem("p", name, "class", "book-author")
		w.nl()
	}
	if b.meta.Publisher != "" {
		w.elem("p", b.meta.Publisher, "class", "book-publisher")
		w.nl()
	}
	w.close("section")
	w.nl()
	b.addDoc("titlepage", "titlepage.xhtml", document(b.lang, b.terms.TitlePage, "", b.css, w.String()), "")
}

func (b *builder) addCopyrightPage() {
	var w xw
	m := b.meta
	w.open("section", "class", "copyright", "epub:type", "copyright-page", "aria-label", b.terms.Copyright)
	w.nl()
	line := func(class, text string) {
		if text != "" {
			w.elem("p", text, "class", class)
			w.nl()
		}
	}
	line("book-title-small", m.Title)
	for _, c := range m.Creators {
		if c.Role == "aut" {
			line("contributor", c.Name)
		}
	}
	for _, c := range m.Creators {
		if c.Role == "aut" {
			continue
		}
		line("contributor", b.terms.ContributorLine(c.Role, c.Name))
	}
	line("edition", m.Edition)
	line("rights", m.Rights)
	if m.ISBN != "" {
		line("isbn", b.words.ISBNDigital+" : "+m.ISBN)
	}
	if m.PrintISBN != "" {
		line("isbn", b.words.ISBNPrint+" : "+m.PrintISBN)
	}
	if m.ISBN == "" && m.PrintISBN == "" && m.UUID != "" {
		line("identifier", b.words.Identifier+" : "+m.UUID)
	}
	if m.LegalDeposit != "" {
		line("legal-deposit", b.terms.LegalDeposit+" : "+m.LegalDeposit)
	}
	if m.Publisher != "" {
		line("publisher", m.Publisher)
	}
	w.close("section")
	w.nl()
	body := w.String()
	if !b.terms.French {
		body = strings.ReplaceAll(body, " : ", ": ")
	} else {
		// French puts a no-break space before the colon.
		body = strings.ReplaceAll(body, " : ", "\u00a0: ")
	}
	b.addDoc("copyright", "copyright.xhtml", document(b.lang, b.terms.Copyright, "", b.css, body), "")
}

// addFigureList writes the list of illustrations, each linking to its
// figure.
func (b *builder) addFigureList(g model.GeneratedPage) {
	b.addBackMatterPage(g, generatedName(g.Kind), "loi", "loi", "", b.terms.Figures, func(w *xw, r *ren) {
		r.plain = true
		b.writeFigureList(w, r)
	})
}

// writeFigureList writes the entries of the list of illustrations.
func (b *builder) writeFigureList(w *xw, r *ren) {
	w.open("ol", "class", "figure-list")
	w.nl()
	for k, f := range b.book.Figures {
		if _, ok := b.figureImage[f]; !ok {
			continue
		}
		w.open("li")
		b.writeGenMarks(w, k)
		w.open("a", "href", b.chapterFile[f.Chapter]+"#"+f.ID)
		w.elem("span", b.figureLabel(f), "class", "figure-label")
		if len(f.Caption) > 0 {
			w.esc(b.words.FigureSep)
			r.inlines(f.Caption)
		}
		w.close("a")
		w.close("li")
		w.nl()
	}
	w.close("ol")
	w.nl()
}

// addTableList writes the list of tables: each captioned table's number
// and caption, linking to the table.
func (b *builder) addTableList(g model.GeneratedPage) {
	b.addBackMatterPage(g, generatedName(g.Kind), "lot", "lot", "", b.terms.Tables, func(w *xw, r *ren) {
		r.plain = true
		w.open("ol", "class", "table-list")
		w.nl()
		for k, t := range b.book.Tables {
			w.open("li")
			b.writeGenMarks(w, k)
			w.open("a", "href", b.chapterFile[b.idChapter[t.ID]]+"#"+t.ID)
			w.elem("span", b.terms.TableLabel(t.Number), "class", "table-label")
			w.esc(b.terms.TableSep)
			r.inlines(t.Caption)
			w.close("a")
			w.close("li")
			w.nl()
		}
		w.close("ol")
		w.nl()
	})
}

// addCreditsPage writes the picture credits: for each figure with a
// credit, its number (linking to the figure) and the credit line the
// citation formatter made.
func (b *builder) addCreditsPage(g model.GeneratedPage) {
	b.addBackMatterPage(g, generatedName(g.Kind), "credits", "credits", "doc-credits", b.terms.Credits, b.writeCreditList)
}

// writeCreditList writes the entries of the credits page.
func (b *builder) writeCreditList(w *xw, r *ren) {
	w.open("ul", "class", "credit-list")
	w.nl()
	for k, f := range b.book.Figures {
		if len(f.Credit) == 0 {
			continue
		}
		w.open("li")
		b.writeGenMarks(w, k)
		if _, ok := b.figureImage[f]; ok {
			w.elem("a", b.figureLabel(f), "href", b.chapterFile[f.Chapter]+"#"+f.ID, "class", "figure-label")
		} else {
			w.elem("span", b.figureLabel(f), "class", "figure-label")
		}
		w.esc(b.words.FigureSep)
		if len(f.Caption) > 0 {
			w.open("em", "class", "figure-caption")
			r.plain = true
			r.inlines(f.Caption)
			r.plain = false
			w.close("em")
			if model.EndsSentence(f.Caption) {
				w.esc(" ") // the caption's own full stop separates
			} else {
				w.esc(b.words.FigureSep)
			}
		}
		w.open("span", "class", "figure-credit")
		r.inlines(f.Credit)
		w.close("span")
		w.close("li")
		w.nl()
	}
	w.close("ul")
	w.nl()
}

// addBibliography writes the bibliography the citation formatter made,
// group by group.
func (b *builder) addBibliography(g model.GeneratedPage) {
	b.addBackMatterPage(g, generatedName(g.Kind), "bibliography", "bibliography", "doc-bibliography", b.terms.Bibliography, b.writeBibliography)
}

// writeBibliography writes the bibliography's groups: a group's title is
// an h2, a repository's within it an h3, a fonds' an h4 (when the book
// groups its archives).
func (b *builder) writeBibliography(w *xw, r *ren) {
	k := 0 // the entries before, across groups
	for _, g := range b.book.Bibliography {
		if g.Title != "" {
			// A page that starts at the group's title (kept with its
			// first entry) is marked before it.
			b.writeGenMarks(w, k)
			h := "h" + strconv.Itoa(2+min(max(g.Level, 0), 2))
			w.elem(h, g.Title, "id", b.book.Register().Mint("bibliography-group"))
			w.nl()
		}
		if len(g.Entries) == 0 {
			continue
		}
		w.open("ul", "class", "bibliography-list")
		w.nl()
		for _, e := range g.Entries {
			w.open("li", "id", e.ID)
			b.writeGenMarks(w, k)
			k++
			r.inlines(e.Inlines)
			w.close("li")
			w.nl()
		}
		w.close("ul")
		w.nl()
	}
}

// addBackMatterPage writes a generated back-matter page in a document of
// its own (name.xhtml): a section of the given class, epub:type and ARIA
// role, headed by title, holding what fill writes.
func (b *builder) addBackMatterPage(g model.GeneratedPage, name, class, epubType, role, title string, fill func(w *xw, r *ren)) {
	var w xw
	r := &ren{b: b, w: &w}
	attrs := []string{"class", class, "epub:type", epubType}
	if role != "" {
		attrs = append(attrs, "role", role)
	}
	w.open("section", append(attrs, "aria-labelledby", g.ID)...)
	w.nl()
	b.curGen = g.ID
	defer func() { b.curGen = "" }()
	b.writeGenMarks(&w, -1)
	w.elem("h1", title, "id", g.ID)
	w.nl()
	fill(&w, r)
	b.writeGenMarks(&w, -2) // those of entries not written
	w.close("section")
	w.nl()
	b.addDoc(name, name+".xhtml", document(b.lang, title, attrString("epub:type", "backmatter"), b.css, w.String()), "")
}
