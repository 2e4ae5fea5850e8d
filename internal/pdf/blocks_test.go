package pdf

import (
	"os"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

func txt(s string) []model.Inline { return []model.Inline{&model.Text{Value: s}} }

// TestEveryBlockKind sets a chapter holding every kind of block and
// inline, and an empty book, without failing.
func TestEveryBlockKind(t *testing.T) {
	sample := sampleBook(t)
	note := &model.Note{ID: "n-x-1", Number: 1, Blocks: []model.Block{&model.Paragraph{Inlines: txt("Une note.")}}}
	ch := &model.Chapter{ID: "x", Title: txt("Tout"), Notes: []*model.Note{note}, Blocks: []model.Block{
		&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "Du texte "}, &model.Emphasis{Children: txt("en italique")},
			&model.Text{Value: ", "}, &model.Strong{Children: txt("gras")}, &model.Text{Value: ", le 1"},
			&model.Superscript{Children: txt("er")}, &model.Text{Value: " "}, &model.SmallCaps{Children: txt("xx")},
			&model.Text{Value: "e siècle"}, &model.LineBreak{}, &model.Code{Text: "code"},
			&model.Link{URL: "https://example.org", Children: txt(" un lien")},
			&model.Link{Internal: "h-1", Chapter: "x", Children: txt(" un renvoi")},
			&model.NoteRef{Note: note}, &model.Citation{Rendered: txt(" (Dupont 1990)")},
			&model.Span{Lang: "en", Children: txt(" in English")}, &model.RawInline{}}},
		&model.Heading{Level: 2, ID: "h-1", Inlines: txt("Une section")},
		&model.Heading{Level: 4, Inlines: txt("Une sous-sous-section")},
		&model.List{Items: []*model.ListItem{{Blocks: []model.Block{&model.Paragraph{Inlines: txt("premier")}}},
			{Blocks: []model.Block{&model.Paragraph{Inlines: txt("second")}, &model.List{Ordered: true, Start: 3,
				Items: []*model.ListItem{{Blocks: []model.Block{&model.Paragraph{Inlines: txt("imbriqué")}}}}}}}}},
		&model.BlockQuote{Blocks: []model.Block{&model.Paragraph{Inlines: txt("Une citation longue.")}}},
		&model.CodeBlock{Text: "ligne 1\n\tligne 2\n"},
		&model.ThematicBreak{},
		&model.Table{Align: []string{"", "right"}, Header: [][]model.Inline{txt("A"), txt("B")},
			Rows: [][][]model.Inline{{txt("1"), txt("2")}, {txt("3")}}},
		&model.HTMLBlock{Nodes: []*model.HTMLNode{{Tag: "p", Block: true, Children: []*model.HTMLNode{{Text: "du HTML"}}}}},
		&model.Paragraph{},
	}}
	book := &model.Book{Meta: sample.Meta, Dir: sample.Dir, Chapters: []*model.Chapter{ch,
		{ID: "y", Untitled: true, Matter: model.BackMatter, Blocks: []model.Block{&model.Paragraph{Inlines: txt("Sans titre.")}}}}}
	for _, pdfx := range []string{"x-1a", "none"} {
		lay := sampleLayout(t, nil)
		lay.PDFX = pdfx
		data, res, _ := render(t, book, lay)
		if path := os.Getenv("PUBLISH_BLOCKS_PDF"); path != "" && pdfx == "none" {
			os.WriteFile(path, data, 0o644)
		}
		for _, want := range []string{"premier", "imbriqué", "heading \"Une section\"", "table row", "break", "du HTML", "Sans titre.", "Une note."} {
			if !strings.Contains(res.Dump, want) {
				t.Errorf("pdf-x %s: dump lacks %q", pdfx, want)
			}
		}
	}
	empty := &model.Book{Meta: sample.Meta}
	_, res, _ := render(t, empty, sampleLayout(t, nil))
	if res.Pages%2 != 0 || res.Pages < 4 {
		t.Errorf("empty book: %d pages", res.Pages)
	}
}
