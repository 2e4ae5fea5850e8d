package typeset

import (
	"testing"
)

// TestReleaseKeepsResults sets the sample book's paragraphs, releases the
// setter and sets them again: the lines are the same, the released setter
// has measured the words again into a cache of its own, and the sibling
// that shared its cache still has the words.
func TestReleaseKeepsResults(t *testing.T) {
	f := testFace(t, "regular")
	s := NewSetter(SetterOptions{})
	sib := s.Sibling()
	var ps []Paragraph
	var before []Result
	for _, text := range bookParagraphs(t) {
		p := Paragraph{Runs: []Run{{Text: text, Style: Style{Face: f, Size: 11}}}, Width: 300, Indent: 11, Lang: "fr"}
		ps = append(ps, p)
		before = append(before, s.Set(p))
	}
	words := wordsIn(s.shared)
	if words == 0 {
		t.Fatal("the setter measured no word")
	}
	s.Release()
	if n := wordsIn(s.shared); n != 0 || len(s.memo) != 0 {
		t.Fatalf("after Release the setter keeps %d words and %d memos", n, len(s.memo))
	}
	if n := wordsIn(sib.shared); n != words {
		t.Errorf("the sibling's cache holds %d words after Release, %d before", n, words)
	}
	for i, p := range ps {
		after := s.Set(p)
		if len(after.Lines) != len(before[i].Lines) {
			t.Fatalf("paragraph %d: %d lines after Release, %d before", i, len(after.Lines), len(before[i].Lines))
		}
		for j := range after.Lines {
			a, b := after.Lines[j], before[i].Lines[j]
			if a.Offset != b.Offset || a.Ratio != b.Ratio || a.Width != b.Width || !samePieceX(a, b) {
				t.Fatalf("paragraph %d, line %d differs after Release", i, j)
			}
		}
	}
	if n := wordsIn(s.shared); n != words {
		t.Errorf("set again, the released setter measured %d words, %d the first time", n, words)
	}
}

// wordsIn counts the words of a word cache, every face.
func wordsIn(c *wordCache) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, fw := range c.faces {
		n += fw.count
	}
	return n
}
