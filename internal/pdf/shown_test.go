package pdf

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// TestShownRunesInSubset: text drawn by drawer.show (raw operators, runes
// recorded apart and registered once) gives the file fpdf's own Text calls
// give, byte for byte: the same content streams, and font subsets holding
// the same glyphs. Without the registration the subsets would lack the
// glyphs of the text drawn raw, and the files would differ.
func TestShownRunesInSubset(t *testing.T) {
	texts := []struct {
		font string
		x, y float64
		s    string
	}{
		{fontRegular, 60, 100, "Harbour (and) forts\\ à l’œuvre « Zéphyr »"},
		{fontItalic, 60, 130, "Quai ŒUVRE ¶ ‹ ›"},
		{fontRegular, 72.125, 160.005, "x\u00a0y"},
	}
	draw := func(raw bool) []byte {
		lay := sampleLayout(t, nil)
		f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", OrientationStr: "P", Size: fpdf.SizeType{Wd: lay.TrimWidth, Ht: lay.TrimHeight}})
		f.SetCatalogSort(true)
		f.SetCompression(false)
		f.SetAutoPageBreak(false, 0)
		f.SetCreationDate(time.Unix(0, 0).UTC())
		f.SetModificationDate(time.Unix(0, 0).UTC())
		fonts, err := loadFonts(f, lay)
		if err != nil {
			t.Fatal(err)
		}
		d := newDrawer(f, fonts, false)
		f.AddPage()
		for _, tx := range texts {
			d.setFont(tx.font, 11)
			if raw {
				d.show(tx.x, tx.y, tx.s)
			} else {
				f.Text(tx.x, tx.y, tx.s)
			}
		}
		if raw {
			if err := d.shown.register(f, fonts); err != nil {
				t.Fatal(err)
			}
		}
		if f.Err() {
			t.Fatal(f.Error())
		}
		var out bytes.Buffer
		if err := output(f, &out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	viaFpdf, viaShow := draw(false), draw(true)
	if !bytes.Equal(viaFpdf, viaShow) {
		t.Errorf("text drawn raw gives another file than fpdf's Text (%d and %d bytes)", len(viaShow), len(viaFpdf))
	}
	if !bytes.Contains(viaShow, []byte("\x00\\(\x00a\x00n\x00d\x00\\)")) || !bytes.Contains(viaShow, []byte("\x00\\\\")) {
		t.Error("the parentheses and backslash are not escaped")
	}
}

// TestShownWidthsAgree registers every character the shipped fonts have
// as drawn: fpdf must give each the width the drawer places TJ arrays by
// (typeset.Face.PDFWidth). With the faces of two fonts swapped, the
// widths disagree and register must fail.
func TestShownWidthsAgree(t *testing.T) {
	register := func(swap bool) error {
		lay := sampleLayout(t, nil)
		f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", OrientationStr: "P", Size: fpdf.SizeType{Wd: lay.TrimWidth, Ht: lay.TrimHeight}})
		f.SetCompression(false)
		fonts, err := loadFonts(f, lay)
		if err != nil {
			t.Fatal(err)
		}
		if swap {
			fonts.faces[fontRegular], fonts.faces[fontItalic] = fonts.faces[fontItalic], fonts.faces[fontRegular]
		}
		d := newDrawer(f, fonts, false)
		f.AddPage()
		drawn := 0
		keys := slices.Sorted(maps.Keys(fonts.faces))
		for _, key := range keys {
			face := fonts.faces[key]
			var all []rune
			for r := rune(0x20); r <= 0xFFFF; r++ {
				if face.HasGlyph(r) {
					all = append(all, r)
				}
			}
			d.setFont(key, 11)
			d.shown.add(key, string(all))
			drawn += len(all)
		}
		if drawn < 500 {
			t.Fatalf("only %d characters in the shipped fonts", drawn)
		}
		if !swap {
			t.Logf("%d characters of %d fonts (%s)", drawn, len(keys), strings.Join(keys, ", "))
		}
		return d.shown.register(f, fonts)
	}
	if err := register(false); err != nil {
		t.Fatalf("the shipped fonts: %v", err)
	}
	err := register(true)
	if err == nil || !strings.Contains(err.Error(), "width") {
		t.Fatalf("faces swapped: %v, want an error about a width", err)
	}
	t.Log(err)
}

// TestFacesParsedAhead: the faces ParseFaces parses from the layout's
// bytes are the ones the make-up takes (Options.Faces), for every font
// the layout holds, and the PDF is the same as with faces parsed by
// Layout itself.
func TestFacesParsedAhead(t *testing.T) {
	// A copy of the layout and its fonts: a font this process checked
	// before (another test's layout) is not read again
	// (layout.Print.readFont), and its bytes are not kept for the faces.
	project := t.TempDir()
	for _, dir := range []string{"layout", "fonts"} {
		if err := os.CopyFS(filepath.Join(project, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	var ds model.Diagnostics
	lay := layout.LoadWith(filepath.Join(project, "layout"), layout.LoadOptions{CacheDir: t.TempDir()}, &ds)
	if ds.HasErrors() {
		t.Fatalf("layout: %s", ds.String())
	}
	faces := ParseFaces(lay)
	if len(faces.byPath) < len(lay.Fonts) {
		t.Fatalf("%d faces parsed ahead for %d fonts", len(faces.byPath), len(lay.Fonts))
	}
	f := fpdf.New("P", "pt", "A4", "")
	fonts, err := loadFontsCached(f, lay, nil, faces)
	if err != nil {
		t.Fatal(err)
	}
	for key, face := range fonts.faces {
		if face != faces.face(fonts.files[key]) {
			t.Errorf("font %s (%s): parsed again, not taken from the faces parsed ahead", key, fonts.files[key])
		}
	}
	book := readBook(t, "../../book")
	pdfWith := func(faces *Faces) []byte {
		var buf bytes.Buffer
		var ds model.Diagnostics
		laid, err := Layout(context.Background(), book, Options{Layout: lay, ModTime: modTime, Faces: faces}, &ds)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := laid.Write(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(pdfWith(faces), pdfWith(nil)) {
		t.Error("the PDF differs with the faces parsed ahead")
	}
}
