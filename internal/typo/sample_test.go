package typo

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/cite"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
)

// readSample reads the sample book and runs the citation pass, as the
// pipeline does before the typography pass. It runs from the project
// folder so that positions read as publish prints them.
func readSample(t testing.TB) *model.Book {
	t.Helper()
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	t.Chdir(root)
	book, ds := manuscript.Read(manuscript.Options{BookDir: "book"})
	if ds.HasErrors() {
		t.Fatalf("sample book: %s", ds.String())
	}
	cite.Apply(book, &ds)
	return book
}

// allText returns every text of the book in the case files' notation, one
// inline list a line.
func allText(book *model.Book) string {
	var b strings.Builder
	for _, ch := range book.Chapters {
		model.WalkInlines(ch, func(ins *[]model.Inline) { b.WriteString(notation(*ins) + "\n") })
	}
	for _, f := range book.Figures {
		b.WriteString(notation(f.Credit) + "\n")
	}
	for _, g := range book.Bibliography {
		b.WriteString(unmarkers.Replace(g.Title) + "\n")
		for _, e := range g.Entries {
			b.WriteString(notation(e.Inlines) + "\n")
		}
	}
	b.WriteString(unmarkers.Replace(book.Meta.Title+"\n"+book.Meta.Description) + "\n")
	return b.String()
}

// TestSampleBook checks the sample book: the suggestions point at the
// words, no breakable space is left where the rules forbid one, and a
// second run changes nothing.
func TestSampleBook(t *testing.T) {
	book := readSample(t)
	var ds model.Diagnostics
	Apply(book, &ds)
	got := ds.String()
	for _, want := range []string{
		"book/01-forteresse.md:5:111: suggestion: « A Boulogne »: capitals keep their accent, write « À Boulogne » (Imprimerie nationale)",
		"book/01-forteresse.md:9:135: suggestion: « A Boulogne »: capitals keep their accent, write « À Boulogne » (Imprimerie nationale)",
		"book/02-liberation.md:3:31: suggestion: 3ème: write 3e (Imprimerie nationale)",
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := len(ds.List); n != 3 {
		t.Errorf("%d diagnostics, want 3:\n%s", n, got)
	}
	text := allText(book)
	for _, bad := range []string{" ;", " :", " !", " ?", " »", "« ", "1er septembre", " 000", "'"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q left in the sample book:\n%s", bad, text)
		}
	}
	for _, want := range []string{
		"1⟨sup|er⟩~septembre~1944", "10⍽000~hommes", "19⍽000~soldats", "Radio Paris~: le", "à 8h30 et",
		"6~juin~1944", "8000~civils", "les 2000 entre", "d’enthousiasme", "la 3ème DI",
		"De la «⍽forteresse⍽» de Boulogne-sur-Mer à la capitulation de Calais~: les combats", "s.~d.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in the sample book:\n%s", want, text)
		}
	}
	var ds2 model.Diagnostics
	Apply(book, &ds2)
	if again := allText(book); again != text {
		t.Errorf("second run changed the book:\n%s\n----\n%s", text, again)
	}
	if *update {
		t.Log(text)
	}
}

// TestChaptersInParallel applies the rules to the sample book on all
// cores and on one: the texts and the diagnostics (suggestions, in
// order) are the same. go test -race checks that the workers share
// nothing.
func TestChaptersInParallel(t *testing.T) {
	first := readSample(t) // from the project folder from now on
	apply := func(procs int) (string, string) {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		book := first
		if procs > 1 {
			var ds model.Diagnostics
			book, ds = manuscript.Read(manuscript.Options{BookDir: "book"})
			cite.Apply(book, &ds)
		}
		var ds model.Diagnostics
		Apply(book, &ds)
		return allText(book), ds.String()
	}
	oneText, oneDiags := apply(1)
	manyText, manyDiags := apply(4)
	if oneText != manyText {
		t.Errorf("the texts differ between one core and four")
	}
	if oneDiags != manyDiags || !strings.Contains(oneDiags, "suggestion") {
		t.Errorf("diagnostics on one core:\n%s\non four:\n%s", oneDiags, manyDiags)
	}
}
