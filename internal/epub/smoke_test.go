package epub

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSmokeSample(t *testing.T) {
	root := repoRoot(t)
	book := readBook(t, filepath.Join(root, "book"))
	data, ds := writeEPUB(t, book, Options{LayoutDir: filepath.Join(root, "layout"), Fonts: testFonts(t), Pagination: simulatedPagination(book, 900, 7)})
	t.Log(ds.String())
	os.WriteFile("/tmp/sample.epub", data, 0o644)
}
