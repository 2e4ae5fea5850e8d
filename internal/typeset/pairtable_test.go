package typeset

import (
	"math/rand/v2"
	"testing"
)

// TestPairTable checks the sorted kerning pairs against a map filled in
// the same order: a pair given twice keeps its first value (GPOS) or its
// last (kern table), whether the pairs came sorted or not.
func TestPairTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 2000 {
		n := rng.IntN(40)
		sorted := round%2 == 0
		var keys []uint32
		for i := range n {
			k := uint32(rng.IntN(30))<<16 | uint32(rng.IntN(30))
			if sorted {
				k = uint32(i / 2 * 3) // sorted, with repeats
			}
			keys = append(keys, k)
		}
		for _, firstWins := range []bool{true, false} {
			want := map[uint32]int16{}
			var table pairTable
			for i, k := range keys {
				v := int16(i + 1)
				if _, dup := want[k]; !dup || !firstWins {
					want[k] = v
				}
				table.add(k, v)
			}
			table.sort(firstWins)
			if len(table.keys) != len(want) {
				t.Fatalf("%d pairs kept, want %d (keys %v, first wins %v)", len(table.keys), len(want), keys, firstWins)
			}
			for a := uint32(0); a < 30; a++ {
				for b := uint32(0); b < 90; b++ {
					k := a<<16 | b
					got, ok := table.get(k)
					w, wok := want[k]
					if ok != wok || got != w {
						t.Fatalf("pair %d,%d: %d %v, want %d %v (keys %v, first wins %v)", a, b, got, ok, w, wok, keys, firstWins)
					}
				}
			}
		}
	}
}

// TestKernMemoMatchesLookUp checks that the memo of kerning pairs gives
// the subtables' value for every pair of the glyphs of French and English
// letters and punctuation, looked up twice (the second time from the
// memo, where thousands of pairs share 4,096 entries), in each face.
func TestKernMemoMatchesLookUp(t *testing.T) {
	runes := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàâçéèêëîïôûùüÿœæÀÉÈÊÇ.,;:!?’'«»“”-–—()0123456789")
	for _, name := range []string{"regular", "italic", "bold"} {
		f := testFace(t, name)
		if f.kern.memo == nil {
			t.Fatalf("%s: no memo", name)
		}
		kerned := 0
		for round := range 2 {
			for _, a := range runes {
				for _, b := range runes {
					ga, gb := f.glyph(a), f.glyph(b)
					got, want := f.kern.pair(ga, gb), f.kern.lookUp(ga, gb)
					if got != want {
						t.Fatalf("%s, round %d: %c%c kerned %d, the subtables say %d", name, round, a, b, got, want)
					}
					if round == 0 && want != 0 {
						kerned++
					}
				}
			}
		}
		// The comparison means something only if many pairs are kerned.
		if kerned < 300 {
			t.Errorf("%s: only %d pairs kerned", name, kerned)
		}
	}
}
