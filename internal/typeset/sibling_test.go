package typeset

import (
	"reflect"
	"sync"
	"testing"
)

// TestSiblingSharesWords sets the sample book's paragraphs with a setter,
// then with its sibling: the sibling finds every word measured and
// hyphenated (its hyphenator is never asked), and its lines are those of
// a setter of its own.
func TestSiblingSharesWords(t *testing.T) {
	f := testFace(t, "regular")
	var ps []Paragraph
	for _, text := range bookParagraphs(t) {
		ps = append(ps, Paragraph{Runs: []Run{{Text: text, Style: Style{Font: "serif", Face: f, Size: 11}}}, Width: 300, Indent: 11, Lang: "fr"})
	}
	a := NewSetter(SetterOptions{Exceptions: []string{"Bou-logne"}})
	for _, p := range ps {
		a.Set(p)
	}
	if a.hy.asked == 0 {
		t.Fatal("the first setter hyphenated no word")
	}
	b := a.Sibling()
	alone := NewSetter(SetterOptions{Exceptions: []string{"Bou-logne"}})
	for i, p := range ps {
		if got, want := b.Set(p), alone.Set(p); !reflect.DeepEqual(got, want) {
			t.Fatalf("paragraph %d: the sibling's lines differ from a setter's of its own", i)
		}
	}
	if n := b.hy.asked; n != 0 {
		t.Errorf("the sibling hyphenated %d words again", n)
	}
}

// TestSiblingsConcurrent sets the same paragraphs with two siblings on two
// goroutines at once (run it with -race): both get the lines of a setter
// of their own.
func TestSiblingsConcurrent(t *testing.T) {
	f := testFace(t, "regular")
	var ps []Paragraph
	for _, text := range bookParagraphs(t) {
		for _, lang := range []string{"fr", "en"} {
			ps = append(ps, Paragraph{Runs: []Run{{Text: text, Style: Style{Font: "serif", Face: f, Size: 11}}}, Width: 280, Lang: lang})
		}
	}
	alone := NewSetter(SetterOptions{})
	want := make([]Result, len(ps))
	for i, p := range ps {
		want[i] = alone.Set(p)
	}
	a := NewSetter(SetterOptions{})
	b := a.Sibling()
	got := [2][]Result{make([]Result, len(ps)), make([]Result, len(ps))}
	var wg sync.WaitGroup
	for k, s := range []*Setter{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ps {
				if k == 1 {
					i = len(ps) - 1 - i // meet in the middle, as the page builder and the warmer
				}
				got[k][i] = s.Set(ps[i])
			}
		}()
	}
	wg.Wait()
	for k := range got {
		for i := range ps {
			if !reflect.DeepEqual(got[k][i], want[i]) {
				t.Fatalf("setter %d, paragraph %d: lines differ from a setter's of its own", k, i)
			}
		}
	}
}
