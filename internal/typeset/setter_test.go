package typeset

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// longFrench returns the sample book's prose repeated into long
// paragraphs: a long French text for the properties below.
func longFrench(t testing.TB) []string {
	paras := bookParagraphs(t)
	var out []string
	for k := 0; k < 3*len(paras); k++ {
		var parts []string
		for j := 0; j < 1+k%4; j++ {
			parts = append(parts, paras[(k+j*3)%len(paras)])
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// TestLongFrenchProperties sets a long French text at several measures,
// narrow ones included, and checks every line (see checkResult): never
// three hyphenated lines in a row, no line starting with ; : ! ? » or
// ending with «, widths within the measure, exact kerned pieces, offsets.
func TestLongFrenchProperties(t *testing.T) {
	f := testFace(t, "regular")
	s := NewSetter(SetterOptions{})
	hyphenated, lines, pairs := 0, 0, 0
	for _, width := range []float64{120, 160, 200, 250, 300} {
		for i, text := range longFrench(t) {
			p := Paragraph{Runs: []Run{{Text: text, Style: Style{Font: "serif", Face: f, Size: 11}}}, Width: width, Indent: 11, Lang: "fr"}
			r := s.Set(p)
			t.Run(fmt.Sprintf("w%.0f-p%d", width, i), func(t *testing.T) { checkResult(t, p, r) })
			prev := false
			for _, ln := range r.Lines {
				lines++
				if ln.Hyphenated {
					hyphenated++
					if prev {
						pairs++
					}
				}
				prev = ln.Hyphenated
			}
		}
	}
	if hyphenated == 0 || pairs == 0 {
		t.Errorf("the text should need hyphens, two in a row at narrow measures: %d hyphenated, %d pairs", hyphenated, pairs)
	}
	t.Logf("%d lines, %d hyphenated, %d hyphenated after a hyphenated one", lines, hyphenated, pairs)
}

// TestFrenchSpacesNeverBreak puts every no-break space where a break
// would be the only way to fit, and checks that lines never start with
// the punctuation that follows them.
func TestFrenchSpacesNeverBreak(t *testing.T) {
	f := testFace(t, "regular")
	s := NewSetter(SetterOptions{})
	text := strings.Repeat("Il dit\u202f: «\u202fVraiment\u202f?\u202f» et\u00a0; puis\u202f! encore\u00a0: «\u202foui\u202f» ; non ! ", 12)
	for w := 60.0; w <= 200; w += 7 {
		p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: w, Lang: "fr"}
		r := s.Set(p)
		checkResult(t, p, r)
		for _, ln := range r.Lines {
			first := []rune(ln.Pieces[0].Text)[0]
			if strings.ContainsRune(";:!?»", first) {
				t.Fatalf("width %.0f: line starts with %q", w, first)
			}
		}
	}
}

func TestThinSpaceBreaks(t *testing.T) {
	f := testFace(t, "regular")
	s := NewSetter(SetterOptions{})
	// Thin spaces are the only break opportunities.
	text := strings.Repeat("abcdef\u2009", 30)
	r := s.Set(Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: 100})
	if len(r.Lines) < 2 || r.Fallback {
		t.Fatalf("thin spaces should break: %d lines, fallback %v", len(r.Lines), r.Fallback)
	}
	// No-break spaces never do: the group, wider than the measure, is
	// broken inside its words (an emergency break) and reported, never
	// at a no-break space.
	text = strings.Repeat("abcdef\u00a0", 30)
	p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: 100}
	r = s.Set(p)
	if len(r.Lines) < 2 || r.Fallback || len(r.Broken) == 0 {
		t.Fatalf("a group wider than the measure: %d lines, fallback %v, %d broken", len(r.Lines), r.Fallback, len(r.Broken))
	}
	for i, ln := range r.Lines {
		if ln.Width > p.Width+0.01 {
			t.Errorf("line %d is %.2f pt wide, past the %.0f pt measure", i, ln.Width, p.Width)
		}
		if i > 0 && ln.Pieces[0].Offset%7 == 0 {
			t.Errorf("line %d starts after a no-break space: %q", i, LineText(ln, true))
		}
	}
}

func TestNarrowNoBreakSpaceIsNotDrawn(t *testing.T) {
	f := testFace(t, "regular")
	s := NewSetter(SetterOptions{})
	r := s.Set(Paragraph{Runs: []Run{{Text: "Quoi\u202f? Oui\u202f!", Style: Style{Face: f, Size: 10}}}, Width: 300})
	pcs := r.Lines[0].Pieces
	var texts []string
	for _, pc := range pcs {
		texts = append(texts, pc.Text)
	}
	if got := strings.Join(texts, "|"); got != "Quoi|?|Oui|!" {
		t.Fatalf("pieces %q", got)
	}
	gap := pcs[1].X - (pcs[0].X + f.Measure("Quoi", 10))
	if gap < 10.0/8-0.01 || gap > 10.0/6+0.01 {
		t.Errorf("narrow space is %.3f pt at 10 pt, want 1/8 to 1/6 em", gap)
	}
	if pcs[1].Offset != 5 || pcs[2].Offset != 7 {
		t.Errorf("offsets %d %d, want 5 7", pcs[1].Offset, pcs[2].Offset)
	}
}

// TestInvisibleCharactersAreNotDrawn sets words holding a word joiner,
// a zero-width joiner and a zero-width no-break space (U+FEFF, a byte
// order mark left in a text): none reaches a piece, so none is drawn or
// read back from the PDF, and the word is as wide as without it.
func TestInvisibleCharactersAreNotDrawn(t *testing.T) {
	f := testFace(t, "regular")
	for _, c := range []string{"\u2060", "\u200d", "\ufeff"} {
		s := NewSetter(SetterOptions{})
		r := s.Set(Paragraph{Runs: []Run{{Text: c + "The zero" + c + "width", Style: Style{Face: f, Size: 10}}}, Width: 300})
		var texts []string
		for _, pc := range r.Lines[0].Pieces {
			texts = append(texts, pc.Text)
		}
		if got := strings.Join(texts, "|"); got != "The|zero|width" {
			t.Errorf("U+%04X: pieces %q, want The|zero|width", []rune(c)[0], got)
			continue
		}
		pcs := r.Lines[0].Pieces
		if w, want := pcs[2].X-pcs[1].X, f.Measure("zero", 10); w < want-0.01 || w > want+0.01 {
			t.Errorf("U+%04X: zero takes %.3f pt, %.3f without it", []rune(c)[0], w, want)
		}
		if pcs[0].X != 0 {
			t.Errorf("U+%04X: the line starts at %.3f pt", []rune(c)[0], pcs[0].X)
		}
	}
}

// TestKerningVisible checks that EB Garamond's GPOS kerning tightens AV,
// Te, Vo and that the setter places the pieces with it.
func TestKerningVisible(t *testing.T) {
	f := testFace(t, "regular")
	for _, pair := range []string{"AV", "Te", "Vo", "To", "Wa", "Yo"} {
		rs := []rune(pair)
		sum := f.Advance(rs[0]) + f.Advance(rs[1])
		got := f.Measure(pair, 1)
		if got >= sum-0.01 {
			t.Errorf("%s measures %.4f em, the advances sum to %.4f em: no kerning", pair, got, sum)
		}
		if k := f.Kern(rs[0], rs[1]); k >= 0 {
			t.Errorf("Kern(%q) = %v", pair, k)
		}
	}
	if f.Kern('a', 'b') != 0 {
		t.Errorf("a b should not kern")
	}
	s := NewSetter(SetterOptions{})
	r := s.Set(Paragraph{Runs: []Run{{Text: "AV", Style: Style{Face: f, Size: 20}}}, Width: 300})
	pcs := r.Lines[0].Pieces
	if len(pcs) != 2 || pcs[1].X >= f.Advance('A')*20 {
		t.Fatalf("AV pieces %+v", pcs)
	}
	if want := (f.Advance('A') + f.Kern('A', 'V')) * 20; pcs[1].X < want-1e-9 || pcs[1].X > want+1e-9 {
		t.Errorf("V at %.4f, want %.4f", pcs[1].X, want)
	}
}

func TestParseFaceRejects(t *testing.T) {
	ttf, err := os.ReadFile("../../fonts/EBGaramond12-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	otto := append([]byte("OTTO"), ttf[4:]...)
	ttc := append([]byte("ttcf"), ttf[4:]...)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a TrueType font"},
		{"text", []byte("hello, this is not a font at all"), "unknown signature"},
		{"cff", otto, "CFF"},
		{"collection", ttc, "collections"},
		{"truncated", ttf[:2000], "typeset: parse font"},
	}
	for _, c := range cases {
		_, err := ParseFace(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.name, err, c.want)
		}
	}
	for _, name := range []string{"Regular", "Italic", "Bold"} {
		b, err := os.ReadFile("../../fonts/" + fontFiles[name])
		if err != nil {
			t.Fatal(err)
		}
		f, err := ParseFace(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.UnitsPerEm() != 1000 || f.Ascent() <= 0 || f.Descent() >= 0 || !f.HasGlyph('A') || f.HasGlyph('\U0001F600') {
			t.Errorf("%s: upem %d ascent %v descent %v", name, f.UnitsPerEm(), f.Ascent(), f.Descent())
		}
	}
}

// FuzzParseFace damages a real font: ParseFace must return an error or a
// usable face, never panic.
func FuzzParseFace(f *testing.F) {
	ttf, err := os.ReadFile("../../fonts/EBGaramond12-Regular.ttf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ttf[:4096], 100, byte(0))
	f.Add([]byte("true\x00\x05"), 0, byte(1))
	f.Fuzz(func(t *testing.T, prefix []byte, at int, b byte) {
		data := append([]byte(nil), ttf...)
		copy(data, prefix)
		if at >= 0 && at < len(data) {
			data[at] = b
		}
		// A face that parses gives finite widths and kerning (a damaged
		// kerning table may make a width negative: testdata/fuzz); a
		// refused file gives an error that says what it is.
		sound := func(face *Face, err error) {
			t.Helper()
			if err != nil {
				if !strings.HasPrefix(err.Error(), "typeset: parse font") {
					t.Fatalf("error without its step: %v", err)
				}
				return
			}
			if w := face.Measure("AVé Te", 10); math.IsNaN(w) || math.IsInf(w, 0) {
				t.Fatalf("width %v", w)
			}
			if k := face.Kern('A', 'V'); math.IsNaN(k) || math.IsInf(k, 0) {
				t.Fatalf("kerning %v", k)
			}
		}
		sound(ParseFace(data))
		if len(prefix) < len(ttf) {
			sound(ParseFace(ttf[:len(prefix)]))
		}
	})
}

func TestLooseness(t *testing.T) {
	f := testFace(t, "regular")
	text := bookParagraphs(t)[1]
	p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: 260, Lang: "fr"}
	n := len(NewSetter(SetterOptions{}).Set(p).Lines)
	loose := NewSetter(SetterOptions{Looseness: 1}).Set(p)
	if len(loose.Lines) != n+1 {
		t.Errorf("looseness 1: %d lines, want %d", len(loose.Lines), n+1)
	}
	checkResult(t, p, loose)
}

// FuzzSet sets arbitrary text: no panic, and lines within the measure
// unless the result is a reported fallback.
func FuzzSet(f *testing.F) {
	face := testFace(f, "regular")
	s := NewSetter(SetterOptions{})
	f.Add("Il dit\u202f: «\u202fOui\u202f!\u202f» l’enthousiasme Boulogne-sur-Mer", 120.0, uint8(0))
	f.Add("https://example.org/a/b/c x\u00ad\u00adyz \u200b\u2009\u00a0 - -- ", 30.0, uint8(1))
	f.Add("", 0.0, uint8(2))
	f.Add("Les Canadiens libèrent Boulogne-sur-Mer le 22 septembre 1944 après six jours de combats acharnés autour de la ville haute", 90.0, uint8(4))
	f.Fuzz(func(t *testing.T, text string, width float64, align uint8) {
		if width != width || width > 1e6 || width < -1e6 {
			return
		}
		p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: face, Size: 10}}, {Text: "¹", Style: Style{Face: face, Size: 6, Rise: 3}, Uncounted: true}},
			Width: width, Indent: 5, Align: Align(align % 4), Lang: "fr"}
		if align&4 != 0 {
			// As the page builder sets a paragraph again: no hyphen at the
			// end of lines 1 and 2.
			p.NoHyphenAfter = []int{1, 2}
		}
		r := s.Set(p)
		var buf strings.Builder
		s.Dump(&buf, r)
		for i, ln := range r.Lines {
			if !r.Fallback && width > 0 && ln.Width > width+0.01 {
				t.Fatalf("line width %.3f > %.3f: %q", ln.Width, width, LineText(ln, true))
			}
			if !r.Fallback && ln.Hyphenated && align&4 != 0 && (i == 1 || i == 2) {
				t.Fatalf("line %d ends with a hyphen though NoHyphenAfter: %q", i, LineText(ln, true))
			}
		}
	})
}

// TestDegenerateStyles: a run without a face or with no size is set
// without panicking (the page builder reports such problems itself).
func TestDegenerateStyles(t *testing.T) {
	s := NewSetter(SetterOptions{})
	for _, st := range []Style{{Size: 10}, {Face: testFace(t, "regular")}, {Face: testFace(t, "regular"), Size: -3}} {
		r := s.Set(Paragraph{Runs: []Run{{Text: "Une phrase assez longue pour faire plusieurs lignes, enthousiasme.", Style: st}}, Width: 80, Lang: "fr"})
		if len(r.Lines) == 0 {
			t.Errorf("%+v: no lines", st)
		}
	}
	if r := s.Set(Paragraph{Runs: []Run{{Text: "  \u00a0 ", Style: Style{Size: 10}}}, Width: 80}); len(r.Lines) != 0 {
		t.Errorf("blank paragraph: %d lines", len(r.Lines))
	}
}
