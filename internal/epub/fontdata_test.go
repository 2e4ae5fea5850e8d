package epub

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestFontDataGivenIsUsed: the EPUB embeds the bytes the caller gives for
// a font (Font.Data, the layout's) and draws its cover with them, without
// reading the file again: here its path leads nowhere.
func TestFontDataGivenIsUsed(t *testing.T) {
	data, err := os.ReadFile("../../fonts/EBGaramond12-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	fonts := []Font{{Family: "EB Garamond", Path: "/nowhere/EBGaramond12-Regular.ttf", Data: data}}
	out, ds := writeEPUB(t, everyKindBook(t), Options{Fonts: fonts, CacheDir: t.TempDir()})
	if ds.HasErrors() {
		t.Fatalf("the EPUB with the font's bytes given: %s", ds.String())
	}
	_, files := unzip(t, out)
	found := false
	for name, got := range files {
		found = found || strings.HasSuffix(name, ".ttf") && bytes.Equal(got, data)
	}
	if !found {
		t.Error("the EPUB does not embed the font's bytes given")
	}
	fonts[0].Data = nil
	if _, err := fonts[0].read(); err == nil {
		t.Error("a font without its bytes and without a file was read")
	}
}
