package epub

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// kindText is the text a sample node of a kind holds, found again in the
// chapter's XHTML.
func kindText(n any) string { return "kind-" + model.KindName(n) }

// sampleInline returns a filled-in inline of the same kind as k. A kind
// without a sample fails the test: add one when the model grows.
func sampleInline(t *testing.T, k model.Inline, note *model.Note) model.Inline {
	t.Helper()
	txt := func() []model.Inline { return []model.Inline{&model.Text{Value: kindText(k)}} }
	switch k.(type) {
	case *model.Text:
		return &model.Text{Value: kindText(k) + " & <text> "}
	case *model.Emphasis:
		return &model.Emphasis{Children: txt()}
	case *model.Strong:
		return &model.Strong{Children: txt()}
	case *model.Strikeout:
		return &model.Strikeout{Children: txt()}
	case *model.Code:
		return &model.Code{Text: kindText(k)}
	case *model.Superscript:
		return &model.Superscript{Children: txt()}
	case *model.Subscript:
		return &model.Subscript{Children: txt()}
	case *model.SmallCaps:
		return &model.SmallCaps{Children: txt()}
	case *model.LineBreak:
		return &model.LineBreak{}
	case *model.Span:
		return &model.Span{ID: "span-id", Lang: "de", Classes: []string{"smallcaps"}, Children: txt()}
	case *model.Element:
		return &model.Element{Tag: "abbr", Attrs: [][2]string{{"title", "a kind of element"}}, Children: txt()}
	case *model.Math:
		return &model.Math{TeX: `x^2 \text{kind-Math}`, Children: []model.Inline{
			&model.Emphasis{Children: []model.Inline{&model.Text{Value: "x"}}},
			&model.Superscript{Children: []model.Inline{&model.Text{Value: "2"}}},
			&model.Text{Value: " " + kindText(k)}}}
	case *model.Link:
		return &model.Link{URL: "#div-id", Children: txt()}
	case *model.NoteRef:
		return &model.NoteRef{Note: note}
	case *model.Citation:
		return &model.Citation{Items: []model.CitationItem{{Key: "k"}}, Rendered: txt()}
	case *model.RawInline:
		return &model.RawInline{Nodes: []*model.HTMLNode{{Tag: "span", Attrs: [][2]string{{"class", "raw"}}, Children: []*model.HTMLNode{{Text: kindText(k)}}}}}
	}
	t.Fatalf("no sample for the inline kind %s: add one to sampleInline", model.KindName(k))
	return nil
}

// sampleBlock returns a filled-in block of the same kind as k.
func sampleBlock(t *testing.T, k model.Block, inlines []model.Inline, fig *model.Figure) model.Block {
	t.Helper()
	txt := func(s string) []model.Inline { return []model.Inline{&model.Text{Value: s}} }
	para := func(s string) model.Block { return &model.Paragraph{Inlines: txt(s)} }
	name := kindText(k)
	switch k.(type) {
	case *model.Paragraph:
		return &model.Paragraph{Inlines: append(txt(name+" "), inlines...)}
	case *model.Heading:
		return &model.Heading{Level: 2, ID: "heading-id", Inlines: txt(name)}
	case *model.FigureBlock:
		fig.Caption = txt(name)
		return &model.FigureBlock{Figure: fig}
	case *model.List:
		return &model.List{Ordered: true, Start: 3, Style: model.LowerAlpha, Delim: model.TwoParens, Tight: true, Items: []*model.ListItem{
			{Task: model.TaskDone, Blocks: []model.Block{para(name + " done")}},
			{Task: model.TaskOpen, Blocks: []model.Block{para(name + " to do")}},
			{Blocks: []model.Block{para(name + " plain"), &model.List{Items: []*model.ListItem{{Blocks: []model.Block{para("nested")}}}}}},
		}}
	case *model.DefinitionList:
		return &model.DefinitionList{Items: []*model.DefinitionItem{
			{Term: txt(name), Definitions: [][]model.Block{{para("first definition")}, {para("second"), para("definition")}}},
			{Term: txt("term without definition")},
		}}
	case *model.LineBlock:
		return &model.LineBlock{Lines: [][]model.Inline{txt(name), txt("\u00a0\u00a0\u00a0\u00a0indented line"), nil, txt("after a blank line")}}
	case *model.BlockQuote:
		return &model.BlockQuote{Blocks: []model.Block{para(name)}}
	case *model.Div:
		return &model.Div{ID: "div-id", Classes: []string{"epigraph"}, Lang: "en", Attrs: [][2]string{{"data-kind", "div"}},
			Blocks: []model.Block{para(name), &model.Div{Tag: "aside", Classes: []string{"box"}, Blocks: []model.Block{para("inner aside")}}}}
	case *model.CodeBlock:
		return &model.CodeBlock{Language: "go", Text: name + " := 1\n"}
	case *model.ThematicBreak:
		return &model.ThematicBreak{}
	case *model.Table:
		return &model.Table{ID: "table-id", Caption: txt(name), Widths: []float64{0.3, 0.7}, Align: []string{"", "right"},
			Header: [][]model.Inline{txt("Column"), txt("Value")}, Rows: [][][]model.Inline{{txt("a"), txt("1")}, {txt("b"), txt("2")}}}
	case *model.HTMLBlock:
		return &model.HTMLBlock{Nodes: []*model.HTMLNode{{Tag: "div", Block: true, Attrs: [][2]string{{"class", "box"}},
			Children: []*model.HTMLNode{{Tag: "p", Children: []*model.HTMLNode{{Text: name}}}}}}}
	}
	t.Fatalf("no sample for the block kind %s: add one to sampleBlock", model.KindName(k))
	return nil
}

// kindNeedle is what shows a kind's sample in the XHTML.
func kindNeedle(k any) string {
	switch k.(type) {
	case *model.LineBreak:
		return "<br/>"
	case *model.ThematicBreak:
		return `<hr class="scene-break"/>`
	case *model.NoteRef:
		return `epub:type="noteref"`
	}
	return kindText(k)
}

// everyKindBook builds by hand a one-chapter book holding one sample of
// every block kind and every inline kind of the model, plus a table
// without a header row.
func everyKindBook(t *testing.T) *model.Book {
	t.Helper()
	img, err := filepath.Abs(filepath.Join("testdata", "small", "images", "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	fig := &model.Figure{ID: "fig-kinds", Number: 1, Chapter: "kinds", Image: "photo.jpg", ImagePath: img, Alt: "A test photograph."}
	note := &model.Note{ID: "note-kinds-1", RefID: "ref-note-kinds-1", Number: 1,
		Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "kind-NoteRef "},
			&model.Span{Classes: []string{"in-note"}, Children: []model.Inline{&model.Strikeout{Children: []model.Inline{&model.Text{Value: "struck in a note"}}}}}}}}}
	var inlines []model.Inline
	for _, k := range model.InlineKinds() {
		inlines = append(inlines, sampleInline(t, k, note), &model.Text{Value: " "})
	}
	var blocks []model.Block
	for _, k := range model.BlockKinds() {
		blocks = append(blocks, sampleBlock(t, k, inlines, fig))
	}
	blocks = append(blocks,
		&model.Table{Header: [][]model.Inline{nil, nil}, Rows: [][][]model.Inline{{{&model.Text{Value: "headless"}}, {&model.Text{Value: "table"}}}}},
		&model.Paragraph{Inlines: []model.Inline{&model.Math{Display: true, TeX: "E=mc^2", Children: []model.Inline{
			&model.Emphasis{Children: []model.Inline{&model.Text{Value: "E"}}}, &model.Text{Value: " = "},
			&model.Emphasis{Children: []model.Inline{&model.Text{Value: "mc"}}}, &model.Superscript{Children: []model.Inline{&model.Text{Value: "2"}}}}}}})
	ch := &model.Chapter{ID: "kinds", TitleID: "title-kinds", File: "kinds.md", Matter: model.BodyMatter,
		Title:  []model.Inline{&model.Text{Value: "Every kind "}, &model.Span{ID: "title-span", Children: []model.Inline{&model.Text{Value: "of node"}}}},
		Blocks: blocks, Notes: []*model.Note{note}}
	return &model.Book{Meta: model.Metadata{Title: "Every kind", Language: "en", UUID: "urn:uuid:6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"},
		Chapters: []*model.Chapter{ch}, Figures: []*model.Figure{fig}}
}

// TestEveryKind writes an EPUB holding every kind of the model, checks
// that each kind's text is in the chapter, and validates the EPUB with
// EPUBCheck and Ace (with page-break markers falling inside every kind).
func TestEveryKind(t *testing.T) {
	book := everyKindBook(t)
	pg := simulatedPagination(book, 40, 1)
	data, ds := writeEPUB(t, book, Options{Pagination: pg})
	if len(ds.List) > 0 {
		t.Errorf("diagnostics:\n%s", ds.String())
	}
	_, files := unzip(t, data)
	doc := string(files["EPUB/text/kinds.xhtml"])
	if doc == "" {
		t.Fatal("no chapter file EPUB/text/kinds.xhtml")
	}
	// The markers fall inside words: look for the texts without them.
	text := markerRE.ReplaceAllString(doc, "")
	for _, k := range model.InlineKinds() {
		if !strings.Contains(text, kindNeedle(k)) {
			t.Errorf("inline kind %s: %q missing from the chapter", model.KindName(k), kindNeedle(k))
		}
	}
	for _, k := range model.BlockKinds() {
		if !strings.Contains(text, kindNeedle(k)) {
			t.Errorf("block kind %s: %q missing from the chapter", model.KindName(k), kindNeedle(k))
		}
	}
	for _, want := range []string{`<del>`, `<sub>`, `<abbr title="a kind of element">`, `<span class="math inline">`, `<span class="math display">`,
		`<span id="span-id" lang="de" xml:lang="de" class="smallcaps">`, `<div id="div-id" class="epigraph" lang="en" xml:lang="en" data-kind="div">`,
		`<aside class="box">`, `<dl>`, `<div class="line-block">`, `<table id="table-id">`, `<caption>`, `<colgroup>`,
		`<ol start="3" type="a" class="parens lower-alpha">`, `aria-label="done">☑</span>`, `aria-label="to do">☐</span>`,
		`<a href="kinds.xhtml#div-id">`} {
		if !strings.Contains(text, want) {
			t.Errorf("%s missing from the chapter", want)
		}
	}
	if n := strings.Count(doc, "<thead>"); n != 1 {
		t.Errorf("%d <thead>, want 1 (the headless table has none)", n)
	}
	// Every id is written once in the chapter, and once in the whole book.
	seen := map[string]bool{}
	for name, f := range files {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(string(f), -1) {
			if seen[m[1]] {
				t.Errorf("id %q written twice (second time in %s)", m[1], name)
			}
			seen[m[1]] = true
		}
	}
	if got := strings.Count(doc, `epub:type="pagebreak"`); got != len(pg.Pages) {
		t.Errorf("%d page-break markers, want %d", got, len(pg.Pages))
	}
	if testing.Short() {
		return
	}
	p := filepath.Join(t.TempDir(), "kinds.epub")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("EPUBCheck", func(t *testing.T) { epubcheck(t, p) })
	t.Run("Ace", func(t *testing.T) { ace(t, p) })
}
