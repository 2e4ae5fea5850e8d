package cite

import (
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
)

// The sample book names both archives under their figures, in its notes
// and in the bibliography's archive group, and nothing else.
func TestSampleBook(t *testing.T) {
	book, ds := manuscript.Read(manuscript.Options{BookDir: "../../book"})
	if ds.HasErrors() {
		t.Fatalf("sample book has errors:\n%s", ds.String())
	}
	Apply(book, &ds)
	if ds.HasErrors() || ds.Count(model.Warning) != 0 {
		t.Errorf("cite pass reported problems on the sample book:\n%s", ds.String())
	}
	credits := map[string]string{}
	for _, f := range book.Figures {
		credits[f.ID] = model.PlainText(f.Credit)
	}
	want := map[string]string{
		"fig-reddition": "© Archives municipales de Boulogne-sur-Mer",
		"fig-plan":      "© Archives départementales du Pas-de-Calais",
		"fig-boulogne":  "D.R.",
		"fig-calais":    "D.R.",
	}
	for id, w := range want {
		if credits[id] != w {
			t.Errorf("credit of %s = %q, want %q", id, credits[id], w)
		}
	}
	if len(book.Bibliography) != 1 || book.Bibliography[0].Title != "Sources d’archives" {
		t.Fatalf("bibliography groups = %+v, want one « Sources d’archives » group", book.Bibliography)
	}
	var entries []string
	for _, e := range book.Bibliography[0].Entries {
		entries = append(entries, model.PlainText(e.Inlines))
	}
	wantEntries := []string{
		"Archives départementales du Pas-de-Calais (Arras), Plan des destructions du Port de Boulogne en octobre 1944, octobre 1944.",
		"Archives municipales de Boulogne-sur-Mer, Reddition du général Heim, photographie, s. d.",
	}
	if strings.Join(entries, "\n") != strings.Join(wantEntries, "\n") {
		t.Errorf("bibliography entries:\n%s\nwant:\n%s", strings.Join(entries, "\n"), strings.Join(wantEntries, "\n"))
	}
	var notes []string
	for _, ch := range book.Chapters {
		for _, n := range ch.Notes {
			if !n.Generated || n.Number < 1 {
				t.Errorf("note %+v in %s is not a numbered generated note", n, ch.ID)
			}
			notes = append(notes, model.PlainText(n.Blocks[0].(*model.Paragraph).Inlines))
		}
	}
	if len(notes) != 2 || !strings.HasPrefix(notes[0], "Archives municipales de Boulogne-sur-Mer") ||
		!strings.HasPrefix(notes[1], "Archives départementales du Pas-de-Calais (Arras)") {
		t.Errorf("notes = %q", notes)
	}
}

// A model built by hand with an unknown key, a citation without items, a
// nil note reference and a figure naming an unknown source must give
// errors, not a panic.
func TestDefensive(t *testing.T) {
	c := &model.Citation{Items: []model.CitationItem{{Key: "nowhere", Locator: "p. 3"}}, Pos: model.Position{File: "c.md", Line: 2, Col: 5}}
	empty := &model.Citation{}
	ch := &model.Chapter{ID: "c", Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{
		&model.Text{Value: "x "}, c, empty, &model.NoteRef{}, &model.Emphasis{Children: []model.Inline{&model.Citation{}}},
	}}, &model.FigureBlock{}}}
	book := &model.Book{Meta: model.Metadata{Language: "fr"}, Chapters: []*model.Chapter{ch},
		Figures: []*model.Figure{{ID: "f", CreditSource: "ghost"}}}
	var ds model.Diagnostics
	Apply(book, &ds)
	if ds.Count(model.Error) != 2 {
		t.Errorf("want 2 errors (unknown citation key, unknown figure source), got:\n%s", ds.String())
	}
	if !strings.Contains(ds.String(), `c.md:2:5: error: unknown source "nowhere"`) {
		t.Errorf("unknown key not reported at the citation:\n%s", ds.String())
	}
	if c.Note == nil || len(ch.Notes) != 3 {
		t.Errorf("every citation should still get its note; notes = %d", len(ch.Notes))
	}
}

func TestStyleSwitch(t *testing.T) {
	for _, style := range []string{"notes", "author-date"} {
		book, ds := manuscript.Read(manuscript.Options{BookDir: "../../book"})
		book.Meta.CitationStyle = style
		Apply(book, &ds)
		var rendered, generated int
		for _, ch := range book.Chapters {
			for _, n := range ch.Notes {
				if n.Generated {
					generated++
				}
			}
			model.WalkInlines(ch, func(ins *[]model.Inline) {
				for _, in := range *ins {
					if c, ok := in.(*model.Citation); ok && len(c.Rendered) > 0 {
						rendered++
						if style == "author-date" && !strings.HasPrefix(model.PlainText(c.Rendered), "(Archives ") {
							t.Errorf("author-date citation = %q", model.PlainText(c.Rendered))
						}
					}
				}
			})
		}
		if style == "notes" && (generated != 2 || rendered != 0) || style == "author-date" && (generated != 0 || rendered != 2) {
			t.Errorf("%s: %d generated notes, %d rendered citations", style, generated, rendered)
		}
		if book.Style != style {
			t.Errorf("book.Style = %q, want %q", book.Style, style)
		}
	}
}

func TestParseLocator(t *testing.T) {
	tests := []struct {
		in, kind, value, suffix string
		ok                      bool
	}{
		{"p. 12", "page", "12", "", true},
		{"pp. 12-14", "page", "12-14", "", true},
		{"12", "page", "12", "", true},
		{"p12", "page", "12", "", true},
		{"chap. III", "chapter", "III", "", true},
		{"fol. 12v", "folio", "12v", "", true},
		{"f° 3 v°", "folio", "3 v°", "", true},
		{"n° 5", "number", "5", "", true},
		{"vol. 2, p. 3", "volume", "2", ", p. 3", true},
		{"t. II", "tome", "II", "", true},
		{"§ 4", "paragraph", "4", "", true},
		{"p. 12 sq.", "page", "12 sq.", "", true},
		{"p. 12, pour le détail", "page", "12", ", pour le détail", true},
		{"p. 12 et 15", "page", "12 et 15", "", true},
		{"12, voir aussi", "page", "12", ", voir aussi", true},
		{"passim", "passim", "passim", "", true},
		{"s. v. Calais, et ailleurs", "sub-verbo", "Calais", ", et ailleurs", true},
		{"et passim", "", "", " et passim", true},
		{"p. douze", "", "", "", false},
		{"12abc", "", "", "", false},
		{"Xyz. 4", "", "", "", false},
	}
	for _, tt := range tests {
		loc, suffix, ok := parseLocator(tt.in)
		if loc.kind != tt.kind || loc.value != tt.value || suffix != tt.suffix || ok != tt.ok {
			t.Errorf("parseLocator(%q) = %+v, %q, %v; want kind %q value %q suffix %q ok %v",
				tt.in, loc, suffix, ok, tt.kind, tt.value, tt.suffix, tt.ok)
		}
	}
}

func FuzzParseLocator(f *testing.F) {
	for _, s := range []string{"p. 12", "pp. 12-14, voir", "fol. 12v", "s. v. Calais", "§§ 3-4", "et passim", "p. douze"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		loc, suffix, ok := parseLocator(s)
		if ok && loc.raw != "" {
			t.Fatalf("%q: understood but raw %q", s, loc.raw)
		}
		if !ok && loc.raw == "" {
			t.Fatalf("%q: not understood but nothing to print", s)
		}
		if ok && loc.value == "" && suffix == "" && strings.TrimSpace(s) != "" {
			t.Fatalf("%q: understood as nothing", s)
		}
	})
}
