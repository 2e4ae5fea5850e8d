package typeset

import (
	"fmt"
	"reflect"
	"testing"
)

// TestShortLinesSkippedExactly checks that telling a line too short
// without a division (tooLoose) changes no setting: the sample book's
// paragraphs at measures from 60 to 320 pt, justified and ragged, with
// looseness -1, 0 and 1, within tolerance 200, 400, and 200 with an
// emergency stretch, set with and without the short way. A threshold
// half a percent too tight fails it.
func TestShortLinesSkippedExactly(t *testing.T) {
	defer func() { skipShortLines = true }()
	compared, lines := 0, 0
	eachSetting(t, []float64{11}, func(o SetterOptions, p Paragraph, setting string) {
		skipShortLines = true
		a := NewSetter(o).Set(p)
		skipShortLines = false
		b := NewSetter(o).Set(p)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: the short way changed the paragraph %.40q", setting, p.Runs[0].Text)
		}
		compared++
		lines += len(b.Lines)
	})
	t.Logf("%d settings compared (%d lines)", compared, lines)
}

// TestShorterAfterExactly checks that stopping at the first active node
// whose line is too short (breaker.shorterAfter) changes no setting: the
// sample book's paragraphs, with an indent, none or a negative one (which
// turns the stop off), at measures from 60 to 320 pt, justified and
// ragged, with looseness -1, 0 and 1, within tolerance 200, 400, and 200
// with an emergency stretch, set with and without the stop.
func TestShorterAfterExactly(t *testing.T) {
	defer func() { skipShorterAfter = true }()
	compared, stopped := 0, 0
	eachSetting(t, []float64{11, 0, -11}, func(o SetterOptions, p Paragraph, setting string) {
		skipShorterAfter = true
		s := NewSetter(o)
		a := s.Set(p)
		if s.kp.shorterAfter {
			stopped++
		}
		skipShorterAfter = false
		b := NewSetter(o).Set(p)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: the stop changed the paragraph %.40q", setting, p.Runs[0].Text)
		}
		compared++
	})
	// The comparison means something only if many settings stopped (a
	// negative indent, a ligature broken, a word wider than the measure
	// turn the stop off).
	if stopped < compared/3 {
		t.Errorf("only %d of %d settings could stop", stopped, compared)
	}
	t.Logf("%d settings compared, %d with the stop", compared, stopped)
}

// eachSetting calls fn with each setting the exactness tests compare: the
// sample book's paragraphs with each of indents, at measures from 60 to
// 320 pt, with looseness -1, 0 and 1, justified and ragged, within
// tolerance 200, 400, and 200 with an emergency stretch; setting
// describes it for a failure.
func eachSetting(t *testing.T, indents []float64, fn func(o SetterOptions, p Paragraph, setting string)) {
	f := testFace(t, "regular")
	for _, o := range []SetterOptions{{}, {Tolerance: 400}, {EmergencyStretch: 1.5}} {
		for w := 60.0; w <= 320; w += 13 {
			for _, text := range bookParagraphs(t) {
				for _, indent := range indents {
					for _, loose := range []int{-1, 0, 1} {
						for _, align := range []Align{Justify, Left} {
							p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: indent,
								Lang: "fr", Looseness: loose, Align: align}
							fn(o, p, fmt.Sprintf("width %.0f, indent %g, looseness %d, tolerance %g, emergency stretch %g",
								w, indent, loose, o.Tolerance, o.EmergencyStretch))
						}
					}
				}
			}
		}
	}
}
