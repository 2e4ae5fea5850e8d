package typeset

import (
	"encoding/binary"
)

// A paragraph of thousands of words (a novel's stream of consciousness, a
// file pasted as one line) is set in windows of bounded size, so that
// the time and memory of line breaking grow linearly with it: the
// Knuth-Plass algorithm runs over a window of items, the lines that end
// before a fixed point of the window are kept, and the next window starts
// with the line after them. Ordinary paragraphs, up to longParagraphItems
// items (about 2 000 words), are set whole, as before.
//
// The fixed points are multiples of windowStep items from the paragraph's
// start, so that a window starts where the previous one's kept lines end
// whatever was decided before: when a page builder sets the paragraph
// again with one more line that must not end with a hyphen, the windows
// before that line are the same (they are remembered), and after it the
// breaks soon coincide again with the remembered ones, which are then
// reused to the end.
const (
	longParagraphItems = 8000
	windowStep         = 2000
)

// longMemo remembers the windows of the last long paragraph set.
type longMemo struct {
	p       Paragraph // NoHyphenAfter aside
	items   int
	windows map[string]window
}

// window is the result of one window: its kept breaks (item indexes in
// the paragraph) and their ratios.
type window struct {
	breaks []int
	ratios []float64
}

// memoFor returns the windows remembered for p, forgetting those of any
// other paragraph.
func (s *Setter) memoFor(p *Paragraph) *longMemo {
	if m := s.long; m != nil && m.items == len(s.items) && sameItems(&m.p, p) {
		return m
	}
	s.long = &longMemo{p: *p, items: len(s.items), windows: map[string]window{}}
	s.long.p.NoHyphenAfter = nil
	return s.long
}

// sameItems reports whether paragraphs a and b make the same items: the
// same runs, measure, indent, alignment and language (their Looseness and
// NoHyphenAfter aside, which only the line breaker reads).
func sameItems(a, b *Paragraph) bool {
	if a.Width != b.Width || a.Indent != b.Indent || a.Align != b.Align || a.Lang != b.Lang || len(a.Runs) != len(b.Runs) {
		return false
	}
	for i := range a.Runs {
		if a.Runs[i] != b.Runs[i] {
			return false
		}
	}
	return true
}

// setLong breaks the long paragraph p (s.items built) window by window;
// it returns the breaks and ratios as kp.run does, ok false when a window
// has no feasible breaks.
func (s *Setter) setLong(p *Paragraph) ([]int, []float64, bool) {
	all := s.items
	defer func() { s.items = all }()
	memo := s.memoFor(p)
	n := len(all)
	var breaks []int
	var ratios []float64
	start, line := 0, 0
	var key []byte
	for {
		keepTo := (start/windowStep + 2) * windowStep
		end := keepTo + windowStep
		final := end >= n-3 // the paragraph's own end is in the window
		if final {
			end = n
		}
		// The lines that must not end with a hyphen, counted from the
		// window's first line, are part of what the window depends on.
		key = binary.AppendUvarint(key[:0], uint64(start))
		var rel []int
		for _, c := range p.NoHyphenAfter {
			if c >= line && c-line < end-start {
				rel = append(rel, c-line)
				key = binary.AppendUvarint(key, uint64(c-line))
			}
		}
		w, ok := memo.windows[string(key)]
		if !ok {
			s.items = append(s.window[:0], all[start:end]...)
			if !final {
				// An end of paragraph closes the window; the lines near
				// it are not kept.
				s.items = append(s.items,
					item{kind: penaltyItem, penalty: infPenalty, seg: -1},
					item{kind: glueItem, fil: 1, seg: -1, nobreak: true},
					item{kind: penaltyItem, penalty: -infPenalty, seg: -1})
			}
			s.window = s.items
			wp := *p
			wp.NoHyphenAfter = rel
			if start > 0 {
				wp.Indent = 0
			}
			bs, rs, found := s.kp.run(s, &wp, s.items)
			s.items = all
			if !found || len(bs) == 0 {
				return nil, nil, false
			}
			if !final && bs[0] >= end-start {
				// Not one legal break in the window: the greedy
				// fallback sets the paragraph.
				return nil, nil, false
			}
			for i, b := range bs {
				if !final && i > 0 && (start+b > keepTo || b >= end-start) {
					break
				}
				w.breaks = append(w.breaks, start+b)
				w.ratios = append(w.ratios, rs[i])
			}
			memo.windows[string(key)] = w
		}
		breaks = append(breaks, w.breaks...)
		ratios = append(ratios, w.ratios...)
		if final {
			return breaks, ratios, true
		}
		line += len(w.breaks)
		start = s.lineStart(w.breaks[len(w.breaks)-1])
		if start >= n {
			return breaks, ratios, true
		}
	}
}
