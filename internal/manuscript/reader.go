// Package manuscript reads a book folder (book.yaml, Markdown chapters,
// the sources file and the images they name) into the one chapter model,
// collecting every problem with its position.
package manuscript

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/yuin/goldmark/parser"

	"github.com/publish-books/publish/internal/csl"
	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/yamlfile"
)

// Options say where the book is and how strictly to read it.
type Options struct {
	// BookDir is the folder holding book.yaml.
	BookDir string
	// Root is the project folder: every path the manuscript names must
	// lead inside it. It defaults to the parent of BookDir, so that a book
	// can use the project's images/ folder.
	Root string
	// MaxImagePixels refuses larger images (default imaging.DefaultMaxPixels).
	MaxImagePixels int
	// MaxFileSize refuses larger chapter or sources files (default 64 MiB).
	MaxFileSize int64
	// Parsed, when not nil, keeps the Markdown parser's tree of each
	// chapter file for the next reads of the process (publish watch); the
	// book and the diagnostics are the same with or without it.
	Parsed *ParseCache
}

// reader holds the state of reading one book.
type reader struct {
	opts Options
	root string
	ds   *model.Diagnostics
	md   parser.Parser
	// headerRefs are the book's headings, which links may name by their
	// text (see headerrefs.go).
	headerRefs []headerRef
	// headings indexes headerRefs once they are all read (nil before).
	headings headingIndex
	// definedRefs holds, by chapter file, the reference labels the file
	// defines itself, found by the same scan.
	definedRefs map[string]map[string]bool
	// later holds the steps that mint automatic ids, in reading order;
	// they run once every file is read, so that the ids the author wrote
	// are all reserved first and an automatic id never takes one.
	later     []func()
	book      *model.Book
	citations []*model.Citation
	// sourcesUnread is set when the sources file book.yaml names could
	// not be read, or gave no source and an error: its error is then the
	// one said, not an "unknown source" at each citation that follows
	// from it.
	sourcesUnread bool
}

// Read reads the book in opts.BookDir. It always returns a book (possibly
// partial) and the diagnostics; the caller decides from ds.HasErrors
// whether to go on.
func Read(opts Options) (*model.Book, model.Diagnostics) {
	var ds model.Diagnostics
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = 64 << 20
	}
	if opts.MaxImagePixels == 0 {
		opts.MaxImagePixels = imaging.DefaultMaxPixels
	}
	bookDir, err := filepath.Abs(opts.BookDir)
	if err != nil {
		ds.Errorf(model.Position{File: opts.BookDir}, "cannot resolve book folder: %v", err)
		return &model.Book{}, ds
	}
	root := opts.Root
	if root == "" {
		root = filepath.Dir(bookDir)
	}
	root, _ = filepath.Abs(root)
	r := &reader{opts: opts, root: root, ds: &ds, md: newMarkdownParser(), definedRefs: map[string]map[string]bool{},
		book: &model.Book{Dir: bookDir, Sources: map[string]*model.Source{}, IDs: model.NewIDs()}}
	opts.Parsed.begin()
	r.read(bookDir)
	opts.Parsed.end()
	return r.book, ds
}

// display returns the path to print for a file: relative to the current
// directory when that is shorter, as users run publish from the project.
func display(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

func (r *reader) read(bookDir string) {
	yamlPath := filepath.Join(bookDir, "book.yaml")
	yamlName := display(yamlPath)
	data, err := r.readFile(yamlPath)
	if err != nil {
		if st, serr := os.Stat(bookDir); serr == nil && !st.IsDir() {
			r.ds.Errorf(model.Position{File: display(bookDir)}, "%s is a file, not a folder: give the folder holding book.yaml", display(bookDir))
		} else if serr != nil {
			// The folder itself is missing: say so, not that book.yaml is.
			r.ds.Errorf(model.Position{File: display(bookDir)}, "book folder not found (give the folder holding book.yaml; publish init DIR makes one)")
		} else if errors.Is(err, errNotFound) {
			r.ds.Errorf(model.Position{File: yamlName}, "book.yaml not found: is %s a book folder? (publish init DIR makes one)", display(bookDir))
		} else {
			r.ds.Errorf(model.Position{File: yamlName}, "cannot read book.yaml: %v", err)
		}
		return
	}
	meta, entries, at := parseBookYAML(yamlName, data, r.ds)
	meta.Pos.File = yamlName
	r.book.Meta = meta
	r.book.Style = meta.CitationStyle

	if meta.SourcesFile != "" {
		r.readSources(bookDir, at["sources"])
	}
	if meta.Cover != "" {
		pos := at["cover"]
		if abs, ok := r.resolve(bookDir, meta.Cover, pos); ok {
			if _, err := r.probeImage(abs); err != nil {
				r.ds.Errorf(pos, "cover image %q: %v", meta.Cover, err)
			}
		}
	}
	type chapterFile struct {
		abs    string
		src    []byte
		matter model.Matter
	}
	var files []chapterFile
	seen := map[string]model.Position{}
	for _, e := range entries {
		e.Pos.File = yamlName
		if prev, dup := seen[e.File]; dup {
			r.ds.Errorf(e.Pos, "chapter %q is listed twice (first at line %d)", e.File, prev.Line)
			continue
		}
		seen[e.File] = e.Pos
		abs, ok := r.resolve(bookDir, e.File, e.Pos)
		if !ok {
			continue
		}
		src, err := r.readFile(abs)
		if err != nil {
			r.ds.Errorf(e.Pos, "chapter file %q: %v", e.File, err)
			continue
		}
		files = append(files, chapterFile{abs: abs, src: src, matter: e.Matter})
		refs, defined := scanHeadings(src)
		r.headerRefs = append(r.headerRefs, refs...)
		r.definedRefs[abs] = defined
	}
	r.headings = indexHeadings(r.headerRefs)
	// Every file is read before any is parsed, so that a link may name a
	// heading of a later chapter by its text (pandoc's implicit header
	// references). The files are parsed side by side, and converted into
	// the book's chapters in their order as their trees come.
	parsed := r.parseFiles(len(files), func(i int) *parsedSource {
		return r.parseSource(display(files[i].abs), files[i].abs, files[i].src)
	})
	for i, f := range files {
		chs := r.convertChapter(display(f.abs), f.abs, parsed(i), f.matter)
		r.book.Chapters = append(r.book.Chapters, chs...)
	}
	r.finish()
}

// parseFiles runs parse for the indexes 0 to n-1 on as many goroutines as
// there are cores but one (at least one, at most one per file), and
// returns a function that waits for the result of index i: the reader
// converts the trees as they come, in order, on the core left (with a
// goroutine per core it lagged behind the parsers and converted the last
// chapters alone, about 10 ms for a novel). A fault of the parser is said by parseMarkdown; a
// fault elsewhere fails the read as it would without the goroutines.
func (r *reader) parseFiles(n int, parse func(i int) *parsedSource) func(i int) *parsedSource {
	results := make([]*parsedSource, n)
	done := make([]chan struct{}, n)
	for i := range done {
		done[i] = make(chan struct{})
	}
	faults := make([]any, n)
	var next atomic.Int64
	for range min(n, max(1, runtime.GOMAXPROCS(0)-1)) {
		go func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				func() {
					defer close(done[i])
					defer func() { faults[i] = recover() }()
					results[i] = parse(i)
				}()
			}
		}()
	}
	return func(i int) *parsedSource {
		<-done[i]
		if faults[i] != nil {
			panic(faults[i])
		}
		return results[i]
	}
}

// finish runs what needs every file read: the automatic ids are minted
// (after every id the author wrote is reserved), then citations and
// figure sources are checked and links resolved.
func (r *reader) finish() {
	for _, step := range r.later {
		step()
	}
	r.later = nil
	r.numberTables()
	r.checkReferences()
	r.resolveLinks()
}

// numberTables numbers the tables that have a caption in reading order,
// as figures are, lists them in the book and gives those without an id
// one ("tbl-3"), for the list of tables to point at. A table in a note is
// not numbered: the print edition sets a note's tables as its text.
func (r *reader) numberTables() {
	number := func(n model.Node, entering bool) model.WalkStatus {
		t, ok := n.(*model.Table)
		if !ok || !entering || len(t.Caption) == 0 {
			return model.WalkContinue
		}
		r.book.Tables = append(r.book.Tables, t)
		t.Number = len(r.book.Tables)
		if t.ID == "" {
			t.ID = r.book.Register().Mint("tbl-" + strconv.Itoa(t.Number))
		}
		return model.WalkContinue
	}
	for _, ch := range r.book.Chapters {
		for _, b := range ch.Blocks {
			model.Walk(b, number)
		}
	}
}

// errNotFound is readFile's error for a missing file.
var errNotFound = errors.New("not found")

// readFile reads a manuscript file, refusing folders, pipes, devices and
// files over the size limit.
func (r *reader) readFile(abs string) ([]byte, error) {
	st, err := os.Stat(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errNotFound
		}
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a folder, not a file")
	}
	if !st.Mode().IsRegular() {
		// A named pipe or a device would block the read or never end.
		return nil, errors.New("is not a regular file (a pipe or a device?)")
	}
	if st.Size() > r.opts.MaxFileSize {
		return nil, fmt.Errorf("file is %s, more than the limit of %s", byteSize(st.Size()), byteSize(r.opts.MaxFileSize))
	}
	return os.ReadFile(abs)
}

// byteSize formats a file size for a message: bytes below one mebibyte,
// else mebibytes with one decimal when needed.
func byteSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
}

// resolve checks a manuscript path and reports a problem at pos.
func (r *reader) resolve(base, p string, pos model.Position) (string, bool) {
	abs, err := ResolveInside(r.root, base, p)
	if err != nil {
		r.ds.Errorf(pos, "%v", err)
		return "", false
	}
	return abs, true
}

func (r *reader) readSources(bookDir string, pos model.Position) {
	abs, ok := r.resolve(bookDir, r.book.Meta.SourcesFile, pos)
	if !ok {
		r.sourcesUnread = true
		return
	}
	data, err := r.readFile(abs)
	if err != nil {
		r.ds.Errorf(pos, "sources file %q: %v", r.book.Meta.SourcesFile, err)
		r.sourcesUnread = true
		return
	}
	errorsBefore := r.ds.Count(model.Error)
	list, byKey := csl.Read(display(abs), data, r.ds)
	r.sourcesUnread = len(list) == 0 && r.ds.Count(model.Error) > errorsBefore
	r.book.Sources = byKey
	for _, s := range list {
		r.book.SourceKeys = append(r.book.SourceKeys, s.Key)
	}
}

func (r *reader) probeImage(abs string) (imaging.Info, error) {
	if st, err := os.Stat(abs); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return imaging.Info{}, errors.New("is a folder, not a file")
		}
		return imaging.Info{}, errors.New("is not a regular file (a pipe or a device?)")
	}
	f, err := os.Open(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return imaging.Info{}, errors.New("not found")
		}
		return imaging.Info{}, err
	}
	defer f.Close()
	return imaging.Probe(f, r.opts.MaxImagePixels)
}

// reserveID records an id written in the manuscript. An id written twice
// is an error at both places.
func (r *reader) reserveID(id string, pos model.Position) string {
	if first, ok := r.book.IDs.Reserve(id, pos); !ok {
		r.ds.Errorf(pos, "duplicate id %q (also at %s)", id, first)
		r.ds.Errorf(first, "duplicate id %q (also at %s)", id, pos)
	}
	return id
}

// mintLater asks the register for an automatic id once every file is
// read; base is called then, so that it may use ids minted before it.
func (r *reader) mintLater(dst *string, base func() string) {
	r.later = append(r.later, func() { *dst = r.book.IDs.Mint(base()) })
}

// addFigure resolves and checks a figure's image and numbers it.
func (r *reader) addFigure(fig *model.Figure, p *chapterParse) {
	r.book.Figures = append(r.book.Figures, fig)
	fig.Number = len(r.book.Figures)
	if fig.ID == "" {
		r.mintLater(&fig.ID, func() string { return "fig-" + strconv.Itoa(fig.Number) })
	}
	if ch := p.cur; ch != nil {
		r.later = append(r.later, func() { fig.Chapter = ch.ID })
	}
	name := fig.ID
	if name == "" {
		name = "fig-" + strconv.Itoa(fig.Number)
	}
	if fig.Alt == "" {
		r.ds.WarnCodef("figure-no-alt", fig.Pos, "figure %q has no alt text (add alt=\"…\" describing the image for screen readers)", name)
	}
	if !fig.HasCredit() {
		r.ds.WarnCodef("figure-no-credit", fig.Pos, "figure %q has no credit (add credit=\"…\" or source=key)", name)
	}
	if len(fig.Caption) == 0 {
		r.ds.Warnf(fig.Pos, "figure %q has no caption (the text in the brackets)", name)
	}
	abs, ok := r.resolve(filepath.Dir(p.absFile), fig.Image, fig.Pos)
	if !ok {
		return
	}
	fig.ImagePath = abs
	if rel, err := filepath.Rel(r.book.Dir, abs); err == nil {
		fig.Image = filepath.ToSlash(rel)
	}
	info, err := r.probeImage(abs)
	if err != nil {
		r.ds.Errorf(fig.Pos, "image %q %v", displayImage(p, fig), err)
		return
	}
	fig.PixelWidth, fig.PixelHeight, fig.Format = info.Width, info.Height, info.Format
}

func displayImage(p *chapterParse, fig *model.Figure) string {
	rel, err := filepath.Rel(filepath.Dir(p.absFile), fig.ImagePath)
	if err != nil {
		return fig.Image
	}
	return filepath.ToSlash(rel)
}

// checkReferences checks that every cited key and every figure source
// exists in the sources file.
func (r *reader) checkReferences() {
	noSources := r.book.Meta.SourcesFile == ""
	for _, k := range r.book.SourceKeys {
		if _, _, _, ok := RefKindOf(k); ok {
			s := r.book.Sources[k]
			pos := r.book.Meta.Pos
			if s != nil && s.Pos.IsValid() {
				pos = s.Pos
			}
			r.ds.Errorf(pos, "source key %q starts with a prefix reserved for cross-references (fig-, tbl-, sec-, eq-): rename the source, or @%s would name a figure, table or section", k, k)
		}
	}
	if r.sourcesUnread {
		return
	}
	for _, c := range r.citations {
		for _, it := range c.Items {
			if _, ok := r.book.Sources[it.Key]; !ok {
				switch {
				case noSources:
					r.ds.ErrorCodef("unknown-source", it.Pos, "unknown source %q (book.yaml names no sources file)", it.Key)
				case yamlfile.Nearest(it.Key, r.book.SourceKeys) != "":
					r.ds.ErrorCodef("unknown-source", it.Pos, "unknown source %q (did you mean %q?)", it.Key, yamlfile.Nearest(it.Key, r.book.SourceKeys))
				default:
					r.ds.ErrorCodef("unknown-source", it.Pos, "unknown source %q", it.Key)
				}
			}
		}
	}
	for _, f := range r.book.Figures {
		if f.CreditSource != "" {
			if _, ok := r.book.Sources[f.CreditSource]; !ok {
				if near := yamlfile.Nearest(f.CreditSource, r.book.SourceKeys); near != "" {
					r.ds.ErrorCodef("unknown-source", f.Pos, "figure %q: unknown source %q (did you mean %q?)", f.ID, f.CreditSource, near)
					continue
				}
				r.ds.ErrorCodef("unknown-source", f.Pos, "figure %q: unknown source %q", f.ID, f.CreditSource)
			}
		}
	}
}

// ReadMetadata reads book.yaml alone, for callers that need the title or
// language without reading the chapters.
func ReadMetadata(bookDir string) (model.Metadata, model.Diagnostics) {
	var ds model.Diagnostics
	p := filepath.Join(bookDir, "book.yaml")
	data, err := os.ReadFile(p)
	if err != nil {
		ds.Errorf(model.Position{File: display(p)}, "cannot read book.yaml: %v", err)
		return model.Metadata{}, ds
	}
	meta, _, _ := parseBookYAML(display(p), data, &ds)
	return meta, ds
}
