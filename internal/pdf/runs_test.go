package pdf

import (
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// TestRunsCountModelText checks the offsets contract: the counted runs of
// a paragraph spell model.PlainText of its inlines; note calls are
// uncounted.
func TestRunsCountModelText(t *testing.T) {
	lay := sampleLayout(t, nil)
	fonts, err := loadFonts(fpdf.New("P", "pt", "A4", ""), lay)
	if err != nil {
		t.Fatal(err)
	}
	var paras [][]model.Inline
	for _, ch := range append(sampleBook(t).Chapters, longBook(t, 2).Chapters...) {
		for _, b := range ch.Blocks {
			if p, ok := b.(*model.Paragraph); ok {
				paras = append(paras, p.Inlines)
			}
		}
	}
	note := &model.Note{Number: 7}
	paras = append(paras, []model.Inline{&model.Text{Value: "le 1"}, &model.Superscript{Children: txt("er")},
		&model.SmallCaps{Children: txt("xixe")}, &model.LineBreak{}, &model.Citation{Note: note},
		&model.Citation{Rendered: txt("(Dupont 1990)")}, &model.NoteRef{Note: note}, &model.RawInline{},
		&model.Link{Internal: "x", Children: []model.Inline{&model.Emphasis{Children: txt("là")}}}})
	// The kinds with runs of their own: forced breaks, uncounted quotation
	// marks and display indents.
	paras = append(paras, []model.Inline{&model.Strikeout{Children: txt("barré")}, &model.Subscript{Children: txt("2")},
		&model.Element{Tag: "q", Children: []model.Inline{&model.Element{Tag: "q", Children: txt("dans")}}},
		&model.Element{Tag: "small", Children: txt("petit")}, &model.Element{Tag: "kbd", Children: txt("Ctrl")},
		&model.Math{Display: true, Children: []model.Inline{&model.Emphasis{Children: txt("x")}, &model.Superscript{Children: txt("2")}}},
		&model.LineBreak{}, &model.LineBreak{},
		&model.RawInline{Nodes: []*model.HTMLNode{{Tag: "b", Children: []*model.HTMLNode{{Text: "brut"}}}}},
		&model.Math{Children: txt("y")}})
	calls := 0
	for _, ins := range paras {
		var counted strings.Builder
		for _, r := range runsOf(fonts, 11, true, func(*model.Note) string { return "#n" }, ins, false) {
			if r.Uncounted {
				calls++
				continue
			}
			counted.WriteString(r.Text)
		}
		// Small capitals may be drawn as capitals, and ordinals' letters
		// as the font's superior letters: one rune for one rune.
		got := strings.Map(func(r rune) rune {
			for l, s := range superiors {
				if r == s {
					return l
				}
			}
			return r
		}, counted.String())
		if want := model.PlainText(ins); !strings.EqualFold(got, want) || len([]rune(got)) != len([]rune(want)) {
			t.Errorf("counted runs %q, model text %q", got, want)
		}
	}
	if calls == 0 {
		t.Error("no note call seen")
	}
	_ = typeset.Justify
}
