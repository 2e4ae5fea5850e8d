package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/prepare"
)

// repoRoot walks up from the test's folder to the one holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// testFonts returns the project's EB Garamond fonts.
func testFonts(t testing.TB) []Font {
	root := repoRoot(t)
	return []Font{
		{Family: "EB Garamond", Path: filepath.Join(root, "fonts", "EBGaramond12-Regular.ttf")},
		{Family: "EB Garamond", Path: filepath.Join(root, "fonts", "EBGaramond12-Italic.ttf"), Italic: true},
		{Family: "EB Garamond", Path: filepath.Join(root, "fonts", "EBGaramond-Bold.ttf"), Bold: true},
	}
}

// readBook reads a book folder and fails on manuscript errors.
func readBook(t testing.TB, dir string) *model.Book {
	t.Helper()
	book, ds := manuscript.Read(manuscript.Options{BookDir: dir})
	if ds.HasErrors() {
		t.Fatalf("reading %s:\n%s", dir, ds.String())
	}
	// The pipeline's own preparation: citations, typography, ids.
	if err := prepare.Book(context.Background(), book, &ds); err != nil {
		t.Fatal(err)
	}
	if ds.HasErrors() {
		t.Fatalf("formatting citations of %s:\n%s", dir, ds.String())
	}
	return book
}

// simulatedPagination stands in for the print layout: it starts a new
// page every perPage characters of running text, and a new page (on the
// next odd folio, as a printed chapter opens on a right-hand page) at
// each chapter.
func simulatedPagination(book *model.Book, perPage, firstFolio int) *model.Pagination {
	pg := &model.Pagination{FigurePages: map[string]string{}, ChapterPages: map[string]string{}}
	folio := firstFolio
	newPage := func(ch string, block, offset int) {
		pg.Pages = append(pg.Pages, model.PageStart{Label: itoa(folio), Chapter: ch, Block: block, Offset: offset})
		folio++
	}
	for _, ch := range book.Chapters {
		if folio%2 == 0 {
			folio++
		}
		pg.ChapterPages[ch.ID] = itoa(folio)
		newPage(ch.ID, -1, 0)
		used := 200 // the chapter opening takes room
		for i, bl := range ch.Blocks {
			n := textLen(bl)
			if fb, ok := bl.(*model.FigureBlock); ok {
				n = 0
				used += perPage / 2
				if used > perPage {
					newPage(ch.ID, i, 0)
					used = perPage / 2
				}
				pg.FigurePages[fb.Figure.ID] = itoa(folio - 1)
				continue
			}
			off := 0
			for used+(n-off) > perPage {
				off += perPage - used
				if off >= n {
					break
				}
				newPage(ch.ID, i, off)
				used = 0
			}
			used += n - off
		}
	}
	return pg
}

// writeEPUB writes the book and returns the bytes.
func writeEPUB(t testing.TB, book *model.Book, opts Options) ([]byte, model.Diagnostics) {
	t.Helper()
	var ds model.Diagnostics
	var buf bytes.Buffer
	if opts.ModTime.IsZero() {
		opts.ModTime = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	}
	if err := Write(&buf, book, opts, &ds); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if ds.HasErrors() {
		t.Fatalf("Write reported errors:\n%s", ds.String())
	}
	return buf.Bytes(), ds
}

// unzip returns the container's entries by name, in zip order.
func unzip(t testing.TB, data []byte) (names []string, files map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("unzip: %v", err)
	}
	files = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		names = append(names, f.Name)
		files[f.Name] = b.Bytes()
	}
	return names, files
}
