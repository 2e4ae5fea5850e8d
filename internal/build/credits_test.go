package build

import (
	"archive/zip"
	"bytes"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCreditsNoDoubledStop: a caption that ends with a full stop was
// joined to its credit with a second one, in both outputs ("Écran
// d'accueil.. D.R."); a caption without one still gets its separator.
func TestCreditsNoDoubledStop(t *testing.T) {
	requireTool(t, "pdftotext")
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	writeFiles(t, book, nil)
	writePNG(t, filepath.Join(book, "a.png"), 1200, 800)
	files := map[string]string{
		"book.yaml": "title: Crédits\nlanguage: fr\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000c1\nchapters:\n  body:\n    - ch.md\n",
		"ch.md": "# Chapitre\n\nTexte.\n\n![Écran d'accueil.](a.png){alt=\"Un écran\" credit=\"D.R.\"}\n\n" +
			"![Vue du port](a.png){alt=\"Le port\" credit=\"Archives\"}\n",
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
	var credits string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/credits.xhtml") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			credits = htmlText(t, bytes.NewReader(b))
		}
	}
	var pdf string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdf = o.Path
		}
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"EPUB": credits, "PDF": string(out)} {
		flat := strings.Join(strings.Fields(text), " ")
		if !strings.Contains(flat, "accueil. D.R.") || strings.Contains(flat, "accueil..") {
			t.Errorf("%s credits: %q", name, flat)
		}
		if !strings.Contains(flat, "port. Archives") {
			t.Errorf("%s credits lost the separator after a caption without a stop: %q", name, flat)
		}
	}
}

// TestContributorsInPrint: a translator named in book.yaml was on the
// EPUB's copyright page only; the PDF's title and copyright pages name
// them too, in the book's language.
func TestContributorsInPrint(t *testing.T) {
	requireTool(t, "pdftotext")
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	files := map[string]string{
		"book.yaml": "title: Traduit\nlanguage: fr\nauthors:\n  - name: Ann Smith\ncontributors:\n  - name: Marie Dupont\n    role: translator\n" +
			"identifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000c2\nchapters:\n  body:\n    - ch.md\n",
		"ch.md": "# Chapitre\n\nTexte.\n",
	}
	writeFiles(t, book, files)
	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	var pdf string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdf = o.Path
		}
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "4", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(typographic.Replace(string(out)), "Traduction : Marie Dupont"); n != 2 {
		t.Errorf("the translator is named %d times on the first four pages, want 2 (title and copyright pages):\n%s", n, out)
	}
}
