package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkAddressesInPrint: issue 14's « Téléchargez [le logiciel](…). »
// printed "Téléchargez le logiciel." and the address nowhere. With
// print.yaml's links: footnote (the default) the address is a lettered
// note, with inline it follows the text in parentheses, with none only
// the text is printed; an autolink is printed once, an internal link
// prints no address; with pdf-x: none the text stays clickable.
func TestLinkAddressesInPrint(t *testing.T) {
	requireTool(t, "pdftotext")
	const addr = "http://www.example.org/logiciel/version-4/"
	chapter := "# Des [liens](https://example.com/chapitre/) {#liens}\n\n## Un [site](https://example.net/titre/)\n\nTéléchargez [le logiciel](" + addr + ").\n\n" +
		"Voir <https://example.org/une/adresse/> et [plus haut](#liens), ou écrire à <moi@exemple.fr>.\n"
	for _, c := range []struct {
		links, pdfx string
		want        []string
		not         []string
		clickable   bool
	}{
		{"footnote", "x-1a", []string{"Téléchargez le logicielc.", "c. " + addr, "Voir https://example.org/une/adresse/ et plus haut, ou écrire à moi@exemple.fr."}, []string{"(http", "d. "}, false},
		{"inline", "x-1a", []string{"Téléchargez le logiciel (" + addr + ")."}, []string{"a. http", "adresse/ (", "(#liens)", "fr (mailto"}, false},
		{"none", "x-1a", []string{"Téléchargez le logiciel."}, []string{addr}, false},
		{"footnote", "none", []string{"Téléchargez le logicielc.", "c. " + addr}, nil, true},
	} {
		t.Run(c.links+"/pdf-x "+c.pdfx, func(t *testing.T) {
			dir := t.TempDir()
			layoutWith(t, dir, map[string]string{"links": c.links, "pdf-x": c.pdfx})
			book := filepath.Join(dir, "book")
			writeFiles(t, book, map[string]string{
				"book.yaml": "title: Liens\nlanguage: fr\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000d1\nchapters:\n  body:\n    - ch.md\n",
				"ch.md":     chapter,
			})
			res, err := Run(Options{BookDir: book, LayoutDir: filepath.Join(dir, "layout"), OutDir: filepath.Join(dir, "out"), EPUB: false, PDF: true})
			if err != nil {
				t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
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
			flat := strings.Join(strings.Fields(typographic.Replace(string(out))), " ")
			// An address may be broken across lines (with no hyphen):
			// compared without spaces.
			squeezed := strings.Join(strings.Fields(flat), "")
			for _, w := range c.want {
				if !strings.Contains(squeezed, strings.Join(strings.Fields(w), "")) {
					t.Errorf("the PDF lacks %q:\n%s", w, flat)
				}
			}
			for _, w := range c.not {
				if strings.Contains(flat, w) {
					t.Errorf("the PDF has %q:\n%s", w, flat)
				}
			}
			if n := strings.Count(flat, "example.org/une/adresse"); n != 1 {
				t.Errorf("the autolink's address is printed %d times, want once", n)
			}
			// A heading's link: its address under the heading (or after
			// it), never in the contents or a running head.
			want := 1
			if c.links == "none" {
				want = 0
			}
			if n := strings.Count(flat, "example.com/chapitre/"); n != want {
				t.Errorf("a chapter title's link address is printed %d times, want %d:\n%s", n, want, flat)
			}
			if n := strings.Count(flat, "example.net/titre/"); n != want {
				t.Errorf("a heading's link address is printed %d times, want %d:\n%s", n, want, flat)
			}
			raw, err := os.ReadFile(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if got := bytes.Contains(raw, []byte("/URI ("+addr+")")); got != c.clickable {
				t.Errorf("link annotation to %s: %v, want %v", addr, got, c.clickable)
			}
		})
	}
}
