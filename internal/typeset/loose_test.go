package typeset

import (
	"slices"
	"strings"
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

// TestTriesReuseTheItems sets each of the sample book's paragraphs again
// and again with one setter, as the page builder tries them (a line
// longer, a line shorter, a line without a hyphen, then another measure,
// indent or language, and back): the setter reuses the items of the last
// paragraph when only the looseness or the lines without a hyphen
// changed, and every result must be that of a setter that sets the
// paragraph afresh.
func TestTriesReuseTheItems(t *testing.T) {
	f := testFace(t, "regular")
	tries := NewSetter(SetterOptions{})
	compared := 0
	// A word wider than the narrower measure is broken inside (the
	// emergency breaks): the measure is part of the items.
	wide := "Les fonds sont décrits sous la cote 62012345678901234567890123456789012345 à Arras."
	for _, text := range append(bookParagraphs(t), wide) {
		base := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: 260, Indent: 11, Lang: "fr"}
		variants := []func(p *Paragraph){
			func(p *Paragraph) {},
			func(p *Paragraph) { p.Looseness = 1 },
			func(p *Paragraph) { p.Looseness = -1 },
			func(p *Paragraph) { p.NoHyphenAfter = []int{0, 1, 2} },
			func(p *Paragraph) { p.Width = 120 },
			func(p *Paragraph) { p.Width = 120; p.Looseness = 1 },
			func(p *Paragraph) { p.Looseness = 1 },
			func(p *Paragraph) { p.Indent = 0; p.Looseness = 1 },
			func(p *Paragraph) { p.Width = 120 },
			func(p *Paragraph) { p.Width = 120; p.Lang = "en" },
			func(p *Paragraph) { p.Lang = "en"; p.Looseness = -1 },
			func(p *Paragraph) { p.Align = Left },
			func(p *Paragraph) { p.Align = Left; p.Looseness = 1 },
			func(p *Paragraph) { p.Looseness = 1 },
			func(p *Paragraph) { p.Align = Center; p.Looseness = 1 },
			func(p *Paragraph) { p.Runs = []Run{{Text: text, Style: Style{Face: f, Size: 10}}}; p.Looseness = 1 },
			func(p *Paragraph) { p.Looseness = 1 },
		}
		for i, change := range variants {
			p := base
			change(&p)
			got := tries.Set(p)
			want := NewSetter(SetterOptions{}).Set(p)
			if len(got.Lines) != len(want.Lines) || got.Fallback != want.Fallback || !slices.Equal(got.Broken, want.Broken) {
				t.Fatalf("variant %d of %.40q: %d lines, %d when set afresh", i, text, len(got.Lines), len(want.Lines))
			}
			for j := range got.Lines {
				gl, wl := got.Lines[j], want.Lines[j]
				if g, w := LineText(gl, true), LineText(wl, true); g != w || gl.Ratio != wl.Ratio || gl.Width != wl.Width || gl.Hyphenated != wl.Hyphenated || gl.Offset != wl.Offset || !samePieceX(gl, wl) {
					t.Fatalf("variant %d of %.40q, line %d: %q (ratio %g), set afresh %q (ratio %g)", i, text, j, g, got.Lines[j].Ratio, w, want.Lines[j].Ratio)
				}
			}
			compared++
		}
	}
	t.Logf("%d settings compared", compared)
}

// samePieceX reports whether two lines' pieces stand at the same places.
func samePieceX(a, b Line) bool {
	if len(a.Pieces) != len(b.Pieces) {
		return false
	}
	for i := range a.Pieces {
		if a.Pieces[i].X != b.Pieces[i].X {
			return false
		}
	}
	return true
}

// TestLastResortIgnoresLooseness sets, a line longer and shorter, a
// paragraph of about 60 lines whose first line only the last resort can
// set: a one-letter word before a word almost as wide as the measure, so
// that the letter alone makes a line looser than any tolerance and both
// do not fit. Every line is feasible in the last resort, so told apart by
// line count, from the fewest lines up to one line a word, its nodes grow
// with the square of the paragraph's length (seconds for 15 lines). The
// last resort ignores the looseness: the paragraph keeps its setting, and
// the breaker makes as many nodes as for it.
func TestLastResortIgnoresLooseness(t *testing.T) {
	f := testFace(t, "regular")
	const width = 300.0
	wide := strings.Repeat("m", int(0.97*width/(11*f.Advance('m'))))
	p := longParagraph(t, 600)
	p.Width = width
	p.Runs[0].Text = "a " + wide + " " + p.Runs[0].Text
	s := NewSetter(SetterOptions{})
	plain := s.Set(p)
	plainNodes := len(s.kp.nodes)
	// The letter alone on the first line: a line with no space to
	// stretch, which only the last resort sets.
	if plain.Fallback || len(plain.Lines) < 40 || len(plain.Lines[0].Pieces) != 1 || plain.Lines[0].Pieces[0].Text != "a" {
		t.Fatalf("the test paragraph is not what it should be: %d lines, fallback %v, first line %d pieces",
			len(plain.Lines), plain.Fallback, len(plain.Lines[0].Pieces))
	}
	for _, loose := range []int{1, -1} {
		p.Looseness = loose
		r := s.Set(p)
		checkResult(t, p, r)
		if n := len(s.kp.nodes); n > 2*plainNodes {
			t.Errorf("looseness %d: %d nodes, %d without", loose, n, plainNodes)
		}
		if !slices.EqualFunc(r.Lines, plain.Lines, func(a, b Line) bool { return a.Offset == b.Offset && a.Ratio == b.Ratio }) {
			t.Errorf("looseness %d: %d lines, not the paragraph's setting (%d lines)", loose, len(r.Lines), len(plain.Lines))
		}
	}
}
