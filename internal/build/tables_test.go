package build

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// tablesChapter holds issue 14's tables and screenshots: the table with
// long words and an address, a header-less pipe table, a table of
// figures with a header that must not be hyphenated, a wide pipe table
// with relative dash widths, tables too wide for the measure, a table
// longer than a page, and screenshots and a photograph of the sizes the
// issue reports.
func tablesChapter() string {
	var long strings.Builder
	for i := 0; i < 70; i++ {
		fmt.Fprintf(&long, "| %d | %d | %d | Commune numéro %d |\n", 1900+i, i*137%1000, i*7919%100000, i)
	}
	return `# Tableaux et captures

Un paragraphe avant le tableau.

| colonne_un_tres_longue | deux | quatre_identifiant_long |
|---|---|---|
| valeur_sans_espace_tres_longue_123456789 | b | https://example.org/un/chemin/tres/long/ |

Table: Le tableau de l'issue.

Un tableau sans en-tête :

|  |  |
|---|---|
| a | b |

| Town | Houses destroyed | Population in 1946 |
|:-----|-----:|------:|
| Boulogne-sur-Mer | 4 568 | 34 000 |
| Calais | 7 212 | 50 000 |

Table: Maisons détruites.

| Date | Événement détaillé qui occupe la plus grande partie de la largeur | Lieu |
|--|------------------|----|
| 1944-09-17 | Débarquement des troupes canadiennes au nord de la ville après un bombardement | Boulogne |

| identifiant_de_la_premiere_colonne | identifiant_de_la_deuxieme_colonne | identifiant_troisieme |
|---|---|---|
| valeur_un | valeur_deux | valeur_trois |

| anticonstitutionnellement_et_encore_plus_long_que_cela | anticonstitutionnellement_et_encore_plus_long_que_cela_bis | anticonstitutionnellement_et_encore |
|---|---|---|
| x | y | z |

| Année | Valeur | Code | Commune |
|---:|---:|---:|:--|
` + long.String() + `
Table: Un long tableau.

![Écran d'accueil.](ecran.png){alt="Un écran" credit="D.R."}

![Boîte de dialogue.](dialogue.png){alt="Une boîte de dialogue" credit="D.R."}

![Boîte de dialogue en grand.](dialogue.png){alt="Une boîte de dialogue" credit="D.R." width="100%"}

![Photographie.](photo.jpg){alt="Une photographie" credit="D.R." width="100%"}

Fin.
`
}

// writeScreenshot writes a screenshot-like PNG: a flat background with
// text in antialiased strokes of many grays.
func writeScreenshot(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0xf0, 0xf0, 0xf0, 0xff}
			if y%20 >= 6 && y%20 < 16 && x%9 < 6 {
				v := uint8((x*37 + y*91) % 200)
				c = color.RGBA{v, v, v / 2, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTablesAndScreenshots builds issue 14's tables and screenshots: no
// word of the PDF leaves the text block or overprints another, the
// header-less table has no header in the EPUB, the screenshots print at
// a legible size and those that cannot are warned at their position,
// the PNG screenshots stay PNG in the EPUB, and EPUBCheck passes.
func TestTablesAndScreenshots(t *testing.T) {
	requireTool(t, "pdftotext")
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	writeFiles(t, book, map[string]string{
		"book.yaml": "title: Tableaux\nlanguage: fr\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000d4\nchapters:\n  body:\n    - ch.md\n",
		"ch.md":     tablesChapter(),
	})
	writeScreenshot(t, filepath.Join(book, "ecran.png"), 815, 500)
	writeScreenshot(t, filepath.Join(book, "dialogue.png"), 247, 150)
	photo := image.NewGray(image.Rect(0, 0, 600, 400))
	for i := range photo.Pix {
		photo.Pix[i] = uint8(i*7919%251) / 2
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, photo, nil); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, book, map[string]string{"photo.jpg": jb.String()})

	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	ds := res.Diagnostics
	// Warnings at the places the issue names.
	wantWarn := [][2]string{
		{"table-too-wide", "ch.md:28:1:"},
		{"table-too-wide", "ch.md:32:1:"},
		{"figure-low-resolution", "ch.md:115:1:"},
		{"figure-low-resolution", "ch.md:117:1:"},
	}
	for _, w := range wantWarn {
		code, at := w[0], w[1]
		found := false
		for _, d := range ds.List {
			if d.Code == code && strings.Contains(d.String(), at) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s warning at %s:\n%s", code, at, ds.String())
		}
	}
	for _, d := range ds.List {
		if d.Code == "figure-low-resolution" && strings.Contains(d.Message, "photo.jpg") && !strings.Contains(d.Message, "width=") {
			t.Errorf("the low-resolution warning does not say what width= would do: %s", d)
		}
	}

	var pdfPath string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdfPath = o.Path
		}
	}
	lay := layout.Load("../../layout", &model.Diagnostics{})
	checkWordsInTextBlock(t, pdfPath, lay)

	pre, err := os.ReadFile(strings.TrimSuffix(pdfPath, ".pdf") + ".preflight.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ecran.png): 815×500 px printed 114×69.9 mm = 182 ppi, screenshot",
		"dialogue.png): 247×150 px printed 41.8×25.4 mm = 150 ppi, screenshot",
		"LOW RESOLUTION: is a screenshot printed 114 mm wide at 55 ppi",
	} {
		if !strings.Contains(string(pre), want) {
			t.Errorf("preflight lacks %q:\n%s", want, pre)
		}
	}

	data := outputOf(t, res, ".epub")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(book, "ecran.png"))
	var chapter string
	pngSame := false
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch {
		case strings.HasSuffix(f.Name, "/ch.xhtml"):
			chapter = string(b)
		case strings.HasSuffix(f.Name, ".png") && bytes.Equal(b, src):
			pngSame = true
		case strings.HasSuffix(f.Name, ".jpg") && strings.Contains(f.Name, "fig-1"):
			t.Errorf("the screenshot became %s in the EPUB", f.Name)
		}
	}
	if !pngSame {
		t.Error("the PNG screenshot is not shipped as it is in the EPUB")
	}
	if strings.Count(chapter, "<table") != 7 || strings.Count(chapter, "<thead>") != 6 || strings.Contains(chapter, "<th scope=\"col\"></th>") {
		t.Errorf("EPUB tables: %d tables, %d heads:\n%s", strings.Count(chapter, "<table"), strings.Count(chapter, "<thead>"), chapter)
	}
	if !strings.Contains(chapter, `<span class="table-label">Tableau`+"\u00a0"+`3</span>`) {
		t.Errorf("EPUB caption not numbered:\n%s", chapter)
	}
	epubcheckFile(t, strings.TrimSuffix(pdfPath, ".pdf")+".epub")
}

// checkWordsInTextBlock reads the PDF's word boxes (pdftotext -bbox) and
// fails for a word outside the text block's width on its page or outside
// the trimmed page, and for two words that overprint each other.
func checkWordsInTextBlock(t *testing.T, pdf string, lay *layout.Print) {
	t.Helper()
	words := pdfWords(t, pdf)
	if len(words) == 0 {
		t.Fatal("no words in the PDF")
	}
	const tol = 0.6 // points: rounding of glyph boxes
	top := lay.Bleed + lay.MarkSpace()
	bottom := top + lay.TrimHeight
	for k, w := range words {
		left, right := textBlock(lay, w.page)
		if w.x0 < left-tol || w.x1 > right+tol || w.y0 < top-tol || w.y1 > bottom+tol {
			t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f leaves the text block (x %.1f–%.1f)", w.page, w.text, w.x0, w.x1, w.y0, w.y1, left, right)
		}
		for _, v := range words[k+1:] {
			if v.page != w.page {
				break
			}
			if min(w.x1, v.x1)-max(w.x0, v.x0) > tol && min(w.y1, v.y1)-max(w.y0, v.y0) > tol {
				t.Errorf("page %d: %q and %q overprint", w.page, w.text, v.text)
			}
		}
	}
	t.Logf("%d words on %d pages checked against the text block", len(words), words[len(words)-1].page)
}
