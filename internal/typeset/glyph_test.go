package typeset

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGlyphTablesMatchCmap checks that the tables a face keeps at parse
// time (runes below denseRunes, the ligatures) answer what the font's
// character map answers, for every font of the project.
func TestGlyphTablesMatchCmap(t *testing.T) {
	paths, err := filepath.Glob("../../fonts/*.ttf")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fonts in ../../fonts (%v)", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := ParseFace(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ligs := 0
		for r := rune(0); r < 0x10000; r++ {
			if got, want := f.glyph(r), f.cmapGlyph(r); got != want {
				t.Fatalf("%s: glyph(%U) = %d, the character map gives %d", filepath.Base(p), r, got, want)
			}
			if r >= ligFF && r <= ligFFL && f.glyph(r) != 0 {
				ligs++
			}
		}
		t.Logf("%s: %d ligatures", filepath.Base(p), ligs)
	}
}
