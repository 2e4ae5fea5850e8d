package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// incrementalBook copies the sample book with its layout, fonts and
// images into a temporary tree (book, layout, fonts, images side by side,
// as the layout and chapters name them) and returns its root.
func incrementalBook(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"book", "layout", "fonts", "images"} {
		copyDir(t, filepath.Join("..", "..", d), filepath.Join(root, d))
	}
	return root
}

// edit replaces the first old in a file of the tree by new, failing the
// test when old is not there.
func edit(t *testing.T, root, file, old, new string) {
	t.Helper()
	path := filepath.Join(root, file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalRebuildsAreColdBuilds applies a sequence of edits to a
// copy of the sample book, rebuilds after each with the cache a publish
// watch keeps, and compares the EPUB and the PDF with those of a build
// without it (cold, in another output folder) of the same state: they must
// be byte-identical. After the one-word edit the cache must have served
// most of the set paragraphs (those the make-up sets a line longer or
// shorter included), compressed streams and EPUB entries, so that a cache
// nobody reads fails the test too.
func TestIncrementalRebuildsAreColdBuilds(t *testing.T) {
	root := incrementalBook(t)
	warmOut, coldOut := filepath.Join(root, "out-warm"), filepath.Join(root, "out-cold")
	cache := NewCache()
	opts := Options{BookDir: filepath.Join(root, "book"), LayoutDir: filepath.Join(root, "layout"), EPUB: true, PDF: true}
	steps := []struct {
		name  string
		apply func()
		// reuse asks that most paragraphs, streams and entries come
		// from the cache.
		reuse bool
	}{
		{"first build", func() {}, false},
		{"no change", func() {}, true},
		{"one word in a middle chapter", func() {
			edit(t, root, "book/02-liberation.md", "pendant plus de 15 jours", "pendant plus de 16 jours")
		}, true},
		{"a heading", func() {
			edit(t, root, "book/03-ports.md", "# Deux ports en ruines", "# Deux ports dévastés")
		}, true},
		{"a figure caption", func() {
			edit(t, root, "book/03-ports.md", "![CALAIS]", "![CALAIS EN RUINES]")
		}, true},
		{"print.yaml: hyphenation exceptions", func() {
			edit(t, root, "layout/print.yaml", "    - ca-lai-sienne\n", "    - ca-lai-sienne\n    - gar-ni-son\n")
		}, false},
		{"print.yaml: leading", func() {
			edit(t, root, "layout/print.yaml", "leading: 14pt", "leading: 15pt")
		}, false},
		{"a chapter added", func() {
			text := "# Après la guerre {#ch-apres}\n\nLa reconstruction des deux ports dure plus de dix ans. " +
				"Les quais sont rebâtis, les bassins dragués, et les premiers navires reviennent dès 1946.\n"
			if err := os.WriteFile(filepath.Join(root, "book", "04-apres.md"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			edit(t, root, "book/book.yaml", "    - 03-ports.md\n", "    - 03-ports.md\n    - 04-apres.md\n")
		}, false},
		{"a chapter removed", func() {
			edit(t, root, "book/book.yaml", "    - 01-forteresse.md\n", "")
		}, false},
		{"the chapter back", func() {
			edit(t, root, "book/book.yaml", "    - 02-liberation.md\n", "    - 01-forteresse.md\n    - 02-liberation.md\n")
		}, true},
	}
	for _, s := range steps {
		s.apply()
		o := opts
		o.OutDir, o.Cache = warmOut, cache
		warm, err := Run(o)
		if err != nil {
			t.Fatalf("%s: build with the cache: %v\n%s", s.name, err, warm.Diagnostics.String())
		}
		o.OutDir, o.Cache = coldOut, nil
		cold, err := Run(o)
		if err != nil {
			t.Fatalf("%s: cold build: %v\n%s", s.name, err, cold.Diagnostics.String())
		}
		for _, ext := range []string{".pdf", ".epub"} {
			if !bytes.Equal(outputOf(t, warm, ext), outputOf(t, cold, ext)) {
				t.Errorf("%s: the rebuilt %s differs from a cold build's", s.name, ext)
			}
		}
		ps := cache.pdf.Stats()
		eh, em := cache.epub.Stats()
		t.Logf("%s: paragraphs %d hits, %d misses (set a line longer or shorter by the make-up: %d hits, %d misses); streams %d hits, %d misses; EPUB entries %d hits, %d misses",
			s.name, ps.ParagraphHits, ps.ParagraphMisses, ps.LooseHits, ps.LooseMisses, ps.StreamHits, ps.StreamMisses, eh, em)
		if s.reuse && (ps.ParagraphHits < 4*ps.ParagraphMisses || ps.StreamHits < 2*ps.StreamMisses || eh < 2*em) {
			t.Errorf("%s: the cache served too little", s.name)
		}
		// The paragraphs the make-up sets a line longer or shorter
		// while it levels spreads come from the cache too.
		if s.reuse && (ps.LooseHits == 0 || ps.LooseHits < 4*ps.LooseMisses) {
			t.Errorf("%s: the cache served too few of the paragraphs set a line longer or shorter (%d hits, %d misses)",
				s.name, ps.LooseHits, ps.LooseMisses)
		}
	}
}
