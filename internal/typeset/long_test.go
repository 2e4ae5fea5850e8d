package typeset

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/cputime"
)

// longParagraph returns a paragraph of about words words made of the
// sample book's text, joined into one.
func longParagraph(t testing.TB, words int) Paragraph {
	t.Helper()
	f := testFace(t, "regular")
	all := strings.Fields(strings.Join(bookParagraphs(t), " "))
	ws := make([]string, 0, words)
	for len(ws) < words {
		ws = append(ws, all[:min(len(all), words-len(ws))]...)
	}
	return Paragraph{Runs: []Run{{Text: strings.Join(ws, " "), Style: Style{Font: "serif", Face: f, Size: 11}}},
		Width: 300, Indent: 11, Lang: "fr"}
}

// TestLongParagraphLinear sets paragraphs of 20 000 and 160 000 words:
// the processor time and the memory allocated must grow about eight
// times, not sixty-four (within a factor of 20 for time, 12 for memory:
// the best of three runs).
func TestLongParagraphLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("sets 180 000 words")
	}
	measure := func(p Paragraph) (cpu float64, alloc uint64, lines int) {
		for range 3 {
			s := NewSetter(SetterOptions{})
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := cputime.Process()
			res := s.Set(p)
			d := float64(cputime.Process() - start)
			runtime.ReadMemStats(&m1)
			if a := m1.TotalAlloc - m0.TotalAlloc; alloc == 0 || a < alloc {
				alloc = a
			}
			if cpu == 0 || d < cpu {
				cpu = d
			}
			lines = len(res.Lines)
		}
		return
	}
	smallCPU, smallAlloc, smallLines := measure(longParagraph(t, 20000))
	largeCPU, largeAlloc, largeLines := measure(longParagraph(t, 160000))
	if smallCPU <= 0 {
		t.Skip("no processor time on this system")
	}
	t.Logf("20 000 words: %d lines, %.0f ms, %d MB allocated; 160 000 words: %d lines, %.0f ms, %d MB allocated",
		smallLines, smallCPU/1e6, smallAlloc>>20, largeLines, largeCPU/1e6, largeAlloc>>20)
	if r := largeCPU / smallCPU; r > 20 {
		t.Errorf("eight times the words take %.1f times the processor time: not linear", r)
	}
	if r := float64(largeAlloc) / float64(smallAlloc); r > 12 {
		t.Errorf("eight times the words allocate %.1f times the memory: not linear", r)
	}
	if r := float64(largeLines) / float64(smallLines); r < 7.5 || r > 8.5 {
		t.Errorf("eight times the words make %.1f times the lines", r)
	}
}

// TestLongParagraphSetAgain sets a long paragraph, then sets it again
// forbidding a hyphen at the end of a line far into it, as a page builder
// does for a page's last line: the constrained line has no hyphen, the
// lines of the windows before it are the same, and the result is that of
// a setter that never saw the paragraph (the remembered windows change
// nothing).
func TestLongParagraphSetAgain(t *testing.T) {
	p := longParagraph(t, 20000)
	s := NewSetter(SetterOptions{})
	start := cputime.Process()
	first := s.Set(p)
	full := cputime.Process() - start
	if first.Fallback {
		t.Fatal("the long paragraph fell back to greedy lines")
	}
	line := -1
	for i := 1000; i < len(first.Lines); i++ {
		if first.Lines[i].Hyphenated {
			line = i
			break
		}
	}
	if line < 0 {
		t.Fatal("no hyphenated line after line 1000")
	}
	p.NoHyphenAfter = []int{line}
	start = cputime.Process()
	again := s.Set(p)
	resetCPU := cputime.Process() - start
	if again.Lines[line].Hyphenated {
		t.Errorf("line %d still ends with a hyphen", line)
	}
	for i := 0; i < line-200; i++ {
		if !reflect.DeepEqual(first.Lines[i], again.Lines[i]) {
			t.Fatalf("line %d, far before the constrained line %d, changed", i, line)
		}
	}
	t.Logf("%d lines; set in %v, set again (line %d) in %v", len(first.Lines), full, line, resetCPU)
	// Lines the same as those of a setter that never set it before.
	if fresh := NewSetter(SetterOptions{}).Set(p); !reflect.DeepEqual(fresh, again) {
		t.Errorf("set again, the paragraph differs from a fresh setter's")
	}
}

// TestLongParagraphWindowsAreSound compares a paragraph just long enough
// to be set in windows with the same text set whole: the lines are as
// many within a few, and none is looser or tighter than the tolerance
// allows.
func TestLongParagraphWindowsAreSound(t *testing.T) {
	p := longParagraph(t, 4000)
	s := NewSetter(SetterOptions{})
	windows := s.Set(p)
	s.buildItems(&p)
	if len(s.items) <= longParagraphItems {
		t.Fatalf("%d items: not a long paragraph", len(s.items))
	}
	breaks, _, ok := s.kp.run(s, &p, s.items)
	if !ok {
		t.Fatal("no whole setting")
	}
	d := len(windows.Lines) - len(breaks)
	if d < -3 || d > 3 {
		t.Errorf("%d lines in windows, %d set whole", len(windows.Lines), len(breaks))
	}
	// No line is tighter than the shrink allows, and the windows have no
	// more lines looser than the tolerance (emergency stretch) than the
	// whole setting, give or take a few.
	loose := 0
	for i, l := range windows.Lines[:len(windows.Lines)-1] {
		if l.Ratio < -1-1e-9 {
			t.Errorf("line %d: ratio %.2f", i, l.Ratio)
		}
		if badness(l.Ratio) > 200 {
			loose++
		}
	}
	wholeLoose := 0
	start := 0
	for _, b := range breaks[:len(breaks)-1] {
		if badness(s.buildLine(&p, start, b, 0).Ratio) > 200 {
			wholeLoose++
		}
		start = s.lineStart(b)
	}
	if loose > wholeLoose+3 {
		t.Errorf("%d lines looser than the tolerance in windows, %d set whole", loose, wholeLoose)
	}
	t.Logf("%d lines looser than the tolerance in windows, %d set whole", loose, wholeLoose)
	whole := map[int]bool{}
	start = 0
	for _, b := range breaks {
		whole[s.buildLine(&p, start, b, 0).Offset] = true
		start = s.lineStart(b)
	}
	same := 0
	for _, l := range windows.Lines {
		if whole[l.Offset] {
			same++
		}
	}
	t.Logf("%d lines in windows, %d set whole, %d lines start at the same place", len(windows.Lines), len(breaks), same)
}
