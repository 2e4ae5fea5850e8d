package epub

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// smallPagination is the print pagination of testdata/small, written by
// hand as the PDF stage would hand it on.
func smallPagination() *model.Pagination {
	return &model.Pagination{Pages: []model.PageStart{
		{Label: "v", Chapter: "avant-propos", Block: -1},
		{Label: "1", Chapter: "ch-01-premier", Block: -1},
		{Label: "2", Chapter: "ch-01-premier", Block: 0, Offset: 140},
		{Label: "3", Chapter: "ch-01-premier", Block: 2, Offset: 14},
		{Label: "4", Chapter: "ch-01-premier", Block: 5},
		{Label: "5", Chapter: "ch-01-premier", Block: 9, Offset: 4},
		{Label: "7", Chapter: "ch-02-second", Block: -1},
		{Label: "8", Chapter: "ch-02-second", Block: 1, Offset: 60},
		{Label: "9", Chapter: "ch-02-second", Block: 3},
		{Label: "11", Chapter: "annexe", Block: -1},
		{Label: "12", Chapter: "not-in-the-epub", Block: 0},
	}}
}

// TestGolden compares every entry of the small book's EPUB with
// testdata/small.golden: text entries in full, binary entries (images,
// fonts) by size and SHA-256 in binary.txt. Run with -update to rewrite.
func TestGolden(t *testing.T) {
	book := readBook(t, "testdata/small")
	data, ds := writeEPUB(t, book, Options{LayoutDir: filepath.Join(repoRoot(t), "layout"), Fonts: testFonts(t), Pagination: smallPagination()})
	names, files := unzip(t, data)
	golden := filepath.Join("testdata", "small.golden")
	var binary strings.Builder
	got := map[string][]byte{}
	for _, n := range names {
		if isText(n) {
			got[n] = files[n]
		} else {
			fmt.Fprintf(&binary, "%s %d %x\n", n, len(files[n]), sha256.Sum256(files[n]))
		}
	}
	got["binary.txt"] = []byte(binary.String())
	got["order.txt"] = []byte(strings.Join(names, "\n") + "\n")
	got["diagnostics.txt"] = []byte(ds.String())
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for n, d := range got {
			p := filepath.Join(golden, filepath.FromSlash(n))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, d, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	seen := map[string]bool{}
	err := filepath.Walk(golden, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, p)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, _ := os.ReadFile(p)
		if g, ok := got[rel]; !ok {
			t.Errorf("%s: in the golden files, not in the EPUB", rel)
		} else if string(g) != string(want) {
			t.Errorf("%s differs from the golden file (go test -run TestGolden -update to accept):\n%s", rel, firstDiff(string(want), string(g)))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read golden files: %v (go test -run TestGolden -update makes them)", err)
	}
	for n := range got {
		if !seen[n] {
			t.Errorf("%s: in the EPUB, not in the golden files", n)
		}
	}
}

func isText(name string) bool {
	for _, ext := range []string{".xhtml", ".opf", ".css", ".xml"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return name == "mimetype"
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return ""
}
