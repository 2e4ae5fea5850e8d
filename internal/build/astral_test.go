package build

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAstralCharactersDoNotStopThePrint builds a chapter with characters
// outside the Basic Multilingual Plane in faces that have them (EB
// Garamond Bold has the flag's regional indicators): fpdf cannot encode
// them, and its Text panicked, ending the build. They are now left out of
// the print edition with a positioned warning, and kept in the EPUB.
func TestAstralCharactersDoNotStopThePrint(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	writeFiles(t, book, map[string]string{
		"book.yaml": "title: Drapeaux\nlanguage: fr\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000e8\nchapters:\n  body:\n    - ch.md\n",
		"ch.md":     "# Drapeaux\n\nVive la **France \U0001F1EB\U0001F1F7** et la mer \U0001F30A.\n",
	})
	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), PDF: true, EPUB: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	diags := res.Diagnostics.String()
	for _, want := range []string{"ch.md:3:", "U+1F1EB", "U+1F30A", "Basic Multilingual Plane"} {
		if !strings.Contains(diags, want) {
			t.Errorf("the diagnostics do not say %q:\n%s", want, diags)
		}
	}
}
