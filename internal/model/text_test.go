package model

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// randomInlines returns a random inline tree of texts (ASCII, accented,
// astral), code, line breaks, note calls and raw HTML, nested in
// emphases and links.
func randomInlines(rng *rand.Rand, depth int) []Inline {
	words := []string{"", "a", "été", "—", "𝄞x", " "}
	var ins []Inline
	for range rng.IntN(5) {
		switch rng.IntN(7) {
		case 0:
			ins = append(ins, &Code{Text: words[rng.IntN(len(words))]})
		case 1:
			ins = append(ins, &LineBreak{})
		case 2:
			ins = append(ins, &NoteRef{})
		case 3:
			ins = append(ins, &RawInline{Nodes: []*HTMLNode{{Tag: "b", Children: []*HTMLNode{{Text: "gras é"}}}}})
		case 4:
			if depth < 3 {
				ins = append(ins, &Emphasis{Children: randomInlines(rng, depth+1)})
			}
		case 5:
			if depth < 3 {
				ins = append(ins, &Link{URL: "https://example.org", Children: randomInlines(rng, depth+1)})
			}
		default:
			ins = append(ins, &Text{Value: words[rng.IntN(len(words))]})
		}
	}
	return ins
}

// TestPlainTextLen: the characters counted without making the text are
// those of the text.
func TestPlainTextLen(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		ins := randomInlines(rng, 0)
		if got, want := PlainTextLen(ins), utf8.RuneCountInString(PlainText(ins)); got != want {
			t.Fatalf("PlainTextLen gives %d, the text %q has %d characters", got, PlainText(ins), want)
		}
	}
}
