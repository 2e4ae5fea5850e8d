package typeset

import (
	"strings"
	"testing"
)

// forcedRuns turns text into runs: "|" is a forced break (counted as a
// space), "~" a no-break space.
func forcedRuns(t *testing.T, text string) []Run {
	t.Helper()
	st := Style{Font: "regular", Face: testFace(t, "regular"), Size: 11}
	var runs []Run
	for i, part := range strings.Split(text, "|") {
		if i > 0 {
			runs = append(runs, Run{Text: " ", Style: st, Break: true})
		}
		if part != "" {
			runs = append(runs, Run{Text: strings.ReplaceAll(part, "~", "\u00a0"), Style: st})
		}
	}
	return runs
}

const forcedProse = "Les navires quittent le port avant l’aube et gagnent la haute mer, où les attend " +
	"une escorte de chalutiers armés qui patrouillent le long des côtes depuis la veille"

// TestForcedBreaks sets paragraphs with forced line breaks with the
// Knuth-Plass breaker and the greedy one: each forced break ends a line,
// the line before it keeps its natural spacing, leading no-break spaces
// indent a line, an empty line stays, and a break at the end adds nothing.
func TestForcedBreaks(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width float64
		align Align
		// want are the lines' texts (LineText with marks); "*" matches
		// any run of lines (the prose's justified lines).
		want []string
		// natural lists the lines that must be set at natural width
		// (ratio 0): the lines before forced breaks.
		natural []int
	}{
		{name: "two short lines", text: "Premier vers|Second vers", width: 300, align: Justify,
			want: []string{"Premier vers", "Second vers"}, natural: []int{0}},
		{name: "break after prose", text: forcedProse + "|Fin.", width: 200, align: Justify,
			want: []string{"*", "Fin."}},
		{name: "indent kept", text: "Le premier|~~~~le second en retrait|le troisième", width: 300, align: Left,
			want: []string{"Le premier", "le second en retrait", "le troisième"}, natural: []int{0, 1}},
		{name: "empty line", text: "Strophe une||Strophe deux", width: 300, align: Left,
			want: []string{"Strophe une", "", "Strophe deux"}},
		{name: "break at the end", text: "Rien après|", width: 300, align: Justify,
			want: []string{"Rien après"}},
		{name: "break at the start", text: "|Après une ligne vide", width: 300, align: Justify,
			want: []string{"", "Après une ligne vide"}},
		{name: "spaces around", text: "Un mot |  deux mots", width: 300, align: Justify,
			want: []string{"Un mot", "deux mots"}, natural: []int{0}},
		{name: "centred", text: "Titre|sous-titre", width: 300, align: Center,
			want: []string{"Titre", "sous-titre"}},
	}
	for _, c := range cases {
		for _, greedy := range []bool{false, true} {
			name := c.name
			if greedy {
				name += "/greedy"
			}
			t.Run(name, func(t *testing.T) {
				p := Paragraph{Runs: forcedRuns(t, c.text), Width: c.width, Align: c.align, Lang: "fr"}
				s := NewSetter(SetterOptions{})
				var r Result
				if greedy {
					r = s.setGreedy(p)
				} else {
					r = s.Set(p)
					if r.Fallback {
						t.Fatal("fallback")
					}
				}
				checkResult(t, p, r)
				var got []string
				for _, ln := range r.Lines {
					got = append(got, LineText(ln, false))
				}
				if !matchLines(got, c.want) {
					t.Fatalf("lines %q, want %q", got, c.want)
				}
				for _, i := range c.natural {
					ln := r.Lines[i]
					if ln.Ratio != 0 {
						t.Errorf("line %d %q: ratio %.3f, want 0 (natural spacing before a forced break)", i, got[i], ln.Ratio)
					}
				}
				for i, ln := range r.Lines {
					if i+1 < len(r.Lines) && len(r.Lines[i+1].Pieces) > 0 && r.Lines[i+1].Offset <= ln.Offset && len(ln.Pieces) > 0 {
						t.Errorf("line %d: offsets do not advance (%d then %d)", i, ln.Offset, r.Lines[i+1].Offset)
					}
				}
				if c.name == "indent kept" {
					x1, x2 := r.Lines[1].Pieces[0].X, r.Lines[2].Pieces[0].X
					sp := 4 * testFace(t, "regular").SpaceWidth() * 11
					if x2 != 0 || x1 < sp-0.01 || x1 > sp+0.01 {
						t.Errorf("indented line starts at %.2f, next at %.2f; want %.2f and 0", x1, x2, sp)
					}
				}
				if c.name == "break after prose" && !greedy {
					// The prose's lines are justified, its last line not.
					last := r.Lines[len(r.Lines)-2]
					if last.Ratio != 0 || last.Width > c.width {
						t.Errorf("line before the break: ratio %.3f width %.2f, want natural", last.Ratio, last.Width)
					}
					for _, ln := range r.Lines[:len(r.Lines)-2] {
						if d := ln.Width - c.width; d > 0.01 || d < -0.01 {
							t.Errorf("prose line %q not justified: width %.2f", LineText(ln, true), ln.Width)
						}
					}
				}
				// The text after a break starts at its counted offset.
				if c.name == "two short lines" && r.Lines[1].Offset != len([]rune("Premier vers ")) {
					t.Errorf("second line offset %d", r.Lines[1].Offset)
				}
			})
		}
	}
}

// setGreedy sets p with the greedy breaker only.
func (s *Setter) setGreedy(p Paragraph) Result {
	s.buildItems(&p)
	if len(s.segs) == 0 {
		return Result{}
	}
	s.kp.sum(s.items)
	breaks, ratios := s.greedy(&p)
	res := Result{Fallback: true}
	s.pieces = nil
	start := 0
	for i, b := range breaks {
		res.Lines = append(res.Lines, s.buildLine(&p, start, b, ratios[i]))
		start = s.lineStart(b)
	}
	return res
}

// matchLines matches lines against patterns where "*" stands for one or
// more lines.
func matchLines(got, want []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "*" {
		for k := 1; k <= len(got); k++ {
			if matchLines(got[k:], want[1:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && got[0] == want[0] && matchLines(got[1:], want[1:])
}
