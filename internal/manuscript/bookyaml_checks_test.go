package manuscript

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestBookYAMLRangeAndFolder checks issue 17's book.yaml cases: a date
// that matches YYYY-MM-DD but is no day of the calendar is an error at
// the value, and a book folder that does not exist is said to be missing
// (not its book.yaml).
func TestBookYAMLRangeAndFolder(t *testing.T) {
	bookDir := writeBook(t, "title: T\nlanguage: fr\ndate: 2024-13-45\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"})
	chdir(t, filepath.Dir(bookDir))
	_, ds := Read(Options{BookDir: "book"})
	if want := `book/book.yaml:3:7: error: date "2024-13-45" is not a day of the calendar`; !strings.Contains(ds.String(), want) {
		t.Errorf("diagnostics\n%s\nlack %s", ds.String(), want)
	}
	_, ds = Read(Options{BookDir: "no-such-book"})
	if got := ds.String(); !strings.Contains(got, "no-such-book: error: book folder not found") || strings.Count(got, "\n") != 1 {
		t.Errorf("a missing book folder gives\n%s", got)
	}
}

// TestBookFolderIsAFile: given book.yaml itself where the book folder is
// expected (publish check ~/livre/book/book.yaml), the error says it is a
// file, not that the folder is missing.
func TestBookFolderIsAFile(t *testing.T) {
	bookDir := writeBook(t, "title: T\nlanguage: fr\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"})
	chdir(t, filepath.Dir(bookDir))
	_, ds := Read(Options{BookDir: "book/book.yaml"})
	if got, want := ds.String(), "book/book.yaml: error: book/book.yaml is a file, not a folder: give the folder holding book.yaml"; !strings.Contains(got, want) || strings.Count(got, "\n") != 1 {
		t.Errorf("diagnostics\n%s\nlack %s", got, want)
	}
}

// TestBookYAMLNoFollowOn: a value of the wrong kind is one error at the
// value, not followed by "must not be empty" or "must name at least one
// chapter file" at the same place.
func TestBookYAMLNoFollowOn(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"title: [a, b]\nlanguage: fr\nchapters: [ch.md]\n", "book/book.yaml:1:8: error: title must be a text value, not a list"},
		{"title: T\nlanguage: fr\nchapters: 3\n", "book/book.yaml:3:11: error: chapters must be a list of files"},
	} {
		bookDir := writeBook(t, tc.yaml, map[string]string{"ch.md": "# C\n"})
		chdir(t, filepath.Dir(bookDir))
		_, ds := Read(Options{BookDir: "book"})
		if got := ds.String(); !strings.Contains(got, tc.want) || strings.Count(got, "\n") != 1 {
			t.Errorf("%q: diagnostics\n%s\nwant only %s", tc.yaml, got, tc.want)
		}
	}
}

// TestUnreadSourcesAlone: a sources file that is missing or cannot be
// read is one error; the citations and figure credits that name its
// sources are not each reported as an unknown source after it.
func TestUnreadSourcesAlone(t *testing.T) {
	for _, tc := range []struct {
		name, sources, want string
	}{
		{"missing", "", `book/book.yaml:3:10: error: sources file "refs.yaml": not found`},
		{"garbage", "\xff\xfe garbage \x80\x81\n", "book/refs.yaml:1:1: error: invalid UTF-8"},
	} {
		files := map[string]string{"ch.md": "# C\n\nText [@one] and [@two].\n"}
		if tc.sources != "" {
			files["refs.yaml"] = tc.sources
		}
		bookDir := writeBook(t, "title: T\nlanguage: en\nsources: refs.yaml\nchapters: [ch.md]\n", files)
		chdir(t, filepath.Dir(bookDir))
		_, ds := Read(Options{BookDir: "book"})
		if got := ds.String(); !strings.Contains(got, tc.want) || strings.Contains(got, "unknown source") {
			t.Errorf("%s: diagnostics\n%s\nwant %s and no unknown source", tc.name, got, tc.want)
		}
	}
}

// TestUnknownSourceCode: a citation of a source the sources file does not
// hold, and a chapter that is not UTF-8, are errors with their family's
// code (unknown-source, encoding) for publish --json.
func TestUnknownSourceCode(t *testing.T) {
	bookDir := writeBook(t, "title: T\nlanguage: en\nsources: refs.yaml\nchapters: [ch.md]\n", map[string]string{
		"ch.md":     "# C\n\nText [@nowhere] \xff.\n",
		"refs.yaml": "- id: one\n  type: book\n  title: One\n",
	})
	chdir(t, filepath.Dir(bookDir))
	_, ds := Read(Options{BookDir: "book"})
	codes := map[string]bool{}
	for _, d := range ds.List {
		if d.Severity == model.Error {
			codes[d.Code] = true
		}
	}
	if !codes["unknown-source"] || !codes["encoding"] || codes[""] {
		t.Errorf("error codes %v, want unknown-source and encoding only:\n%s", codes, ds.String())
	}
}
