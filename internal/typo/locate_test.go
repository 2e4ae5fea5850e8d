package typo

import (
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestPlace checks that a suggestion is placed from the positions the
// reader gave the texts, without reading the manuscript file: "La 3ème DI
// et la" on line 3, "4ème DB, puis la 3ème encore." on line 4.
func TestPlace(t *testing.T) {
	at := func(line, col int) model.Position { return model.Position{File: "ch.md", Line: line, Col: col} }
	ins := []model.Inline{
		&model.Text{Value: "La 3ème DI et la ", Pos: at(3, 1)},
		&model.Emphasis{Children: []model.Inline{&model.Text{Value: "4ème DB", Pos: at(4, 2)}}, Pos: at(4, 1)},
		&model.Text{Value: ", puis la 3ème encore.", Pos: at(4, 9)},
	}
	a := newApplier(&model.Book{}, &model.Diagnostics{})
	a.s.flatten(ins, langFR, false, false, 0)
	para := at(3, 1)
	for _, tc := range []struct {
		needles []string
		want    string
	}{
		{[]string{"3ème"}, "ch.md:3:4"},
		{[]string{"4ème"}, "ch.md:4:2"},
		{[]string{"3ème"}, "ch.md:4:19"},  // the second 3ème: searched after the first
		{[]string{"absent"}, "ch.md:3:1"}, // not found: the paragraph
		{[]string{"x", "encore"}, "ch.md:4:24"},
	} {
		if got := a.place(para, tc.needles).String(); got != tc.want {
			t.Errorf("place(%q) = %s, want %s", tc.needles, got, tc.want)
		}
	}
}
