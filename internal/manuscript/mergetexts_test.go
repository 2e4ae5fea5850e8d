package manuscript

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestMergeTextsQuickLook checks the quick look that lets mergeTexts return
// a list as it is: whenever textsToMerge finds nothing to do, joining the
// texts gives the same list, node for node, text for text. The lists are
// random runs of texts (empty or not, on lines 0 to 2) and emphases.
func TestMergeTextsQuickLook(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	kept, joined := 0, 0
	for range 100000 {
		var ins []model.Inline
		for range rng.IntN(6) {
			if rng.IntN(4) == 0 {
				ins = append(ins, &model.Emphasis{})
				continue
			}
			ins = append(ins, &model.Text{Value: []string{"", "a", "b c"}[rng.IntN(3)], Pos: model.Position{Line: rng.IntN(3)}})
		}
		if textsToMerge(ins) {
			joined++
			continue
		}
		kept++
		out := joinTexts(ins)
		if len(out) != len(ins) {
			t.Fatalf("textsToMerge found nothing to do in %s, but joining gives %d nodes instead of %d", describe(ins), len(out), len(ins))
		}
		for i := range ins {
			a, aText := ins[i].(*model.Text)
			b, bText := out[i].(*model.Text)
			switch {
			case aText != bText, !aText && ins[i] != out[i]:
				t.Fatalf("textsToMerge found nothing to do in %s, but joining changes node %d", describe(ins), i)
			case aText && (a.Value != b.Value || a.Pos != b.Pos):
				t.Fatalf("textsToMerge found nothing to do in %s, but joining changes text %d into %q at line %d", describe(ins), i, b.Value, b.Pos.Line)
			}
		}
	}
	if kept < 1000 || joined < 1000 {
		t.Errorf("%d lists kept and %d joined: the random lists do not try both ways", kept, joined)
	}
}

// describe shows an inline list of texts and emphases.
func describe(ins []model.Inline) string {
	s := "["
	for _, in := range ins {
		if t, ok := in.(*model.Text); ok {
			s += fmt.Sprintf(" %q@%d", t.Value, t.Pos.Line)
		} else {
			s += " *"
		}
	}
	return s + " ]"
}
