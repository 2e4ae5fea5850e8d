package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// Issue 14: a word wider than the measure with no allowed break (a
// pandoc grid table's rule set as prose, a long identifier) no longer
// runs past the margin: the line breaker breaks it inside and the build
// warns at its paragraph; every word of the PDF stays in the text block.
func TestWideWordsInPrint(t *testing.T) {
	requireTool(t, "pdftotext")
	bookDir := t.TempDir()
	rule := "+:" + strings.Repeat("=", 60) + "+:" + strings.Repeat("=", 50) + "+"
	ident := "configuration_du_port_de_boulogne_sur_mer_en_septembre_1944_version_definitive"
	files := map[string]string{
		"book.yaml": "title: Mots trop longs\nlanguage: fr\nauthors:\n  - name: Test\nidentifiers:\n  uuid: urn:uuid:3d0c1e5a-6b1f-4c7e-9a57-14c0de000002\nchapters:\n  body:\n    - ch.md\n",
		"ch.md": "# Chapitre\n\nUn paragraphe ordinaire qui précède la règle du tableau, assez long pour occuper une ligne entière du bloc.\n\n" +
			"La règle " + rule + " est composée comme de la prose.\n\n" +
			"Le nom " + ident + " ne se coupe nulle part.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(bookDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(Options{BookDir: bookDir, LayoutDir: "../../layout", OutDir: t.TempDir(), PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	diags := res.Diagnostics.String()
	for _, want := range []string{"ch.md:5:1:", "ch.md:7:1:"} {
		found := false
		for _, l := range strings.Split(diags, "\n") {
			if strings.Contains(l, want) && strings.Contains(l, "wider than the print measure") {
				found = true
			}
		}
		if !found {
			t.Errorf("no warning at %s:\n%s", want, diags)
		}
	}
	var ds model.Diagnostics
	lay := layout.Load("../../layout", &ds)
	var pdf string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdf = o.Path
		}
	}
	words := pdfWords(t, pdf)
	var all strings.Builder
	for _, w := range words {
		left, right := textBlock(lay, w.page)
		if w.x0 < left-0.5 || w.x1 > right+0.5 {
			t.Errorf("page %d: %q at x %.1f–%.1f leaves the text block (x %.1f–%.1f)", w.page, w.text, w.x0, w.x1, left, right)
		}
		all.WriteString(w.text)
	}
	// Nothing is lost: the rule's and the identifier's characters are
	// all printed, no hyphen added.
	text := all.String()
	if !strings.Contains(text, strings.ReplaceAll(rule, " ", "")) || !strings.Contains(text, ident) {
		t.Errorf("the broken words are not printed whole: %q", text)
	}
}
