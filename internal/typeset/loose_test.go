package typeset

import (
	"testing"
)

// TestLoosenessPasses sets the sample book's paragraphs one line longer and
// one line shorter (TeX's \looseness), as the page builder may ask to
// fill a page: no line is ever tighter than the shrink limit, and when
// the first pass (no hyphens) cannot reach the count asked for, the
// later passes are tried, as TeX does, so that most paragraphs reach a
// line more (16 of 18 here, 8 when the first pass that finds breaks is
// kept).
func TestLoosenessPasses(t *testing.T) {
	f := testFace(t, "regular")
	normal := NewSetter(SetterOptions{})
	for _, loose := range []int{1, -1} {
		s := NewSetter(SetterOptions{Looseness: loose})
		reached, total := 0, 0
		for _, w := range []float64{220, 300} {
			for _, text := range bookParagraphs(t) {
				p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: 11, Lang: "fr"}
				n := len(normal.Set(p).Lines)
				r := s.Set(p)
				checkResult(t, p, r)
				total++
				if len(r.Lines) == n+loose {
					reached++
				}
				for _, ln := range r.Lines {
					if ln.Ratio < -1-1e-9 {
						t.Errorf("looseness %d, width %.0f: line %q at ratio %.3f", loose, w, LineText(ln, true), ln.Ratio)
					}
				}
			}
		}
		t.Logf("looseness %+d: %d of %d paragraphs reach it", loose, reached, total)
		if loose > 0 && reached*5 < total*4 {
			t.Errorf("looseness %+d: only %d of %d paragraphs reach it", loose, reached, total)
		}
	}
}
