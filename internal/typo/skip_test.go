package typo

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// skipAlphabet holds every character the quotes, spacing and dashes passes
// look at, and a few they do not.
var skipAlphabet = []rune{'a', 'B', '1', ' ', ' ', '\u00a0', '\u202f', ';', ':', '!', '?', '«', '»', '‹', '›',
	'-', '–', '—', '.', '.', ',', '"', '\'', '“', '”', '(', ')'}

// randomList returns an inline list of one to three texts, each in
// French, English or another language, from skipAlphabet.
func randomList(rng *rand.Rand) []model.Inline {
	var ins []model.Inline
	for range 1 + rng.IntN(3) {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteRune(skipAlphabet[rng.IntN(len(skipAlphabet))])
		}
		t := &model.Text{Value: b.String()}
		ins = append(ins, &model.Span{Lang: []string{"fr", "en", "de"}[rng.IntN(3)], Children: []model.Inline{t}})
		if rng.IntN(4) == 0 {
			ins = append(ins, &model.LineBreak{}) // a line starts (dialogue dashes)
		}
	}
	return ins
}

// TestSkippedPassesChangeNothing checks the tests that let list skip a
// pass: whenever one says a pass cannot change a stream, the pass leaves
// every cell as it was. A test that misses a character the pass acts on
// fails here, on short random texts in French, English and another
// language.
func TestSkippedPassesChangeNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	skipped := map[string]int{}
	for range 200000 {
		var s stream
		s.flatten(randomList(rng), langOther, false, false, 0)
		in := slices.Clone(s.cells)
		if !hasStraightQuote(in) {
			skipped["quotes"]++
			if got := s.quotes(slices.Clone(in)); !slices.Equal(got, in) {
				t.Fatalf("quotes changed %q, which has no straight quote", runesOf(in, 0, len(in)))
			}
		}
		if !s.spacingMayChange(in) {
			skipped["spacing"]++
			if got := s.spacing(in, nil); !slices.Equal(got, in) {
				t.Fatalf("spacing changed %q into %q, which spacingMayChange says it cannot", runesOf(in, 0, len(in)), runesOf(got, 0, len(got)))
			}
		}
		if !dashesMayChange(in) {
			skipped["dashes"]++
			for _, dialogue := range []bool{false, true} {
				if got := s.dashes(in, nil, dialogue); !slices.Equal(got, in) {
					t.Fatalf("dashes changed %q into %q, which dashesMayChange says it cannot", runesOf(in, 0, len(in)), runesOf(got, 0, len(got)))
				}
			}
		}
	}
	for _, pass := range []string{"quotes", "spacing", "dashes"} {
		if skipped[pass] < 1000 {
			t.Errorf("the %s pass was skipped %d times: the random texts do not try its test", pass, skipped[pass])
		}
	}
}
