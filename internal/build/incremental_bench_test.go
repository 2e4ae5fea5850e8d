package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/corpus"
	"github.com/publish-books/publish/internal/cputime"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/prepare"
)

// BenchmarkRebuildOneWord times what publish watch does after a one-word
// edit in a middle chapter of the novel-length corpus (debounce aside):
// a build of both outputs with the cache of the builds before. Each run
// changes one word of chapter 8 back and forth, so that every rebuild has
// one paragraph to set again. The sub-benchmark nocache makes the same
// builds without the cache, for comparison; cpu-ms/op is the processor
// time of a rebuild, which a loaded machine disturbs less than the wall
// time. REBUILD_BOOK names another book folder (its chapters side by side
// with book.yaml, the layout being the project's) and REBUILD_CHAPTER the
// chapter file to edit in it, to measure on a real text.
func BenchmarkRebuildOneWord(b *testing.B) {
	b.Run("cache", func(b *testing.B) { benchRebuild(b, NewCache()) })
	b.Run("nocache", func(b *testing.B) { benchRebuild(b, nil) })
}

func benchRebuild(b *testing.B, cache *Cache) {
	src, name := os.Getenv("REBUILD_BOOK"), os.Getenv("REBUILD_CHAPTER")
	if src == "" {
		var err error
		if src, err = corpus.Ensure(corpus.Novel, corpus.Large); err != nil {
			b.Fatal(err)
		}
		name = "chapitre-08.md"
	}
	dir := b.TempDir()
	book := filepath.Join(dir, "book")
	entries, err := os.ReadDir(src)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(book, 0o755); err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(book, e.Name()), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	chapter := filepath.Join(book, name)
	text, err := os.ReadFile(chapter)
	if err != nil {
		b.Fatal(err)
	}
	// A word of lower-case ASCII letters in the middle of the chapter,
	// replaced by a word of the same length.
	at, end := -1, -1
	for i := len(text) / 2; i < len(text)-1 && end < 0; i++ {
		if text[i] != ' ' {
			continue
		}
		j := i + 1
		for j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
			j++
		}
		if j-i > 4 && j < len(text) && text[j] == ' ' {
			at, end = i+1, j
		}
	}
	if end < 0 {
		b.Fatal("no word to edit in chapter 8")
	}
	word := string(text[at:end])
	other := "x" + word[1:]
	if word[0] == 'x' {
		other = "y" + word[1:]
	}
	opts := Options{BookDir: book, LayoutDir: benchLayout, OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true, Cache: cache}
	if res, err := Run(opts); err != nil {
		b.Fatalf("%v\n%s", err, res.Diagnostics.String())
	}
	b.ResetTimer()
	var used time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := word
		if i%2 == 0 {
			w = other
		}
		edited := append(append(append([]byte{}, text[:at]...), w...), text[end:]...)
		if err := os.WriteFile(chapter, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu := cputime.Process()
		if res, err := Run(opts); err != nil {
			b.Fatalf("%v\n%s", err, res.Diagnostics.String())
		}
		used += cputime.Process() - cpu
	}
	b.ReportMetric(float64(used.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkRebuildReadPrepare times the part of a rebuild that the
// parser's and the typographic rules' caches shorten: reading the
// novel-length corpus (manuscript.Read) and preparing it (prepare.BookWith:
// citations, typography, ids), with the caches of an earlier build of
// the same manuscript (cache) and without (nocache). Each run reads and
// prepares the whole book, as a rebuild does.
func BenchmarkRebuildReadPrepare(b *testing.B) {
	dir, err := corpus.Ensure(corpus.Novel, corpus.Large)
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, cache *Cache) {
		once := func() {
			book, ds := manuscript.Read(manuscript.Options{BookDir: dir, Parsed: cache.parseCache()})
			if err := prepare.BookWith(context.Background(), book, &ds, prepare.Options{Typo: cache.typoCache()}); err != nil {
				b.Fatal(err)
			}
			if ds.HasErrors() {
				b.Fatalf("%s:\n%s", dir, ds.String())
			}
		}
		once()
		b.ResetTimer()
		cpu := startCPU()
		for i := 0; i < b.N; i++ {
			once()
		}
		cpu.report(b)
	}
	b.Run("cache", func(b *testing.B) { run(b, NewCache()) })
	b.Run("nocache", func(b *testing.B) { run(b, nil) })
}
