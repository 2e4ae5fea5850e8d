package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestTrueSmallCaps: a .smallcaps span is set in the layout's small-caps
// face (pdffonts lists EB Garamond SC, embedded), with its text as typed
// (pdftotext reads "Victor Hugo", not "VICTOR HUGO"); a book without small
// capitals does not embed the face.
func TestTrueSmallCaps(t *testing.T) {
	sc := &model.Paragraph{Inlines: []model.Inline{
		&model.Text{Value: "Un roman de "},
		&model.SmallCaps{Children: []model.Inline{&model.Text{Value: "Victor Hugo"}}},
		&model.Text{Value: " et un autre."},
	}}
	data, res := renderKinds(t, kindsBook(t, sc))
	if !strings.Contains(res.Dump, "Victor Hugo") {
		t.Errorf("the dump does not hold the small capitals as typed:\n%s", res.Dump)
	}
	fonts := pdfFonts(t, data)
	if !strings.Contains(fonts, "EBGaramondSC") {
		t.Errorf("pdffonts lists no small-caps face:\n%s", fonts)
	}
	for _, line := range strings.Split(fonts, "\n") {
		if strings.Contains(line, "EBGaramondSC") && !strings.Contains(line, " yes yes ") {
			t.Errorf("the small-caps face is not embedded as a subset: %s", line)
		}
	}
	if text := pdfText(t, data); !strings.Contains(strings.Join(strings.Fields(text), " "), "de Victor Hugo et") {
		t.Errorf("pdftotext does not read the small capitals as typed:\n%s", text)
	}
	plain, _ := renderKinds(t, kindsBook(t, &model.Paragraph{Inlines: txt("Sans petites capitales.")}))
	if fonts := pdfFonts(t, plain); strings.Contains(fonts, "EBGaramondSC") {
		t.Errorf("a book without small capitals embeds the small-caps face:\n%s", fonts)
	}
}

// pdfFonts returns pdffonts' listing of a PDF (skipped loudly when poppler
// is missing).
func pdfFonts(t *testing.T, data []byte) string {
	t.Helper()
	tool := needTool(t, "pdffonts")
	p := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, p).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	return string(out)
}
