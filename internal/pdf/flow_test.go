package pdf

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/typeset"
)

// flowSpec builds items from a compact description: "p12" is a paragraph
// of 12 lines, "h" a heading (two lines, kept with what follows), "f4" a
// figure four lines high.
func flowSpec(spec string) []*item {
	var out []*item
	for bi, tok := range strings.Fields(spec) {
		var n int
		switch tok[0] {
		case 'p':
			fmt.Sscanf(tok[1:], "%d", &n)
			for i := 0; i < n; i++ {
				out = append(out, &item{kind: itemLine, height: 1, block: bi, offset: i,
					breakOK: i >= 1 && n-1-i >= 2 || i == n-1, dump: fmt.Sprintf("p%d.%d", bi, i)})
			}
		case 'h':
			out = append(out, &item{kind: itemBox, height: 2, block: bi, dump: fmt.Sprintf("h%d", bi), outline: &outlineEntry{}})
		case 'f':
			fmt.Sscanf(tok[1:], "%d", &n)
			out = append(out, &item{kind: itemFigure, height: float64(n), block: bi, breakOK: true, dump: fmt.Sprintf("f%d", bi)})
		}
	}
	return out
}

func TestPaginateRules(t *testing.T) {
	tests := []struct {
		name, spec string
		capacity   float64
		want       []string // per page: the items' dump names, "|" between items
	}{
		{"break inside a long paragraph", "p12", 10, []string{"p0.0..p0.9", "p0.10..p0.11"}},
		{"no widow: two lines go over", "p11", 10, []string{"p0.0..p0.8", "p0.9..p0.10"}},
		{"no orphan: a paragraph's first line does not end a page", "p9 p3", 10, []string{"p0.0..p0.8", "p1.0..p1.2"}},
		{"a heading stays with its text", "p8 h p5", 10, []string{"p0.0..p0.7", "h1 p2.0..p2.4"}},
		{"a figure that does not fit floats, text flows on", "p7 f5 p6", 10, []string{"p0.0..p0.6 p2.0..p2.2", "f1 p2.3..p2.5"}},
		{"a three-line paragraph is never split", "p8 p3", 10, []string{"p0.0..p0.7", "p1.0..p1.2"}},
		{"waiting figures come before the next heading", "p5 f6 p1 h p2", 10, []string{"p0.0..p0.4 p2.0..p2.0", "f1 h3 p4.0..p4.1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := &builder{}
			pages := b.paginate(flowSpec(tc.spec), tc.capacity, tc.capacity, 99)
			var got []string
			for _, pg := range pages {
				got = append(got, summarize(pg))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("pages\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// summarize names a page's items, runs of one paragraph's lines as a..b.
func summarize(pg *flowPage) string {
	var parts []string
	for i := 0; i < len(pg.placed); i++ {
		it := pg.placed[i].it
		if it.kind != itemLine {
			parts = append(parts, it.dump)
			continue
		}
		j := i
		for j+1 < len(pg.placed) && pg.placed[j+1].it.kind == itemLine && pg.placed[j+1].it.block == it.block {
			j++
		}
		parts = append(parts, it.dump+".."+pg.placed[j].it.dump)
		i = j
	}
	return strings.Join(parts, " ")
}

// TestSpreadsLevel checks that facing pages end on the same line when the
// text cannot fill them (paragraphs of three lines, never split, on pages
// of ten lines): the spread runs a line short together, rather than the
// verso full and the recto short.
func TestSpreadsLevel(t *testing.T) {
	spec := strings.Repeat("p3 ", 40)
	b := &builder{lead: 1}
	pages := b.paginate(flowSpec(spec), 10, 10, 99)
	if len(pages) < 5 {
		t.Fatalf("%d pages", len(pages))
	}
	for k := 1; k+1 < len(pages); k += 2 {
		v, r := pages[k], pages[k+1]
		if r.final {
			break
		}
		if v.used != r.used {
			t.Errorf("spread %d–%d ends at %.0f and %.0f lines:\n%s\n%s", k, k+1, v.used, r.used, summarize(v), summarize(r))
		}
		if v.used < 9 {
			t.Errorf("spread %d–%d runs %.0f lines short", k, k+1, 10-v.used)
		}
	}
}

// TestCallPage checks how far a figure is printed from its call: three
// figures of eight lines in a row after six lines of text, on pages of
// ten, go one to a page, one, two and three pages after the page that
// reaches them; the make-up warns (figure-far) at the second and third.
func TestCallPage(t *testing.T) {
	b := &builder{}
	s := &section{pages: b.paginate(flowSpec("p6 f8 f8 f8 p40"), 10, 10, 99)}
	var got []int
	for idx, fp := range s.pages {
		for _, pl := range fp.placed {
			if pl.it.kind == itemFigure {
				got = append(got, idx-callPage(s, pl.it))
			}
		}
	}
	if want := []int{1, 2, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("figures printed %v pages after their call, want %v", got, want)
	}
}

// TestParagraphSpan checks that the span of a paragraph's lines found
// from a page's start is the one a search of the whole flow finds,
// whether the paragraph starts before, at or after the start, or is not
// in the flow.
func TestParagraphSpan(t *testing.T) {
	items := flowSpec("p3 h p5 f2 p4 p1")
	paras := map[int]*setPara{}
	for _, it := range items {
		if it.kind == itemLine {
			if paras[it.block] == nil {
				paras[it.block] = &setPara{}
			}
			it.para = paras[it.block]
		}
	}
	whole := func(p *setPara) (int, int) {
		first, last := -1, -1
		for i, it := range items {
			if it.para == p {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		return first, last
	}
	all := []*setPara{paras[0], paras[2], paras[4], paras[5], {}}
	for cur := -1; cur <= len(items)+1; cur++ {
		for k, p := range all {
			wf, wl := whole(p)
			if f, l := paragraphSpan(items, p, cur); f != wf || l != wl {
				t.Errorf("paragraph %d from %d: span %d..%d, want %d..%d", k, cur, f, l, wf, wl)
			}
		}
	}
}

// TestRollbackUndoesFlowEdits checks that rollback gives the flow back
// the items it had at each mark, edits that grow, shrink and keep its
// length undone last first.
func TestRollbackUndoesFlowEdits(t *testing.T) {
	b := &builder{}
	items := flowSpec("p4 h p3 f2")
	orig := slices.Clone(items)
	x, y, z := &item{dump: "x"}, &item{dump: "y"}, &item{dump: "z"}
	m0 := b.mark()
	b.spliceFlow(&items, 1, 3, []*item{x})
	after1 := slices.Clone(items)
	m1 := b.mark()
	b.spliceFlow(&items, 0, 1, []*item{y, z})
	b.spliceFlow(&items, 3, 1, []*item{x})
	b.spliceFlow(&items, len(items), 0, []*item{z})
	if len(items) != len(orig)-2+1+1 {
		t.Fatalf("after the edits: %d items", len(items))
	}
	b.rollback(&items, m1)
	if !slices.Equal(items, after1) {
		t.Errorf("rollback to the second mark: %v, want %v", names(items), names(after1))
	}
	b.rollback(&items, m0)
	if !slices.Equal(items, orig) {
		t.Errorf("rollback to the first mark: %v, want %v", names(items), names(orig))
	}
	if len(b.edits) != 0 {
		t.Errorf("%d edits left after the rollback", len(b.edits))
	}
}

func names(items []*item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.dump)
	}
	return out
}

// countingSetter counts the paragraphs it is asked to set.
type countingSetter struct{ calls int }

func (c *countingSetter) Set(p typeset.Paragraph) typeset.Result {
	c.calls++
	return typeset.Result{Lines: make([]typeset.Line, 3+p.Looseness)}
}

// TestSettingsTriedAgainAreKept checks that a paragraph set again a line
// longer or shorter, or without a hyphen at a line's end, is set once for
// each setting however often the page builder tries it, and that the plain
// setting is not kept (it is the paragraph's own result).
func TestSettingsTriedAgainAreKept(t *testing.T) {
	s := &countingSetter{}
	p := &setPara{}
	for i := 0; i < 3; i++ {
		for _, tp := range []typeset.Paragraph{{Looseness: 1}, {Looseness: -1}, {NoHyphenAfter: []int{2}}, {NoHyphenAfter: []int{2, 5}}} {
			p.tp = tp
			if got, want := len(p.set(s).Lines), 3+tp.Looseness; got != want {
				t.Fatalf("setting %+v gave %d lines, want %d", tp, got, want)
			}
		}
	}
	if s.calls != 4 {
		t.Errorf("4 settings tried 3 times each were set %d times, want 4", s.calls)
	}
	p.tp = typeset.Paragraph{}
	p.set(s)
	p.set(s)
	if s.calls != 6 {
		t.Errorf("the plain setting was set %d times in two calls, want 2", s.calls-4)
	}
}

// TestItemsOfSettingsTriedAgainAreKept checks that a setting tried again
// gives the items made the first time, that another setting gets its
// own, and that a paragraph calling notes gets new items each time (they
// claim the notes when made).
func TestItemsOfSettingsTriedAgainAreKept(t *testing.T) {
	made := 0
	mk := func(p *setPara) []*item {
		made++
		out := make([]*item, len(p.result.Lines))
		for i := range out {
			out[i] = &item{kind: itemLine, para: p, line: i}
		}
		return out
	}
	s := &countingSetter{}
	p := &setPara{items: mk}
	p.tp.Looseness = 1
	a := p.setAgain(s)
	p.tp.Looseness = -1
	b := p.setAgain(s)
	p.tp.Looseness = 1
	c := p.setAgain(s)
	if len(a) != 4 || len(b) != 2 || a[0] == b[0] || a[0] != c[0] || made != 2 || s.calls != 2 {
		t.Errorf("setting +1, -1, +1: %d, %d, %d items, same as the first: %v; items made %d times, set %d times; want 4, 2, 4, true, 2, 2",
			len(a), len(b), len(c), a[0] == c[0], made, s.calls)
	}
	p.callsNotes = true
	if d := p.setAgain(s); d[0] == a[0] || made != 3 {
		t.Errorf("a paragraph calling notes got the items kept for its setting")
	}
}
