package index

import (
	"slices"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

func TestMergeRanges(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want []string
	}{
		{[]string{"3"}, []string{"3"}},
		{[]string{"12", "13", "14"}, []string{"12–14"}},
		{[]string{"2", "5", "6", "9"}, []string{"2", "5–6", "9"}},
		{[]string{"vii", "viii", "1", "2"}, []string{"vii", "viii", "1–2"}},
		{nil, nil},
	} {
		if got := MergeRanges(c.in, "–"); !slices.Equal(got, c.want) {
			t.Errorf("MergeRanges(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPagesOnceEach(t *testing.T) {
	pages := map[string]string{"a": "4", "b": "4", "c": "5", "d": "", "e": "9"}
	occ := []model.IndexOccurrence{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}}
	got := Pages(occ, func(id string) string { return pages[id] }, "-")
	if want := []string{"4-5", "9"}; !slices.Equal(got, want) {
		t.Errorf("Pages = %q, want %q", got, want)
	}
}

func span(text string, m *model.IndexMark) *model.Span {
	return &model.Span{Index: m, Children: []model.Inline{&model.Text{Value: text}}}
}

// TestBuildFrench checks the order of a French index (accents sorted
// with their letter, « Éperlecques » under E between « Dunkerque » and
// « Fiennes »), sub-entries, see and see also, and that occurrences
// keep reading order.
func TestBuildFrench(t *testing.T) {
	places := func(terms ...string) *model.IndexMark {
		return &model.IndexMark{Index: model.PlacesIndex, Terms: terms}
	}
	p := &model.Paragraph{Inlines: []model.Inline{
		span("Fiennes", places()),
		span("Éperlecques", places()),
		span("Dunkerque", places()),
		span("port de Calais", places("Calais", "port")),
		span("Calais", places()),
		span("ville", places("Calais", "citadelle")),
		span("Calaisis", &model.IndexMark{Index: model.PlacesIndex, SeeAlso: []string{"Calais"}}),
		span("Festung", &model.IndexMark{Index: model.PlacesIndex, See: "Fiennes"}),
		span("eperon", places()),
		span("Heim", &model.IndexMark{Index: model.NamesIndex}),
	}}
	b := &model.Book{Meta: model.Metadata{Language: "fr"}, Chapters: []*model.Chapter{{ID: "ch", Blocks: []model.Block{p}}}}
	var ds model.Diagnostics
	Build(b, &ds)
	if len(ds.List) != 0 {
		t.Errorf("diagnostics: %v", ds.String())
	}
	if len(b.Indexes) != 2 || b.Indexes[0].Name != model.NamesIndex || b.Indexes[1].Name != model.PlacesIndex {
		t.Fatalf("indexes = %+v, want names then places", b.Indexes)
	}
	var got []string
	for _, g := range b.Indexes[1].Groups {
		got = append(got, "["+g.Letter+"]")
		for _, e := range g.Entries {
			got = append(got, e.Term)
			for _, s := range e.Sub {
				got = append(got, "  "+s.Term)
			}
		}
	}
	want := []string{"[C]", "Calais", "  citadelle", "  port", "Calaisis", "[D]", "Dunkerque", "[E]", "Éperlecques", "eperon",
		"[F]", "Festung", "Fiennes"}
	if !slices.Equal(got, want) {
		t.Errorf("places index:\n got %q\nwant %q", got, want)
	}
	cal := b.Indexes[1].Groups[0].Entries[0]
	if len(cal.Occurrences) != 1 || len(cal.Sub[1].Occurrences) != 1 {
		t.Errorf("Calais occurrences = %+v", cal)
	}
	calaisis := b.Indexes[1].Groups[0].Entries[1]
	if !slices.Equal(calaisis.SeeAlso, []string{"Calais"}) || len(calaisis.Occurrences) != 1 {
		t.Errorf("Calaisis = %+v, want a page and see also Calais", calaisis)
	}
	festung := b.Indexes[1].Groups[3].Entries[0]
	if !slices.Equal(festung.See, []string{"Fiennes"}) || len(festung.Occurrences) != 0 {
		t.Errorf("Festung = %+v, want see Fiennes and no page", festung)
	}
	seen := map[string]bool{}
	model.Walk(b.Chapters[0], func(n model.Node, entering bool) model.WalkStatus {
		if sp, ok := n.(*model.Span); ok && entering {
			if sp.ID == "" || seen[sp.ID] {
				t.Errorf("index term %q has id %q (empty or repeated)", model.PlainText(sp.Children), sp.ID)
			}
			seen[sp.ID] = true
		}
		return model.WalkContinue
	})
}

func TestLetter(t *testing.T) {
	for in, want := range map[string]string{"Éperlecques": "E", "œuvres": "Œ", "« Atlantikwall »": "A", "1944": ""} {
		if got := Letter(in); got != want {
			t.Errorf("Letter(%q) = %q, want %q", in, got, want)
		}
	}
}
