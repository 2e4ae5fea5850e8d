package typeset

// greedy fills lines first-fit, breaking only at spaces, at forced breaks
// and at the end; it is the fallback when Knuth-Plass finds no feasible
// sequence (a word wider than the measure). Lines that cannot fit are
// left overfull.
func (s *Setter) greedy(p *Paragraph) ([]int, []float64) {
	items := s.items
	k := &s.kp
	var breaks []int
	var ratios []float64
	start := 0
	last := -1
	lastRatio := 0.0
	for b := 0; b < len(items); b++ {
		it := &items[b]
		forced := it.kind == penaltyItem && it.penalty <= -infPenalty
		legal := it.kind == glueItem && !it.nobreak && b > 0 && items[b-1].kind == boxItem || forced
		if !legal || b < start {
			continue
		}
		w, y, fil, z := k.lineMetrics(items, start, b)
		r := lineRatio(w, y, fil, z, p.Width)
		if r >= -1 && !forced {
			last, lastRatio = b, r
			continue
		}
		switch {
		case r >= -1 || last < 0:
			// A forced break that fits, or not even one word fits:
			// break here (the line may be overfull).
			last, lastRatio = b, r
		default:
			b = last // re-examine from the break we take
		}
		breaks, ratios = append(breaks, last), append(ratios, lastRatio)
		start = s.lineStart(last)
		last = -1
	}
	if len(breaks) == 0 || breaks[len(breaks)-1] != len(items)-1 {
		breaks, ratios = append(breaks, len(items)-1), append(ratios, 0)
	}
	return breaks, ratios
}
