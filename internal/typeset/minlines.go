package typeset

import "math"

// MinLines returns a number of lines that no setting of p can go below,
// whatever its looseness or tolerance: 0 when it cannot tell (a
// paragraph of more than longParagraphItems items). A page builder asks
// it before trying to set a paragraph a line shorter.
//
// Every line of a setting is at most the measure wide once its spaces
// are shrunk by all they may shrink (no pass shrinks a space further),
// so the lines together are at least the paragraph's natural width less
// all its shrink, less what the breaks take away: the spaces discarded
// at each break (their width less their shrink, which was counted), a
// break's own width when it is negative, and what a line that starts
// inside a ligature is drawn narrower than its items (item.post). With L lines there are L−1
// breaks, each taking away at most the most any break takes (saving),
// so
//
//	natural − shrink − (L−1)·saving ≤ L·measure
//
// that is L ≥ (natural − shrink + saving) / (measure + saving). The
// words' own widths, their hyphens and the lines' indents only make the
// lines longer, so the bound holds for every setting.
func (s *Setter) MinLines(p Paragraph) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.itemsFor(&p)
	items := s.items
	if len(items) > longParagraphItems {
		s.dropLongBuffers()
		return 0
	}
	if len(items) == 0 || !(p.Width > 0) {
		return 0
	}
	s.kp.sum(items) // the breaker's running totals, made again by the next Set
	total := s.kp.sums[len(items)]
	natural, shrink, saving := total.w, total.z, 0.0
	for b := range items {
		it := &items[b]
		legal := false
		var taken float64
		switch it.kind {
		case glueItem:
			legal = !it.nobreak && b > 0 && items[b-1].kind == boxItem
		case penaltyItem:
			legal = it.penalty < infPenalty
			taken = -min(it.width, 0)
		}
		if !legal {
			continue
		}
		// The spaces from the break to the next line's start go.
		start := s.lineStart(b)
		for i := b; i < start; i++ {
			if items[i].kind == glueItem {
				taken += items[i].width - items[i].shrink
			}
		}
		// A line that starts inside a ligature is drawn wider or
		// narrower than its items measure (item.post, lineMetrics).
		if items[start-1].kind == penaltyItem {
			taken += max(0, -items[start-1].post)
		}
		saving = max(saving, taken)
	}
	// A hair under the exact quotient, against rounding.
	l := (natural - shrink + saving) / (p.Width + saving)
	return max(0, int(math.Ceil(l*(1-1e-9)-1e-9)))
}
