package typeset

import (
	"math"
	"strings"
	"testing"
)

// TestMinLinesIsABound compares MinLines with the fewest lines the line
// breaker finds (looseness -20 within any tolerance, which shrinks the
// spaces as far as they may) for the sample book's paragraphs, and for
// runs of short words whose many spaces make up much of each line's
// shrink, at measures from 60 to 320 pt, justified and ragged: the bound
// is never above it (but for a greedy fallback, which a page builder
// refuses), and is it for most paragraphs (184 of 252), so that it
// spares the page builder's tries a line shorter. A bound that forgot the
// spaces' shrink goes above it; one that counted twice their shrink is
// the fewest lines of 163 paragraphs, below the 70 % asked.
func TestMinLinesIsABound(t *testing.T) {
	f := testFace(t, "regular")
	texts := bookParagraphs(t)
	short := []string{"a", "de", "la", "il", "et", "un", "ou", "y"}
	for n := 12; n <= 100; n += 8 {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(short[(i*5+n)%len(short)])
		}
		texts = append(texts, b.String())
	}
	tries, tight, oneShort := 0, 0, 0
	for w := 60.0; w <= 320; w += 52 {
		for _, text := range texts {
			for _, align := range []Align{Justify, Left} {
				p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: 11, Lang: "fr", Align: align}
				bound := NewSetter(SetterOptions{}).MinLines(p)
				p.Looseness = -20
				fewest := NewSetter(SetterOptions{Tolerance: math.Inf(1)}).Set(p)
				if fewest.Fallback {
					continue
				}
				tries++
				switch n := len(fewest.Lines); {
				case n < bound:
					t.Fatalf("width %.0f: %d lines, below the bound of %d: %.50q", w, n, bound, text)
				case n == bound:
					tight++
				case n == bound+1:
					oneShort++
				}
			}
		}
	}
	if tight < tries*7/10 {
		t.Errorf("the bound is the fewest lines of only %d of %d paragraphs (%d one line short)", tight, tries, oneShort)
	}
	t.Logf("%d paragraphs: the bound is the fewest lines of %d, one line short of %d", tries, tight, oneShort)
}
