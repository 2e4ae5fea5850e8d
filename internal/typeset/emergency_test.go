package typeset

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// TestWideWordsAreBroken sets words wider than the measure with no
// allowed break: every line fits the measure, the words are reported,
// the rule breaks only after punctuation, and no character is lost.
func TestWideWordsAreBroken(t *testing.T) {
	f := testFace(t, "regular")
	rule := "+:" + strings.Repeat("=", 40) + "+:" + strings.Repeat("=", 30) + "+"
	ident := "my_very_long_identifier_name_without_any_break_2024"
	text := "Before " + rule + " and " + ident + " after."
	runes := []rune(text)
	ruleFrom := len([]rune("Before "))
	ruleTo := ruleFrom + len([]rune(rule))
	for _, w := range []float64{80, 120, 200} {
		p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: 11, Lang: "en"}
		r := NewSetter(SetterOptions{}).Set(p)
		checkResult(t, p, r)
		if r.Fallback {
			t.Fatalf("width %.0f: fallback", w)
		}
		var got []string
		for _, b := range r.Broken {
			got = append(got, b.Text)
			if at := strings.Index(text, b.Text); len([]rune(text[:at])) != b.Offset {
				t.Errorf("width %.0f: %q reported at offset %d", w, b.Text, b.Offset)
			}
		}
		if strings.Join(got, " ") != rule+" "+ident {
			t.Errorf("width %.0f: broken words %q", w, got)
		}
		// Each line holds the text from its offset on, nothing lost;
		// a line that ends inside the rule ends after punctuation.
		for i, ln := range r.Lines {
			s := []rune(LineText(ln, false))
			if string(runes[ln.Offset:ln.Offset+len(s)]) != string(s) {
				t.Errorf("width %.0f: line %d reads %q", w, i, string(s))
			}
			end := ln.Offset + len(s)
			if i+1 < len(r.Lines) && r.Lines[i+1].Offset != end && r.Lines[i+1].Offset != end+1 {
				t.Errorf("width %.0f: text lost after line %d", w, i)
			}
			if end > ruleFrom && end < ruleTo && !strings.ContainsRune("=:+", runes[end-1]) {
				t.Errorf("width %.0f: the rule broken after %q", w, runes[end-1])
			}
		}
	}
}

// TestSpacesNeverShrinkPastLimit sets the sample book at several
// measures: no line's spaces shrink by more than SpaceShrink (a ratio
// below -1), however narrow.
func TestSpacesNeverShrinkPastLimit(t *testing.T) {
	f := testFace(t, "regular")
	s := NewSetter(SetterOptions{})
	for _, w := range []float64{150, 220, 300} {
		for _, text := range bookParagraphs(t) {
			r := s.Set(Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: 11, Lang: "fr"})
			for i, ln := range r.Lines {
				if ln.Ratio < -1-1e-9 {
					t.Errorf("width %.0f: line %q shrunk at ratio %.3f", w, LineText(ln, true), ln.Ratio)
				}
				if i < len(r.Lines)-1 && ln.Width > w+0.01 {
					t.Errorf("width %.0f: line %q is %.2f pt wide", w, LineText(ln, true), ln.Width)
				}
			}
		}
	}
}

// lastWordOf returns the last word of a line's text and the word before
// it.
func lastWords(ln Line) (prev, last string) {
	f := strings.Fields(LineText(ln, false))
	if len(f) == 0 {
		return "", ""
	}
	if len(f) > 1 {
		prev = f[len(f)-2]
	}
	return prev, f[len(f)-1]
}

// nameSplit reports whether line i of r ends with a hyphen inserted
// inside a capitalised word that does not open a sentence (a proper
// name); text is the paragraph's.
func nameSplit(text string, r Result, i int) bool {
	ln := r.Lines[i]
	if !ln.Hyphenated || i+1 >= len(r.Lines) {
		return false
	}
	prev, last := lastWords(ln)
	next := strings.Fields(LineText(r.Lines[i+1], false))
	if len(next) == 0 || strings.Contains(text, last+next[0]) {
		return false // an explicit hyphen (Boulogne-sur-Mer)
	}
	rs := []rune(strings.TrimLeft(last, "«\u202f\u00a0(“‘\"'"))
	if len(rs) == 0 || !unicode.IsUpper(rs[0]) {
		return false
	}
	return prev != "" && !strings.ContainsAny(prev[len(prev)-1:], ".!?…")
}

// TestShortLastLinesAndNames sets the sample book at several measures
// with the default options and with ShortLastDemerits off: the default
// leaves fewer last lines of one short word; no proper name is split.
func TestShortLastLinesAndNames(t *testing.T) {
	f := testFace(t, "regular")
	short := func(r Result, w float64) bool {
		if len(r.Lines) < 2 {
			return false
		}
		ln := r.Lines[len(r.Lines)-1]
		return len(strings.Fields(LineText(ln, false))) == 1 && ln.Width < w/4
	}
	on, off := NewSetter(SetterOptions{}), NewSetter(SetterOptions{ShortLastDemerits: -1})
	nOn, nOff, names := 0, 0, 0
	for w := 150.0; w <= 330; w += 15 {
		for _, text := range bookParagraphs(t) {
			p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: 11, Lang: "fr"}
			r := on.Set(p)
			if short(r, w) {
				nOn++
			}
			if short(off.Set(p), w) {
				nOff++
			}
			for i, ln := range r.Lines {
				if nameSplit(text, r, i) {
					names++
					t.Logf("width %.0f: name split: %q", w, LineText(ln, true))
				}
			}
		}
	}
	t.Logf("one-word short last lines: %d, %d without ShortLastDemerits; names split: %d", nOn, nOff, names)
	if nOn >= nOff {
		t.Errorf("one-word short last lines: %d, %d without ShortLastDemerits", nOn, nOff)
	}
	if names > 0 {
		t.Errorf("%d proper names split", names)
	}
}

// TestIdleNamePassSkipped checks that skipping the pass that allows
// breaks inside proper names, when a paragraph has none, changes no
// paragraph: the sample book's paragraphs (French, with names) at several
// measures, with looseness -1, 0 and 1 and with lines that must not end
// with a hyphen, set with and without the skip.
func TestIdleNamePassSkipped(t *testing.T) {
	f := testFace(t, "regular")
	defer func() { skipIdleNamePass = true }()
	set := func(skip bool, p Paragraph) Result {
		skipIdleNamePass = skip
		return NewSetter(SetterOptions{Tolerance: 400}).Set(p)
	}
	compared, withNames := 0, 0
	for w := 50.0; w <= 300; w += 10 {
		for _, text := range bookParagraphs(t) {
			for _, loose := range []int{-1, 0, 1} {
				p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Indent: 11, Lang: "fr", Looseness: loose}
				if loose == 0 {
					p.NoHyphenAfter = []int{0, 1}
				}
				a, b := set(true, p), set(false, p)
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("width %.0f, looseness %d: the skip changed the paragraph %.40q", w, loose, text)
				}
				for i := range b.Lines {
					if nameSplit(text, b, i) {
						withNames++
					}
				}
				compared++
			}
		}
	}
	t.Logf("%d settings compared, %d lines ending inside a name", compared, withNames)
}
