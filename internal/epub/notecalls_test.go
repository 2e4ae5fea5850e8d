package epub

import (
	"testing"

	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

// TestAdjacentNoteCalls: two calls side by side are separated by a
// superior comma (⁴,⁵, not forty-five), as in print; calls apart get none.
func TestAdjacentNoteCalls(t *testing.T) {
	n4 := &model.Note{ID: "n4", RefID: "r4", Number: 4}
	n5 := &model.Note{ID: "n5", RefID: "r5", Number: 5}
	n6 := &model.Note{ID: "n6", RefID: "r6", Number: 6}
	var ds model.Diagnostics
	b := &builder{ds: &ds, terms: locale.For("en"), words: wordsFor("en")}
	var w xw
	r := &ren{b: b, w: &w}
	r.inlines([]model.Inline{
		&model.Text{Value: "1947."}, &model.NoteRef{Note: n4}, &model.Citation{Note: n5, Rendered: []model.Inline{&model.Text{Value: "(X)"}}},
		&model.Text{Value: " 1948."}, &model.NoteRef{Note: n6},
	})
	want := `1947.<a class="noteref" id="r4" href="#n4" epub:type="noteref" role="doc-noteref">4</a>` +
		`<span class="noteref-sep">,</span>` +
		`<a class="noteref" id="r5" href="#n5" epub:type="noteref" role="doc-noteref">5</a>` +
		` 1948.<a class="noteref" id="r6" href="#n6" epub:type="noteref" role="doc-noteref">6</a>`
	if w.String() != want {
		t.Errorf("got  %s\nwant %s", w.String(), want)
	}
}
