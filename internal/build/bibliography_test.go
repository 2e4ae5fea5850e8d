package build

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGroupedArchivesInBothOutputs builds a German book whose
// bibliography groups its archives by repository and fonds (citation:
// group-archives): the EPUB heads them h2, h3, h4; the PDF prints the same
// words in the same order; the generated titles are German.
func TestGroupedArchivesInBothOutputs(t *testing.T) {
	requireTool(t, "pdftotext")
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	files := map[string]string{
		"book.yaml": "title: Archive\nlanguage: de\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000d1\n" +
			"sources: sources.yaml\ncitation:\n  group-archives: true\nchapters:\n  body:\n    - ch.md\n",
		"sources.yaml": `- {id: plan, type: map, title: Plan des Hafens, archive: Bundesarchiv, archive-place: Freiburg, archive_collection: Heeresgruppe B, archive_location: RH 19 IX/1, issued: 1944-09}
- {id: bericht, type: document, title: Lagebericht, archive: Bundesarchiv, archive-place: Freiburg, archive_collection: Heeresgruppe B, archive_location: RH 19 IX/2}
- {id: foto, type: graphic, title: Hafen von Calais, archive: Stadtarchiv Calais, archive_location: 5 Fi 2}
- {id: buch, type: book, title: Die Befreiung, author: [{family: Müller, given: Hans}], publisher: Beck, publisher-place: München, issued: 1995}
`,
		"ch.md": "# Kapitel\n\nText [@plan, fol. 2-3]. Bericht [@bericht]. Foto [@foto]. Buch [@buch, pp. 12-14].\n",
	}
	writeFiles(t, book, files)
	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	epub := outputOf(t, res, ".epub")
	raw := string(rawEPUBDocument(t, epub, "bibliography.xhtml"))
	for _, h := range []string{`<h2 id="[^"]*">Ungedruckte Quellen</h2>`, `<h3 id="[^"]*">Bundesarchiv \(Freiburg\)</h3>`,
		`<h4 id="[^"]*">Heeresgruppe B</h4>`, `<h3 id="[^"]*">Stadtarchiv Calais</h3>`, `<h2 id="[^"]*">Gedruckte Quellen und Literatur</h2>`} {
		if !regexp.MustCompile(h).MatchString(raw) {
			t.Errorf("the EPUB bibliography has no %s:\n%s", h, raw)
		}
	}
	var pdfPath string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdfPath = o.Path
		}
	}
	titles := []string{"Quellen und Literatur", "Inhalt", "Anmerkungen", "Abbildungsverzeichnis", "Bildnachweis"}
	e := letters(epubDocumentText(t, epub, "bibliography.xhtml"))
	p := letters(pdfSectionText(t, pdfPath, "Quellen und Literatur", titles))
	p = strings.ReplaceAll(p, letters("Quellen und Literatur"), "")
	e = strings.ReplaceAll(e, letters("Quellen und Literatur"), "")
	if e != p {
		t.Errorf("bibliography: EPUB and PDF differ\nEPUB: %s\nPDF:  %s", e, p)
	}
	// The text without its markup (an <em> leaves a space before the
	// comma that follows it).
	flat := strings.ReplaceAll(strings.Join(strings.Fields(epubDocumentText(t, epub, "bibliography.xhtml")), " "), " ,", ",")
	for _, want := range []string{"Heeresgruppe B RH 19 IX/1, Plan des Hafens, September 1944. RH 19 IX/2, „Lagebericht“, o. J. Stadtarchiv Calais 5 Fi 2, Hafen von Calais, o. J.",
		"Müller, Hans, Die Befreiung, München: Beck, 1995."} {
		if !strings.Contains(flat, want) {
			t.Errorf("the EPUB bibliography lacks %q: %s", want, flat)
		}
	}
}

// rawEPUBDocument returns the markup of one document of an EPUB.
func rawEPUBDocument(t *testing.T, epub []byte, name string) []byte {
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
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("the EPUB has no %s", name)
	return nil
}
