package build

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestNoDuplicateIDsInEPUB builds a book whose written ids look like the
// ids publish makes (page-2, note and bibliography ids, the generated
// pages' ids, a heading's id repeated in another chapter): the build
// succeeds and no id appears twice in the EPUB (EPUBCheck RSC-005).
func TestNoDuplicateIDsInEPUB(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	files := map[string]string{
		"book.yaml": "title: Ids\nlanguage: en\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000dd\nsources: s.yaml\nchapters:\n  body:\n    - one.md\n    - two.md\n",
		"s.yaml":    "- id: smith\n  type: book\n  title: A Book\n  author:\n    - family: Smith\n      given: Ann\n  issued:\n    date-parts: [[1990]]\n",
		"one.md": "# Introduction {#one}\n\n## Sources\n\nText[^1] and a citation [@smith].\n\n## Page {#page-2}\n\n## Note {#fn-one-1-1}\n\n" +
			"## Bib {#bib-smith}\n\n## Credits {#credits}\n\n## Bibliography {#bibliography}\n\n[^1]: A note.\n",
		"two.md": "# Two {#title-two}\n\n## Other {#sources}\n\n<span id=\"ref-fn-one-1-1\">x</span> and <span id=\"fn-one-1-1-1\">y</span>.\n\n" +
			"Lots of text. " + string(bytes.Repeat([]byte("Words upon words fill a page. "), 400)) + "\n",
	}
	writeFiles(t, book, files)
	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	data := outputOf(t, res, ".epub")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	idAttr := regexp.MustCompile(`\sid="([^"]+)"`)
	seen := map[string]string{}
	pages := 0
	for _, f := range zr.File {
		if filepath.Ext(f.Name) != ".xhtml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		for _, m := range idAttr.FindAllSubmatch(body, -1) {
			id := string(m[1])
			if prev, dup := seen[id]; dup {
				t.Errorf("id %q in %s and in %s", id, prev, f.Name)
			}
			seen[id] = f.Name
			if bytes.HasPrefix(m[1], []byte("page-")) {
				pages++
			}
		}
	}
	if pages < 3 {
		t.Errorf("only %d page-break ids: the test does not reach page-2", pages)
	}
}

// writeFiles writes files (name: content) into dir, making dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
