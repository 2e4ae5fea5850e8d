package manuscript

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// readBrackets reads a chapter of one paragraph, "[@" repeated n times on
// one line, and returns the book's text, its diagnostics and the bytes
// allocated while reading.
func readBrackets(t *testing.T, n int) (string, string, uint64) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(hostileYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "# T\n\nAvant " + strings.Repeat("[@", n) + " après *fin*.\n"
	if err := os.WriteFile(filepath.Join(dir, "ch.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	book, ds := Read(Options{BookDir: dir})
	runtime.ReadMemStats(&after)
	var text strings.Builder
	for _, ch := range book.Chapters {
		model.WalkInlines(ch, func(ins *[]model.Inline) { text.WriteString(model.PlainText(*ins)) })
	}
	return text.String(), ds.String(), after.TotalAlloc - before.TotalAlloc
}

// TestBracketsBounded reads 50 000 and 500 000 "[@" on one line: the
// memory grows linearly (at most 15 times for 10 times the brackets) and
// stays under 60 bytes per byte of input (goldmark's link states took 440
// per byte before the limit), every bracket is kept in the text, and one
// warning says where the limit was passed.
func TestBracketsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("500 000 brackets: skipped with -short")
	}
	small, smallDS, smallAlloc := readBrackets(t, 50000)
	big, bigDS, bigAlloc := readBrackets(t, 500000)
	t.Logf("allocated %.1f MB for 50 000 brackets, %.1f MB for 500 000 (×%.1f)",
		float64(smallAlloc)/1e6, float64(bigAlloc)/1e6, float64(bigAlloc)/float64(smallAlloc))
	if bigAlloc > 15*smallAlloc {
		t.Errorf("10 times the brackets allocate %.1f times the memory", float64(bigAlloc)/float64(smallAlloc))
	}
	if perByte := float64(bigAlloc) / 1e6; perByte > 60 { // about 1 MB of input
		t.Errorf("%.0f bytes allocated per byte of input", perByte)
	}
	for _, c := range []struct {
		n        int
		text, ds string
	}{{50000, small, smallDS}, {500000, big, bigDS}} {
		if got := strings.Count(c.text, "[@"); got != c.n {
			t.Errorf("%d brackets: %d kept in the text", c.n, got)
		}
		if !strings.Contains(c.text, "après fin.") {
			t.Errorf("%d brackets: the text after them is lost: %q", c.n, c.text[max(0, len(c.text)-40):])
		}
		want := "ch.md:3:4007: warning: more than 2000 brackets in one paragraph"
		if !strings.Contains(c.ds, want) || strings.Count(c.ds, "warning") != 1 {
			t.Errorf("%d brackets: want one warning %q, got:\n%.500s", c.n, want, c.ds)
		}
	}
}
