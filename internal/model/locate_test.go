package model

import "testing"

// TestLocateSpans checks that a span's offset counts the block's visible
// text before it as BlockTextLen does (list items, line breaks), that a
// span in a note stands at the note's call, and that PageAt finds the
// page that starts at or before it.
func TestLocateSpans(t *testing.T) {
	note := &Note{ID: "n1", Blocks: []Block{&Paragraph{Inlines: []Inline{&Span{ID: "in-note", Children: []Inline{&Text{Value: "n"}}}}}}}
	ch := &Chapter{ID: "c", Title: []Inline{&Span{ID: "in-title"}}, Notes: []*Note{note}, Blocks: []Block{
		&Paragraph{Inlines: []Inline{&Text{Value: "abc"}, &NoteRef{Note: note}, &Text{Value: "de"}, &Span{ID: "a", Children: []Inline{&Text{Value: "x"}}}}},
		&List{Items: []*ListItem{
			{Blocks: []Block{&Paragraph{Inlines: []Inline{&Text{Value: "one"}}}}},
			{Blocks: []Block{&LineBlock{Lines: [][]Inline{{&Text{Value: "l1"}}, {&Span{ID: "b"}}}}}},
		}},
		&FigureBlock{Figure: &Figure{ID: "fig-1", Caption: []Inline{&Span{ID: "in-fig"}}}},
	}}
	got := LocateSpans(&Book{Chapters: []*Chapter{ch}})
	want := map[string]Location{
		"in-title": {Chapter: "c", Block: -1},
		"a":        {Chapter: "c", Block: 0, Offset: 5},
		"b":        {Chapter: "c", Block: 1, Offset: 6}, // "one" + "l1" + one for the line break
		"in-note":  {Chapter: "c", Block: 0, Offset: 3, Note: "n1"},
		"in-fig":   {Chapter: "c", Block: 2, Figure: "fig-1"},
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s at %+v, want %+v", id, got[id], w)
		}
	}
	if n := BlockTextLen(ch.Blocks[1]); n != 6 {
		t.Errorf("list text length %d: the offsets above assume 6", n)
	}
	p := &Pagination{Pages: []PageStart{{Label: "3", Chapter: "c", Block: -1}, {Label: "4", Chapter: "c", Block: 0, Offset: 5}, {Label: "5", Chapter: "c", Block: 1, Offset: 4}}}
	p.FigurePages = map[string]string{"fig-1": "9"}
	for id, page := range map[string]string{"in-title": "3", "in-note": "3", "a": "4", "b": "5", "in-fig": "9"} {
		if l := p.PageAt(got[id]); l != page {
			t.Errorf("%s on page %q, want %q", id, l, page)
		}
	}
	// With endnotes, a note's span is on the page of the note.
	p.NotePages = map[string]string{"n1": "7"}
	if l := p.PageAt(got["in-note"]); l != "7" {
		t.Errorf("in-note with endnotes on page %q, want 7", l)
	}
}
