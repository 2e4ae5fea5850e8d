package typeset

import (
	"reflect"
	"testing"
)

// TestEncodedResultsReadBack sets the sample book's paragraphs (with an
// italic run, a literal one and a forced break added, at several
// measures, with looseness and a narrow measure that breaks words) and
// checks that each result read back from its encoding is the one Set
// returned, its pieces pointing at runs of its own.
func TestEncodedResultsReadBack(t *testing.T) {
	f, it := testFace(t, "regular"), testFace(t, "italic")
	n := 0
	for _, w := range []float64{40, 150, 300} {
		for i, text := range bookParagraphs(t) {
			runs := []Run{{Text: text, Style: Style{Face: f, Size: 11}},
				{Text: " en italique", Style: Style{Face: it, Size: 11, Link: "#x"}},
				{Text: " ", Break: true, Style: Style{Face: f, Size: 11}},
				{Text: "https://example.org/a/very/long/path", Literal: true, Style: Style{Face: f, Size: 10}}}
			p := Paragraph{Runs: runs, Width: w, Indent: 11, Lang: "fr", Looseness: i%3 - 1}
			r := NewSetter(SetterOptions{}).Set(p)
			data, ok := r.AppendEncoded(nil)
			if !ok {
				t.Fatalf("width %.0f, paragraph %d: not encoded", w, i)
			}
			back, err := DecodeResult(p, data)
			if err != nil {
				t.Fatalf("width %.0f, paragraph %d: %v", w, i, err)
			}
			if !reflect.DeepEqual(back, r) {
				t.Fatalf("width %.0f, paragraph %d: read back otherwise", w, i)
			}
			for _, l := range back.Lines {
				for _, pc := range l.Pieces {
					if pc.Style == &p.Runs[0].Style || pc.Style == &r.runs[0].Style {
						t.Fatalf("a piece read back points at another result's runs")
					}
				}
			}
			n++
		}
	}
	t.Logf("%d results read back", n)
}

// TestDamagedEncodingsAreRefused reads every truncation of an encoded
// result, and the encoding with each byte changed, against its
// paragraph, and against a paragraph of another number of runs: an
// error or a result, never a panic; the truncations and the other
// paragraph are refused.
func TestDamagedEncodingsAreRefused(t *testing.T) {
	f := testFace(t, "regular")
	p := Paragraph{Runs: []Run{{Text: bookParagraphs(t)[0], Style: Style{Face: f, Size: 11}}}, Width: 120, Lang: "fr"}
	data, _ := NewSetter(SetterOptions{}).Set(p).AppendEncoded(nil)
	for n := 0; n < len(data); n++ {
		if _, err := DecodeResult(p, data[:n]); err == nil {
			t.Fatalf("the first %d of %d bytes were read as a result", n, len(data))
		}
	}
	for i := range data {
		bad := append([]byte(nil), data...)
		bad[i] ^= 0xa5
		DecodeResult(p, bad)
	}
	two := p
	two.Runs = append(two.Runs, Run{Text: " fin", Style: Style{Face: f, Size: 11}})
	if _, err := DecodeResult(two, data); err == nil {
		t.Errorf("a result was read against a paragraph of two runs")
	}
}
