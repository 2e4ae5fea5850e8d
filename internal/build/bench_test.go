package build

import (
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/publish-books/publish/internal/corpus"
	"github.com/publish-books/publish/internal/cputime"
	"github.com/publish-books/publish/internal/model"
)

// The benchmarks run on the generated corpora (internal/corpus), each at
// two sizes, so that the growth of each stage with the size of the book
// shows in benchstat's output. The corpora are generated once and kept in
// the user cache folder (see corpus.Ensure). Run them with scripts/bench.sh.

// benchLayout is the project's print layout, as `make` builds with.
var benchLayout = filepath.Join("..", "..", "layout")

type benchCase struct {
	kind corpus.Kind
	size corpus.Size
}

func (c benchCase) name() string { return string(c.kind) + "/" + string(c.size) }

var benchCases = []benchCase{
	{corpus.Novel, corpus.Small}, {corpus.Novel, corpus.Large},
	{corpus.Illustrated, corpus.Small}, {corpus.Illustrated, corpus.Large},
}

func corpusDir(b *testing.B, c benchCase) string {
	b.Helper()
	dir, err := corpus.Ensure(c.kind, c.size)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// eachCorpus runs fn as a sub-benchmark per corpus and size.
func eachCorpus(b *testing.B, fn func(b *testing.B, dir string)) {
	eachCorpusOut(b, func(b *testing.B, dir, _ string) { fn(b, dir) })
}

// eachCorpusOut is eachCorpus with an output folder per corpus that
// lives as long as the parent benchmark, so that the image cache stays
// warm across the sub-benchmark's runs (testing calls it again for each
// b.N) and the profiles show the warm rebuild only.
func eachCorpusOut(b *testing.B, fn func(b *testing.B, dir, out string)) {
	root := b.TempDir()
	for _, c := range benchCases {
		out := filepath.Join(root, string(c.kind)+"-"+string(c.size))
		b.Run(c.name(), func(b *testing.B) { fn(b, corpusDir(b, c), out) })
	}
}

var wordCounts sync.Map // book folder → [2]int{words, distinct forms}

// bookWords counts the words of a book's running text, notes and captions.
func bookWords(book *model.Book) int { return bookCounts(book)[0] }

// bookCounts returns the words of a book's running text, notes and
// captions, and their distinct forms (runs of letters in lower case): the
// vocabulary that the line breaker's word caches see.
func bookCounts(book *model.Book) [2]int {
	if v, ok := wordCounts.Load(book.Dir); ok {
		return v.([2]int)
	}
	n := 0
	forms := map[string]bool{}
	for _, ch := range book.Chapters {
		model.WalkInlines(ch, func(ins *[]model.Inline) {
			text := model.PlainText(*ins)
			n += len(strings.Fields(text))
			for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
				forms[strings.ToLower(w)] = true
			}
		})
	}
	c := [2]int{n, len(forms)}
	wordCounts.Store(book.Dir, c)
	return c
}

// cpuMeter reports the processor time per operation (all goroutines,
// garbage collection included) as cpu-ms/op, next to the wall time.
type cpuMeter struct{ start time.Duration }

// startCPU starts measuring; call it after the setup, where the timer is
// reset.
func startCPU() cpuMeter { return cpuMeter{cputime.Process()} }

func (m cpuMeter) report(b *testing.B) {
	if used := cputime.Process() - m.start; m.start > 0 && used > 0 {
		b.ReportMetric(float64(used.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// reportPerPage adds pages, words, distinct word forms (counts, from
// bookCounts) and the cost per page, so that linear growth shows as a
// constant µs/page across sizes.
func reportPerPage(b *testing.B, pages int, counts [2]int) {
	if pages > 0 {
		b.ReportMetric(float64(pages), "pages")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
	}
	if counts[0] > 0 {
		b.ReportMetric(float64(counts[0]), "words")
		b.ReportMetric(float64(counts[1]), "forms")
	}
}

// BenchmarkBuild is the whole build (read, cite, typography, PDF, EPUB,
// atomic writes) as `publish build` runs it, into an output folder whose
// cache is warm (the images, and the print cache of the same text): the
// rebuild an author waits for.
func BenchmarkBuild(b *testing.B) { benchBuild(b, false) }

// BenchmarkBuildNoPrintCache is BenchmarkBuild without the print cache
// (out/.cache/print, removed before each build): every paragraph is set
// and every stream deflated, as after a change of fonts, of the
// hyphenation exceptions or of publish itself.
func BenchmarkBuildNoPrintCache(b *testing.B) { benchBuild(b, true) }

// benchBuild times whole builds of each corpus into a warm output folder,
// with its print cache removed before each build when noPrintCache.
func benchBuild(b *testing.B, noPrintCache bool) {
	eachCorpusOut(b, func(b *testing.B, dir, out string) {
		opts := Options{BookDir: dir, LayoutDir: benchLayout, OutDir: out, EPUB: true, PDF: true}
		res, err := Run(opts) // fills the image cache the first time
		if err != nil {
			b.Fatalf("%v\n%s", err, res.Diagnostics.String())
		}
		printCache := filepath.Join(out, ".cache", "print")
		peak := startPeakHeap()
		cpu := startCPU()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if noPrintCache {
				b.StopTimer()
				if err := os.Remove(printCache); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			r, err := Run(opts)
			if err != nil {
				b.Fatal(err)
			}
			if noPrintCache && r.ParagraphsRead != 0 {
				b.Fatalf("%d paragraphs read from a removed print cache", r.ParagraphsRead)
			}
		}
		b.StopTimer()
		cpu.report(b)
		b.ReportMetric(peak.stop(), "peak-heap-MiB")
		reportPerPage(b, res.Pages, bookCounts(res.Book))
	})
}

// BenchmarkBuildCold builds the small illustrated corpus into an empty
// output folder each time: every image is converted for the EPUB. (The
// large one takes minutes cold; scripts/bench.sh times one cold CLI build
// of it.)
func BenchmarkBuildCold(b *testing.B) {
	for _, c := range benchCases {
		if c.kind != corpus.Illustrated || c.size != corpus.Small {
			continue
		}
		b.Run(c.name(), func(b *testing.B) {
			dir := corpusDir(b, c)
			var res *Result
			peak := startPeakHeap()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				out := b.TempDir()
				b.StartTimer()
				r, err := Run(Options{BookDir: dir, LayoutDir: benchLayout, OutDir: out, EPUB: true, PDF: true})
				if err != nil {
					b.Fatalf("%v\n%s", err, r.Diagnostics.String())
				}
				res = r
			}
			b.StopTimer()
			b.ReportMetric(peak.stop(), "peak-heap-MiB")
			reportPerPage(b, res.Pages, bookCounts(res.Book))
		})
	}
}

// peakHeap samples the heap in use every millisecond and keeps the
// largest value: the Go side of the peak memory (scripts/bench.sh measures
// the process's peak RSS with /usr/bin/time).
type peakHeap struct {
	done chan struct{}
	max  atomic.Uint64
	wg   sync.WaitGroup
}

func startPeakHeap() *peakHeap {
	p := &peakHeap{done: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > p.max.Load() {
				p.max.Store(v)
			}
			select {
			case <-p.done:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// stop ends the sampling and returns the peak in MiB.
func (p *peakHeap) stop() float64 {
	close(p.done)
	p.wg.Wait()
	return float64(p.max.Load()) / (1 << 20)
}

// countingWriter counts bytes and keeps none, so that a benchmark of a
// writer measures the writer and not a growing buffer.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)
