package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

func TestCropMarksGrowMediaBox(t *testing.T) {
	lay := sampleLayout(t, func(p *layout.Print) { p.CropMarks = true })
	data, _, _ := render(t, sampleBook(t), lay)
	ctx, err := api.ReadContext(bytes.NewReader(data), pdfmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	d, _, _, err := ctx.PageDict(1, false)
	if err != nil {
		t.Fatal(err)
	}
	media, bleed, trim := box(t, d, "MediaBox"), box(t, d, "BleedBox"), box(t, d, "TrimBox")
	m := lay.Bleed + lay.MarkSpace()
	if !near(media[2], lay.TrimWidth+2*m) || !near(trim[0], m) || !near(bleed[0], m-lay.Bleed) {
		t.Errorf("with marks: MediaBox %v BleedBox %v TrimBox %v", media, bleed, trim)
	}
	if media[2]-bleed[2] < 10 {
		t.Errorf("no room for the marks beyond the bleed: %v %v", media, bleed)
	}
}

func TestContentsFront(t *testing.T) {
	_, res, _ := render(t, sampleBook(t), sampleLayout(t, func(p *layout.Print) { p.Contents = "front" }))
	pages := rePage.FindAllStringSubmatch(res.Dump, -1)
	contents, body := -1, -1
	for i, p := range pages {
		if strings.HasPrefix(p[4], "contents opening") {
			contents = i
		}
		if body < 0 && strings.HasPrefix(p[4], "ch-") {
			body = i
		}
	}
	if contents < 0 || contents > body {
		t.Fatalf("contents at page %d, body at %d: want the contents first", contents+1, body+1)
	}
	if pages[contents][2] != "v" || pages[body][2] != "1" {
		t.Errorf("contents folio %q, first body folio %q: want v and 1", pages[contents][2], pages[body][2])
	}
}

func TestColorBookHasNoPDFXClaim(t *testing.T) {
	data, res, _ := render(t, sampleBook(t), sampleLayout(t, func(p *layout.Print) { p.Color, p.PDFX = "color", "none" }))
	if res.PDFX != "" || bytes.Contains(data, []byte("GTS_PDFX")) {
		t.Error("a color book claims PDF/X")
	}
}

func TestLowResolutionWarning(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "small.jpg")
	var buf bytes.Buffer
	if err := imaging.WritePlaceholder(&buf, imaging.PlaceholderSpec{Width: 600, Height: 400}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(img, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	book := sampleBook(t)
	fig := book.Figures[0]
	fig.ImagePath, fig.PixelWidth, fig.PixelHeight = img, 600, 400
	_, res, ds := render(t, book, sampleLayout(t, func(p *layout.Print) { p.Upscale = true }))
	found := false
	for _, d := range ds.List {
		if d.Code == "figure-low-resolution" && d.Pos == fig.Pos && d.Severity == model.Warning {
			found = true
		}
	}
	if !found {
		t.Errorf("no low-resolution warning at %s:\n%s", fig.Pos, ds.String())
	}
	if !strings.Contains(res.Preflight, "LOW RESOLUTION") {
		t.Errorf("preflight does not flag the figure:\n%s", res.Preflight)
	}
	// Without upscale the same image prints at 300 ppi, smaller.
	_, res, ds = render(t, book, sampleLayout(t, nil))
	for _, d := range ds.List {
		if d.Code == "figure-low-resolution" {
			t.Errorf("warning without upscale: %s", d)
		}
	}
	if !regexp.MustCompile(`600×400 px printed 50\.8×33\.9 mm = 300 ppi`).MatchString(res.Preflight) {
		t.Errorf("preflight:\n%s", res.Preflight)
	}
}

// TestPageStartOffsets checks the pagination contract on the long book: a
// page that starts inside a paragraph starts at that paragraph's visible
// text from Offset on.
func TestPageStartOffsets(t *testing.T) {
	if testing.Short() {
		t.Skip("long book skipped in -short mode")
	}
	book := longBook(t, 4)
	_, res, _ := render(t, book, sampleLayout(t, nil))
	chapters := map[string]*model.Chapter{}
	for _, ch := range book.Chapters {
		chapters[ch.ID] = ch
	}
	first := map[string]string{} // page label -> first line text
	for _, chunk := range strings.Split(res.Dump, "\npage ") {
		m := regexp.MustCompile(`^\d+ \[([^\]]*)\]`).FindStringSubmatch(strings.TrimPrefix(chunk, "page "))
		l := regexp.MustCompile(`(?m)^\s+[\d.]+ line @\d+ r=\S+(?: -)? (".*")$`).FindStringSubmatch(chunk)
		if m != nil && l != nil {
			s, err := strconv.Unquote(l[1])
			if err == nil {
				first[m[1]] = s
			}
		}
	}
	checked := 0
	for _, ps := range res.Pagination.Pages {
		if ps.Offset == 0 {
			continue
		}
		ch := chapters[ps.Chapter]
		p, ok := ch.Blocks[ps.Block].(*model.Paragraph)
		if !ok {
			t.Errorf("page %s: offset %d in a block that is not a paragraph", ps.Label, ps.Offset)
			continue
		}
		rest := []rune(model.PlainText(p.Inlines))[ps.Offset:]
		want := string(rest[:min(12, len(rest))])
		got, ok := first[ps.Label]
		if !ok {
			continue // a page of floated figures: the flow starts on the next page
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("page %s: first line %q does not start with the model text at offset %d, %q", ps.Label, got, ps.Offset, want)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d pages start inside a paragraph", checked)
	}
}
