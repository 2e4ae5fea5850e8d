// Package build is the pipeline: it reads the manuscript, runs the model
// passes (citations, typography), renders the PDF and the EPUB, and writes
// the outputs atomically so that a failed build never destroys the last
// good files.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/publish-books/publish/internal/cite"
	"github.com/publish-books/publish/internal/epub"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/pdf"
	"github.com/publish-books/publish/internal/typo"
)

// Options say what to build and where.
type Options struct {
	BookDir   string
	LayoutDir string
	OutDir    string
	// EPUB and PDF select the outputs; both false means check only.
	EPUB, PDF bool
	// Strict turns warnings about missing credits into errors.
	Strict bool
	// Log receives one line per stage when not nil (publish build -v).
	Log io.Writer
	// Dump receives the line breaker's text dump when not nil.
	Dump io.Writer
	// CheckOnly renders the selected outputs in memory and writes nothing.
	CheckOnly bool
}

// Result says what a build produced.
type Result struct {
	Book        *model.Book
	Diagnostics model.Diagnostics
	Outputs     []Output
	Pages       int
	Preflight   string
	Elapsed     time.Duration
}

// Output is one written file.
type Output struct {
	Path string
	Size int64
}

// ErrManuscript is returned when the manuscript has errors; the
// diagnostics in the result say which.
var ErrManuscript = errors.New("the manuscript has errors")

// Run builds the book. It returns ErrManuscript when the manuscript has
// errors (nothing is written then), or another error for I/O failures.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{}
	stage := newStageLog(opts.Log)

	book, ds := manuscript.Read(manuscript.Options{BookDir: opts.BookDir})
	res.Book = book
	stage.done("read")
	lay := layout.Load(opts.LayoutDir, &ds)
	stage.done("layout")
	if opts.Strict {
		for i := range ds.List {
			if ds.List[i].Code == "figure-no-credit" {
				ds.List[i].Severity = model.Error
			}
		}
	}
	if ds.HasErrors() {
		res.Diagnostics = ds
		res.Diagnostics.Sort()
		return res, ErrManuscript
	}
	cite.Apply(book, &ds)
	stage.done("cite")
	typo.Apply(book, &ds)
	stage.done("typography")
	if ds.HasErrors() {
		res.Diagnostics = ds
		res.Diagnostics.Sort()
		return res, ErrManuscript
	}

	modTime := BuildTime(book.Meta.Date)
	slug := manuscript.Slug(book.Meta.Title, "book")
	var pdfBytes bytes.Buffer
	var pagination *model.Pagination
	if opts.PDF || opts.EPUB {
		// The EPUB's page-list comes from the print layout, so the print
		// edition is laid out even for an EPUB-only build.
		r, err := pdf.Render(&pdfBytes, book, pdf.Options{Layout: lay, ModTime: modTime, Dump: opts.Dump}, &ds)
		if err != nil {
			res.Diagnostics = ds
			return res, fmt.Errorf("build: render PDF: %w", err)
		}
		pagination = r.Pagination
		res.Pages = r.Pages
		res.Preflight = r.Preflight
		stage.done("pdf")
	}
	var epubBytes bytes.Buffer
	if opts.EPUB {
		fonts := make([]epub.Font, 0, len(lay.Fonts))
		for _, f := range lay.Fonts {
			fonts = append(fonts, epub.Font{Family: f.Family, Path: f.Path, Italic: f.Italic, Bold: f.Bold})
		}
		err := epub.Write(&epubBytes, book, epub.Options{LayoutDir: opts.LayoutDir, Fonts: fonts,
			Pagination: pagination, ModTime: modTime, CacheDir: filepath.Join(opts.OutDir, ".cache")}, &ds)
		if err != nil {
			res.Diagnostics = ds
			return res, fmt.Errorf("build: write EPUB: %w", err)
		}
		stage.done("epub")
	}
	res.Diagnostics = ds
	res.Diagnostics.Sort()
	if ds.HasErrors() {
		return res, ErrManuscript
	}
	if opts.CheckOnly || (!opts.PDF && !opts.EPUB) {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return res, fmt.Errorf("build: create output folder: %w", err)
	}
	RemoveStaleTemps(opts.OutDir)
	if opts.PDF {
		p := filepath.Join(opts.OutDir, slug+".pdf")
		if err := WriteFileAtomic(p, pdfBytes.Bytes()); err != nil {
			return res, fmt.Errorf("build: write PDF: %w", err)
		}
		res.Outputs = append(res.Outputs, Output{Path: p, Size: int64(pdfBytes.Len())})
		if res.Preflight != "" {
			if err := WriteFileAtomic(filepath.Join(opts.OutDir, slug+".preflight.txt"), []byte(res.Preflight)); err != nil {
				return res, fmt.Errorf("build: write preflight report: %w", err)
			}
		}
	}
	if opts.EPUB {
		p := filepath.Join(opts.OutDir, slug+".epub")
		if err := WriteFileAtomic(p, epubBytes.Bytes()); err != nil {
			return res, fmt.Errorf("build: write EPUB: %w", err)
		}
		res.Outputs = append(res.Outputs, Output{Path: p, Size: int64(epubBytes.Len())})
	}
	stage.done("write")
	res.Elapsed = time.Since(start)
	return res, nil
}

// BuildTime returns the time stamped into the outputs: SOURCE_DATE_EPOCH
// when set, else the book's date, else the Unix epoch, so that the same
// inputs always give the same bytes.
func BuildTime(bookDate string) time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, bookDate); err == nil {
			return t.UTC()
		}
	}
	return time.Unix(0, 0).UTC()
}

type stageLog struct {
	w    io.Writer
	last time.Time
}

func newStageLog(w io.Writer) *stageLog { return &stageLog{w: w, last: time.Now()} }

func (s *stageLog) done(name string) {
	if s.w == nil {
		return
	}
	now := time.Now()
	fmt.Fprintf(s.w, "%-12s %8.1f ms\n", name, float64(now.Sub(s.last).Microseconds())/1000)
	s.last = now
}
