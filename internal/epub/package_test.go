package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image"
	_ "image/jpeg" // image sizes
	_ "image/png"  // image sizes
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/model"
)

// opfDoc is the part of package.opf the tests read.
type opfDoc struct {
	Version    string `xml:"version,attr"`
	UniqueID   string `xml:"unique-identifier,attr"`
	Lang       string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Identifier []struct {
		ID    string `xml:"id,attr"`
		Value string `xml:",chardata"`
	} `xml:"metadata>identifier"`
	Titles []struct {
		ID    string `xml:"id,attr"`
		Value string `xml:",chardata"`
	} `xml:"metadata>title"`
	Creators []struct {
		ID    string `xml:"id,attr"`
		Value string `xml:",chardata"`
	} `xml:"metadata>creator"`
	Contributors []struct {
		ID    string `xml:"id,attr"`
		Value string `xml:",chardata"`
	} `xml:"metadata>contributor"`
	Language  []string `xml:"metadata>language"`
	Publisher []string `xml:"metadata>publisher"`
	Date      []string `xml:"metadata>date"`
	Rights    []string `xml:"metadata>rights"`
	Subjects  []string `xml:"metadata>subject"`
	Sources   []struct {
		ID    string `xml:"id,attr"`
		Value string `xml:",chardata"`
	} `xml:"metadata>source"`
	Meta []struct {
		Property string `xml:"property,attr"`
		Refines  string `xml:"refines,attr"`
		Scheme   string `xml:"scheme,attr"`
		Name     string `xml:"name,attr"`
		Content  string `xml:"content,attr"`
		Value    string `xml:",chardata"`
	} `xml:"metadata>meta"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

func (o *opfDoc) metas(property string) []string {
	var out []string
	for _, m := range o.Meta {
		if m.Property == property && m.Refines == "" {
			out = append(out, m.Value)
		}
	}
	return out
}

func (o *opfDoc) refine(id, property string) string {
	for _, m := range o.Meta {
		if m.Refines == "#"+id && m.Property == property {
			return m.Value
		}
	}
	return ""
}

// htmlNode is a generic XHTML element tree.
type htmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []htmlNode `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n *htmlNode) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// epubType returns the epub:type attribute.
func (n *htmlNode) epubType() string {
	for _, a := range n.Attrs {
		if a.Name.Local == "type" && a.Name.Space == "http://www.idpf.org/2007/ops" {
			return a.Value
		}
	}
	return ""
}

func (n *htmlNode) walk(fn func(*htmlNode)) {
	fn(n)
	for i := range n.Children {
		n.Children[i].walk(fn)
	}
}

func (n *htmlNode) find(fn func(*htmlNode) bool) []*htmlNode {
	var out []*htmlNode
	n.walk(func(c *htmlNode) {
		if fn(c) {
			out = append(out, c)
		}
	})
	return out
}

func (n *htmlNode) textContent() string {
	var b strings.Builder
	n.walk(func(c *htmlNode) { b.WriteString(c.Text) })
	return b.String()
}

func parseXHTML(t *testing.T, name string, data []byte) *htmlNode {
	t.Helper()
	var n htmlNode
	if err := xml.Unmarshal(data, &n); err != nil {
		t.Fatalf("%s is not well-formed XML: %v", name, err)
	}
	return &n
}

func sampleEPUB(t *testing.T, pg func(*model.Book) *model.Pagination) (*model.Book, []string, map[string][]byte) {
	t.Helper()
	root := repoRoot(t)
	book := readBook(t, filepath.Join(root, "book"))
	opts := Options{LayoutDir: filepath.Join(root, "layout"), Fonts: testFonts(t)}
	if pg != nil {
		opts.Pagination = pg(book)
	}
	data, _ := writeEPUB(t, book, opts)
	names, files := unzip(t, data)
	return book, names, files
}

func TestContainer(t *testing.T) {
	root := repoRoot(t)
	book := readBook(t, filepath.Join(root, "book"))
	data, _ := writeEPUB(t, book, Options{Fonts: testFonts(t), ModTime: time.Date(2026, 11, 1, 12, 30, 0, 0, time.UTC)})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
		t.Errorf("first entry = %q method %d extra %d bytes, want mimetype stored without extra field", first.Name, first.Method, len(first.Extra))
	}
	if !bytes.HasPrefix(data[30:], []byte("mimetypeapplication/epub+zip")) {
		t.Errorf("mimetype is not at offset 30 of the file")
	}
	for _, f := range zr.File {
		if got := f.Modified.UTC(); !got.Equal(time.Date(2026, 11, 1, 12, 30, 0, 0, time.UTC)) {
			t.Errorf("%s: time %v, want the build time", f.Name, got)
		}
	}
	if zr.File[1].Name != "META-INF/container.xml" || zr.File[2].Name != "EPUB/package.opf" {
		t.Errorf("entry order: %q, %q", zr.File[1].Name, zr.File[2].Name)
	}
}

func TestPackageDocument(t *testing.T) {
	book, names, files := sampleEPUB(t, func(b *model.Book) *model.Pagination { return simulatedPagination(b, 900, 7) })
	var opf opfDoc
	if err := xml.Unmarshal(files["EPUB/package.opf"], &opf); err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	if opf.Version != "3.0" || opf.UniqueID != "pub-id" || opf.Lang != "fr" {
		t.Errorf("package: version %q unique-identifier %q xml:lang %q", opf.Version, opf.UniqueID, opf.Lang)
	}
	if len(opf.Identifier) != 1 || opf.Identifier[0].ID != "pub-id" || opf.Identifier[0].Value != book.Meta.Identifier() {
		t.Errorf("identifiers = %+v", opf.Identifier)
	}
	if len(opf.Titles) != 2 || opf.Titles[0].Value != book.Meta.Title || opf.refine(opf.Titles[0].ID, "title-type") != "main" ||
		opf.Titles[1].Value != book.Meta.Subtitle || opf.refine(opf.Titles[1].ID, "title-type") != "subtitle" {
		t.Errorf("titles = %+v", opf.Titles)
	}
	if len(opf.Creators) != 1 || opf.refine(opf.Creators[0].ID, "role") != "aut" || opf.refine(opf.Creators[0].ID, "file-as") == "" {
		t.Errorf("creators = %+v", opf.Creators)
	}
	check := func(what string, got []string, want ...string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("language", opf.Language, "fr")
	check("publisher", opf.Publisher, book.Meta.Publisher)
	check("date", opf.Date, book.Meta.Date)
	check("rights", opf.Rights, book.Meta.Rights)
	check("subjects", opf.Subjects, book.Meta.Subjects...)
	check("modified", opf.metas("dcterms:modified"), "2026-11-01T00:00:00Z")
	check("accessMode", opf.metas("schema:accessMode"), "textual", "visual")
	check("accessModeSufficient", opf.metas("schema:accessModeSufficient"), "textual", "textual,visual")
	check("accessibilityFeature", opf.metas("schema:accessibilityFeature"), "structuralNavigation", "tableOfContents",
		"readingOrder", "alternativeText", "printPageNumbers", "pageNavigation", "displayTransformability")
	check("accessibilityHazard", opf.metas("schema:accessibilityHazard"), "none")
	check("conformsTo", opf.metas("dcterms:conformsTo"), "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
	if s := opf.metas("schema:accessibilitySummary"); len(s) != 1 || !strings.Contains(s[0], "édition imprimée") {
		t.Errorf("accessibilitySummary = %q", s)
	}
	if len(opf.Sources) != 1 || opf.Sources[0].Value != book.Meta.Identifier() || opf.refine(opf.Sources[0].ID, "source-of") != "pagination" {
		t.Errorf("page source = %+v", opf.Sources)
	}

	// Manifest and container agree; the spine names manifest items.
	inZip := map[string]bool{}
	for _, n := range names {
		inZip[n] = true
	}
	ids := map[string]string{}
	props := map[string]string{}
	for _, it := range opf.Items {
		if !inZip["EPUB/"+it.Href] {
			t.Errorf("manifest item %s is not in the container", it.Href)
		}
		delete(inZip, "EPUB/"+it.Href)
		ids[it.ID] = it.Href
		if it.Properties != "" {
			props[it.Properties] = it.Href
		}
	}
	for _, n := range []string{"mimetype", "META-INF/container.xml", "EPUB/package.opf"} {
		delete(inZip, n)
	}
	if len(inZip) != 0 {
		t.Errorf("files missing from the manifest: %v", inZip)
	}
	if props["nav"] != "text/nav.xhtml" || props["cover-image"] != "images/cover.png" {
		t.Errorf("properties = %v", props)
	}
	var spine []string
	for _, s := range opf.Spine {
		href, ok := ids[s.IDRef]
		if !ok {
			t.Errorf("spine names unknown item %q", s.IDRef)
		}
		spine = append(spine, path.Base(href))
	}
	check("spine", spine, "cover.xhtml", "titlepage.xhtml", "copyright.xhtml", "nav.xhtml", "ch-01-forteresse.xhtml",
		"ch-02-liberation.xhtml", "ch-03-ports.xhtml", "bibliography.xhtml", "figures.xhtml", "credits.xhtml",
		"index-names.xhtml", "index-places.xhtml")

	// No print-resolution original is shipped: every image fits the
	// limit (2000 pixels, 2560 for the cover) and is JPEG or PNG.
	for _, it := range opf.Items {
		if !strings.HasPrefix(it.MediaType, "image/") {
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(files["EPUB/"+it.Href]))
		if err != nil || (format != "jpeg" && format != "png") || "image/"+format != it.MediaType {
			t.Errorf("image %s: %s as %s (%v)", it.Href, format, it.MediaType, err)
			continue
		}
		limit := 2000
		if it.Properties == "cover-image" {
			limit = 2560
		}
		if max(cfg.Width, cfg.Height) > limit {
			t.Errorf("image %s is %d×%d, more than %d pixels", it.Href, cfg.Width, cfg.Height, limit)
		}
	}

	// Every content document has lang and xml:lang.
	for name, data := range files {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		doc := parseXHTML(t, name, data)
		var xmlLang string
		for _, a := range doc.Attrs {
			if a.Name.Space == "http://www.w3.org/XML/1998/namespace" && a.Name.Local == "lang" {
				xmlLang = a.Value
			}
		}
		if doc.attr("lang") != "fr" || xmlLang != "fr" {
			t.Errorf("%s: lang %q xml:lang %q", name, doc.attr("lang"), xmlLang)
		}
	}
}

func TestNavigation(t *testing.T) {
	var pg *model.Pagination
	book, _, files := sampleEPUB(t, func(b *model.Book) *model.Pagination {
		pg = simulatedPagination(b, 900, 7)
		return pg
	})
	nav := parseXHTML(t, "nav.xhtml", files["EPUB/text/nav.xhtml"])
	navs := map[string]*htmlNode{}
	for _, n := range nav.find(func(n *htmlNode) bool { return n.XMLName.Local == "nav" }) {
		navs[n.epubType()] = n
	}
	links := func(n *htmlNode) (hrefs, texts, types []string) {
		for _, a := range n.find(func(c *htmlNode) bool { return c.XMLName.Local == "a" }) {
			hrefs = append(hrefs, a.attr("href"))
			texts = append(texts, a.textContent())
			types = append(types, a.epubType())
		}
		return
	}
	toc := navs["toc"]
	if toc == nil || toc.attr("role") != "doc-toc" {
		t.Fatalf("no toc nav with role doc-toc")
	}
	hrefs, texts, _ := links(toc)
	wantTexts := []string{}
	for _, ch := range book.Chapters {
		wantTexts = append(wantTexts, model.PlainText(ch.Title))
	}
	wantTexts = append(wantTexts, "Sources et bibliographie", "Table des illustrations", "Crédits iconographiques",
		"Index des noms de personnes", "Index des noms de lieux")
	if !slices.Equal(texts, wantTexts) {
		t.Errorf("toc = %q, want %q", texts, wantTexts)
	}
	if hrefs[0] != "ch-01-forteresse.xhtml" {
		t.Errorf("first toc link = %q", hrefs[0])
	}

	lm := navs["landmarks"]
	if lm == nil {
		t.Fatal("no landmarks nav")
	}
	_, _, types := links(lm)
	if want := []string{"cover", "titlepage", "toc", "bodymatter", "bibliography", "loi", "index", "index"}; !slices.Equal(types, want) {
		t.Errorf("landmarks = %q, want %q", types, want)
	}

	pl := navs["page-list"]
	if pl == nil || pl.attr("role") != "doc-pagelist" {
		t.Fatal("no page-list nav")
	}
	hrefs, texts, _ = links(pl)
	if len(hrefs) != len(pg.Pages) {
		t.Fatalf("page-list has %d entries, pagination %d pages", len(hrefs), len(pg.Pages))
	}
	for i, p := range pg.Pages {
		if texts[i] != p.Label {
			t.Errorf("page-list entry %d = %q, want %q", i, texts[i], p.Label)
		}
		file, id, _ := strings.Cut(hrefs[i], "#")
		doc := parseXHTML(t, file, files["EPUB/text/"+file])
		marks := doc.find(func(n *htmlNode) bool { return n.attr("id") == id })
		if len(marks) != 1 || marks[0].epubType() != "pagebreak" || marks[0].attr("role") != "doc-pagebreak" || marks[0].attr("aria-label") != p.Label {
			t.Errorf("page %s: target %s is not one page-break marker", p.Label, hrefs[i])
		}
	}
}

func TestNoPagination(t *testing.T) {
	_, _, files := sampleEPUB(t, nil)
	opfText := string(files["EPUB/package.opf"])
	for _, s := range []string{"printPageNumbers", "pageNavigation", "source-of", "dc:source"} {
		if strings.Contains(opfText, s) {
			t.Errorf("package.opf mentions %s without a pagination", s)
		}
	}
	for name, data := range files {
		if bytes.Contains(data, []byte("pagebreak")) || bytes.Contains(data, []byte("page-list")) {
			t.Errorf("%s has page-break markers or a page-list without a pagination", name)
		}
	}
}

func TestMissingAltText(t *testing.T) {
	root := repoRoot(t)
	book := readBook(t, filepath.Join(root, "book"))
	book.Figures[0].Alt = ""
	data, _ := writeEPUB(t, book, Options{})
	_, files := unzip(t, data)
	opfText := string(files["EPUB/package.opf"])
	if strings.Contains(opfText, "alternativeText") || strings.Contains(opfText, "conformsTo") {
		t.Error("a book with an image without alt text claims alternativeText or conformance")
	}
	if !strings.Contains(opfText, `<meta property="schema:accessModeSufficient">textual,visual</meta>`) ||
		strings.Contains(opfText, `<meta property="schema:accessModeSufficient">textual</meta>`) {
		t.Error("accessModeSufficient should be textual,visual only")
	}
	ch := parseXHTML(t, "ch-02", files["EPUB/text/ch-02-liberation.xhtml"])
	imgs := ch.find(func(n *htmlNode) bool { return n.XMLName.Local == "img" })
	if len(imgs) != 1 || imgs[0].attr("alt") != model.PlainText(book.Figures[0].Caption) {
		t.Errorf("img alt should fall back to the caption")
	}
}

func TestDeterministic(t *testing.T) {
	root := repoRoot(t)
	cache := t.TempDir()
	var outs [][]byte
	for i := 0; i < 3; i++ {
		book := readBook(t, filepath.Join(root, "book"))
		opts := Options{LayoutDir: filepath.Join(root, "layout"), Fonts: testFonts(t), Pagination: simulatedPagination(book, 900, 7)}
		if i > 0 {
			opts.CacheDir = cache // the second build converts, the third reads the cache
		}
		data, _ := writeEPUB(t, book, opts)
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[1], outs[2]) {
		t.Error("identical inputs gave different EPUB bytes")
	}
	// The fonts' compressed streams are cached; a cache file cut short is
	// not trusted.
	cached, _ := filepath.Glob(filepath.Join(cache, "deflate-*"))
	if len(cached) == 0 {
		t.Fatal("no font stream was cached")
	}
	for _, f := range cached {
		data, _ := os.ReadFile(f)
		if err := os.WriteFile(f, data[:len(data)/2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	book := readBook(t, filepath.Join(root, "book"))
	opts := Options{LayoutDir: filepath.Join(root, "layout"), Fonts: testFonts(t), Pagination: simulatedPagination(book, 900, 7), CacheDir: cache}
	data, _ := writeEPUB(t, book, opts)
	if !bytes.Equal(data, outs[0]) {
		t.Error("a damaged font cache changed the EPUB")
	}
	_, files := unzip(t, data)
	fonts := 0
	for name, body := range files {
		if strings.HasSuffix(name, ".ttf") {
			fonts++
			if len(body) < 100000 {
				t.Errorf("font %s unzips to %d bytes", name, len(body))
			}
		}
	}
	if fonts == 0 {
		t.Error("the EPUB holds no font")
	}
}

// TestWellFormedWithHostileText feeds control characters, markup
// characters and odd page labels through the writer: every document must
// stay well-formed XML.
func TestWellFormedWithHostileText(t *testing.T) {
	bad := "a\x01b <i>&amp;</i> \"q\" 'r' \uFFFE ]]> --"
	ch := &model.Chapter{ID: "c\"1", File: "c.md", Title: []model.Inline{&model.Text{Value: bad}},
		Blocks: []model.Block{
			&model.Heading{Level: 2, ID: "h\"<", Inlines: []model.Inline{&model.Text{Value: bad}}},
			&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: bad}, &model.Span{Lang: "en\"x", Children: []model.Inline{&model.Text{Value: bad}}}}},
			&model.CodeBlock{Text: bad},
		}}
	book := &model.Book{Meta: model.Metadata{Title: bad, Subtitle: bad, Language: "fr", Publisher: bad, Rights: bad,
		Description: bad, Subjects: []string{bad}, Creators: []model.Contributor{{Name: bad, FileAs: bad, Role: "aut"}}},
		Chapters:     []*model.Chapter{ch},
		Bibliography: []model.BibliographyGroup{{Title: bad, Entries: []model.BibliographyEntry{{Key: "k\"", Inlines: []model.Inline{&model.Text{Value: bad}}}}}}}
	pg := &model.Pagination{Pages: []model.PageStart{{Label: "a b/\"c", Chapter: "c\"1", Block: 1, Offset: 3}, {Label: "a b/\"c", Chapter: "c\"1", Block: -1}}}
	data, ds := writeEPUB(t, book, Options{Pagination: pg})
	names, files := unzip(t, data)
	for _, n := range names {
		if isText(n) && (strings.HasSuffix(n, ".xhtml") || strings.HasSuffix(n, ".opf") || strings.HasSuffix(n, ".xml")) {
			d := xml.NewDecoder(bytes.NewReader(files[n]))
			for {
				if _, err := d.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("%s is not well-formed: %v", n, err)
					}
					break
				}
			}
		}
	}
	if !strings.Contains(ds.String(), "no identifier") {
		t.Errorf("no warning about the missing identifier: %s", ds.String())
	}
}

// TestJobsPrepareWhatWriteReads does the jobs a build runs ahead (the
// generated cover, the figures' images, the fonts' deflate streams) into
// an empty cache folder: Write then finds every file it needs there, adds
// none, and gives the bytes of a build without the jobs.
func TestJobsPrepareWhatWriteReads(t *testing.T) {
	root := repoRoot(t)
	book := readBook(t, filepath.Join(root, "book"))
	if book.Meta.Cover != "" {
		t.Fatal("the sample book has a cover image: this test wants a generated one")
	}
	opts := Options{LayoutDir: filepath.Join(root, "layout"), Fonts: testFonts(t), Pagination: simulatedPagination(book, 900, 7)}
	cold, _ := writeEPUB(t, book, opts)

	opts.CacheDir = t.TempDir()
	jobs := Jobs(book, opts)
	kinds := map[string]int{}
	for _, j := range jobs {
		switch {
		case j.cover != nil:
			kinds["cover"]++
		case j.font != nil:
			kinds["font"]++
		default:
			kinds["image"]++
		}
		j.Do()
	}
	if kinds["cover"] != 1 || kinds["font"] == 0 || kinds["image"] != len(book.Figures) {
		t.Fatalf("jobs %v for a book of %d figures", kinds, len(book.Figures))
	}
	before, _ := filepath.Glob(filepath.Join(opts.CacheDir, "*"))
	// A book is written once: its register mints the ids of what the
	// writer adds.
	book = readBook(t, filepath.Join(root, "book"))
	warm, _ := writeEPUB(t, book, opts)
	after, _ := filepath.Glob(filepath.Join(opts.CacheDir, "*"))
	if len(after) != len(before) {
		t.Errorf("Write added %d files to the cache the jobs prepared: %v then %v", len(after)-len(before), before, after)
	}
	if !bytes.Equal(cold, warm) {
		t.Error("the EPUB written after the jobs differs from one written without them")
	}
	if Jobs(book, Options{Fonts: testFonts(t)}) != nil {
		t.Error("jobs without a cache folder")
	}
}
