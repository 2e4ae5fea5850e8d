package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/cite"
	"github.com/publish-books/publish/internal/epub"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/pdf"
	"github.com/publish-books/publish/internal/prepare"
	"github.com/publish-books/publish/internal/typeset"
	"github.com/publish-books/publish/internal/typo"
)

// The stage benchmarks time one stage of the pipeline on a book that the
// earlier stages prepared outside the timer.

func readBook(b *testing.B, dir string) *model.Book {
	b.Helper()
	book, ds := manuscript.Read(manuscript.Options{BookDir: dir})
	if ds.HasErrors() {
		b.Fatalf("read %s:\n%s", dir, ds.String())
	}
	return book
}

// preparedBook returns the book after the model passes, and the layout.
func preparedBook(b *testing.B, dir string) (*model.Book, *layout.Print) {
	b.Helper()
	book := readBook(b, dir)
	var ds model.Diagnostics
	lay := layout.Load(benchLayout, &ds)
	if err := prepare.Book(context.Background(), book, &ds); err != nil {
		b.Fatal(err)
	}
	if ds.HasErrors() {
		b.Fatalf("prepare %s:\n%s", dir, ds.String())
	}
	return book, lay
}

// BenchmarkRead is manuscript.Read: book.yaml, the chapters (goldmark),
// the sources and the image headers.
func BenchmarkRead(b *testing.B) {
	eachCorpus(b, func(b *testing.B, dir string) {
		var book *model.Book
		cpu := startCPU()
		for i := 0; i < b.N; i++ {
			book = readBook(b, dir)
		}
		cpu.report(b)
		reportPerPage(b, 0, bookCounts(book))
	})
}

// BenchmarkCite is cite.Apply: citations, figure credits, bibliography.
func BenchmarkCite(b *testing.B) {
	eachCorpus(b, func(b *testing.B, dir string) {
		var book *model.Book
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			book = readBook(b, dir)
			var ds model.Diagnostics
			b.StartTimer()
			cite.Apply(book, &ds)
		}
		reportPerPage(b, 0, bookCounts(book))
	})
}

// BenchmarkTypo is typo.Apply: the French typographic rules over every
// text of the book.
func BenchmarkTypo(b *testing.B) {
	eachCorpus(b, func(b *testing.B, dir string) {
		var book *model.Book
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			book = readBook(b, dir)
			var ds model.Diagnostics
			cite.Apply(book, &ds)
			b.StartTimer()
			typo.Apply(book, &ds)
		}
		reportPerPage(b, 0, bookCounts(book))
	})
}

// BenchmarkPDF is pdf.Render: paragraph breaking, page make-up and the
// PDF file, written to a counting writer.
func BenchmarkPDF(b *testing.B) {
	eachCorpus(b, func(b *testing.B, dir string) {
		book, lay := preparedBook(b, dir)
		modTime := BuildTime(book.Meta.Date)
		var pages int
		var size int64
		cpu := startCPU()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var ds model.Diagnostics
			w := &countingWriter{}
			r, err := pdf.Render(w, book, pdf.Options{Layout: lay, ModTime: modTime}, &ds)
			if err != nil {
				b.Fatal(err)
			}
			pages, size = r.Pages, w.n
		}
		b.StopTimer()
		cpu.report(b)
		b.ReportMetric(float64(size)/(1<<20), "MiB-out")
		reportPerPage(b, pages, bookCounts(book))
	})
}

// epubSetup lays the book out once for its page-list.
func epubSetup(b *testing.B, dir string) (*model.Book, epub.Options, int) {
	book, lay := preparedBook(b, dir)
	modTime := BuildTime(book.Meta.Date)
	var ds model.Diagnostics
	r, err := pdf.Render(&countingWriter{}, book, pdf.Options{Layout: lay, ModTime: modTime}, &ds)
	if err != nil {
		b.Fatal(err)
	}
	fonts := make([]epub.Font, 0, len(lay.Fonts))
	for _, f := range lay.Fonts {
		fonts = append(fonts, epub.Font{Family: f.Family, Path: f.Path, Italic: f.Italic, Bold: f.Bold})
	}
	return book, epub.Options{LayoutDir: benchLayout, Fonts: fonts, Pagination: r.Pagination, ModTime: modTime}, r.Pages
}

// BenchmarkEPUB is epub.Write with a warm image cache: XHTML, package
// document, navigation and the zip.
func BenchmarkEPUB(b *testing.B) {
	eachCorpusOut(b, func(b *testing.B, dir, out string) {
		book, opts, pages := epubSetup(b, dir)
		opts.CacheDir = filepath.Join(out, ".cache")
		var size int64
		write := func() {
			var ds model.Diagnostics
			w := &countingWriter{}
			if err := epub.Write(w, book, opts, &ds); err != nil {
				b.Fatal(err)
			}
			size = w.n
		}
		write() // fills the image cache
		cpu := startCPU()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			write()
		}
		b.StopTimer()
		cpu.report(b)
		b.ReportMetric(float64(size)/(1<<20), "MiB-out")
		reportPerPage(b, pages, bookCounts(book))
	})
}

// BenchmarkEPUBImages compares epub.Write on the small illustrated corpus
// with an empty image cache (every image decoded, reduced and encoded) and
// with a warm one (images read from the cache by content hash): the
// second build of an illustrated book should cost about what its text
// costs.
func BenchmarkEPUBImages(b *testing.B) {
	for _, c := range benchCases {
		if c.kind != "illustrated" || c.size != "small" {
			continue
		}
		dir := ""
		for _, state := range []string{"cold", "cached"} {
			b.Run(c.name()+"/"+state, func(b *testing.B) {
				if dir == "" {
					dir = corpusDir(b, c)
				}
				book, opts, _ := epubSetup(b, dir)
				cache := filepath.Join(b.TempDir(), ".cache")
				write := func(cacheDir string) {
					var ds model.Diagnostics
					o := opts
					o.CacheDir = cacheDir
					if err := epub.Write(&countingWriter{}, book, o, &ds); err != nil {
						b.Fatal(err)
					}
				}
				if state == "cached" {
					write(cache)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if state == "cold" {
						b.StopTimer()
						cache = filepath.Join(b.TempDir(), ".cache")
						b.StartTimer()
					}
					write(cache)
				}
				b.StopTimer()
				b.ReportMetric(float64(len(book.Figures)), "images")
			})
		}
	}
}

// BenchmarkLineBreak is the paragraph breaking alone (typeset: measuring,
// hyphenation, Knuth-Plass) of every running-text paragraph of the book,
// at the print layout's measure, with a new setter each time as a build
// makes one (so its word memo starts empty).
func BenchmarkLineBreak(b *testing.B) {
	eachCorpus(b, func(b *testing.B, dir string) {
		book, lay := preparedBook(b, dir)
		var regular string
		for _, f := range lay.Fonts {
			if !f.Italic && !f.Bold {
				regular = f.Path
			}
		}
		data, err := os.ReadFile(regular)
		if err != nil {
			b.Fatal(err)
		}
		face, err := typeset.ParseFace(data)
		if err != nil {
			b.Fatal(err)
		}
		var paras []typeset.Paragraph
		words := 0
		for _, ch := range book.Chapters {
			for _, bl := range ch.Blocks {
				p, ok := bl.(*model.Paragraph)
				if !ok {
					continue
				}
				text := model.PlainText(p.Inlines)
				words += len(strings.Fields(text))
				paras = append(paras, typeset.Paragraph{
					Runs:  []typeset.Run{{Text: text, Style: typeset.Style{Font: "serif", Face: face, Size: lay.Size}}},
					Width: lay.TextWidth(), Indent: lay.Indent, Lang: "fr"})
			}
		}
		lines := 0
		cpu := startCPU()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			s := typeset.NewSetter(typeset.SetterOptions{})
			lines = 0
			for _, p := range paras {
				lines += len(s.Set(p).Lines)
			}
		}
		b.StopTimer()
		cpu.report(b)
		b.ReportMetric(float64(len(paras)), "paragraphs")
		b.ReportMetric(float64(lines), "lines")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(lines), "µs/line")
		reportPerPage(b, 0, [2]int{words, bookCounts(book)[1]})
	})
}
