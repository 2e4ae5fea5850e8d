package epub

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// regularFontBytes returns the bytes of the shipped EB Garamond regular.
func regularFontBytes(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../fonts/EBGaramond12-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestFontDataGivenIsUsed: the EPUB embeds the bytes the caller gives for
// a font (Font.Data, the layout's) and draws its cover with them, without
// reading the file again: here its path leads nowhere.
func TestFontDataGivenIsUsed(t *testing.T) {
	data := regularFontBytes(t)
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

// TestFontSumGivenIsUsed: the SHA-256 the caller gives with a font's
// bytes (Font.Sum, the layout's) names its deflate stream in the cache
// folder and the generated cover's file, without the font being hashed
// again; given the true sum, the EPUB is the one written without it. A
// sum given without the bytes is ignored.
func TestFontSumGivenIsUsed(t *testing.T) {
	data := regularFontBytes(t)
	book := everyKindBook(t)
	write := func(sum *[32]byte, withData bool) ([]byte, string) {
		t.Helper()
		f := Font{Family: "EB Garamond", Path: "../../fonts/EBGaramond12-Regular.ttf", Sum: sum}
		if withData {
			f.Data = data
		}
		cache := t.TempDir()
		out, ds := writeEPUB(t, book, Options{Fonts: []Font{f}, CacheDir: cache})
		if ds.HasErrors() {
			t.Fatal(ds.String())
		}
		return out, cache
	}
	plain, _ := write(nil, true)
	trueSum := sha256.Sum256(data)
	given, cache := write(&trueSum, true)
	if !bytes.Equal(plain, given) {
		t.Error("the EPUB written with the font's true sum given differs from the one written without it")
	}
	if _, err := os.Stat(filepath.Join(cache, streamName(trueSum))); err != nil {
		t.Errorf("the font's stream is not kept under its sum: %v", err)
	}
	// A sum that is not the font's shows that the given one is used: the
	// stream is kept under it (the caller's promise is broken here on
	// purpose).
	other := trueSum
	other[0] ^= 0xff
	_, cache = write(&other, true)
	if _, err := os.Stat(filepath.Join(cache, streamName(other))); err != nil {
		t.Errorf("the font's stream is not kept under the sum given: %v", err)
	}
	// Without the bytes, the sum given is not trusted.
	_, cache = write(&other, false)
	if _, err := os.Stat(filepath.Join(cache, streamName(trueSum))); err != nil {
		t.Errorf("with no bytes given, the font's stream is not kept under its own sum: %v", err)
	}
}
