package typeset

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// monoFace returns the monospaced face publish ships for code.
func monoFace(t *testing.T) *Face {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "fonts", "LiberationMono-Regular.ttf"))
	if err != nil {
		t.Fatalf("load Liberation Mono: %v", err)
	}
	f, err := ParseFace(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestLiteralSpacesNotStretched sets inline code (issue 14's
// "Remplacez `([A-Za-z ]+) ([0-9]+)` par `\t`") in a justified paragraph:
// the code's spaces keep the monospaced face's advance on every line,
// however much the prose spaces stretch, and two spaces stay two.
func TestLiteralSpacesNotStretched(t *testing.T) {
	serif, mono := testFace(t, "regular"), monoFace(t)
	text := Style{Font: "serif", Face: serif, Size: 11}
	code := Style{Font: "mono", Face: mono, Size: 8.8}
	adv := mono.Advance(' ') * code.Size
	for _, width := range []float64{150, 170, 200, 240} {
		p := Paragraph{Width: width, Align: Justify, Lang: "fr", Runs: []Run{
			{Text: "Remplacez, dans le fichier de travail que vous avez ouvert, ", Style: text},
			{Text: "([A-Za-z ]+) ([0-9]+)", Style: code, Literal: true},
			{Text: " par ", Style: text},
			{Text: "a  b", Style: code, Literal: true},
			{Text: " puis enregistrez le fichier sous un autre nom avant de continuer.", Style: text},
		}}
		res := NewSetter(SetterOptions{}).Set(p)
		for _, l := range res.Lines {
			for i := 1; i < len(l.Pieces); i++ {
				a, b := l.Pieces[i-1], l.Pieces[i]
				if a.Style.Font != "mono" || b.Style.Font != "mono" || b.Space == 0 {
					continue
				}
				gap := b.X - (a.X + mono.Measure(a.Text, code.Size))
				want := adv
				if a.Text == "a" {
					want = 2 * adv // "a  b": two spaces
				}
				if math.Abs(gap-want) > 0.01 {
					t.Errorf("width %g: the space between %q and %q is %.2f pt, want %.2f (line %q)", width, a.Text, b.Text, gap, want, LineText(l, false))
				}
			}
			if l.Hyphenated && strings.HasSuffix(lastMono(l), "-") {
				t.Errorf("width %g: a hyphen was added in code: %q", width, LineText(l, false))
			}
		}
	}
}

func lastMono(l Line) string {
	if n := len(l.Pieces); n > 0 && l.Pieces[n-1].Style.Font == "mono" {
		return l.Pieces[n-1].Text
	}
	return ""
}

// TestLiteralBreaks checks where a word of literal text and a web address
// may break: only after / . - _ = ? & #, never inside "://", never by the
// hyphenation patterns, never with a hyphen added.
func TestLiteralBreaks(t *testing.T) {
	s := NewSetter(SetterOptions{})
	for _, c := range []struct{ text, want string }{
		{"https://raw.githubusercontent.com/exemple/depot/gh-pages/assets/un_nom.csv", "https://|raw.|githubusercontent.|com/|exemple/|depot/|gh-|pages/|assets/|un_|nom.|csv"},
		{"http://www.example.org/logiciel/version-4/", "http://|www.|example.|org/|logiciel/|version-4/"},
		{"?a=1&b=22#frag", "?a=|1&b=|22#|frag"},
		{"personne@example.org", "personne@example.|org"},
	} {
		si := s.measure(nil, c.text, false)
		var sb strings.Builder
		from := 0
		for _, b := range literalBreaks(nil, c.text, si) {
			sb.WriteString(c.text[si.byteAt[from]:si.byteAt[b.pos]] + "|")
			from = int(b.pos)
			if b.soft {
				t.Errorf("%q: a break adds a hyphen", c.text)
			}
		}
		sb.WriteString(c.text[si.byteAt[from]:])
		if sb.String() != c.want {
			t.Errorf("breaks of %q:\n got %s\nwant %s", c.text, sb.String(), c.want)
		}
	}
}
