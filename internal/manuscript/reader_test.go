package manuscript

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
)

var update = flag.Bool("update", false, "rewrite the expected .dump files of testdata/cases")

// writeBook makes a book folder in a temporary project folder: book/
// holds book.yaml and the given files; images/ holds a small placeholder
// named img.jpg. It returns the book folder.
func writeBook(t *testing.T, bookYAML string, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	bookDir := filepath.Join(root, "book")
	if err := os.MkdirAll(filepath.Join(root, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(bookDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var img bytes.Buffer
	if err := imaging.WritePlaceholder(&img, imaging.PlaceholderSpec{Width: 600, Height: 400}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "images", "img.jpg"), img.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if bookYAML != "" {
		files["book.yaml"] = bookYAML
	}
	for name, content := range files {
		p := filepath.Join(bookDir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return bookDir
}

// chdir makes diagnostics print paths relative to the project folder.
func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

const caseSources = `references:
  - id: adpdc
    type: manuscript
    title: Plan du port
    archive: Archives départementales du Pas-de-Calais
  - id: dupont
    type: book
    title: La Libération
    author: [{family: Dupont, given: Marie}]
    issued: {date-parts: [[1998]]}
`

// TestReaderCases reads each testdata/cases/NAME.md as the only chapter of
// a book and compares the model dump and the diagnostics with NAME.dump.
func TestReaderCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/cases/*.md")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			expectedPath := strings.TrimSuffix(c, ".md") + ".dump"
			abs, _ := filepath.Abs(expectedPath)
			bookDir := writeBook(t, "title: Cas\nlanguage: fr\nsources: sources.yaml\nchapters:\n  - ch.md\n",
				map[string]string{"ch.md": string(src), "sources.yaml": caseSources})
			chdir(t, filepath.Dir(bookDir))
			book, ds := Read(Options{BookDir: "book"})
			got := model.Dump(book) + "-- diagnostics\n" + ds.String()
			if *update {
				if err := os.WriteFile(abs, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(abs)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (go test -run TestReaderCases -update rewrites it):\n--- got\n%s\n--- want\n%s", expectedPath, got, want)
			}
		})
	}
}
