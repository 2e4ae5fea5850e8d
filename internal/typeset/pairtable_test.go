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
