package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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
// be byte-identical, and the diagnostics the same. After the one-word
// edit the cache must have served most of the set paragraphs (those the
// make-up sets a line longer or shorter included), compressed streams and
// EPUB entries, so that a cache nobody reads fails the test too. The
// typographic rules' cache is checked at every step: an edit must pass the
// lists it changed through the rules again (a language or a cited source
// changed, every list it reaches), and what it did not change must come
// from the cache; so is the parser's: the edited chapter files are parsed
// again (all of them when a heading changed), the others not.
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
		// typo says what the typographic rules' cache must have served.
		typo typoReuse
		// reparse is the number of chapter files the Markdown parser must
		// have parsed again: the edited ones, or every one when a heading
		// changed (links may name a heading by its text).
		reparse int
	}{
		{"first build", func() {}, false, typoMost, 3},
		{"no change", func() {}, true, typoAll, 0},
		{"one word in a middle chapter", func() {
			edit(t, root, "book/02-liberation.md", "pendant plus de 15 jours", "pendant plus de 16 jours")
		}, true, typoSome, 1},
		{"a heading", func() {
			edit(t, root, "book/03-ports.md", "# Deux ports en ruines", "# Deux ports dévastés")
		}, true, typoSome, 3},
		{"a figure caption", func() {
			edit(t, root, "book/03-ports.md", "![CALAIS]", "![CALAIS EN RUINES]")
		}, true, typoSome, 1},
		{"sources.yaml: a cited source's title", func() {
			edit(t, root, "book/sources.yaml", "title: Reddition du général Heim", "title: Reddition du général Ferdinand Heim")
		}, false, typoSome, 0},
		{"book.yaml: the language", func() {
			edit(t, root, "book/book.yaml", "language: fr", "language: en")
		}, false, typoNone, 0},
		{"book.yaml: the language back", func() {
			edit(t, root, "book/book.yaml", "language: en", "language: fr")
		}, false, typoAll, 0},
		{"print.yaml: hyphenation exceptions", func() {
			edit(t, root, "layout/print.yaml", "    - ca-lai-sienne\n", "    - ca-lai-sienne\n    - gar-ni-son\n")
		}, false, typoAll, 0},
		{"print.yaml: leading", func() {
			edit(t, root, "layout/print.yaml", "leading: 14pt", "leading: 15pt")
		}, false, typoAll, 0},
		{"a chapter added", func() {
			text := "# Après la guerre {#ch-apres}\n\nLa reconstruction des deux ports dure plus de dix ans. " +
				"Les quais sont rebâtis, les bassins dragués, et les premiers navires reviennent dès 1946.\n"
			if err := os.WriteFile(filepath.Join(root, "book", "04-apres.md"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			edit(t, root, "book/book.yaml", "    - 03-ports.md\n", "    - 03-ports.md\n    - 04-apres.md\n")
		}, false, typoSome, 4},
		{"a chapter removed", func() {
			edit(t, root, "book/book.yaml", "    - 01-forteresse.md\n", "")
		}, false, typoAll, 3},
		{"the chapter back", func() {
			edit(t, root, "book/book.yaml", "    - 02-liberation.md\n", "    - 01-forteresse.md\n    - 02-liberation.md\n")
		}, true, typoAll, 4},
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
		if w, c := warm.Diagnostics.String(), cold.Diagnostics.String(); w != c {
			t.Errorf("%s: the rebuild's diagnostics differ from a cold build's:\n%s\nwant\n%s", s.name, w, c)
		} else if s.name == "first build" && !strings.Contains(w, "suggestion") {
			t.Errorf("%s: the sample book gives no typographic suggestion: the test would not see them reported again\n%s", s.name, w)
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
		rh, rm := cache.read.Stats()
		t.Logf("%s: chapter files %d parsed trees reused, %d parsed", s.name, rh, rm)
		if s.reparse >= 0 && rm != s.reparse || rh+rm == 0 {
			t.Errorf("%s: %d chapter files parsed again, want %d (%d reused)", s.name, rm, s.reparse, rh)
		}
		th, tm := cache.typo.Stats()
		t.Logf("%s: typography lists %d hits, %d misses", s.name, th, tm)
		if msg := s.typo.check(th, tm); msg != "" {
			t.Errorf("%s: typography cache: %d hits, %d misses: %s", s.name, th, tm, msg)
		}
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

// typoReuse says what the typographic rules' cache must serve after an
// edit.
type typoReuse int

const (
	// typoAll: nothing the rules read changed, every list is served.
	typoAll typoReuse = iota
	// typoSome: some lists changed and must pass through the rules again;
	// the others (at least four times as many) are served.
	typoSome
	// typoMost: most lists are new (a first build) and pass through the
	// rules.
	typoMost
	// typoNone: the language changed, no French list may be served; only
	// lists without letters (a number alone) may be.
	typoNone
)

// check returns what is wrong with hits and misses, or "".
func (r typoReuse) check(hits, misses int) string {
	switch {
	case r == typoAll && (misses != 0 || hits == 0):
		return "every list should come from the cache"
	case r == typoSome && (misses == 0 || hits < 4*misses):
		return "the changed lists should miss and the others come from the cache"
	case r == typoMost && hits > misses/4:
		return "a first build should find few lists in the cache"
	case r == typoNone && hits > misses/10:
		return "lists of another language were served"
	}
	return ""
}
