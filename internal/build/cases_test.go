package build

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/casefile"
)

var update = flag.Bool("update", false, "rewrite the epub, pdf and diagnostics sections of testdata/cases")

// A case file of testdata/cases shows one construct of the manuscript
// format in both outputs, side by side. It holds sections introduced by
// "-- name --" lines:
//
//	-- book --         book.yaml keys added to a minimal English book (optional)
//	-- sources --      a CSL-YAML sources file (optional)
//	-- chapter --      the Markdown chapter
//	-- epub --         the chapter's XHTML body, without page-break markers
//	-- pdf --          the chapter's pages as pdftotext -layout prints them
//	-- diagnostics --  what the build reports (optional when empty)
//
// Everything before the first section is a comment saying what the case
// shows (package casefile reads and writes them). go test -run TestCases
// -update rewrites the output sections.
//
// TestCases builds each case of testdata/cases as a one-chapter book and
// compares the chapter's EPUB XHTML, its printed text and the
// diagnostics with the case's sections.
func TestCases(t *testing.T) {
	requireTool(t, "pdftotext")
	root := repoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "internal", "build", "testdata", "cases", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files (%v)", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c := casefile.Parse(string(data))
			got := buildCase(t, c, root)
			changed := false
			for _, name := range []string{"epub", "pdf", "index", "diagnostics"} {
				want, has := c.Sections[name]
				if !has && got[name] == "" {
					continue
				}
				if strings.TrimSpace(want) == strings.TrimSpace(got[name]) {
					continue
				}
				if *update {
					c.Set(name, got[name])
					changed = true
					continue
				}
				t.Errorf("%s: %s differs (go test ./internal/build -run TestCases -update rewrites it):\n--- got\n%s\n--- want\n%s", file, name, got[name], want)
			}
			if changed {
				if err := os.WriteFile(file, []byte(c.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

var pageBreak = regexp.MustCompile(`<span epub:type="pagebreak"[^>]*/>`)

// buildCase builds the case's chapter and returns its sections as built.
func buildCase(t *testing.T, c casefile.File, root string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	if err := os.MkdirAll(book, 0o755); err != nil {
		t.Fatal(err)
	}
	yaml := "title: Casebook\nlanguage: en\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000ca\n" + c.Sections["book"] + "chapters:\n  body:\n    - case.md\n"
	if strings.Contains(c.Sections["book"], "language:") {
		yaml = strings.Replace(yaml, "language: en\n", "", 1)
	}
	if src, ok := c.Sections["sources"]; ok {
		yaml = strings.Replace(yaml, "chapters:", "sources: sources.yaml\nchapters:", 1)
		if err := os.WriteFile(filepath.Join(book, "sources.yaml"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(book, "case.md"), []byte(c.Sections["chapter"]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(book, "book.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	res, err := Run(Options{BookDir: "book", LayoutDir: filepath.Join(root, "layout"), OutDir: "out", EPUB: true, PDF: true})
	out := map[string]string{"diagnostics": res.Diagnostics.String()}
	if err != nil {
		out["epub"], out["pdf"] = "(not built: "+err.Error()+")\n", "(not built)\n"
		return out
	}
	// The EPUB: the chapter document's body.
	data := outputOf(t, res, ".epub")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "/case.xhtml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		s := string(body)
		if i := strings.Index(s, "<body"); i >= 0 {
			s = s[strings.Index(s[i:], ">")+i+1:]
		}
		s = strings.TrimSuffix(strings.TrimSpace(s), "</html>")
		s = strings.TrimSuffix(strings.TrimSpace(s), "</body>")
		out["epub"] = strings.TrimSpace(pageBreak.ReplaceAllString(s, "")) + "\n"
	}
	if _, ok := c.Sections["index"]; ok {
		out["index"] = caseIndexes(t, zr, pdfOf(res))
	}
	// The print edition: the pages from the chapter's title to the page
	// before the contents.
	var pdf string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdf = o.Path
		}
	}
	text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var pages []string
	in := false
	for _, page := range strings.Split(string(text), "\f") {
		first := ""
		for _, l := range strings.Split(page, "\n") {
			if strings.TrimSpace(l) != "" {
				first = strings.TrimSpace(l)
				break
			}
		}
		if generatedTitles[first] {
			break
		}
		if first == "Case" || in {
			in = true
			var lines []string
			for _, l := range strings.Split(page, "\n") {
				lines = append(lines, strings.TrimRight(l, " "))
			}
			pages = append(pages, strings.Trim(strings.Join(lines, "\n"), "\n"))
		}
	}
	out["pdf"] = strings.Join(pages, "\n\f\n") + "\n"
	return out
}

// pdfOf returns the path of the built PDF.
func pdfOf(res *Result) string {
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			return o.Path
		}
	}
	return ""
}

// caseIndexes returns a case's indexes as both outputs have them: each
// EPUB index document's body, then the text of the print pages from the
// first index's title to the contents.
func caseIndexes(t *testing.T, zr *zip.Reader, pdf string) string {
	t.Helper()
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasPrefix(path.Base(f.Name), "index") || !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		s := string(body)
		if i := strings.Index(s, "<section"); i >= 0 {
			s = s[i:]
		}
		if i := strings.LastIndex(s, "</body>"); i >= 0 {
			s = s[:i]
		}
		b.WriteString(strings.TrimSpace(s) + "\n")
	}
	text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	in := false
	for _, page := range strings.Split(string(text), "\f") {
		first := strings.TrimSpace(strings.SplitN(strings.TrimSpace(page), "\n", 2)[0])
		if strings.HasPrefix(first, "Index") {
			in = true
		} else if generatedTitles[first] && in {
			break
		}
		if in && strings.TrimSpace(page) != "" {
			var lines []string
			for _, l := range strings.Split(page, "\n") {
				lines = append(lines, strings.TrimRight(l, " "))
			}
			b.WriteString("-- page\n" + strings.Trim(strings.Join(lines, "\n"), "\n") + "\n")
		}
	}
	return b.String()
}

// generatedTitles are the titles of the generated pages that follow a
// case's chapter in print, in English and in French.
var generatedTitles = map[string]bool{"Contents": true, "Sources and Bibliography": true, "List of Illustrations": true,
	"Picture Credits": true, "Table des matières": true, "Sources et bibliographie": true,
	"Table des illustrations": true, "Crédits iconographiques": true, "Index": true, "Index of Names": true,
	"Index of Places": true, "Index des noms de personnes": true, "Index des noms de lieux": true}

// repoRoot returns the repository's root folder (two levels above the
// package's folder), before a test changes the working directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
