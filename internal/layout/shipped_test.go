package layout

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/publish-books/publish/fonts"
	"github.com/publish-books/publish/internal/model"
)

// TestShippedFontsAreSound checks, glyph by glyph, every font publish
// ships: the build trusts a font with exactly their bytes without
// checking it (shipped.go). A copy with a byte changed, one more or one
// fewer is not trusted, and a layout of the shipped fonts loads without
// checking or writing verdicts.
func TestShippedFontsAreSound(t *testing.T) {
	names, err := fs.Glob(fonts.Files, "*.ttf")
	if err != nil || len(names) < 6 {
		t.Fatalf("shipped fonts %v: %v", names, err)
	}
	for _, name := range names {
		data, err := fonts.Files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkTrueType(data); err != nil {
			t.Errorf("%s does not pass the font check: %v", name, err)
		}
		if !isShippedFont(sha256.Sum256(data)) {
			t.Errorf("%s is not recognised as shipped", name)
		}
		changed := append([]byte(nil), data...)
		changed[len(changed)/2] ^= 1
		for what, other := range map[string][]byte{"a byte changed": changed, "a byte more": append(append([]byte(nil), data...), 0), "a byte fewer": data[:len(data)-1]} {
			if isShippedFont(sha256.Sum256(other)) {
				t.Errorf("%s with %s is taken for a shipped font", name, what)
			}
		}
	}

	root := t.TempDir()
	for _, d := range []string{"fonts", "layout", "out/.cache"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"EBGaramond12-Regular.ttf", "EBGaramond12-Italic.ttf", "LiberationMono-Regular.ttf"} {
		data, _ := fonts.Files.ReadFile(name)
		if err := os.WriteFile(filepath.Join(root, "fonts", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	soundFonts.Clear() // as a new process
	var ds model.Diagnostics
	p := LoadWith(filepath.Join(root, "layout"), LoadOptions{CacheDir: filepath.Join(root, "out", ".cache"), SharedCacheDir: filepath.Join(root, "shared")}, &ds)
	if ds.HasErrors() || len(p.Fonts) != 2 {
		t.Fatalf("%d fonts, %s", len(p.Fonts), ds.String())
	}
	if p.fontsChecked != 0 || len(p.newVerdicts) != 0 {
		t.Errorf("the shipped fonts: %d checked, %d verdicts to write; want none", p.fontsChecked, len(p.newVerdicts))
	}
	if p.Fonts[0].Family != "EB Garamond 12" && p.Fonts[0].Family != "EB Garamond" {
		t.Errorf("family %q", p.Fonts[0].Family)
	}
	// Their sums are known, for the print cache's stamp (which would
	// otherwise copy and hash each font again).
	for _, name := range []string{"EBGaramond12-Regular.ttf", "LiberationMono-Regular.ttf"} {
		data, _ := fonts.Files.ReadFile(name)
		if _, ok := p.FontSum(filepath.Join(root, "fonts", name), data); !ok {
			t.Errorf("%s: no sum kept", name)
		}
	}
}

// TestShippedFontSums checks the list of the shipped fonts' SHA-256
// against the fonts package: every font listed with its sum, nothing
// else.
func TestShippedFontSums(t *testing.T) {
	names, err := fs.Glob(fonts.Files, "*.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(shippedFontSums) {
		t.Errorf("%d shipped fonts, %d sums listed", len(names), len(shippedFontSums))
	}
	for _, name := range names {
		data, err := fonts.Files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got, want := shippedFontSums[name], hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: sum listed %q, the font's is %s (update shippedFontSums)", name, got, want)
		}
	}
}
