package build

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// layoutWith copies the project's fonts and layout into dir (as
// dir/fonts and dir/layout) and sets the top-level keys of the copy's
// print.yaml to the values given.
func layoutWith(t *testing.T, dir string, keys map[string]string) {
	t.Helper()
	copyDir(t, "../../fonts", filepath.Join(dir, "fonts"))
	copyDir(t, "../../layout", filepath.Join(dir, "layout"))
	yaml := filepath.Join(dir, "layout", "print.yaml")
	data, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for k, v := range keys {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(k) + `: .*$`)
		if !re.MatchString(s) {
			t.Fatalf("print.yaml has no top-level key %q", k)
		}
		s = re.ReplaceAllString(s, k+": "+v)
	}
	if err := os.WriteFile(yaml, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies the files of a folder (not its subfolders).
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writePNG writes a grey image of w×h pixels.
func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 160
	}
	img.Set(0, 0, color.Gray{Y: 0})
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// kindWord matches the marker words of testdata/everykind: each node kind
// of the model holds a word starting with "kind" (kindemphasis …).
var kindWord = regexp.MustCompile(`[Kk]ind[a-z]+`)

// TestEveryKindInBothOutputs builds testdata/everykind, a book holding
// every construct of the manuscript format. The model read from it must
// hold every block and inline kind the model has (model.BlockKinds,
// model.InlineKinds), and the marker words inside each kind's node must
// be in the EPUB's text and in the PDF's text: a kind that a renderer
// leaves out fails here, and a kind added to the model without a
// construct in this book fails too.
func TestEveryKindInBothOutputs(t *testing.T) {
	requireTool(t, "pdftotext")
	dir := t.TempDir()
	bookDir := filepath.Join(dir, "book")
	copyDir(t, filepath.Join("testdata", "everykind", "book"), bookDir)
	writePNG(t, filepath.Join(bookDir, "figure.png"), 1200, 800)
	res, err := Run(Options{BookDir: bookDir, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	for _, d := range res.Diagnostics.List {
		if d.Severity >= model.Warning {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	// The words each kind holds, from the model.
	words := map[string][]string{}
	model.WalkBook(res.Book, func(n model.Node, entering bool) model.WalkStatus {
		if !entering {
			return model.WalkContinue
		}
		name := model.KindName(n)
		var text string
		switch v := n.(type) {
		case model.Inline:
			text = model.PlainText([]model.Inline{v})
			if c, ok := v.(*model.Code); ok {
				text = c.Text
			}
			if nr, ok := v.(*model.NoteRef); ok {
				text = model.PlainText(nr.Note.Blocks[0].(*model.Paragraph).Inlines)
			}
		case *model.CodeBlock:
			text = v.Text
		case *model.HTMLBlock:
			text = model.HTMLText(v.Nodes)
		case *model.FigureBlock:
			text = model.PlainText(v.Figure.Caption)
		case model.Block:
			var b strings.Builder
			model.Walk(v, func(c model.Node, entering bool) model.WalkStatus {
				if t, ok := c.(*model.Text); ok && entering {
					b.WriteString(t.Value + " ")
				}
				return model.WalkContinue
			})
			text = b.String()
		default:
			return model.WalkContinue
		}
		words[name] = append(words[name], kindWord.FindAllString(text, -1)...)
		return model.WalkContinue
	})
	epubDocs := allEPUBText(t, outputOf(t, res, ".epub"))
	epubText := strings.Join(normalizeWords(strings.Fields(epubDocs)), " ")
	printed := pdfText(t, res)
	var kinds []string
	for _, b := range model.BlockKinds() {
		kinds = append(kinds, model.KindName(b))
	}
	for _, in := range model.InlineKinds() {
		kinds = append(kinds, model.KindName(in))
	}
	for _, k := range kinds {
		ws, ok := words[k]
		switch {
		case !ok:
			t.Errorf("%s: testdata/everykind holds no such node: add a construct that makes one", k)
			continue
		case len(ws) == 0 && k != "ThematicBreak" && k != "LineBreak":
			t.Errorf("%s: the node holds no marker word (kind…)", k)
		}
		for _, w := range ws {
			if !strings.Contains(epubText, w) {
				t.Errorf("%s: %q is not in the EPUB", k, w)
			}
			// Small capitals are drawn as reduced capitals until the
			// typeface's own small capitals are used: their text in the
			// PDF is in capitals.
			if !strings.Contains(printed, w) && !strings.Contains(printed, strings.ToUpper(w)) {
				t.Errorf("%s: %q is not in the PDF", k, w)
			}
		}
	}
}

// allEPUBText returns the text of every XHTML document of an EPUB, and
// checks the marks that have no words: the hard line break.
func allEPUBText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, "kinds.xhtml") && !regexp.MustCompile(`here<br/>\s*kindlinebreak`).Match(body) {
			t.Errorf("LineBreak: no <br/> before kindlinebreak in %s", f.Name)
		}
		b.WriteString(htmlText(t, bytes.NewReader(body)))
		b.WriteByte(' ')
	}
	return b.String()
}
