package build

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestCauseBeforeConsequences is the issue's "a sources file of garbage
// prints four unknown source errors first and the real cause last": the
// sources file's error comes first (and the citations it leaves unknown
// are not reported after it).
func TestCauseBeforeConsequences(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	writeFiles(t, book, map[string]string{
		"book.yaml":    "title: Order\nlanguage: en\nsources: sources.yaml\nchapters:\n  body:\n    - a.md\n",
		"a.md":         "# A\n\nText [@one] and [@two].\n",
		"sources.yaml": "\xff\xfe garbage \x80\x81\n",
	})
	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if !errors.Is(err, ErrManuscript) {
		t.Fatalf("err = %v, want ErrManuscript", err)
	}
	list := res.Diagnostics.List
	if len(list) < 1 || !strings.HasSuffix(list[0].Pos.File, "sources.yaml") || !strings.Contains(list[0].Message, "UTF-8") {
		t.Errorf("the sources file's error does not come first:\n%s", res.Diagnostics.String())
	}
}

// TestPreflightWarningsInLineOrder is the issue's "the preflight sorts
// its warnings as text (line 102 before 26)".
func TestPreflightWarningsInLineOrder(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	lines := make([]string, 120)
	for i := range lines {
		lines[i] = "Text."
	}
	lines[0] = "# A"
	lines[25] = "A <blink>first</blink> tag."
	lines[101] = "A <blink>second</blink> tag."
	writeFiles(t, book, map[string]string{
		"book.yaml": "title: Order\nlanguage: en\nchapters:\n  body:\n    - a.md\n",
		"a.md":      strings.Join(lines, "\n\n") + "\n",
	})
	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), PDF: true, CheckOnly: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	first, second := strings.Index(res.Preflight, "a.md:51:"), strings.Index(res.Preflight, "a.md:203:")
	if first < 0 || second < 0 || first > second {
		t.Errorf("the preflight's warnings are not in line order (51 at %d, 203 at %d):\n%s", first, second, res.Preflight)
	}
}

// TestMissingBookFolderAlone: a book folder that does not exist is one
// error; the layout folder beside it (where the command line looks for it
// by default) is not reported missing too (before, "layout folder not
// found" came first, then the cause).
func TestMissingBookFolderAlone(t *testing.T) {
	dir := t.TempDir()
	res, err := Run(Options{BookDir: filepath.Join(dir, "nobook"), LayoutDir: filepath.Join(dir, "layout"), OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if !errors.Is(err, ErrManuscript) {
		t.Fatalf("err = %v, want ErrManuscript", err)
	}
	list := res.Diagnostics.List
	if len(list) != 1 || !strings.Contains(list[0].Message, "book folder not found") {
		t.Errorf("want the one error of the missing book folder, got:\n%s", res.Diagnostics.String())
	}
}
