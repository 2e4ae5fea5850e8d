package pdf

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/prepare"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var modTime = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// sampleBook reads the project's sample book as the pipeline does.
func sampleBook(t *testing.T) *model.Book {
	t.Helper()
	book, ds := manuscript.Read(manuscript.Options{BookDir: "../../book"})
	if ds.HasErrors() {
		t.Fatalf("sample book: %s", ds.String())
	}
	if err := prepare.Book(context.Background(), book, &ds); err != nil {
		t.Fatal(err)
	}
	return book
}

func sampleLayout(t *testing.T, edit func(p *layout.Print)) *layout.Print {
	t.Helper()
	var ds model.Diagnostics
	lay := layout.Load("../../layout", &ds)
	if ds.HasErrors() {
		t.Fatalf("layout: %s", ds.String())
	}
	if edit != nil {
		edit(lay)
	}
	return lay
}

func render(t *testing.T, book *model.Book, lay *layout.Print) ([]byte, *Result, model.Diagnostics) {
	t.Helper()
	var buf bytes.Buffer
	var ds model.Diagnostics
	var dump strings.Builder
	if book.Generated == nil {
		// A book built by hand in a test gets its generated pages as
		// the preparation pass would plan them.
		book.PlanGenerated()
	}
	res, err := Render(&buf, book, Options{Layout: lay, ModTime: modTime, Dump: &dump}, &ds)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	if dump.String() != res.Dump {
		t.Fatalf("Options.Dump received %d bytes, Result.Dump holds %d", dump.Len(), len(res.Dump))
	}
	return buf.Bytes(), res, ds
}

// box reads a page box as [llx lly urx ury].
func box(t *testing.T, d types.Dict, name string) [4]float64 {
	t.Helper()
	a := d.ArrayEntry(name)
	if len(a) != 4 {
		t.Fatalf("page has no %s", name)
	}
	var out [4]float64
	for i, v := range a {
		switch n := v.(type) {
		case types.Integer:
			out[i] = float64(n)
		case types.Float:
			out[i] = float64(n)
		default:
			t.Fatalf("%s entry %v is not a number", name, v)
		}
	}
	return out
}

func near(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }

// pageLines parses the layout dump's page lines: number, label, side, what.
var rePage = regexp.MustCompile(`(?m)^page (\d+) \[([^\]]*)\] (recto|verso) (.*)$`)

func TestSampleGeometryAndMakeUp(t *testing.T) {
	book := sampleBook(t)
	lay := sampleLayout(t, nil)
	data, res, _ := render(t, book, lay)

	ctx, err := api.ReadContext(bytes.NewReader(data), pdfmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	if ctx.PageCount != res.Pages || res.Pages%2 != 0 {
		t.Fatalf("pages: PDF %d, result %d; want the same, even", ctx.PageCount, res.Pages)
	}
	bleed := 3 * 72 / 25.4
	for p := 1; p <= ctx.PageCount; p++ {
		d, _, _, err := ctx.PageDict(p, false)
		if err != nil {
			t.Fatal(err)
		}
		media, trim, bl := box(t, d, "MediaBox"), box(t, d, "TrimBox"), box(t, d, "BleedBox")
		if !near(trim[2]-trim[0], lay.TrimWidth) || !near(trim[3]-trim[1], lay.TrimHeight) {
			t.Errorf("page %d: TrimBox %v is not %.2f×%.2f", p, trim, lay.TrimWidth, lay.TrimHeight)
		}
		for i, want := range []float64{trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed} {
			if !near(bl[i], want) || !near(media[i], want) {
				t.Errorf("page %d: BleedBox %v / MediaBox %v not 3 mm around the TrimBox %v", p, bl, media, trim)
				break
			}
		}
	}

	pages := rePage.FindAllStringSubmatch(res.Dump, -1)
	if len(pages) != res.Pages {
		t.Fatalf("dump lists %d pages, want %d", len(pages), res.Pages)
	}
	seenArabic := false
	for i, p := range pages {
		n, _ := strconv.Atoi(p[1])
		if n != i+1 {
			t.Fatalf("dump page %d out of order", n)
		}
		if strings.Contains(p[4], "opening") && p[3] != "recto" {
			t.Errorf("page %d (%s) opens a division on a verso", n, p[4])
		}
		if (n%2 == 1) != (p[3] == "recto") {
			t.Errorf("page %d is a %s", n, p[3])
		}
		_, err := strconv.Atoi(p[2])
		arabic := err == nil
		if arabic {
			seenArabic = true
		} else if seenArabic || !regexp.MustCompile(`^[ivxlcdm]+$`).MatchString(p[2]) {
			t.Errorf("page %d has folio %q: want roman before the body, arabic after", n, p[2])
		}
	}
	// Chapter openings: recto, arabic, and listed in the pagination.
	for _, ch := range book.Chapters {
		label, ok := res.Pagination.ChapterPages[ch.ID]
		if !ok {
			t.Errorf("chapter %s has no page", ch.ID)
			continue
		}
		n, err := strconv.Atoi(label)
		if err != nil || n%2 != 1 {
			t.Errorf("chapter %s opens on page %q: want an odd arabic folio", ch.ID, label)
		}
	}
	for _, f := range book.Figures {
		if _, ok := res.Pagination.FigurePages[f.ID]; !ok {
			t.Errorf("figure %s has no page", f.ID)
		}
	}
	// Blank pages draw nothing: no running head, no folio.
	for p := 1; p <= ctx.PageCount; p++ {
		if !strings.HasSuffix(pages[p-1][4], "blank") {
			continue
		}
		content, err := pdfcpuPageContent(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(content, []byte("Tj")) || bytes.Contains(content, []byte("TJ")) {
			t.Errorf("blank page %d has text", p)
		}
	}
}

func pdfcpuPageContent(ctx *pdfmodel.Context, p int) ([]byte, error) {
	d, _, _, err := ctx.PageDict(p, false)
	if err != nil {
		return nil, err
	}
	return ctx.PageContent(d, p)
}

func TestPaginationOffsets(t *testing.T) {
	book := sampleBook(t)
	_, res, _ := render(t, book, sampleLayout(t, nil))
	last := map[string][2]int{}
	for _, ps := range res.Pagination.Pages {
		prev, ok := last[ps.Chapter]
		if !ok && ps.Block != -1 {
			t.Errorf("chapter %s: first page starts at block %d, want -1 (the title)", ps.Chapter, ps.Block)
		}
		if ok && (ps.Block < prev[0] || ps.Block == prev[0] && ps.Offset < prev[1]) {
			t.Errorf("chapter %s: page %s starts at %d/%d, before the previous page's %d/%d", ps.Chapter, ps.Label, ps.Block, ps.Offset, prev[0], prev[1])
		}
		last[ps.Chapter] = [2]int{ps.Block, ps.Offset}
	}
	if len(res.Pagination.Pages) == 0 {
		t.Fatal("no pagination")
	}
}

func TestDeterministic(t *testing.T) {
	book := sampleBook(t)
	lay := sampleLayout(t, nil)
	a, _, _ := render(t, book, lay)
	for i := 0; i < 2; i++ {
		b, _, _ := render(t, sampleBook(t), sampleLayout(t, nil))
		if !bytes.Equal(a, b) {
			t.Fatalf("render %d differs from the first (%d and %d bytes)", i+2, len(a), len(b))
		}
	}
}

func TestPDFCPUValidateStrict(t *testing.T) {
	for _, pdfx := range []string{"x-1a", "none"} {
		t.Run(pdfx, func(t *testing.T) {
			data, _, _ := render(t, sampleBook(t), sampleLayout(t, func(p *layout.Print) { p.PDFX = pdfx }))
			conf := pdfmodel.NewDefaultConfiguration()
			conf.ValidationMode = pdfmodel.ValidationStrict
			if err := api.Validate(bytes.NewReader(data), conf); err != nil {
				t.Fatalf("pdfcpu strict validation: %v", err)
			}
		})
	}
}

func TestPDFXClaimAndLinks(t *testing.T) {
	book := sampleBook(t)
	x, _, _ := render(t, book, sampleLayout(t, nil))
	for _, want := range []string{"/GTS_PDFXVersion (PDF/X-1a:2003)", "/Trapped /False", "/S /GTS_PDFX /OutputConditionIdentifier (FOGRA39) /RegistryName (http://www.color.org)", "/ID [<", "<pdfxid:GTS_PDFXVersion>PDF/X-1a:2003<"} {
		if !bytes.Contains(x, []byte(want)) {
			t.Errorf("PDF/X file lacks %q", want)
		}
	}
	for _, bad := range []string{"/Annots", "/Transparency", "DeviceRGB", "/DestOutputProfile"} {
		if bytes.Contains(x, []byte(bad)) {
			t.Errorf("PDF/X-1a file contains %q", bad)
		}
	}
	plain, _, _ := render(t, sampleBook(t), sampleLayout(t, func(p *layout.Print) { p.PDFX = "none" }))
	if bytes.Contains(plain, []byte("GTS_PDFX")) {
		t.Error("pdf-x: none still claims PDF/X")
	}
	if !bytes.Contains(plain, []byte("/Subtype /Link")) {
		t.Error("pdf-x: none has no links from the contents")
	}
}

// TestGoldenDump compares the page builder's dump of the sample book with
// testdata/sample.dump (go test -update rewrites it).
func TestGoldenDump(t *testing.T) {
	_, res, _ := render(t, sampleBook(t), sampleLayout(t, nil))
	golden := filepath.Join("testdata", "sample.dump")
	if *update {
		if err := os.WriteFile(golden, []byte(res.Dump), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != res.Dump {
		t.Errorf("layout dump differs from %s (go test -update rewrites it):\n%s", golden, firstDiff(string(want), res.Dump))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return ""
}

// needTool skips loudly when an outside tool is missing, and fails on CI.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing on CI (install poppler-utils)", name)
		}
		t.Skipf("NOT RUN: %s missing (install poppler-utils)", name)
	}
	return p
}

func writeSample(t *testing.T) string {
	t.Helper()
	data, _, _ := render(t, sampleBook(t), sampleLayout(t, nil))
	p := filepath.Join(t.TempDir(), "sample.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPopplerFontsEmbedded(t *testing.T) {
	tool := needTool(t, "pdffonts")
	out, err := exec.Command(tool, writeSample(t)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
			t.Errorf("font not embedded as a tagged subset: %s", l)
		}
	}
}

func TestPopplerBoxes(t *testing.T) {
	tool := needTool(t, "pdfinfo")
	lay := sampleLayout(t, nil)
	out, err := exec.Command(tool, "-box", "-f", "1", "-l", "999", writeSample(t)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	trims := regexp.MustCompile(`(?m)^Page\s+\d+ TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)`).FindAllStringSubmatch(string(out), -1)
	if len(trims) == 0 || len(trims)%2 != 0 {
		t.Fatalf("pdfinfo found %d TrimBoxes:\n%s", len(trims), out)
	}
	for _, m := range trims {
		x0, _ := strconv.ParseFloat(m[1], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		if d := x1 - x0 - lay.TrimWidth; d > 0.02 || d < -0.02 {
			t.Errorf("TrimBox width %.2f, want %.2f", x1-x0, lay.TrimWidth)
		}
	}
	if !strings.Contains(string(out), "PDF/X-1a:2003") {
		t.Errorf("pdfinfo does not see the PDF/X-1a:2003 claim:\n%s", out)
	}
}

// TestMissingGlyphWarned checks that a character the typeface cannot draw
// is reported at its place instead of vanishing from the print edition.
func TestMissingGlyphWarned(t *testing.T) {
	at := model.Position{File: "ch.md", Line: 3, Col: 1}
	ch := &model.Chapter{ID: "c", TitleID: "title-c", File: "ch.md", Title: []model.Inline{&model.Text{Value: "Titre"}},
		Blocks: []model.Block{&model.Paragraph{BlockBase: model.BlockBase{Pos: at},
			Inlines: []model.Inline{&model.Text{Value: "Le signe ആ et ആ encore.", Pos: at}}}}}
	book := &model.Book{Meta: model.Metadata{Title: "T", Language: "fr"}, Chapters: []*model.Chapter{ch}}
	_, _, ds := render(t, book, sampleLayout(t, nil))
	var got []string
	for _, d := range ds.List {
		if d.Code == "missing-glyph" {
			got = append(got, d.String())
		}
	}
	want := `ch.md:3:10: warning: the typeface EB Garamond has no glyph for "ആ" (U+0D06): the print edition leaves a blank here (and in 1 other place); the EPUB keeps the character (use a typeface that has it in layout/print.yaml)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("missing-glyph warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
