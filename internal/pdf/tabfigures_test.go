package pdf

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// TestTabularFigures: the copy of EB Garamond made for tables draws the
// digits with its tabular lining glyphs, all of one width, and keeps
// every other character; a font without alternate figures is refused.
func TestTabularFigures(t *testing.T) {
	for _, file := range []string{"EBGaramond12-Regular.ttf", "EBGaramond12-Italic.ttf", "EBGaramond-Bold.ttf"} {
		t.Run(file, func(t *testing.T) {
			orig, err := os.ReadFile("../../fonts/" + file)
			if err != nil {
				t.Fatal(err)
			}
			data, suffix, err := tabularFigures(orig)
			if err != nil {
				t.Fatal(err)
			}
			f, err := sfnt.Parse(data)
			if err != nil {
				t.Fatalf("the copy does not parse: %v", err)
			}
			var buf sfnt.Buffer
			for i, d := range digitNames {
				g, _ := f.GlyphIndex(&buf, '0'+rune(i))
				if name, _ := f.GlyphName(&buf, g); name != d+suffix {
					t.Errorf("%c draws %q, want %q", '0'+rune(i), name, d+suffix)
				}
			}
			face, err := typeset.ParseFace(data)
			if err != nil {
				t.Fatal(err)
			}
			base, _ := typeset.ParseFace(orig)
			if suffix == ".tablining" || suffix == ".tf" {
				// EB Garamond 12's tabular figures differ by up to two
				// thousandths of an em (0.02 pt at 10 pt).
				for _, d := range "0123456789" {
					if diff := face.Advance(d) - face.Advance('0'); diff > 0.0025 || diff < -0.0025 {
						t.Errorf("%c is %g wide, 0 is %g: not tabular", d, face.Advance(d), face.Advance('0'))
					}
				}
			}
			for _, r := range "Aaéœ«—’fi" {
				if face.Advance(r) != base.Advance(r) || !face.HasGlyph(r) {
					t.Errorf("%c changed in the copy", r)
				}
			}
			t.Logf("%s: figures %s", file, suffix)
		})
	}
	mono, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	if err != nil {
		t.Skip("no DejaVu Sans to check a font without alternate figures")
	}
	if _, _, err := tabularFigures(mono); err != errNoFigures {
		t.Errorf("DejaVu Sans: %v, want errNoFigures", err)
	}
}

// TestTableFiguresInPrint: a table's figures are drawn with the tabular
// copy of the face, embedded as a subset of its own, and still read as
// digits.
func TestTableFiguresInPrint(t *testing.T) {
	tb := &model.Table{Align: []string{"", "right"}, Header: row("Port", "Tonnes"),
		Rows: [][][]model.Inline{row("Boulogne", "12 345"), row("Calais", "1 111")}}
	book := kindsBook(t, tb)
	data, _, ds := render(t, book, sampleLayout(t, nil))
	if ds.HasErrors() {
		t.Fatal(ds.String())
	}
	if n := strings.Count(string(data), "/FontName /"); n < 3 {
		t.Errorf("%d fonts embedded, want the tabular copy besides the text's", n)
	}
	if text := pdfTextIfAny(t, data); text != "" && !strings.Contains(text, "12 345") {
		t.Errorf("the table's figures do not read as digits:\n%s", text)
	}
}
