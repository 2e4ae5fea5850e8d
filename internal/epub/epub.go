// Package epub writes a book as an EPUB 3 publication: one XHTML content
// document per chapter and per generated page, a navigation document with
// the table of contents, landmarks and the print edition's page-list, the
// package document with the EPUB Accessibility 1.1 metadata, the images
// prepared for e-readers, the style sheet and the fonts, in a zip
// container whose bytes depend only on the input.
//
// The container is written here with archive/zip rather than with
// github.com/go-shiori/go-epub: see docs/dependencies.md for why.
package epub

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

// Font is a font file to embed, as the layout names it.
type Font struct {
	Family string
	Path   string // absolute path of the TTF/OTF file
	Italic bool
	Bold   bool
	// Data, when not nil, is the file's bytes as the caller read them
	// (the layout, to check the font), so that they are not read again.
	Data []byte
	// Sum, when not nil, is the SHA-256 of Data as the caller computed it
	// (the layout, to know the font): the font's deflate stream is kept
	// under it in the cache folders, and the generated cover's file is
	// named after it, without hashing the font again. It is ignored when
	// Data is nil.
	Sum *[32]byte
}

// givenSum returns Sum when the caller gave it with Data, else nil.
func (f *Font) givenSum() *[32]byte {
	if f.Data == nil {
		return nil
	}
	return f.Sum
}

// sum returns the SHA-256 of data, the font's bytes as read: Sum when the
// caller gave it with Data, else computed.
func (f *Font) sum(data []byte) [32]byte {
	if s := f.givenSum(); s != nil {
		return *s
	}
	return sha256.Sum256(data)
}

// read returns the font file's bytes: Data, else the file at Path.
func (f *Font) read() ([]byte, error) {
	if f.Data != nil {
		return f.Data, nil
	}
	return os.ReadFile(f.Path)
}

// Options say how to write the EPUB.
type Options struct {
	// LayoutDir holds epub.css; when it has none, the built-in style sheet
	// (DefaultCSS) is used.
	LayoutDir string
	// Fonts are embedded and declared with @font-face; the first regular
	// one is also used for a generated cover.
	Fonts []Font
	// Pagination gives the print edition's page starts for the page-list;
	// nil leaves out the page-list and the page-break markers.
	Pagination *model.Pagination
	// ModTime is stamped into dcterms:modified and the zip entries.
	ModTime time.Time
	// MaxImageEdge is the longest side of an image in pixels (default
	// 2000); covers keep at least 2560.
	MaxImageEdge int
	// CacheDir keeps converted images between builds; "" for none.
	CacheDir string
	// SharedCacheDir, when set, keeps the fonts' deflate streams and the
	// generated covers for all the user's builds: they depend on a
	// font's bytes and a cover's texts only, so a build into a new output
	// folder finds them there instead of compressing the fonts and
	// drawing the cover again. The EPUB is the same with or without it.
	SharedCacheDir string
	// Entries, when not nil, keeps the compressed entries between the
	// builds of a process (publish watch); the EPUB is the same with or
	// without it.
	Entries *Cache
}

// Folders inside the container. Every content document lives in text/,
// so links between them are plain file names.
const (
	pkgDir    = "EPUB/"
	textDir   = "text/"
	imageDir  = "images/"
	fontDir   = "fonts/"
	styleDir  = "css/"
	navHref   = textDir + "nav.xhtml"
	coverHref = textDir + "cover.xhtml"
)

// item is one file of the publication, in manifest order.
type item struct {
	id        string
	href      string // relative to the package document
	mediaType string
	props     string
	data      []byte
	// sum is the SHA-256 of a font's data as its caller gave it, under
	// which its deflate stream is kept in the cache folders; nil when it
	// is to be computed, and for other entries.
	sum *[32]byte
}

// builder holds the state of writing one EPUB.
type builder struct {
	book  *model.Book
	meta  *model.Metadata
	opts  Options
	ds    *model.Diagnostics
	terms *locale.Terms
	words *words
	lang  string

	items []*item
	spine []*item
	css   []string // style sheet links, relative to text/

	chapterFile map[string]string // chapter ID -> file name in text/
	idChapter   map[string]string // element ID -> chapter ID
	figureImage map[*model.Figure]string
	marks       map[string]map[int][]pageMark // chapter ID -> block index -> marks
	// curGen is the ID of the generated page being written, whose marks
	// writeGenMarks writes.
	curGen   string
	pageList []pageEntry
	// navMarks are the markers of the print edition's contents pages, by
	// the id of the entry each page opens with ("" for the title).
	navMarks map[string][]pageMark
	// navPlace puts the nav in the spine where the print edition has its
	// contents, so that the page-list follows the reading order.
	navPlace navPlace

	coverImage string // href relative to text/
	coverAlt   string
}

// withDefaults fills in the options left at their zero value.
func withDefaults(opts Options) Options {
	if opts.MaxImageEdge <= 0 {
		opts.MaxImageEdge = imaging.DefaultEPUBMaxEdge
	}
	return opts
}

// Write writes the EPUB of book to w. Problems in the book are added to
// ds; the error is for failures that stop the EPUB from being written.
func Write(w io.Writer, book *model.Book, opts Options, ds *model.Diagnostics) error {
	if ds == nil {
		ds = &model.Diagnostics{}
	}
	opts = withDefaults(opts)
	lang := book.Meta.Language
	if lang == "" {
		lang = "en"
	}
	b := &builder{book: book, meta: &book.Meta, opts: opts, ds: ds, terms: locale.For(lang),
		words: wordsFor(lang), lang: lang, chapterFile: map[string]string{}, idChapter: map[string]string{},
		figureImage: map[*model.Figure]string{}, marks: map[string]map[int][]pageMark{}}
	if err := b.build(); err != nil {
		return err
	}
	opf, err := b.packageDocument()
	if err != nil {
		return err
	}
	return writeContainer(w, opf, b.items, opts.ModTime, streamFoldersOf(opts), opts.Entries)
}

// add appends a file to the manifest and returns it.
func (b *builder) add(id, href, mediaType, props string, data []byte) *item {
	it := &item{id: id, href: href, mediaType: mediaType, props: props, data: data}
	b.items = append(b.items, it)
	return it
}

// addDoc adds a content document to the manifest and the spine.
func (b *builder) addDoc(id, file string, data []byte, props string) {
	it := b.add(id, textDir+file, "application/xhtml+xml", props, data)
	b.spine = append(b.spine, it)
}

// build prepares every file of the publication.
func (b *builder) build() error {
	b.indexChapters()
	b.placePages()
	if err := b.addStyles(); err != nil {
		return err
	}
	if err := b.addCover(); err != nil {
		return err
	}
	if err := b.addFigureImages(); err != nil {
		return err
	}
	b.addCoverPage()
	b.addTitlePage()
	b.addCopyrightPage()
	if b.navPlace == navFirst {
		b.addNav()
	}
	for _, ch := range b.book.Chapters {
		if ch.Matter == model.FrontMatter {
			b.addChapter(ch)
		}
	}
	if b.navPlace == navAfterFront {
		b.addNav()
	}
	for _, m := range []model.Matter{model.BodyMatter, model.BackMatter} {
		for _, ch := range b.book.Chapters {
			if ch.Matter == m {
				b.addChapter(ch)
			}
		}
	}
	for _, g := range b.book.Generated {
		switch g.Kind {
		case model.IllustrationsPage:
			b.addFigureList(g)
		case model.TablesPage:
			b.addTableList(g)
		case model.CreditsPage:
			b.addCreditsPage(g)
		case model.BibliographyPage:
			b.addBibliography(g)
		case model.IndexPage:
			b.addIndex(g)
		}
	}
	if b.navPlace == navLast {
		b.addNav()
	}
	return nil
}

// indexChapters names the chapter files and records which chapter holds
// each element ID, for internal links.
func (b *builder) indexChapters() {
	used := map[string]bool{"nav.xhtml": true, "cover.xhtml": true, "titlepage.xhtml": true,
		"copyright.xhtml": true, "figures.xhtml": true, "tables.xhtml": true, "credits.xhtml": true, "bibliography.xhtml": true}
	for _, g := range b.book.Generated {
		if g.Kind == model.IndexPage {
			used[indexFile(g)] = true
		}
	}
	for i, ch := range b.book.Chapters {
		name := safeName(ch.ID)
		if name == "" {
			name = fmt.Sprintf("chapter-%d", i+1)
		}
		file := name + ".xhtml"
		for n := 2; used[file]; n++ {
			file = fmt.Sprintf("%s-%d.xhtml", name, n)
		}
		used[file] = true
		b.chapterFile[ch.ID] = file
		if ch.TitleID != "" {
			b.idChapter[ch.TitleID] = ch.ID
		}
		walkBlockIDs(ch.Blocks, func(id string) { b.idChapter[id] = ch.ID })
		for _, n := range ch.Notes {
			b.idChapter[n.ID] = ch.ID
			walkBlockIDs(n.Blocks, func(id string) { b.idChapter[id] = ch.ID })
		}
	}
}

// walkBlockIDs calls fn with each id that the blocks give an element:
// headings, figures, divs, tables, spans and inline HTML elements, at any
// depth.
func walkBlockIDs(bs []model.Block, fn func(string)) {
	for _, bl := range bs {
		model.Walk(bl, func(n model.Node, entering bool) model.WalkStatus {
			if !entering {
				return model.WalkContinue
			}
			id := ""
			switch v := n.(type) {
			case *model.Heading:
				id = v.ID
			case *model.FigureBlock:
				id = v.Figure.ID
			case *model.Div:
				id = v.ID
			case *model.Table:
				id = v.ID
			case *model.Span:
				id = v.ID
			case *model.Element:
				id = v.Attr("id")
			}
			if id != "" {
				fn(id)
			}
			return model.WalkContinue
		})
	}
}

// safeName keeps the characters of s that are safe in a file name and an
// XML ID.
func safeName(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			out = append(out, c)
		default:
			out = append(out, '-')
		}
	}
	return string(out)
}

// titleID returns the ID of a chapter's title element.
func titleID(ch *model.Chapter) string { return ch.TitleID }
