package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestLigaturesDrawnAndRead: prose is drawn with the font's fi, ff, fl,
// ffi, ffl (their codes U+FB00–FB04 appear in the page content), and
// pdftotext reads the letters back, not the ligature characters. Code is
// never ligated.
func TestLigaturesDrawnAndRead(t *testing.T) {
	para := &model.Paragraph{Inlines: []model.Inline{
		&model.Text{Value: "Les officiers affluèrent, effroyables et différents, au fond du golfe : une fleur, un souffle, "},
		&model.Code{Text: "fifo_offline"},
		&model.Text{Value: " enfin."},
	}}
	data, _ := renderKinds(t, kindsBook(t, para))
	codes := map[rune]int{}
	for _, s := range pageStreams(t, data) {
		for r := rune(0xFB00); r <= 0xFB04; r++ {
			codes[r] += bytes.Count(s, []byte{0xFB, byte(r & 0xFF)})
		}
	}
	for r, name := range map[rune]string{0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl"} {
		if codes[r] == 0 {
			t.Errorf("the ligature %s (U+%04X) is never drawn", name, r)
		}
	}
	text := pdfText(t, data)
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range []string{"officiers", "affluèrent", "effroyables", "différents", "fond", "golfe", "fleur", "souffle", "fifo_offline", "enfin."} {
		if !strings.Contains(flat, w) {
			t.Errorf("pdftotext does not read %q back:\n%s", w, flat)
		}
	}
	if strings.ContainsAny(text, "\uFB00\uFB01\uFB02\uFB03\uFB04") {
		t.Errorf("pdftotext reads ligature characters, not letters:\n%s", text)
	}
}

// pageStreams returns the decompressed streams of a PDF (content streams
// among them).
func pageStreams(t *testing.T, data []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, m := range regexp.MustCompile(`(?s)/FlateDecode[^>]*>>\s*stream\r?\n(.*?)endstream`).FindAllSubmatch(data, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, err := io.ReadAll(r)
		if err != nil && len(b) == 0 {
			continue
		}
		if bytes.Contains(b, []byte(" Tj")) || bytes.Contains(b, []byte("TJ")) {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		t.Fatal("no content stream with text found")
	}
	return out
}

// TestOrdinalSuperiorLetters: the letters of an ordinal (1er) are drawn
// with the font's superior letters (ᵉ ʳ, codes U+1D49 U+02B3 in the
// content) and read back as "1er".
func TestOrdinalSuperiorLetters(t *testing.T) {
	para := &model.Paragraph{Inlines: []model.Inline{
		&model.Text{Value: "Le 1"}, &model.Superscript{Children: []model.Inline{&model.Text{Value: "er"}}},
		&model.Text{Value: " septembre et le XIX"}, &model.Superscript{Children: []model.Inline{&model.Text{Value: "e"}}},
		&model.Text{Value: " siècle."},
	}}
	data, _ := renderKinds(t, kindsBook(t, para))
	n := 0
	for _, s := range pageStreams(t, data) {
		n += bytes.Count(s, []byte{0x1D, 0x49}) + bytes.Count(s, []byte{0x02, 0xB3})
	}
	if n < 3 {
		t.Errorf("the superior letters ᵉ ʳ are drawn %d times, want 3", n)
	}
	flat := strings.Join(strings.Fields(pdfText(t, data)), " ")
	if !strings.Contains(flat, "Le 1er septembre et le XIXe siècle.") {
		t.Errorf("pdftotext does not read the ordinals as letters:\n%s", flat)
	}
}
