package pdf

import (
	"bytes"
	"context"
	"image"
	imagepng "image/png"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/prepare"
)

// readBook reads and prepares the book in dir as the pipeline does.
func readBook(t *testing.T, dir string) *model.Book {
	t.Helper()
	book, ds := manuscript.Read(manuscript.Options{BookDir: dir})
	if ds.HasErrors() {
		t.Fatalf("%s: %s", dir, ds.String())
	}
	if err := prepare.Book(context.Background(), book, &ds); err != nil {
		t.Fatal(err)
	}
	return book
}

// TestRecordedPagesDrawTheSame renders books that hold every kind of
// node, code, tables, figures, notes, links and cross-references with
// their pages drawn ahead (record.go) and drawn in turn, under layouts
// that change what is drawn: the two PDFs must be the same bytes, and
// the first must really have replayed recordings.
func TestRecordedPagesDrawTheSame(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	// everykind's figure is made here, as its own test does.
	everykind := t.TempDir()
	if err := os.CopyFS(everykind, os.DirFS("../build/testdata/everykind/book")); err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, 1200, 800))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var png bytes.Buffer
	if err := imagepng.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(everykind, "figure.png"), png.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The same book with an image cut short after its header: the
	// manuscript reads its size, the layout cannot load it and draws the
	// figure as a frame.
	broken := t.TempDir()
	if err := os.CopyFS(broken, os.DirFS(everykind)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "figure.png"), png.Bytes()[:64], 0o644); err != nil {
		t.Fatal(err)
	}
	books := map[string]string{
		"sample":        "../../book",
		"everykind":     everykind,
		"broken figure": broken,
		"codebook":      "../build/testdata/codebook",
	}
	layouts := map[string]func(p *layout.Print){
		"default": nil,
		"links and crop marks": func(p *layout.Print) {
			p.PDFX, p.CropMarks = "none", true
		},
		"page references": func(p *layout.Print) { p.RefPages = true },
		"heads and folios": func(p *layout.Print) {
			p.RectoHead, p.VersoHead, p.Folio = "section", "author", "top-outside"
		},
	}
	render := func(t *testing.T, book *model.Book, lay *layout.Print, ahead, wait bool) ([]byte, *Result) {
		t.Helper()
		defer func(a, w bool) { drawAhead, waitForRecorder = a, w }(drawAhead, waitForRecorder)
		drawAhead, waitForRecorder = ahead, wait
		var buf bytes.Buffer
		var ds model.Diagnostics
		res, err := Render(&buf, book, Options{Layout: lay, ModTime: modTime}, &ds)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		return buf.Bytes(), res
	}
	for bookName, dir := range books {
		for layName, edit := range layouts {
			t.Run(bookName+"/"+layName, func(t *testing.T) {
				lay := sampleLayout(t, edit)
				// Every chapter page drawn ahead; as many as the
				// recorder draws before Write catches up with it (the
				// others drawn in turn); none.
				ahead, res := render(t, readBook(t, dir), lay, true, true)
				mixed, some := render(t, readBook(t, dir), lay, true, false)
				inTurn, plain := render(t, readBook(t, dir), lay, false, false)
				if res.DrawnAhead == 0 {
					t.Fatalf("no page was drawn ahead (%d pages)", res.Pages)
				}
				if plain.DrawnAhead != 0 {
					t.Fatalf("%d pages drawn ahead with the recorder off", plain.DrawnAhead)
				}
				if !bytes.Equal(ahead, inTurn) {
					t.Fatalf("the PDF drawn ahead (%d bytes, %d pages replayed) differs from the one drawn in turn (%d bytes)", len(ahead), res.DrawnAhead, len(inTurn))
				}
				if !bytes.Equal(mixed, inTurn) {
					t.Fatalf("the PDF partly drawn ahead (%d bytes, %d pages replayed) differs from the one drawn in turn (%d bytes)", len(mixed), some.DrawnAhead, len(inTurn))
				}
			})
		}
	}
}

// TestContentChunksCheckPlaceholders checks that the text placeholders
// of pages drawn ahead are put back as fpdf would have written the text,
// and that a placeholder naming no chunk, one inside a line or a chunk
// left out or put back twice is an error.
func TestContentChunksCheckPlaceholders(t *testing.T) {
	stream := func(data string) *pdfObject {
		return &pdfObject{num: 7, body: []byte("<</Length " + strconv.Itoa(len(data)) + ">>\nstream\n" + data + "\nendstream\n")}
	}
	newChunks := func() (*contentChunks, string) {
		c := &contentChunks{}
		a := string(c.placeholder([]byte("BT 1 2 Td (a) Tj ET")))
		b := string(c.placeholder([]byte("BT 3 4 Td (b) Tj ET")))
		c.placed = make([]atomic.Int32, len(c.list))
		return c, "q\n" + a + "\n0.4 w\n" + b + "\nQ"
	}
	c, data := newChunks()
	var whole bytes.Buffer
	got, err := c.expand(stream(data), &whole)
	if err != nil {
		t.Fatal(err)
	}
	want := stream("q\nBT 1 2 Td (a) Tj ET\n0.4 w\nBT 3 4 Td (b) Tj ET\nQ").body
	if !bytes.Equal(got, want) {
		t.Fatalf("expanded to %q, want %q", got, want)
	}
	if err := c.allPlaced(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.expand(stream(data), &whole); err != nil {
		t.Fatal(err)
	}
	if err := c.allPlaced(); err == nil {
		t.Error("chunks put back twice are not an error")
	}
	c, _ = newChunks()
	if err := c.allPlaced(); err == nil {
		t.Error("chunks left out are not an error")
	}
	for _, bad := range []string{"q\n" + chunkMark + "9\nQ", "q " + chunkMark + "0\nQ", "q\n" + chunkMark + "1x\nQ"} {
		c, _ := newChunks()
		if _, err := c.expand(stream(bad), &whole); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	// A placeholder in a stream that is not a page's content as fpdf
	// writes it (a form, a font's data) is not put back.
	c, data = newChunks()
	form := &pdfObject{num: 8, body: []byte("<</Type /XObject /Subtype /Form /Length " + strconv.Itoa(len(data)) + ">>\nstream\n" + data + "\nendstream\n")}
	if _, err := c.expand(form, &whole); err == nil {
		t.Error("placeholders in a form XObject are put back")
	}
}

// TestFontsAheadMustBeDrawn checks that a font the recorder added to the
// document ahead and that no page drawn set is an error (fpdf would
// embed it all the same, in a PDF that drawing in turn does not make).
func TestFontsAheadMustBeDrawn(t *testing.T) {
	b := &builder{fontsAhead: []string{"", "I"}}
	if err := b.checkFontsAhead(&drawer{drawnStyles: map[string]bool{"": true, "I": true, "B": true}}); err != nil {
		t.Errorf("fonts added ahead and drawn: %v", err)
	}
	if err := b.checkFontsAhead(&drawer{drawnStyles: map[string]bool{"": true}}); err == nil {
		t.Error("a font added ahead and not drawn is not an error")
	}
}

// TestPreflightReportsPrintedSize checks that the preflight report gives
// the size a figure is printed at, whether or not a dump keeps the pages
// after they are drawn: the sample book's plan is printed smaller on its
// page, and the report said its full size when the pages had been
// dropped.
func TestPreflightReportsPrintedSize(t *testing.T) {
	lay := sampleLayout(t, nil)
	report := func(dump bool) string {
		var buf bytes.Buffer
		var ds model.Diagnostics
		opts := Options{Layout: lay, ModTime: modTime}
		var sb strings.Builder
		if dump {
			opts.Dump = &sb
		}
		res, err := Render(&buf, readBook(t, "../../book"), opts, &ds)
		if err != nil {
			t.Fatal(err)
		}
		return res.Preflight
	}
	withDump, without := report(true), report(false)
	if withDump != without {
		t.Errorf("the preflight differs without a dump:\n%s", firstDiff(withDump, without))
	}
	if !strings.Contains(without, "fig-plan") || !strings.Contains(without, "90.3×60.2 mm") {
		t.Errorf("the plan is not reported at the size it is printed (90.3×60.2 mm):\n%s", without)
	}
}

// TestMakeupReportWithPagesDrawnAhead checks that the make-up report
// (Laid.Makeup) counts the widows and orphans of pages drawn ahead: the
// recorder drops the items' paragraphs once it has drawn a section, and
// the report, which read them, found no widow or orphan on those pages.
// The sample book on a short page has both (the page builder cannot
// avoid them all).
func TestMakeupReportWithPagesDrawnAhead(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	lay := sampleLayout(t, func(p *layout.Print) { p.TrimHeight = 300 })
	report := func(ahead bool) MakeupReport {
		defer func(a, w bool) { drawAhead, waitForRecorder = a, w }(drawAhead, waitForRecorder)
		drawAhead, waitForRecorder = ahead, true
		var ds model.Diagnostics
		l, err := Layout(context.Background(), readBook(t, "../../book"), Options{Layout: lay, ModTime: modTime}, &ds)
		if err != nil {
			t.Fatal(err)
		}
		// A report made while the recorder draws (go test -race) …
		early := l.Makeup()
		// … and once every section handed to it is drawn.
		drawn := 0
		for _, s := range l.mk.sections {
			if s.record != nil && s.recorded() != nil {
				drawn++
			}
		}
		if ahead && drawn == 0 {
			t.Fatal("no section was drawn ahead")
		}
		late := l.Makeup()
		if early.String() != late.String() {
			t.Errorf("the make-up report changed as the recorder drew the pages:\n%s\nthen:\n%s", early, late)
		}
		return late
	}
	inTurn, ahead := report(false), report(true)
	if inTurn.Widows+inTurn.Orphans == 0 {
		t.Fatalf("the sample book on a short page has no widow or orphan to count any more: %s", inTurn)
	}
	if inTurn.String() != ahead.String() {
		t.Errorf("the make-up report differs with the pages drawn ahead:\n%s\ndrawn in turn:\n%s", ahead, inTurn)
	}
}
