package typeset

import (
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
	f := testFace(t, "regular")
	defer func() { skipShortLines = true }()
	opts := []SetterOptions{{}, {Tolerance: 400}, {EmergencyStretch: 1.5}}
	compared, lines := 0, 0
	for _, o := range opts {
		set := func(skip bool, p Paragraph) Result {
			skipShortLines = skip
			return NewSetter(o).Set(p)
		}
		for w := 60.0; w <= 320; w += 13 {
			for _, text := range bookParagraphs(t) {
				for _, loose := range []int{-1, 0, 1} {
					for _, align := range []Align{Justify, Left} {
						p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: 11,
							Lang: "fr", Looseness: loose, Align: align}
						a, b := set(true, p), set(false, p)
						if !reflect.DeepEqual(a, b) {
							t.Fatalf("width %.0f, looseness %d, tolerance %g, emergency stretch %g: the short way changed the paragraph %.40q",
								w, loose, o.Tolerance, o.EmergencyStretch, text)
						}
						compared++
						lines += len(b.Lines)
					}
				}
			}
		}
	}
	t.Logf("%d settings compared (%d lines)", compared, lines)
}

// TestShorterAfterExactly checks that stopping at the first active node
// whose line is too short (breaker.shorterAfter) changes no setting: the
// sample book's paragraphs, with an indent, none or a negative one (which
// turns the stop off), at measures from 60 to 320 pt, justified and
// ragged, with looseness -1, 0 and 1, within tolerance 200, 400, and 200
// with an emergency stretch, set with and without the stop.
func TestShorterAfterExactly(t *testing.T) {
	f := testFace(t, "regular")
	defer func() { skipShorterAfter = true }()
	opts := []SetterOptions{{}, {Tolerance: 400}, {EmergencyStretch: 1.5}}
	compared, stopped := 0, 0
	for _, o := range opts {
		for w := 60.0; w <= 320; w += 13 {
			for _, text := range bookParagraphs(t) {
				for _, indent := range []float64{11, 0, -11} {
					for _, loose := range []int{-1, 0, 1} {
						for _, align := range []Align{Justify, Left} {
							p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: indent,
								Lang: "fr", Looseness: loose, Align: align}
							skipShorterAfter = true
							s := NewSetter(o)
							a := s.Set(p)
							if s.kp.shorterAfter {
								stopped++
							}
							skipShorterAfter = false
							b := NewSetter(o).Set(p)
							if !reflect.DeepEqual(a, b) {
								t.Fatalf("width %.0f, indent %g, looseness %d, tolerance %g, emergency stretch %g: the stop changed the paragraph %.40q",
									w, indent, loose, o.Tolerance, o.EmergencyStretch, text)
							}
							compared++
						}
					}
				}
			}
		}
	}
	// The comparison means something only if many settings stopped (a
	// negative indent, a ligature broken, a word wider than the measure
	// turn the stop off).
	if stopped < compared/3 {
		t.Errorf("only %d of %d settings could stop", stopped, compared)
	}
	t.Logf("%d settings compared, %d with the stop", compared, stopped)
}
