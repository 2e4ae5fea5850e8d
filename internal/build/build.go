// Package build is the pipeline: it reads the manuscript, runs the model
// passes (citations, typography), renders the PDF and the EPUB, and writes
// the outputs atomically so that a failed build never destroys the last
// good files.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/publish-books/publish/internal/epub"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/pdf"
	"github.com/publish-books/publish/internal/prepare"
	"golang.org/x/sync/errgroup"
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
	// LineDump writes the line breaker's text dump into the output set as
	// <slug>.lines.txt (publish build -v).
	LineDump bool
	// Notify receives the messages a user should see while the build
	// runs, such as waiting for another build into the same output
	// folder; nil for none.
	Notify io.Writer
	// LockTimeout bounds the wait for another build writing into the
	// same output folder; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
	// SharedCacheDir, when set, is a folder for what the user's builds
	// may share, whatever their book and output folder: the verdicts of
	// the font checks (layout.LoadOptions.SharedCacheDir), the fonts'
	// deflate streams and the generated covers for the EPUB
	// (epub.Options.SharedCacheDir). The
	// command line sets it to a folder in the user's cache folder.
	SharedCacheDir string
	// CollectBeforeDrawing asks for one collection between the make-up
	// and the drawing when the heap holds more than half the soft memory
	// limit (collectBeforeDrawing). It is for a process whose collector
	// otherwise waits for that limit, as publish build's does.
	CollectBeforeDrawing bool
	// Cache, when not nil, keeps what this build computed for the next
	// builds of the process and reuses what earlier builds kept (publish
	// watch); the outputs are the same with or without it.
	Cache *Cache
}

// Result says what a build produced.
type Result struct {
	Book        *model.Book
	Diagnostics model.Diagnostics
	Outputs     []Output
	Pages       int
	Preflight   string
	Elapsed     time.Duration
	// ParagraphsRead and ParagraphsSet count the paragraphs the print
	// edition read from the build cache's print file (out/.cache/print)
	// and those it set (and kept there); StreamsRead and StreamsDeflated
	// count its content streams so. All are 0 without the file (publish
	// watch, publish check).
	ParagraphsRead, ParagraphsSet int
	StreamsRead, StreamsDeflated  int
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
	return RunContext(context.Background(), opts)
}

// RunContext is Run under a context: the stages (read, prepare, layout,
// write, replace the outputs) stop between steps when ctx is done, and a
// cancelled build leaves the previous outputs as they were.
func RunContext(ctx context.Context, opts Options) (res *Result, err error) {
	start := time.Now()
	res = &Result{}
	stage := newStageLog(opts.Log)
	write := (opts.PDF || opts.EPUB) && !opts.CheckOnly

	// The layout (with its fonts, each read whole to be checked) loads on
	// another core while the manuscript is read; its diagnostics follow
	// the manuscript's, whatever finishes first.
	cacheDir := filepath.Join(opts.OutDir, ".cache")
	// Its faces are parsed there too (pdf.ParseFaces), for a build that
	// keeps none in memory.
	var (
		lay      *layout.Print
		faces    *pdf.Faces
		layDS    model.Diagnostics
		layDone  = make(chan struct{})
		layStart = time.Now()
		layTime  time.Duration
	)
	go func() {
		defer close(layDone)
		lay = layout.LoadWith(opts.LayoutDir, layout.LoadOptions{CacheDir: cacheDir, SharedCacheDir: opts.SharedCacheDir}, &layDS)
		if lay != nil && !layDS.HasErrors() && opts.Cache == nil && (opts.PDF || opts.EPUB) {
			faces = pdf.ParseFaces(lay)
		}
		layTime = time.Since(layStart)
	}()
	// The paragraphs an earlier build set and the streams it deflated
	// (out/.cache/print) are read alongside too, for a build that writes
	// and keeps no cache in memory (publish watch keeps its own).
	// Nothing is written to the output folder before the manuscript is
	// known to be good and the folder locked: the files are written with
	// the outputs.
	var (
		printCache     *pdf.PrintFile // nil: none
		keepProgram    = func() {}
		printCacheRead = make(chan struct{})
	)
	go func() {
		defer close(printCacheRead)
		if !write || opts.Cache != nil {
			return
		}
		if program, ok, keep := programStamp(cacheDir); ok {
			printCache = pdf.OpenPrintFile(filepath.Join(cacheDir, "print"), program)
			keepProgram = keep
		}
	}()
	defer func() { <-printCacheRead }()
	book, ds := manuscript.Read(manuscript.Options{BookDir: opts.BookDir, Parsed: opts.Cache.parseCache()})
	res.Book = book
	stage.done("read")
	<-layDone
	// Without a book.yaml the book folder is wrong, and so is the layout
	// folder the command line looks for beside it: the book's error is
	// said alone, not followed by a missing layout.
	if _, err := os.Stat(filepath.Join(opts.BookDir, "book.yaml")); err == nil {
		ds.Merge(layDS)
	}
	stage.note("layout", layTime, "alongside the reading")
	stage.done("wait-layout")
	if opts.Strict {
		for i := range ds.List {
			if ds.List[i].Code == "figure-no-credit" {
				ds.List[i].Severity = model.Error
			}
		}
	}
	if ds.HasErrors() {
		res.Diagnostics = ds
		sortCausesFirst(&res.Diagnostics)
		return res, ErrManuscript
	}
	if err := prepare.BookWith(ctx, book, &ds, prepare.Options{Typo: opts.Cache.typoCache()}); err != nil {
		return res, fmt.Errorf("build: %w", err)
	}
	stage.done("prepare")
	if ds.HasErrors() {
		res.Diagnostics = ds
		sortCausesFirst(&res.Diagnostics)
		return res, ErrManuscript
	}

	modTime := BuildTime(book.Meta.Date)
	slug := manuscript.Slug(book.Meta.Title, "book")

	// The outputs stream into a new output set (outset.go), which
	// replaces the current one only when the whole build succeeded; on
	// any error it is removed, so the last good set stays.
	// One build at a time writes into an output folder (its cache
	// included); the others wait here, once the manuscript is known to
	// be good, so that a build with errors creates nothing. What killed
	// builds left is removed only by the lock's holder.
	if write {
		lock, lerr := lockOutDir(ctx, opts.OutDir, opts.LockTimeout, opts.Notify)
		if lerr != nil {
			return res, fmt.Errorf("build: %w", lerr)
		}
		defer func() {
			if rerr := lock.release(); err == nil && rerr != nil {
				err = fmt.Errorf("build: %w", rerr)
			}
		}()
		removeStale(opts.OutDir)
		stage.done("lock")
	}
	var (
		set             *outputSet
		pdfOut, epubOut *pendingFile
	)
	defer func() { set.abort() }()
	if write {
		var err error
		if set, err = newOutputSet(opts.OutDir); err != nil {
			return res, fmt.Errorf("build: start the outputs: %w", err)
		}
		if opts.PDF {
			if pdfOut, err = set.create(slug + ".pdf"); err != nil {
				return res, fmt.Errorf("build: write PDF: %w", err)
			}
		}
		if opts.EPUB {
			if epubOut, err = set.create(slug + ".epub"); err != nil {
				return res, fmt.Errorf("build: write EPUB: %w", err)
			}
		}
	}
	dump := opts.Dump
	var lineDump *strings.Builder
	if opts.LineDump && dump == nil && write && opts.PDF {
		lineDump = &strings.Builder{}
		dump = lineDump
	}

	// The EPUB's figures are converted for e-readers (decoded, reduced,
	// encoded), its generated cover drawn and its fonts deflated into the
	// cache while the print edition is laid out, on the cores the layout
	// leaves idle; epub.Write then reads them from the cache.
	fonts := make([]epub.Font, 0, len(lay.Fonts))
	for _, f := range lay.Fonts {
		font := epub.Font{Family: f.Family, Path: f.Path, Italic: f.Italic, Bold: f.Bold}
		if data, sum, ok := lay.FontData(f.Path); ok { // else the EPUB reads and hashes the file
			font.Data, font.Sum = data, &sum
		}
		fonts = append(fonts, font)
	}
	epubCache := cacheDir
	if opts.CheckOnly {
		epubCache = "" // a check writes nothing, not even to the cache
	}
	epubOpts := epub.Options{LayoutDir: opts.LayoutDir, Fonts: fonts, ModTime: modTime, CacheDir: epubCache,
		Entries: opts.Cache.epubCache()}
	if epubCache != "" {
		epubOpts.SharedCacheDir = opts.SharedCacheDir
	}
	var images *imageWarmer
	if opts.EPUB && write {
		images = warmEPUBImages(book, epubOpts)
	}

	// Stage: layout. The print pages are made up, and their pagination
	// (plain data) is what the EPUB's page-list is made from, so the
	// print edition is laid out even for an EPUB-only build. The page
	// breaks get their ids from the book's register here, before the
	// writers run side by side.
	var laid *pdf.Laid
	<-printCacheRead
	if opts.PDF || opts.EPUB {
		var err error
		laid, err = pdf.Layout(ctx, book, pdf.Options{Layout: lay, ModTime: modTime, Dump: dump, Cache: opts.Cache.pdfCache(),
			PrintCache: printCache, Faces: faces, PaginationOnly: !opts.PDF}, &ds)
		if err != nil {
			images.wait()
			res.Diagnostics = ds
			return res, fmt.Errorf("build: lay out the print edition: %w", err)
		}
		laid.Pagination.MintIDs(book.Register())
		images.widen(runtime.GOMAXPROCS(0)) // the layout's core is free
		stage.done("make-up")
		if opts.CollectBeforeDrawing && collectBeforeDrawing() {
			stage.done("collect")
		}
		if printCache != nil {
			res.ParagraphsRead, res.ParagraphsSet = printCache.Stats()
			stage.fact("paragraphs", fmt.Sprintf("%d read from the build cache, %d set", res.ParagraphsRead, res.ParagraphsSet))
		}
		if !opts.PDF {
			// Every paragraph is set: the print cache file's bytes are
			// made now, and written with the outputs.
			printCache.Seal()
		}
	}

	// Stage: write. The PDF's pages are drawn and written on one core and
	// the EPUB on another; neither starts the other. The EPUB has its own
	// diagnostics, merged after the PDF's so that their order does not
	// depend on timing.
	var (
		epubDS             model.Diagnostics
		pdfTime, epubTime  time.Duration
		pdfResult          *pdf.Result
		writers, writerCtx = errgroup.WithContext(ctx)
	)
	if opts.PDF {
		writers.Go(func() error {
			begin := time.Now()
			var w io.Writer = io.Discard
			if pdfOut != nil {
				w = pdfOut
			}
			r, err := laid.Write(writerCtx, w)
			if err != nil {
				return fmt.Errorf("build: write PDF: %w", err)
			}
			// The print cache file's bytes are made once the streams
			// are deflated, alongside the EPUB; they are written with
			// the outputs.
			printCache.Seal()
			if pdfOut != nil {
				if err := pdfOut.finish(); err != nil {
					return fmt.Errorf("build: write PDF: %w", err)
				}
			}
			pdfResult, pdfTime = r, time.Since(begin)
			return nil
		})
	}
	if opts.EPUB {
		writers.Go(func() error {
			images.wait() // the EPUB reads the images from the cache
			begin := time.Now()
			var w io.Writer = io.Discard
			if epubOut != nil {
				w = epubOut
			}
			o := epubOpts
			o.Pagination = laid.Pagination
			if err := epub.Write(w, book, o, &epubDS); err != nil {
				return fmt.Errorf("build: write EPUB: %w", err)
			}
			if epubOut != nil {
				if err := epubOut.finish(); err != nil {
					return fmt.Errorf("build: write EPUB: %w", err)
				}
			}
			epubTime = time.Since(begin)
			return nil
		})
	}
	werr := writers.Wait()
	images.wait()
	ds.Merge(epubDS)
	if werr != nil {
		res.Diagnostics = ds
		return res, werr
	}
	if printCache != nil {
		res.StreamsRead, res.StreamsDeflated = printCache.StreamStats()
		stage.fact("streams", fmt.Sprintf("%d read from the build cache, %d deflated", res.StreamsRead, res.StreamsDeflated))
	}
	if pdfResult != nil {
		res.Pages = pdfResult.Pages
		res.Preflight = pdfResult.Preflight
		stage.note("pdf", pdfTime, "alongside the EPUB")
	}
	if images != nil && len(images.jobs) > 0 {
		stage.note("epub-images", images.elapsed, fmt.Sprintf("%d files prepared (images, cover, fonts), alongside the layout, then on every core", len(images.jobs)))
	}
	if opts.EPUB {
		stage.note("epub", epubTime, "alongside the PDF")
	}
	stage.done("render")
	res.Diagnostics = ds
	sortCausesFirst(&res.Diagnostics)
	if ds.HasErrors() {
		return res, ErrManuscript
	}
	if !write {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	// The print cache file (sealed with the PDF) is written while the
	// outputs are: their files and the manifest wait for the disk (fsync),
	// and the cache does not depend on them. The build waits for it before
	// it lets go of the output folder. Should the outputs then fail to be
	// committed, the cache is as sound as ever: it holds what this build
	// set, by content.
	saved := make(chan struct{})
	go func() {
		defer close(saved)
		printCache.Save()
	}()
	defer func() { <-saved }()
	if res.Preflight != "" {
		if err := set.add(slug+".preflight.txt", []byte(res.Preflight)); err != nil {
			return res, fmt.Errorf("build: write preflight report: %w", err)
		}
	}
	if lineDump != nil && lineDump.Len() > 0 {
		if err := set.add(slug+".lines.txt", []byte(lineDump.String())); err != nil {
			return res, fmt.Errorf("build: write line dump: %w", err)
		}
	}
	// The files of the current set this build did not make are kept: the
	// PDF and its reports when only the EPUB was built, and the other way
	// round.
	keep := func(name string) bool {
		switch name {
		case slug + ".pdf", slug + ".preflight.txt", slug + ".lines.txt":
			return !opts.PDF
		case slug + ".epub":
			return !opts.EPUB
		}
		return false
	}
	// A build interrupted now (Ctrl-C) still leaves the last set.
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("build: %w", err)
	}
	if err := set.commit(keep); err != nil {
		return res, fmt.Errorf("build: replace the outputs: %w", err)
	}
	for _, p := range set.files {
		if p == pdfOut || p == epubOut {
			res.Outputs = append(res.Outputs, Output{Path: p.path, Size: p.size})
		}
	}
	lay.SaveFontChecks()
	keepProgram()
	<-saved
	stage.done("write")
	res.Elapsed = time.Since(start)
	return res, nil
}

// imageWarmer prepares the EPUB's images in the background.
type imageWarmer struct {
	jobs []epub.Job
	// next is the index of the next job to take; left counts the jobs
	// not done, and the last one done sets elapsed and releases done.
	next, left atomic.Int64
	begin      time.Time
	elapsed    time.Duration
	done       sync.WaitGroup
	// workers counts the goroutines taking jobs (widen runs on the
	// build's goroutine only).
	workers int
}

// warmEPUBImages prepares what the EPUB needs into the cache (epub.Jobs,
// with the settings epub.Write uses: the images, the generated cover, the
// fonts' deflate streams), so that its own calls find them there.
// Problems are left for epub.Write to report at the figure's position.
// While the print edition is laid out, one core is left to the layout
// (widen adds the others once it is done).
func warmEPUBImages(book *model.Book, opts epub.Options) *imageWarmer {
	jobs := epub.Jobs(book, opts)
	iw := &imageWarmer{jobs: jobs, begin: time.Now()}
	if len(jobs) == 0 {
		return iw
	}
	iw.left.Store(int64(len(jobs)))
	iw.done.Add(1)
	iw.widen(max(runtime.GOMAXPROCS(0)-1, 1))
	return iw
}

// widen has up to n goroutines take the jobs left (it adds none past the
// jobs' number, and accepts a nil receiver): after the layout, every core
// converts the images that a book of many figures still waits for. It is
// called from the build's goroutine only.
func (iw *imageWarmer) widen(n int) {
	if iw == nil {
		return
	}
	for iw.workers < min(n, len(iw.jobs)) && iw.next.Load() < int64(len(iw.jobs)) {
		iw.workers++
		go func() {
			for {
				i := iw.next.Add(1) - 1
				if i >= int64(len(iw.jobs)) {
					return
				}
				iw.do(i)
			}
		}()
	}
}

// do does job i and counts it done, even if it panics (a recovered
// panic must not leave wait waiting).
func (iw *imageWarmer) do(i int64) {
	defer func() {
		if iw.left.Add(-1) == 0 {
			iw.elapsed = time.Since(iw.begin)
			iw.done.Done()
		}
	}()
	iw.jobs[i].Do()
}

// wait returns when every image is prepared; it accepts a nil receiver.
func (iw *imageWarmer) wait() {
	if iw != nil && len(iw.jobs) > 0 {
		iw.done.Wait()
	}
}

// sortCausesFirst orders diagnostics by file, line and column, with the
// data files (book.yaml, the sources file, print.yaml: .yaml, .yml and
// .json) before the chapters, since a problem in one of them causes
// problems in the chapters that use it: a sources file that cannot be
// read makes every citation an unknown source, and its cause must be
// read first.
func sortCausesFirst(ds *model.Diagnostics) {
	ds.Sort()
	rank := func(file string) int {
		switch strings.ToLower(filepath.Ext(file)) {
		case ".yaml", ".yml", ".json":
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ds.List, func(a, b model.Diagnostic) int {
		return rank(a.Pos.File) - rank(b.Pos.File)
	})
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

// fact prints a line that says something of a stage, without a time.
func (s *stageLog) fact(name, detail string) {
	if s.w == nil {
		return
	}
	fmt.Fprintf(s.w, "%-12s %s\n", name, detail)
}

// note prints a line for work done alongside other stages, with its own
// duration; it does not move the stage clock.
func (s *stageLog) note(name string, d time.Duration, detail string) {
	if s.w == nil {
		return
	}
	fmt.Fprintf(s.w, "%-12s %8.1f ms  (%s)\n", name, float64(d.Microseconds())/1000, detail)
}
