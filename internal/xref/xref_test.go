package xref

import (
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// book returns a German book with a figure, a captioned table, a front
// matter chapter and two body chapters, the second with sections, and a
// paragraph of cross-references to them.
func book(sections string, refs ...*model.Link) *model.Book {
	fig := &model.Figure{ID: "fig-karte", Number: 1}
	tbl := &model.Table{ID: "tbl-verluste", Number: 1, Caption: []model.Inline{&model.Text{Value: "Verluste"}}}
	h2 := &model.Heading{Level: 2, ID: "sec-kampf", Inlines: []model.Inline{&model.Text{Value: "Der Kampf"}}}
	h3 := &model.Heading{Level: 3, ID: "sec-hafen", Inlines: []model.Inline{&model.Text{Value: "Der Hafen"}}}
	var ins []model.Inline
	for _, r := range refs {
		ins = append(ins, r)
	}
	return &model.Book{
		Meta:    model.Metadata{Language: "de", RefSections: sections},
		Figures: []*model.Figure{fig},
		Tables:  []*model.Table{tbl},
		Chapters: []*model.Chapter{
			{ID: "vorwort", Matter: model.FrontMatter, Title: []model.Inline{&model.Text{Value: "Vorwort"}}},
			{ID: "eins", TitleID: "sec-eins", Title: []model.Inline{&model.Text{Value: "Erstes Kapitel"}}},
			{ID: "zwei", Title: []model.Inline{&model.Text{Value: "Zweites Kapitel"}}, Blocks: []model.Block{
				&model.FigureBlock{Figure: fig}, tbl, h2, h3, &model.Paragraph{Inlines: ins}}},
		},
	}
}

func ref(kind model.RefKind, id string) *model.Link {
	return &model.Link{URL: "#" + id, Internal: id, Ref: kind}
}

func TestLabels(t *testing.T) {
	for _, c := range []struct {
		sections string
		link     *model.Link
		want     string
	}{
		{"", ref(model.FigureRef, "fig-karte"), "Abb.\u00a01"},
		{"", ref(model.TableRef, "tbl-verluste"), "Tab.\u00a01"},
		{"", ref(model.SectionRef, "sec-kampf"), "„Der Kampf“"},
		{"number", ref(model.SectionRef, "sec-kampf"), "Abschn.\u00a02.1"},
		{"number", ref(model.SectionRef, "sec-hafen"), "Abschn.\u00a02.1.1"},
		{"number", ref(model.SectionRef, "sec-eins"), "Kap.\u00a01"},
		{"number", ref(model.SectionRef, "vorwort"), "„Vorwort“"}, // front matter has no number
		{"", ref(model.AnyRef, "fig-karte"), "Abb.\u00a01"},
		{"", &model.Link{Internal: "fig-karte", Ref: model.FigureRef, Capital: true}, "Abb.\u00a01"},
	} {
		b := book(c.sections, c.link)
		var ds model.Diagnostics
		Apply(b, &ds)
		if len(ds.List) > 0 {
			t.Errorf("%s: %s", c.link.Internal, ds.String())
		}
		if got := model.PlainText(c.link.Children); got != c.want {
			t.Errorf("%s (sections %q): label %q, want %q", c.link.Internal, c.sections, got, c.want)
		}
		if c.link.Ref == model.AnyRef {
			t.Errorf("%s: the empty link's kind was not found", c.link.Internal)
		}
	}
}

func TestWrongKindIsAnError(t *testing.T) {
	l := ref(model.TableRef, "fig-karte")
	b := book("", l)
	var ds model.Diagnostics
	Apply(b, &ds)
	if !ds.HasErrors() || model.PlainText(l.Children) != "@fig-karte" {
		t.Errorf("a @tbl- reference to a figure: diagnostics %q, text %q; want an error and the reference as written", ds.String(), model.PlainText(l.Children))
	}
}
