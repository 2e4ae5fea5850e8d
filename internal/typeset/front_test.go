package typeset

import (
	"fmt"
	"testing"
)

// TestFrontGivesTheMemosMeasurement: a word found in the front of a face
// memo has the measurement the memo holds for it, however many words
// share its entry, and words longer than an entry holds are measured
// through the memo alone.
func TestFrontGivesTheMemosMeasurement(t *testing.T) {
	s := NewSetter(SetterOptions{})
	face := testFace(t, "regular")
	var words []string
	for i := range 3 * frontSize {
		words = append(words, fmt.Sprintf("w%d", i), fmt.Sprintf("a-much-longer-word-%d", i))
	}
	for round := range 2 {
		for _, w := range words {
			si := s.measure(face, w, true)
			fm := s.memoOf(face, true)
			if fm.words[w] != si {
				t.Fatalf("round %d: %q measured as %p, the memo holds %p", round, w, si, fm.words[w])
			}
			if si.n != len(w) {
				t.Fatalf("round %d: %q measured as a word of %d runes", round, w, si.n)
			}
		}
	}
	hits := 0
	for i := range frontSize {
		if e := s.memoOf(face, true).front[i]; e.si != nil {
			hits++
		}
	}
	if hits < frontSize/2 {
		t.Errorf("only %d of the front's %d entries hold a word", hits, frontSize)
	}
}
