package epub

import (
	"bytes"
	"encoding/xml"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// xmlEscaped is what encoding/xml writes for s, the reference of xw.esc.
func xmlEscaped(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// TestEscMatchesEncodingXML checks that xw.esc writes the bytes
// xml.EscapeText writes: on the book's chapters and the build's case
// files (real text, whole files and line by line), on every ASCII byte
// and on random strings of markup characters, controls, letters, runes
// outside XML's characters and bytes that are not UTF-8.
func TestEscMatchesEncodingXML(t *testing.T) {
	check := func(s string) {
		t.Helper()
		var w xw
		w.esc(s)
		if got, want := w.String(), xmlEscaped(s); got != want {
			t.Fatalf("esc(%q) = %q, xml.EscapeText gives %q", s, got, want)
		}
	}
	var files []string
	for _, pattern := range []string{"../../book/*.md", "../build/testdata/cases/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d text files, expected the sample book's chapters and the case files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(string(data))
		for _, line := range bytes.Split(data, []byte("\n")) {
			check(string(line))
		}
	}
	for c := 0; c < 256; c++ {
		check(string([]byte{byte(c)}))
		check("a" + string([]byte{byte(c)}) + "é")
	}
	pieces := []string{"a", "Z", " ", "é", "«", "\u202f", "\"", "'", "&", "<", ">", "\t", "\n", "\r", "\x00", "\x1f", "\x7f",
		"\uFFFD", "\uFFFE", "\uFFFF", "\U0001F600", "\U0010FFFF", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "&amp;"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rng.Intn(12); n >= 0; n-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		check(string(b))
	}
}

func FuzzEsc(f *testing.F) {
	f.Add("l'«\u00a0été\u00a0» & <b>\t\r\n\x01\xff")
	f.Fuzz(func(t *testing.T, s string) {
		var w xw
		w.esc(s)
		if got, want := w.String(), xmlEscaped(s); got != want {
			t.Fatalf("esc(%q) = %q, xml.EscapeText gives %q", s, got, want)
		}
	})
}
