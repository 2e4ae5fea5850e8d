package typeset

import (
	"fmt"
	"testing"
)

// TestFrontGivesTheMemosMeasurement: a word found in the front of a face
// memo has the measurement the shared table holds for it, however many
// words share its entry, and words longer than an entry holds are
// measured through the table alone.
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
			held := s.memoOf(face, true).words.table.Load().lookup(w, wordHash(w))
			if held != si {
				t.Fatalf("round %d: %q measured as %p, the table holds %p", round, w, si, held)
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

// TestSharedWordsOneMeasurement: two sibling setters measuring the same
// words at once, in opposite orders, while the shared table grows from
// its first size through several larger ones, get the same measurement
// of each word, which the table then holds; the words of another face
// or without ligatures are measured apart. Run it with -race.
func TestSharedWordsOneMeasurement(t *testing.T) {
	a := NewSetter(SetterOptions{})
	b := a.Sibling()
	face := testFace(t, "regular")
	n := 8 * minWordTable
	var words []string
	for i := range n {
		words = append(words, fmt.Sprintf("mot%d", i))
	}
	got := [2][]*segInfo{make([]*segInfo, n), make([]*segInfo, n)}
	done := make(chan bool)
	for k, s := range []*Setter{a, b} {
		go func() {
			for j := range n {
				i := j
				if k == 1 {
					i = n - 1 - j
				}
				got[k][i] = s.measure(face, words[i], true)
			}
			done <- true
		}()
	}
	<-done
	<-done
	table := a.memoOf(face, true).words.table.Load()
	if len(table.slots) < n {
		t.Fatalf("the table has %d slots for %d words", len(table.slots), n)
	}
	for i, w := range words {
		if got[0][i] != got[1][i] {
			t.Fatalf("%q: measured twice (%p, %p)", w, got[0][i], got[1][i])
		}
		if held := table.lookup(w, wordHash(w)); held != got[0][i] {
			t.Fatalf("%q: the table holds %p, not %p", w, held, got[0][i])
		}
	}
	if a.measure(face, words[0], false) == got[0][0] || a.measure(testFace(t, "italic"), words[0], true) == got[0][0] {
		t.Error("another face, or the face without ligatures, shares a measurement")
	}
}
