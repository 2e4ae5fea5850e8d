package manuscript

import (
	"bytes"
	"math/rand"
	"os"
	"testing"
)

// controlIndex is bytes.IndexFunc with replaceControls' definition of
// the characters it replaces: firstControl's reference.
func controlIndex(src []byte) int {
	return bytes.IndexFunc(src, replacedControl)
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
	files := sampleTextFiles(t)
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
