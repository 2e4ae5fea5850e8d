package build

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// buildSample builds the sample book into a temporary folder and returns
// the result and the output folder.
func buildSample(t *testing.T) (*Result, string) {
	t.Helper()
	out := t.TempDir()
	res, err := Run(Options{BookDir: "../../book", LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build of the sample book: %v\n%s", err, res.Diagnostics.String())
	}
	return res, out
}

func outputOf(t *testing.T, res *Result, ext string) []byte {
	t.Helper()
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ext) {
			data, err := os.ReadFile(o.Path)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("no %s output", ext)
	return nil
}

// TestSampleBookIsReproducible builds the sample book twice: the EPUB and
// the PDF must be byte-identical.
func TestSampleBookIsReproducible(t *testing.T) {
	a, _ := buildSample(t)
	b, _ := buildSample(t)
	for _, ext := range []string{".epub", ".pdf"} {
		if !bytes.Equal(outputOf(t, a, ext), outputOf(t, b, ext)) {
			t.Errorf("two builds of the sample book give different %s files", ext)
		}
	}
}

// TestSampleBookWithoutErrors checks that the sample book builds with no
// error and no warning other than suggestions.
func TestSampleBookWithoutErrors(t *testing.T) {
	res, _ := buildSample(t)
	for _, d := range res.Diagnostics.List {
		if d.Severity > 0 {
			t.Errorf("sample book: %s", d)
		}
	}
	if res.Pages%2 != 0 {
		t.Errorf("the PDF has %d pages, an odd count", res.Pages)
	}
}

var (
	tagPattern      = regexp.MustCompile(`<[^>]*>`)
	pageRefPattern  = regexp.MustCompile(`\(p\.[\s\x{a0}\x{202f}]*[0-9ivxlcdm]+\)`)
	bodyPattern     = regexp.MustCompile(`(?s)<body[^>]*>(.*)</body>`)
	pageEndsPattern = regexp.MustCompile(`\f`)
)

// letters keeps the letters of s, so that texts set differently (line
// breaks, hyphenation, spaces, punctuation spacing) compare equal when
// their words are the same.
func letters(s string) string {
	s = pageRefPattern.ReplaceAllString(s, "")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func epubDocumentText(t *testing.T, epub []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(epub), int64(len(epub)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/"+name) {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			m := bodyPattern.FindSubmatch(data)
			if m == nil {
				t.Fatalf("%s has no body", name)
			}
			return html.UnescapeString(tagPattern.ReplaceAllString(string(m[1]), " "))
		}
	}
	t.Fatalf("the EPUB has no %s", name)
	return ""
}

// pdfSectionText returns the text of the PDF pages from the page whose
// first line is title up to (not including) the next page that starts
// with another generated title.
func pdfSectionText(t *testing.T, pdfPath, title string, otherTitles []string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", pdfPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var b strings.Builder
	in := false
	for _, page := range pageEndsPattern.Split(string(out), -1) {
		first := ""
		for _, line := range strings.Split(page, "\n") {
			if strings.TrimSpace(line) != "" {
				first = strings.TrimSpace(line)
				break
			}
		}
		switch {
		case first == title:
			in = true
		case in:
			for _, o := range otherTitles {
				if first == o {
					in = false
				}
			}
		}
		if in {
			// Drop the running head (first line) after the opening page.
			b.WriteString(page)
		}
	}
	if b.Len() == 0 {
		t.Fatalf("no PDF page starts with %q", title)
	}
	return b.String()
}

func requireTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing and CI=true", name)
		}
		t.Skipf("NOT RUN: %s is missing (install poppler-utils)", name)
	}
}

// TestCreditsAndBibliographySameInBothOutputs extracts the credits page
// and the bibliography from the EPUB and from the PDF: their words must be
// the same (the PDF adds page numbers, which are left out of the
// comparison).
func TestCreditsAndBibliographySameInBothOutputs(t *testing.T) {
	requireTool(t, "pdftotext")
	res, _ := buildSample(t)
	epub := outputOf(t, res, ".epub")
	var pdfPath string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdfPath = o.Path
		}
	}
	titles := []string{"Crédits iconographiques", "Sources et bibliographie", "Table des matières", "Table des illustrations", "Notes",
		"Index des noms de personnes", "Index des noms de lieux"}
	for _, c := range []struct{ file, title string }{
		{"credits.xhtml", "Crédits iconographiques"},
		{"bibliography.xhtml", "Sources et bibliographie"},
	} {
		e := letters(epubDocumentText(t, epub, c.file))
		p := letters(pdfSectionText(t, pdfPath, c.title, titles))
		// Running heads repeat the section title on later pages.
		p = strings.Replace(p, letters(c.title), "", -1)
		e = strings.Replace(e, letters(c.title), "", -1)
		if e != p {
			t.Errorf("%s: EPUB and PDF differ\nEPUB: %s\nPDF:  %s", c.title, e, p)
		}
	}
	// Each archive is named under its figure and on the credits page.
	for _, archive := range []string{"Archives départementales du Pas-de-Calais", "Archives municipales de Boulogne-sur-Mer"} {
		if !strings.Contains(letters(epubDocumentText(t, epub, "credits.xhtml")), letters(archive)) {
			t.Errorf("the EPUB credits page does not name %s", archive)
		}
	}
}
