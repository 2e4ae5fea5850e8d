package watch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/build"
)

const testBookYAML = `title: Livre de test
language: fr
authors:
  - name: Anne Test
date: "2026-01-01"
identifiers:
  uuid: urn:uuid:11111111-2222-4333-8444-555555555555
chapters:
  - 01-un.md
`

const testChapter = "# Un\n\nLe premier paragraphe du livre.\n"

// report is one build's outcome as the watcher reported it.
type report struct {
	res *build.Result
	err error
}

// startWatch writes a small book whose output folder lies inside the book
// folder (as publish init makes it), starts the watcher and returns the
// book folder and the channel of reports.
func startWatch(t *testing.T, outputs bool, debounce time.Duration) (string, <-chan report) {
	t.Helper()
	root := t.TempDir()
	book := filepath.Join(root, "book")
	if err := os.MkdirAll(book, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(book, "book.yaml"), testBookYAML)
	writeFile(t, filepath.Join(book, "01-un.md"), testChapter)
	layoutDir, _ := filepath.Abs(filepath.Join("..", "..", "layout"))
	reports := make(chan report, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	opts := Options{
		Build:    build.Options{BookDir: book, LayoutDir: layoutDir, OutDir: filepath.Join(book, "out"), EPUB: outputs, PDF: outputs},
		Debounce: debounce,
		Report:   func(res *build.Result, err error) { reports <- report{res, err} },
	}
	go func() { done <- Run(ctx, opts) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v after cancel, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not stop within 5 s of cancel")
		}
	})
	return book, reports
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveByRename saves a file as many editors do: write a temporary file
// beside it, then rename it over the original.
func saveByRename(t *testing.T, path, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	writeFile(t, tmp, text)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func next(t *testing.T, reports <-chan report, within time.Duration) report {
	t.Helper()
	select {
	case r := <-reports:
		return r
	case <-time.After(within):
		t.Fatalf("no build within %v", within)
	}
	return report{}
}

// quiet fails if a build is reported within d.
func quiet(t *testing.T, reports <-chan report, d time.Duration, why string) {
	t.Helper()
	select {
	case r := <-reports:
		t.Fatalf("unexpected build (%s): err=%v", why, r.err)
	case <-time.After(d):
	}
}

func TestRebuildsOnChangeAndNotOnItsOwnOutput(t *testing.T) {
	book, reports := startWatch(t, false, 100*time.Millisecond)
	first := next(t, reports, 10*time.Second)
	if first.err != nil {
		t.Fatalf("first build: %v\n%s", first.err, first.res.Diagnostics.String())
	}
	quiet(t, reports, 600*time.Millisecond, "nothing changed")

	saveByRename(t, filepath.Join(book, "01-un.md"), "# Un\n\nUn autre texte.\n\n## Une section\n\nEt la suite.\n")
	r := next(t, reports, 5*time.Second)
	if r.err != nil {
		t.Fatalf("rebuild: %v", r.err)
	}
	if got := len(r.res.Book.Chapters[0].Blocks); got != 3 {
		t.Errorf("the rebuild read %d blocks, want the edited chapter's 3", got)
	}
	quiet(t, reports, 600*time.Millisecond, "one save makes one build")

	// Files in the output folder (inside the book folder here) and
	// editors' swap files change nothing.
	os.MkdirAll(filepath.Join(book, "out"), 0o755)
	writeFile(t, filepath.Join(book, "out", "x.pdf"), "x")
	writeFile(t, filepath.Join(book, ".01-un.md.swp"), "x")
	quiet(t, reports, 600*time.Millisecond, "output and swap files")
}

func TestDebounceMakesOneBuildOfABurst(t *testing.T) {
	book, reports := startWatch(t, false, 300*time.Millisecond)
	next(t, reports, 10*time.Second)
	for i := 0; i < 5; i++ {
		writeFile(t, filepath.Join(book, "01-un.md"), testChapter+strings.Repeat("\nEncore.\n", i+1))
		time.Sleep(20 * time.Millisecond)
	}
	r := next(t, reports, 5*time.Second)
	if r.err != nil {
		t.Fatal(r.err)
	}
	quiet(t, reports, 800*time.Millisecond, "a burst of saves makes one build")
}

func TestFailedRebuildKeepsLastGoodOutputs(t *testing.T) {
	book, reports := startWatch(t, true, 100*time.Millisecond)
	first := next(t, reports, 30*time.Second)
	if first.err != nil && !errors.Is(first.err, build.ErrManuscript) && strings.Contains(first.err.Error(), "not implemented") {
		t.Skipf("NOT RUN: the renderers are not implemented yet (%v)", first.err)
	}
	if first.err != nil || len(first.res.Outputs) != 2 {
		t.Fatalf("first build: %v, outputs %v\n%s", first.err, first.res.Outputs, first.res.Diagnostics.String())
	}
	before := map[string][]byte{}
	for _, o := range first.res.Outputs {
		data, err := os.ReadFile(o.Path)
		if err != nil {
			t.Fatal(err)
		}
		before[o.Path] = data
	}

	saveByRename(t, filepath.Join(book, "01-un.md"), testChapter+"\nUne citation [@inconnu].\n")
	r := next(t, reports, 30*time.Second)
	if !errors.Is(r.err, build.ErrManuscript) {
		t.Fatalf("rebuild of a broken chapter: err = %v, want ErrManuscript", r.err)
	}
	if !strings.Contains(r.res.Diagnostics.String(), "inconnu") {
		t.Errorf("the diagnostics do not name the unknown source:\n%s", r.res.Diagnostics.String())
	}
	for p, data := range before {
		now, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(now, data) {
			t.Errorf("%s changed after a failed rebuild (err %v)", p, err)
		}
	}

	// The outputs stream into temporary files (build.go): a failed build
	// must leave none behind.
	entries, _ := os.ReadDir(filepath.Join(book, "out"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".publish-tmp-") {
			t.Errorf("a failed build left %s in the output folder", e.Name())
		}
	}

	// Fixing the chapter builds again and replaces the outputs.
	saveByRename(t, filepath.Join(book, "01-un.md"), "# Un\n\nLe texte corrigé, bien plus long qu'avant.\n")
	r = next(t, reports, 30*time.Second)
	if r.err != nil {
		t.Fatalf("rebuild after the fix: %v", r.err)
	}
	for p, data := range before {
		if now, _ := os.ReadFile(p); bytes.Equal(now, data) {
			t.Errorf("%s was not rebuilt after the fix", p)
		}
	}
}

func TestRelevantPath(t *testing.T) {
	out := filepath.Join(string(filepath.Separator)+"b", "out")
	tests := []struct {
		name string
		want bool
	}{
		{"/b/01-un.md", true},
		{"/b/images/fig.jpg", true},
		{"/b/book.yaml", true},
		{"/b/out/livre.pdf", false},
		{"/b/out", false},
		{"/b/output.md", true},
		{"/b/.01-un.md.swp", false},
		{"/b/01-un.md~", false},
		{"/b/4913", false},
		{"/b/.#01-un.md", false},
		{"/b/out/.publish-tmp-livre.pdf-123", false},
		{"/b/notes.tmp", false},
	}
	for _, tc := range tests {
		if got := relevantPath(filepath.FromSlash(tc.name), out); got != tc.want {
			t.Errorf("relevantPath(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
