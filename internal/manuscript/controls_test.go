package manuscript

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// controlIndex is replaceControls' definition of the characters it
// replaces, as bytes.IndexFunc answers it: firstControl's reference.
func controlIndex(src []byte) int {
	return bytes.IndexFunc(src, func(c rune) bool {
		return c < 0x20 && c != '\t' && c != '\n' || c == 0x7F || c == 0xFFFE || c == 0xFFFF
	})
}

// TestFirstControlMatchesIndexFunc checks firstControl against
// bytes.IndexFunc on the sample book and the build's case files, on
// every byte and on random strings of controls, letters, U+FFFE, U+FFFF,
// their neighbours and bytes that are not UTF-8.
func TestFirstControlMatchesIndexFunc(t *testing.T) {
	check := func(src []byte) {
		t.Helper()
		if got, want := firstControl(src), controlIndex(src); got != want {
			t.Fatalf("firstControl(%q) = %d, bytes.IndexFunc gives %d", src, got, want)
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
		check(data)
		for _, line := range bytes.Split(data, []byte("\n")) {
			check(line)
		}
	}
	for c := 0; c < 256; c++ {
		check([]byte{byte(c)})
		check([]byte{'a', byte(c), 0xEF, 0xBF, 0xBE})
	}
	pieces := []string{"a", " ", "é", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\uFFFD", "\uFFFE", "\uFFFF", "\uFFFC",
		"\uEFBF", "\xef", "\xef\xbf", "\xbf\xbe", "\xbe", "\xff", "\U0001F600"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rng.Intn(10); n >= 0; n-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		check(b)
	}
}

func FuzzFirstControl(f *testing.F) {
	f.Add([]byte("l'été\x01 \xef\xbf\xbe\xff"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := firstControl(src), controlIndex(src); got != want {
			t.Fatalf("firstControl(%q) = %d, bytes.IndexFunc gives %d", src, got, want)
		}
	})
}
