package typo

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

func TestLocator(t *testing.T) {
	dir := t.TempDir()
	src := "\xef\xbb\xbf# Titre\n\nLa 3ème DI et la\n4ème DB, puis la 3ème encore.\n\nÉté 3ème.\n"
	if err := os.WriteFile(filepath.Join(dir, "ch.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	l := newLocator(dir)
	para := model.Position{File: "ch.md", Line: 3, Col: 1}
	for _, tc := range []struct {
		from    model.Position
		needles []string
		want    string
	}{
		{para, []string{"3ème"}, "ch.md:3:4"},
		{para, []string{"4ème"}, "ch.md:4:1"},   // searched after the previous find
		{para, []string{"3ème"}, "ch.md:4:18"},  // the second 3ème of the paragraph
		{para, []string{"absent"}, "ch.md:3:1"}, // not found: the paragraph
		{model.Position{File: "ch.md", Line: 6, Col: 1}, []string{"x", "3ème"}, "ch.md:6:5"},
		{model.Position{File: "missing.md", Line: 2, Col: 1}, []string{"3ème"}, "missing.md:2:1"},
		{model.Position{File: "ch.md", Line: 99, Col: 1}, []string{"3ème"}, "ch.md:99:1"},
		{model.Position{}, []string{"3ème"}, ""},
	} {
		if got := l.find(tc.from, tc.needles).String(); got != tc.want {
			t.Errorf("find(%v, %q) = %s, want %s", tc.from, tc.needles, got, tc.want)
		}
	}
}
