package typeset

import (
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/cputime"
)

// BenchmarkSet sets the sample book's paragraphs at 11 pt on a 300 pt
// measure, justified and hyphenated (pieces built), and reports words per
// second of wall-clock time and of CPU time.
func BenchmarkSet(b *testing.B) {
	f := testFace(b, "regular")
	paras := bookParagraphs(b)
	words := 0
	ps := make([]Paragraph, len(paras))
	for i, t := range paras {
		words += len(strings.Fields(t))
		ps[i] = Paragraph{Runs: []Run{{Text: t, Style: Style{Font: "serif", Face: f, Size: 11}}}, Width: 300, Indent: 11, Lang: "fr"}
	}
	s := NewSetter(SetterOptions{})
	for _, p := range ps { // warm the word memo, as a book's later chapters find it
		s.Set(p)
	}
	b.ResetTimer()
	cpu0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		for _, p := range ps {
			s.Set(p)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	// The same per second of CPU time used (garbage collection included):
	// the machine's load does not change it.
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(words)*float64(b.N)/cpu.Seconds(), "words/cpu-s")
	}
}

// BenchmarkSetLoose sets long paragraphs a line longer and a line shorter
// (Looseness +1 and -1), as the page builder does to fill a short page:
// the line breaker then keeps a node per line count that reaches a break,
// so its work grows faster than the paragraph's length. Each paragraph is
// four of the sample book's joined, 13 lines on this measure (many of a
// nineteenth-century novel's are longer).
func BenchmarkSetLoose(b *testing.B) {
	f := testFace(b, "regular")
	paras := bookParagraphs(b)
	var ps []Paragraph
	for i := 0; i+4 <= len(paras); i += 4 {
		t := strings.Join(paras[i:i+4], " ")
		ps = append(ps, Paragraph{Runs: []Run{{Text: t, Style: Style{Font: "serif", Face: f, Size: 11}}}, Width: 300, Indent: 11, Lang: "fr"})
	}
	s := NewSetter(SetterOptions{})
	lines := 0
	for _, p := range ps { // warm the word memo
		lines += len(s.Set(p).Lines)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range ps {
			for _, d := range [2]int{1, -1} {
				p.Looseness = d
				s.Set(p)
			}
		}
	}
	b.ReportMetric(float64(lines)/float64(len(ps)), "lines/para")
}
