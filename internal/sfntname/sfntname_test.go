package sfntname

import (
	"os"
	"testing"

	"golang.org/x/image/font/sfnt"
)

func TestRead(t *testing.T) {
	data, err := os.ReadFile("../../fonts/EBGaramond12-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if got := Read(data, sfnt.NameIDTypographicFamily, sfnt.NameIDFamily); got != "EB Garamond 12" && got != "EB Garamond" {
		t.Errorf("family name %q", got)
	}
	if got := Read(data, sfnt.NameIDPostScript); got == "" {
		t.Error("no PostScript name")
	}
	for _, bad := range [][]byte{nil, []byte("OTTO"), data[:200]} {
		if got := Read(bad, sfnt.NameIDFamily); got != "" {
			t.Errorf("damaged font gives %q", got)
		}
	}
}
