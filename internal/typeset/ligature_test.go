package typeset

import (
	"strings"
	"testing"
	"unicode"
)

// TestLigatures: EB Garamond's ff, fi, fl, ffi, ffl are measured as one
// glyph (no f+i kern pushing the letters apart), drawn through Ligate, and
// never used in a literal run.
func TestLigatures(t *testing.T) {
	f := testFace(t, "regular")
	if !f.HasLigatures() {
		t.Fatal("EB Garamond maps no ligature at U+FB00–FB04")
	}
	for in, want := range map[string]string{
		"office": "o\uFB03ce", "affluer": "a\uFB04uer", "différent": "di\uFB00érent",
		"fin": "\uFB01n", "fleur": "\uFB02eur", "aff": "a\uFB00", "f": "f", "soif": "soif",
	} {
		if got := f.Ligate(in); got != want {
			t.Errorf("Ligate(%q) = %q, want %q", in, got, want)
		}
	}
	si := measureSegment(f, "confirmée", true)
	plain := measureSegment(f, "confirmée", false)
	wantW := f.Measure(f.Ligate("confirmée"), 1)
	if d := si.cum[si.n] - wantW; d > 1e-9 || d < -1e-9 {
		t.Errorf("confirmée measures %.4f em with ligatures, its ligated glyphs %.4f em", si.cum[si.n], wantW)
	}
	if si.cum[si.n] >= plain.cum[plain.n] {
		t.Errorf("the fi ligature is not narrower than f and i kerned apart: %.4f em ≥ %.4f em", si.cum[si.n], plain.cum[plain.n])
	}
	s := NewSetter(SetterOptions{})
	r := s.Set(Paragraph{Runs: []Run{
		{Text: "Le bureau ", Style: Style{Face: f, Size: 11}},
		{Text: "office", Style: Style{Face: f, Size: 11}, Literal: true},
		{Text: " officiel.", Style: Style{Face: f, Size: 11}},
	}, Width: 400})
	for _, ln := range r.Lines {
		for _, pc := range ln.Pieces {
			if pc.Text == "office" && pc.Ligatures {
				t.Error("a literal run (code) is drawn with ligatures")
			}
			if strings.HasPrefix(pc.Text, "officiel") && !pc.Ligatures {
				t.Error("prose is drawn without ligatures")
			}
		}
	}
}

// TestHyphenInsideLigature: a hyphen between the letters of a ligature
// breaks it: "ef-" ends a line, "froyable" starts the next with its first
// f drawn alone, and every piece stands where its glyphs put it
// (checkResult).
func TestHyphenInsideLigature(t *testing.T) {
	f := testFace(t, "regular")
	s := NewSetter(SetterOptions{})
	found := false
	for w := 40.0; w <= 120 && !found; w++ {
		p := Paragraph{Runs: []Run{{Text: "Un état effroyable, des officiers différents.", Style: Style{Face: f, Size: 11}}}, Width: w, Lang: "fr"}
		r := s.Set(p)
		checkResult(t, p, r)
		for i, ln := range r.Lines {
			last := ln.Pieces[len(ln.Pieces)-1]
			if ln.Hyphenated && strings.HasSuffix(last.Text, "f-") && i+1 < len(r.Lines) {
				next := r.Lines[i+1].Pieces[0]
				if strings.HasPrefix(next.Text, "f") && drawn(next) != "" && !strings.ContainsRune(drawn(last), '\uFB00') {
					found = true
				}
			}
		}
	}
	if !found {
		t.Error("no measure from 40 to 120 pt broke a word between the two f of a ligature")
	}
}

// TestSegmentCore checks a measurement's core (the letters, with the
// apostrophes and hyphens between them) and whether anything else stands
// inside it, against the definition rune by rune, on words of every
// length class of newSegInfo (up to 8 runes, up to 16, longer).
func TestSegmentCore(t *testing.T) {
	f := testFace(t, "regular")
	words := []string{"", "«", "a", "l’homme", "«\u202fAh\u202f!", "1944", "x2y", "a-t-il", "Saint-\u00adÉtienne,",
		"rock’n’roll»", "(voir)", "abc.def", "anti–constitutionnellement", "https://example.org/x-y",
		"extraordinairement!", "…", "«Quoi\u202f?»", "co\u00adop", "l’«autre»", "mot,mot", "« — Ah ! »"}
	for _, w := range words {
		si := measureSegment(f, w, true)
		rs := []rune(w)
		if si.n != len(rs) || len(si.cum) != len(rs)+1 || len(si.byteAt) != len(rs)+1 {
			t.Errorf("%q: %d runes, %d and %d boundaries", w, si.n, len(si.cum), len(si.byteAt))
			continue
		}
		from, to := -1, -1
		for i, r := range rs {
			if unicode.IsLetter(r) {
				if from < 0 {
					from = i
				}
				to = i + 1
			}
		}
		if from < 0 {
			if si.letters {
				t.Errorf("%q: letters, none found", w)
			}
			continue
		}
		clean := true
		for _, r := range rs[from:to] {
			if !unicode.IsLetter(r) && !isApostrophe(r) && !isHyphen(r) && r != '\u00ad' {
				clean = false
			}
		}
		if int(si.coreFrom) != from || int(si.coreTo) != to || si.coreClean != clean {
			t.Errorf("%q: core %d–%d clean %v, want %d–%d clean %v", w, si.coreFrom, si.coreTo, si.coreClean, from, to, clean)
		}
	}
}
