package typeset

import (
	"math"
)

// node is a feasible breakpoint reached by some sequence of lines.
type node struct {
	pos     int32 // item index of the break, -1 for the paragraph start
	line    int32 // lines set before this break (the break ends line line-1), at most breaker.lineCap
	fitness int8
	hyph    int8 // consecutive hyphenated lines ending here
	flagged bool
	// emergency is true for a break inside a word wider than the
	// measure (item.emergency), kept here for the line after it.
	emergency bool
	demerits  float64
	ratio     float64
	prev      int32 // previous node index, -1 at the start
}

// activeGroup is a run of active nodes that end at the same break: they
// are breaker.nodes[first:first+count], and the line after them starts
// at item start. A line's width, stretch, ratio, badness and fitness class
// depend only on its two breaks, so a pass works them out once for the
// group; only the demerits carried and the run of hyphenated lines
// differ from node to node. Looseness multiplies the nodes at a break (one per line count
// that reaches it), so there groups hold many nodes.
type activeGroup struct {
	first, count, start int32
	// flagged and emergency are the break's (node.flagged and
	// node.emergency of every node of the group), kept here so that
	// the nodes are read only for the lines that can end.
	flagged, emergency bool
}

// breaker runs the Knuth-Plass algorithm; its buffers are reused.
type breaker struct {
	nodes []node
	// active lists the groups of active nodes in the order of their
	// breaks, the order in which they were made.
	active []activeGroup
	cand   []node
	// With line counts told apart (Looseness), a break's candidates
	// are many; candOfLine[l] is 1 + the index in cand of the last one
	// made with line count l (0 for none), and candBefore[i] is 1 + the
	// index of the one made before cand[i] with the same line count.
	// Both are cleared of a break's candidates once they are nodes.
	candOfLine []int32
	candBefore []int32
	// sums[i] totals the widths, stretch, shrink and infinite stretch of
	// items [0, i).
	sums   []sums
	noHyph map[int32]bool
	// lineCap is the largest line count a node records: lines past the
	// last NoHyphenAfter line need not be told apart (without Looseness),
	// which keeps the number of nodes of the last-resort pass, where no
	// node is ever too loose to stay active, linear in the paragraph.
	lineCap int32
	// shorterAfter is true when a line is never longer nor has more
	// stretch for starting later (sum sets it): no item has a negative
	// width, stretch or infinite stretch (a negative indent), and no break
	// adds width to the line after it (item.post) or starts it inside a
	// word wider than the measure (item.emergency). Then the active
	// nodes after one whose line is too short to end at a break, which
	// start their lines later, are too short too (see pass).
	shorterAfter bool
}

// badness is TeX's badness of a line with adjustment ratio r.
func badness(r float64) float64 {
	if r < 0 {
		r = -r
	}
	b := 100 * r * r * r
	if b > 10000 {
		return 10000
	}
	return b
}

// fitnessClass returns TeX's class: 0 tight, 1 decent, 2 loose, 3 very loose.
func fitnessClass(r, b float64) int8 {
	switch {
	case r < 0 && b > 12:
		return 0
	case b <= 12:
		return 1
	case b <= 99:
		return 2
	}
	return 3
}

// lineStart returns the first item of a line that follows a break at b:
// glue and penalties after a break are discarded.
func (s *Setter) lineStart(b int) int {
	i := b + 1
	for i < len(s.items) && s.items[i].kind != boxItem {
		if s.items[i].kind == penaltyItem && s.items[i].penalty <= -infPenalty {
			break
		}
		i++
	}
	return i
}

// lineMetrics returns the natural width, stretch, infinite stretch and
// shrink of the line from item start to a break at b.
func (k *breaker) lineMetrics(items []item, start, b int) (w, y, fil, z float64) {
	e, a := &k.sums[b], &k.sums[start]
	w = e.w - a.w
	y = e.y - a.y
	fil = e.f - a.f
	z = e.z - a.z
	if items[b].kind == penaltyItem {
		w += items[b].width
	}
	if start > 0 && items[start-1].kind == penaltyItem {
		// A line that starts inside a ligature (see item.post).
		w += items[start-1].post
	}
	return
}

// ratio returns the adjustment ratio of a line of natural width w set to
// width width, given its stretch y (plus infinite fil) and shrink z.
func lineRatio(w, y, fil, z, width float64) float64 {
	switch {
	case w < width:
		if fil > 0 {
			return 0
		}
		if y > 0 {
			return (width - w) / y
		}
		return math.Inf(1)
	case w > width:
		if z > 0 {
			return (width - w) / z
		}
		return math.Inf(-1)
	}
	return 0
}

// run finds the best breaks of s.items for paragraph p; it returns the item
// index of each line's break and each line's ratio, ok false when no
// sequence is feasible even accepting any stretch.
func (k *breaker) run(s *Setter, p *Paragraph, items []item) ([]int, []float64, bool) {
	k.sum(items)
	return k.breaks(s, p, items)
}

// sum makes the running totals of items' dimensions and legal glue
// breaks (sums).
func (k *breaker) sum(items []item) {
	n := len(items)
	if cap(k.sums) < n+1 {
		k.sums = make([]sums, n+1)
	}
	k.sums = k.sums[:n+1]
	var w, y, z, f float64
	var g int32
	shorterAfter := true
	for i := range items {
		k.sums[i] = sums{w, y, z, f, g}
		it := &items[i]
		if it.width < 0 || it.stretch < 0 || it.fil < 0 || it.post != 0 || it.emergency {
			shorterAfter = false
		}
		switch it.kind {
		case boxItem:
			w += it.width
		case glueItem:
			w += it.width
			y += it.stretch
			z += it.shrink
			f += it.fil
			if !it.nobreak && i > 0 && items[i-1].kind == boxItem {
				g++
			}
		}
	}
	k.sums[n] = sums{w, y, z, f, g}
	k.shorterAfter = shorterAfter
}

// breaks finds the best breaks (see run) once the running totals are made.
func (k *breaker) breaks(s *Setter, p *Paragraph, items []item) ([]int, []float64, bool) {
	loose := s.opts.Looseness + p.Looseness
	trackLines := loose != 0 || len(p.NoHyphenAfter) > 0
	// Without Looseness, lines past the last NoHyphenAfter line need not
	// be told apart (see lineCap).
	var plainCap int32
	for _, l := range p.NoHyphenAfter {
		plainCap = max(plainCap, int32(l)+1)
	}
	k.lineCap = math.MaxInt32
	if loose == 0 {
		k.lineCap = plainCap
	}
	for key := range k.noHyph {
		delete(k.noHyph, key)
	}
	if len(p.NoHyphenAfter) > 0 {
		if k.noHyph == nil {
			k.noHyph = map[int32]bool{}
		}
		for _, l := range p.NoHyphenAfter {
			k.noHyph[int32(l)] = true
		}
	}
	bg := 0.0
	if p.Align != Justify {
		bg = s.opts.RaggedStretch * paragraphSize(p)
		if p.Align == Center {
			bg *= 2
		}
	}
	// The passes, in order, until one finds breaks (see
	// docs/typography.md, "Line breaking"): words unhyphenated within
	// PreTolerance (TeX's first pass), hyphenated within Tolerance
	// (proper names whole), the same with EmergencyStretch, then proper
	// names hyphenated too, then any looseness. No pass shrinks a space
	// by more than SpaceShrink.
	est := s.opts.EmergencyStretch * paragraphSize(p)
	passes := [...]passSpec{
		{tol: s.opts.PreTolerance},
		{tol: s.opts.Tolerance, hyphens: true},
		{tol: s.opts.Tolerance, hyphens: true, emergency: est},
		{tol: s.opts.Tolerance, hyphens: true, names: true, emergency: est},
		{tol: math.Inf(1), hyphens: true, names: true},
	}
	// With Looseness, as in TeX, a pass that finds breaks but not the
	// line count asked for gives way to the next one (but for the last
	// resort), and the closest count found is kept.
	var kept []int
	var keptRatios []float64
	keptDiff := int32(math.MaxInt32)
	for i, ps := range passes {
		// As in TeX, a paragraph with a looseness skips the first pass:
		// its lines may use the whole tolerance.
		switch {
		case i == 0 && (loose != 0 || ps.tol <= 0 || ps.tol >= s.opts.Tolerance),
			i == 2 && est <= 0,
			i == 3 && est > 0 && skipIdleNamePass && !hasNameBreaks(items),
			i == len(passes)-1 && kept != nil:
			continue
		}
		ps.stretch += bg
		if i == len(passes)-1 {
			// The last resort ignores Looseness. Every line is feasible
			// there, so line counts from the fewest lines up to one
			// line a word reach each break: telling them apart would
			// take time and memory growing with the square of the
			// paragraph's length (seconds for a paragraph of 15 lines
			// opening with a word wider than the measure). A paragraph
			// that only the last resort can set is not set looser nor
			// tighter.
			k.lineCap = plainCap
		}
		best, diff := k.pass(s, p, items, ps, trackLines)
		if best < 0 {
			continue
		}
		if diff == 0 {
			return k.collect(best)
		}
		if diff < keptDiff {
			kept, keptRatios, _ = k.collect(best)
			keptDiff = diff
		}
	}
	return kept, keptRatios, kept != nil
}

// skipShortLines is false in a test that compares the breaks found with
// and without the short way of telling a line too short (see tooLoose).
var skipShortLines = true

// skipShorterAfter is false in a test that compares the breaks found with
// and without stopping at the first line too short (see
// breaker.shorterAfter).
var skipShorterAfter = true

// skipIdleNamePass is false in a test that compares the breaks found
// with and without the skip.
var skipIdleNamePass = true

// hasNameBreaks reports whether items hold a break inside a proper name.
// Without one, the pass that allows them is the one before it again,
// with the same emergency stretch: it would find the same breaks, or
// none, so it is skipped.
func hasNameBreaks(items []item) bool {
	for i := range items {
		if items[i].name {
			return true
		}
	}
	return false
}

// passSpec is what one pass of the breaker allows: its tolerance, the
// stretch added to every line's (ragged setting), the emergency stretch,
// and whether it breaks at inserted hyphens and inside proper names.
//
// Unlike TeX's \emergencystretch, which lowers every line's badness, the
// emergency stretch here only widens which lines are feasible: a line's
// demerits still count its real looseness, so that the lines that need
// it are loose and the others stay as even as in the normal passes.
type passSpec struct {
	tol, stretch, emergency float64
	hyphens, names          bool
}

// sums are running totals of item dimensions (width, stretch, shrink,
// infinite stretch) and of the glue items that are legal breaks.
type sums struct {
	w, y, z, f float64
	g          int32
}

// pass runs one Knuth-Plass pass as ps allows and returns the chosen
// final node, -1 when no break sequence is feasible, and how many lines
// its line count is from the one Looseness asks for (0 without
// Looseness).
func (k *breaker) pass(s *Setter, p *Paragraph, items []item, ps passSpec, trackLines bool) (int32, int32) {
	o := &s.opts
	tol := ps.tol
	maxHyph := int8(o.MaxHyphenLines)
	if math.IsInf(ps.tol, 1) {
		// The last resort: a word longer than MaxHyphenLines lines
		// (an identifier on a narrow measure) may need more.
		maxHyph = math.MaxInt8
	}
	k.nodes = append(k.nodes[:0], node{pos: -1, fitness: 1, prev: -1})
	k.active = append(k.active[:0], activeGroup{first: 0, count: 1, start: 0})
	if trackLines && len(k.candOfLine) < len(items)+2 {
		// A line count is at most one more than the breaks before.
		k.candOfLine = make([]int32, len(items)+2)
	}
	final := len(items) - 1
	// Lines looser than this ratio exceed the tolerance.
	maxRatio := math.Inf(1)
	if !math.IsInf(tol, 1) {
		maxRatio = math.Cbrt(tol/100) + 1e-9
	}
	// Most lines tried are too short to end where they are tried. A line
	// whose missing width exceeds tooLoose times its stretch has a ratio
	// above maxRatio, whatever the rounding of the division; one that
	// is not quite is tried in full.
	tooLoose := maxRatio * (1 + 1e-12)
	adj := math.Abs(o.AdjDemerits)
	for b := 0; b < len(items); b++ {
		it := &items[b]
		var pen float64
		switch it.kind {
		case boxItem:
			continue
		case glueItem:
			if it.nobreak || b == 0 || items[b-1].kind != boxItem {
				continue
			}
		case penaltyItem:
			if it.penalty >= infPenalty || it.hyphen && !ps.hyphens || it.name && !ps.names {
				continue
			}
			pen = it.penalty
		}
		forced := pen <= -infPenalty
		k.cand = k.cand[:0]
		keep := k.active[:0]
		for gi, g := range k.active {
			start := int(g.start)
			lw, ly, lf, lz := k.lineMetrics(items, start, b)
			ly += ps.stretch
			if it.emergency || g.emergency {
				// A line that ends or starts inside a word broken
				// because it is wider than the measure is set ragged
				// when its spaces cannot fill it (see lines.go): it
				// may be half empty within the tolerance.
				ly += p.Width / 2
			}
			if skipShortLines && lw < p.Width && lf == 0 && !forced && p.Width-lw > tooLoose*(ly+ps.emergency) {
				// Too short to end here within the tolerance, even with
				// the emergency stretch (its ratio is above maxRatio),
				// so not worth a division; a later break may end it.
				if k.shorterAfter && skipShorterAfter {
					// So are the lines of the groups after it, which
					// start later: they are all kept as they are.
					keep = append(keep, k.active[gi:]...)
					break
				}
				keep = append(keep, g)
				continue
			}
			r := lineRatio(lw, ly, lf, lz, p.Width)
			if r < -1 || forced {
				// Too long already (or the paragraph ends): this group
				// can start no later line. Deactivate it below.
			} else {
				keep = append(keep, g)
			}
			fr := r // the ratio that decides feasibility
			if ps.emergency > 0 && r > 0 {
				fr = lineRatio(lw, ly+ps.emergency, lf, lz, p.Width)
			}
			if r < -1 || fr > maxRatio {
				continue
			}
			bad := badness(r)
			switch {
			case (ps.emergency > 0 || math.IsInf(tol, 1)) && r > 0:
				// Emergency and last resort: badness uncapped, so that
				// a line twice as loose as another costs more; an
				// infinitely loose line (no glue) still has a finite
				// cost.
				rc := min(r, 20)
				bad = 100 * rc * rc * rc
			case math.IsInf(r, 1):
				bad = 10000
			}
			if bad > tol && ps.emergency == 0 {
				continue
			}
			// The line's own demerits, the same from every node of the
			// group, added up in the order TeX adds them.
			d0 := o.LinePenalty + bad
			d0 *= d0
			switch {
			case pen > 0:
				d0 += pen * pen
			case pen > -infPenalty:
				d0 -= pen * pen
			}
			if it.flagged && g.flagged {
				d0 += o.DoubleHyphenDemerits
			}
			if b == final {
				if g.flagged {
					d0 += o.FinalHyphenDemerits
				}
				if k.sums[b].g == k.sums[start].g && lw < p.Width/4 {
					d0 += o.ShortLastDemerits
				}
			}
			fc := fitnessClass(r, bad)
			if lf > 0 && r == 0 {
				fc = 1
			}
			for a := g.first; a < g.first+g.count; a++ {
				an := &k.nodes[a]
				if it.flagged {
					if an.hyph >= maxHyph {
						continue
					}
					if k.noHyph != nil && k.noHyph[an.line] {
						continue
					}
				}
				d := d0
				if fc-an.fitness > 1 || an.fitness-fc > 1 {
					d += o.AdjDemerits
				}
				d += an.demerits
				var hy int8
				if it.flagged {
					hy = an.hyph + 1
				}
				line := min(an.line+1, k.lineCap)
				// Keep the best candidate per (fitness, hyphen run, line).
				if c := k.candidate(fc, hy, line, trackLines); c != nil {
					if d < c.demerits {
						c.demerits, c.prev, c.ratio = d, a, r
					}
					continue
				}
				if trackLines {
					k.candBefore = append(k.candBefore, k.candOfLine[line])
					k.candOfLine[line] = int32(len(k.cand) + 1)
				}
				k.cand = append(k.cand, node{pos: int32(b), line: line, fitness: fc, hyph: hy, flagged: it.flagged,
					emergency: it.emergency, demerits: d, ratio: r, prev: a})
			}
		}
		k.active = keep
		marked := len(k.cand) > 1 && pruneDominated && k.markDominated(adj, trackLines)
		if trackLines {
			for ci := range k.cand {
				k.candOfLine[k.cand[ci].line] = 0
			}
			k.candBefore = k.candBefore[:0]
		}
		if marked {
			k.dropMarked()
		}
		if len(k.cand) > 0 {
			start := int32(s.lineStart(b))
			k.active = append(k.active, activeGroup{first: int32(len(k.nodes)), count: int32(len(k.cand)), start: start,
				flagged: it.flagged, emergency: it.emergency})
			k.nodes = append(k.nodes, k.cand...)
		}
		if len(k.active) == 0 {
			return -1, 0
		}
	}
	// Every active node now ends at the final break.
	best := int32(-1)
	for _, g := range k.active {
		if k.nodes[g.first].pos != int32(final) {
			continue
		}
		for a := g.first; a < g.first+g.count; a++ {
			if best < 0 || k.nodes[a].demerits < k.nodes[best].demerits {
				best = a
			}
		}
	}
	bestDiff := int32(0)
	if loose := o.Looseness + p.Looseness; best >= 0 && loose != 0 {
		target := k.nodes[best].line + int32(loose)
		bestDiff = math.MaxInt32
		for _, g := range k.active {
			if k.nodes[g.first].pos != int32(final) {
				continue
			}
			for a := g.first; a < g.first+g.count; a++ {
				nd := &k.nodes[a]
				diff := nd.line - target
				if diff < 0 {
					diff = -diff
				}
				if diff < bestDiff || diff == bestDiff && nd.demerits < k.nodes[best].demerits {
					best, bestDiff = a, diff
				}
			}
		}
	}
	return best, bestDiff
}

// pruneDominated is false in a test that compares the breaks found with
// and without dropping dominated candidates (markDominated).
var pruneDominated = true

// markDominated marks the break's candidates that another one dominates
// (infinite demerits), and reports whether it marked any: as TeX keeps a
// fitness class's best break only when its demerits are within
// adj_demerits of the best of all (TeX: The Program, §855), with the
// conditions this breaker's additions need. Candidate c is dominated by m
// when both have the same line count (when line counts are told apart),
// m ends no more hyphenated lines in a row, and m's demerits plus adj (the
// most that a difference of fitness classes can cost the line after) are
// below c's: every way on from c is then a way on from m too, and costs
// more from c, so c is never part of the best breaks. Both end at the same
// break, so they share everything else the breaker reads of them
// (flagged, emergency). Without the conditions on line counts and hyphen
// runs, TeX's rule would drop breaks that looseness and the limit on
// hyphenated lines in a row can still need.
func (k *breaker) markDominated(adj float64, trackLines bool) bool {
	marked := false
	for ci := range k.cand {
		if c := &k.cand[ci]; k.dominated(c, ci, adj, trackLines) {
			// A marked candidate dominates none, and what it
			// dominates, the one that dominates it dominates too.
			c.demerits = math.Inf(1)
			marked = true
		}
	}
	return marked
}

// dropMarked removes the candidates markDominated marked.
func (k *breaker) dropMarked() {
	keep := k.cand[:0]
	for _, c := range k.cand {
		if !math.IsInf(c.demerits, 1) {
			keep = append(keep, c)
		}
	}
	k.cand = keep
}

// dominated reports whether the break's candidate c (index ci) is
// dominated by another one (see markDominated).
func (k *breaker) dominated(c *node, ci int, adj float64, trackLines bool) bool {
	dominates := func(m *node) bool { return m.hyph <= c.hyph && m.demerits+adj < c.demerits }
	if !trackLines {
		for mi := range k.cand {
			if mi != ci && dominates(&k.cand[mi]) {
				return true
			}
		}
		return false
	}
	for mi := k.candOfLine[c.line]; mi != 0; mi = k.candBefore[mi-1] {
		if int(mi-1) != ci && dominates(&k.cand[mi-1]) {
			return true
		}
	}
	return false
}

// candidate returns the break's candidate node with fitness class fc,
// hyphen run hy and, when line counts are told apart, line count line;
// nil if there is none yet.
func (k *breaker) candidate(fc, hy int8, line int32, trackLines bool) *node {
	if !trackLines {
		for ci := range k.cand {
			if c := &k.cand[ci]; c.fitness == fc && c.hyph == hy {
				return c
			}
		}
		return nil
	}
	for ci := k.candOfLine[line]; ci != 0; ci = k.candBefore[ci-1] {
		if c := &k.cand[ci-1]; c.fitness == fc && c.hyph == hy {
			return c
		}
	}
	return nil
}

// collect returns the breaks and ratios on the path ending at node best.
func (k *breaker) collect(best int32) ([]int, []float64, bool) {
	cnt := 0
	for a := best; k.nodes[a].prev >= 0; a = k.nodes[a].prev {
		cnt++
	}
	breaks := make([]int, cnt)
	ratios := make([]float64, cnt)
	for a := best; k.nodes[a].prev >= 0; a = k.nodes[a].prev {
		cnt--
		breaks[cnt] = int(k.nodes[a].pos)
		ratios[cnt] = k.nodes[a].ratio
	}
	return breaks, ratios, true
}
