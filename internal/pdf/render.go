// Package pdf lays out and writes the print edition as a PDF: it builds
// the pages (front matter, chapters, generated divisions) from the model
// with the line breaker's set lines, draws them with fpdf, then finishes
// the file for the printer (page boxes, PDF/X output intent, subset font
// names, document ID) and writes a preflight report.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

// Options say how to render the PDF.
type Options struct {
	Layout  *layout.Print
	ModTime time.Time
	// Dump, when not nil, receives the text dump of the line breaker and
	// page builder (publish build -v), also kept in Result.Dump. Without
	// it the dump is not made.
	Dump io.Writer
	// Cache, when not nil, keeps what this build computed for the next
	// builds of the process (publish watch) and reuses what earlier ones
	// kept; the PDF is the same with or without it.
	Cache *Cache
	// PrintCache, when not nil and Cache is nil, is the print cache file
	// of the build cache (out/.cache/print): the paragraphs set and the
	// streams deflated by an earlier build are read from it, and the
	// others kept in it for PrintFile.Save.
	PrintCache *PrintFile
	// Faces, when not nil, are the layout's fonts parsed ahead
	// (ParseFaces), which Layout takes instead of parsing them itself.
	Faces *Faces
	// PaginationOnly says that Layout is called for the pagination alone
	// (an EPUB-only build): Write will not be called, and no page is
	// drawn ahead.
	PaginationOnly bool
}

// Result is what the layout computed.
type Result struct {
	Pagination *model.Pagination
	Pages      int
	Preflight  string
	// PDFX is the PDF/X version the file claims ("" for none).
	PDFX string
	// SetAhead counts the paragraphs set on another core ahead of the
	// page builder (see warm.go).
	SetAhead int
	// LooseAhead counts the settings a line longer or shorter made on
	// another core by the loose helper (see loosehelp.go).
	LooseAhead int
	// ShorterSkipped counts the settings of a paragraph a line shorter
	// that the page builder did not try because none of its settings can
	// have fewer lines (typeset.Setter.MinLines).
	ShorterSkipped int
	// DrawnAhead counts the pages drawn on another core (see record.go):
	// while the book was made up, or while Write drew the others.
	DrawnAhead int
	// Dump is the layout's text dump (pages, items, lines), made only
	// when Options.Dump is set.
	Dump string
}

// Producer is written in the PDF's Info dictionary and XMP.
const Producer = "publish (codeberg.org/go-pdf/fpdf v0.12.0)"

// Render lays out book and writes the PDF to w: Layout, then Write.
func Render(w io.Writer, book *model.Book, opts Options, ds *model.Diagnostics) (*Result, error) {
	l, err := Layout(context.Background(), book, opts, ds)
	if err != nil {
		return nil, err
	}
	return l.Write(context.Background(), w)
}

// Laid is a book whose print pages are made up but not yet drawn: its
// Pagination is plain data that the EPUB writer may use while Write draws
// and writes the pages.
type Laid struct {
	Pagination *model.Pagination
	b          *builder
	mk         *makeup
	f          *fpdf.Fpdf
	fonts      *fontSet
	margin     float64
	opts       Options
	ds         *model.Diagnostics
}

// Layout sets the book's paragraphs and makes up its pages. It reads the
// book and never changes it; its problems go to ds, which Write goes on
// using.
func Layout(ctx context.Context, book *model.Book, opts Options, ds *model.Diagnostics) (*Laid, error) {
	lay := opts.Layout
	if lay == nil {
		return nil, fmt.Errorf("pdf: no layout")
	}
	if len(lay.Fonts) == 0 {
		return nil, fmt.Errorf("pdf: the layout has no typeface")
	}
	m := lay.Bleed + lay.MarkSpace()
	mediaW, mediaH := lay.TrimWidth+2*m, lay.TrimHeight+2*m
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", OrientationStr: "P", Size: fpdf.SizeType{Wd: mediaW, Ht: mediaH}})
	f.SetCatalogSort(true)
	f.SetCompression(false) // finish compresses the streams (streams.go)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCreationDate(opts.ModTime.UTC())
	f.SetModificationDate(opts.ModTime.UTC())
	meta := &book.Meta
	f.SetTitle(meta.Title, true)
	f.SetAuthor(authorNames(meta), true)
	if meta.Subtitle != "" {
		f.SetSubject(meta.Subtitle, true)
	} else if meta.Description != "" {
		f.SetSubject(meta.Description, true)
	}
	if len(meta.Subjects) > 0 {
		f.SetKeywords(strings.Join(meta.Subjects, "; "), true)
	}
	f.SetCreator("publish", false)
	f.SetProducer(Producer, false)
	if meta.Language != "" {
		f.SetLang(meta.Language)
	}
	fonts, err := loadFontsCached(f, lay, opts.Cache, opts.Faces)
	if err != nil {
		return nil, err
	}
	textScope := allText
	if lay.Mono != nil {
		textScope = proseOnly
	}
	// The characters the faces lack are looked for on another core while
	// the pages are made up (a walk of the whole text); what is found is
	// said after the make-up's problems, in the same order every time.
	var glyphDS model.Diagnostics
	glyphsDone := make(chan struct{})
	textFace, monoFace := fonts.faces[fontRegular], fonts.faces[fontMono]
	go func() {
		defer close(glyphsDone)
		defer func() {
			// A fault of the walk fails the build with a message, as it
			// would on the page builder's goroutine, not the process.
			if p := recover(); p != nil {
				glyphDS.Errorf(model.Position{}, "checking the print edition's glyphs failed (%v): please report it with the book", p)
			}
		}()
		reportMissingGlyphs(book, textFace, lay.Font(false, false).Family, &glyphDS, textScope, lay.Links != "none" && lay.Mono == nil)
		if lay.Mono != nil {
			reportMissingGlyphs(book, monoFace, lay.Mono.Family, &glyphDS, codeOnly, lay.Links != "none")
		}
	}()
	defer func() {
		<-glyphsDone
		ds.Merge(glyphDS)
	}()
	terms := locale.For(meta.Language)
	fonts.kinds = &kindReport{ds: ds}
	if terms.French {
		fonts.quotes = frenchQuotes
	}
	b := &builder{book: book, lay: lay, f: f, fonts: fonts, terms: terms, ds: ds,
		links: lay.PDFX == "none", lead: lay.Leading, textW: lay.TextWidth()}
	b.capacity = float64(lay.LinesPerPage()) * lay.Leading
	b.callNotes, b.noteOwner, b.footCache = map[string]*model.Note{}, map[*model.Note]any{}, map[*model.Note][]*footLine{}
	for _, ch := range book.Chapters {
		for _, n := range ch.Notes {
			b.callNotes["#"+n.ID] = n
		}
	}
	b.refs = newRefPages(book)
	if lay.RefPages {
		fonts.refPage = func(id string) string { return b.refs.refText(id, terms.Page) }
	}
	fonts.addresses = newAddressNotes(book, lay.Links, b.footnotes())
	for _, notes := range fonts.addresses.byChapter {
		for _, n := range notes {
			b.callNotes["#"+n.ID] = n
		}
	}
	if lay.Mono == nil {
		reportCodeWithoutMono(book, ds)
	}
	b.lang = hyphenLang(meta.Language)
	b.setter = newSetter(lay)
	if opts.Cache != nil {
		opts.Cache.begin()
		b.setter = opts.Cache.lineSetter(lay)
	}

	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pdf: layout: %w", err)
	}
	if err := fonts.addTabular(book); err != nil {
		return nil, err
	}
	if opts.Cache != nil {
		opts.Cache.internFaces(fonts)
	} else if opts.PrintCache != nil {
		opts.PrintCache.start(fonts, lay)
		b.setter = &fileSetter{inner: b.setter, file: opts.PrintCache}
	}
	b.warm = b.startWarmer()
	if !opts.PaginationOnly {
		b.ahead = b.startRecorder(m, opts.Dump != nil)
		b.docOpen = b.ahead != nil
	}
	mk := b.makeUp()
	b.ahead.close()
	b.warm.stop()
	b.warm = nil // its sets hold the lines of the chapters it set
	releaseSetter(b.setter)
	releaseSetter(b.looseSetter)
	if err := ctx.Err(); err != nil {
		b.ahead.drop() // nothing will print the pages
		return nil, fmt.Errorf("pdf: layout: %w", err)
	}
	return &Laid{Pagination: mk.pagination, b: b, mk: mk, f: f, fonts: fonts, margin: m, opts: opts, ds: ds}, nil
}

// Write draws the pages made up by Layout and writes the finished PDF to
// w. It is called once.
func (l *Laid) Write(ctx context.Context, w io.Writer) (*Result, error) {
	b, mk, f, fonts, m, opts, ds := l.b, l.mk, l.f, l.fonts, l.margin, l.opts, l.ds
	lay := opts.Layout
	meta := &b.book.Meta
	// On an error, the recorder is not to go on drawing the pages it has
	// not begun.
	defer b.ahead.drop()
	if err := b.closeDoc(); err != nil {
		return nil, fmt.Errorf("pdf: embed fonts: %w", err)
	}
	d := newDrawer(f, fonts, b.links)
	d.drawnStyles = map[string]bool{}
	if b.ahead != nil {
		d.chunks = &contentChunks{}
	}
	var dump *layoutDump
	if opts.Dump != nil {
		dump = &layoutDump{}
	}
	printed := map[string]*placedFigure{}
	for _, pg := range mk.pages {
		b.drawPage(d, pg, m, dump)
		if pg.kind == pageSection {
			for _, pl := range pg.sec.pages[pg.idx].placed {
				if f := pl.it.figure; f != nil {
					printed[f.fig.ID] = f
				}
			}
		}
		if dump == nil { // the dump formats the lines at the end
			pg.release()
		}
	}
	b.ahead.drop()
	d.resolveLinks()
	if err := b.checkFontsAhead(d); err != nil {
		return nil, fmt.Errorf("pdf: draw pages: %w", err)
	}
	if err := d.shown.register(f, fonts); err != nil {
		return nil, fmt.Errorf("pdf: draw pages: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pdf: draw pages: %w", err)
	}
	if f.Err() {
		return nil, fmt.Errorf("pdf: draw pages: %w", f.Error())
	}
	var raw outputBytes
	if err := output(f, &raw); err != nil {
		return nil, fmt.Errorf("pdf: write: %w", err)
	}
	// raw holds fpdf's document; fpdf's page buffers, a copy of every
	// page's content, are no longer needed: let the collector have them
	// while finish works (a long book's plain content is tens of MB).
	l.f, b.f, d.f, f = nil, nil, nil, nil
	labels := make([]string, len(mk.pages))
	for i, pg := range mk.pages {
		labels[i] = pg.label
	}
	fin, err := finish(raw.data, finishOptions{
		pages: len(mk.pages), lay: lay, meta: meta, modTime: opts.ModTime.UTC(), fonts: fonts,
		pageLabels: pageLabelTree(labels), cache: streamsOf(opts), chunks: d.chunks,
	})
	if err != nil {
		return nil, fmt.Errorf("pdf: finish for print: %w", err)
	}
	if _, err := w.Write(fin.data); err != nil {
		return nil, fmt.Errorf("pdf: write: %w", err)
	}
	res := &Result{Pagination: mk.pagination, Pages: len(mk.pages), PDFX: fin.pdfx, SetAhead: b.warmHits, LooseAhead: b.looseAhead, ShorterSkipped: b.shorterSkipped, DrawnAhead: d.replayed}
	if dump != nil {
		res.Dump = dump.String()
	}
	res.Preflight = b.preflight(mk, fin, ds, printed)
	if opts.Dump != nil {
		io.WriteString(opts.Dump, res.Dump)
	}
	return res, nil
}

// hyphenLang returns the hyphenation patterns' language for a book
// language.
func hyphenLang(lang string) string {
	l := strings.ToLower(lang)
	switch {
	case strings.HasPrefix(l, "fr"):
		return "fr"
	case strings.HasPrefix(l, "en"):
		return "en"
	}
	return ""
}

func authorNames(meta *model.Metadata) string {
	var names []string
	for _, c := range meta.Authors() {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// outputBytes receives fpdf's finished document. fpdf v0.12.0's Output
// hands over its whole document buffer in one Write (bytes.Buffer's
// WriteTo), and the Fpdf is dropped as soon as Output returns, nothing
// writing to that buffer again: that Write's bytes are kept as they are
// rather than copied (some 4.4 MB of fresh memory cleared and filled for
// the corpus novel, 4 ms of a rebuild's processor time). This keeps p,
// which io.Writer forbids in general: it holds only because the one
// caller is that Output. A second Write is an error rather than a copy,
// as the writer may have reused the first one's bytes by then (a later
// fpdf writing in pieces would fail every build, not spoil the file).
type outputBytes struct {
	data    []byte
	written bool
}

func (o *outputBytes) Write(p []byte) (int, error) {
	if o.written {
		return 0, errors.New("the PDF library wrote its document in more than one piece, which outputBytes cannot keep")
	}
	o.data, o.written = p[:len(p):len(p)], true
	return len(p), nil
}

// output serialises the document, turning a panic of the PDF library
// (on a font it could not subset, for example) into an error.
func output(f *fpdf.Fpdf, w io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the PDF library failed (%v): is a font file damaged?", p)
		}
	}()
	return f.Output(w)
}

// streamsOf returns where the deflated streams are kept between builds:
// the in-memory cache, else the print cache file, else nowhere.
func streamsOf(opts Options) streamStore {
	if opts.Cache == nil && opts.PrintCache != nil {
		return opts.PrintCache
	}
	return opts.Cache
}
