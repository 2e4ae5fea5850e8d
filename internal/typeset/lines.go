package typeset

import (
	"math"
	"sort"
)

// buildLine positions the pieces of the line from item start to the break
// at item b, whose adjustment ratio in the breaker was r.
func (s *Setter) buildLine(p *Paragraph, start, b int, r float64) Line {
	items := s.items
	k := &s.kp
	end := b
	w, y, fil, z := k.lineMetrics(items, start, b)
	// Justified glue is set at the line's own ratio: the breaker's may
	// count an emergency stretch that no glue has. Spaces never shrink
	// past their shrink; a line that ends or starts inside a word broken
	// for being wider than the measure keeps its spaces natural when
	// they would stretch past their stretch (it is set ragged). Ragged
	// lines keep their spaces natural.
	gr := 0.0
	if p.Align == Justify {
		gr = lineRatio(w, y, fil, z, p.Width)
		if items[b].emergency || start > 0 && items[start-1].emergency {
			if gr > 1 {
				gr = 0
			}
		}
	}
	if math.IsInf(gr, 0) || math.IsNaN(gr) {
		gr = 0
	}
	gr = max(gr, -1)
	if p.Align == Justify {
		r = gr
	}
	// A line that starts inside a ligature (after a hyphen between its
	// letters) draws the rest of the ligature's letters, wider or
	// narrower than the ligature's share: lineMetrics counted the
	// difference (item.post), so the ratio above sets it.
	x := 0.0
	if p.Align != Justify {
		natural := w
		switch p.Align {
		case Right:
			x = p.Width - natural
		case Center:
			x = (p.Width - natural) / 2
		}
	}
	line := Line{Ratio: r, Offset: -1}
	if math.IsInf(r, 0) {
		line.Ratio = 0
	}
	lb := lineBuilder{s: s, line: &line, x: x, openSeg: -1}
	first := len(s.pieces)
	for i := start; i < end; i++ {
		it := &items[i]
		switch it.kind {
		case boxItem:
			lb.box(it)
		case glueItem:
			lb.close()
			gw := it.width
			if gr > 0 {
				gw += gr * it.stretch
			} else if gr < 0 {
				gw += gr * it.shrink
			}
			lb.x += gw
			if it.space != 0 {
				lb.space = it.space
			}
		}
	}
	lb.close()
	line.Pieces = s.pieces[first:len(s.pieces):len(s.pieces)]
	if it := &items[b]; it.kind == penaltyItem && it.flagged && b != len(items)-1 {
		line.Hyphenated = true
		if it.hyphen && len(line.Pieces) > 0 {
			pc := &line.Pieces[len(line.Pieces)-1]
			pc.Text += "-"
			lb.x += it.width
		} else {
			lb.x += it.width
		}
	} else if it.kind == penaltyItem && b != len(items)-1 {
		// A break with no hyphen (an address, a word wider than the
		// measure) removes the kerning across it.
		lb.x += it.width
	}
	line.Width = lb.x
	if p.Align != Justify {
		line.Width = w
	}
	if line.Offset < 0 {
		line.Offset = s.offsetAt(start)
	}
	for _, pc := range line.Pieces {
		if pc.Style.Size > line.Height {
			line.Height = pc.Style.Size
		}
	}
	if line.Height == 0 {
		line.Height = paragraphSize(p)
	}
	return line
}

// offsetAt returns the counted offset of the text at item i.
func (s *Setter) offsetAt(i int) int {
	for ; i < len(s.items); i++ {
		if sg := s.items[i].seg; sg >= 0 && s.items[i].kind == boxItem {
			seg := &s.segs[sg]
			if seg.counted {
				return seg.offset + int(s.items[i].from)
			}
			return seg.offset
		}
	}
	if len(s.segs) > 0 {
		last := &s.segs[len(s.segs)-1]
		if last.counted {
			return last.offset + last.info.n
		}
		return last.offset
	}
	return 0
}

// lineBuilder gathers the pieces of one line.
type lineBuilder struct {
	s     *Setter
	line  *Line
	x     float64
	space rune
	// the piece being gathered: runes [openFrom, openTo) of segment openSeg,
	// drawn at openX
	openSeg          int32
	openFrom, openTo int32
	openX            float64
	openSpace        rune
}

// box adds the runes of a box item, splitting at kern pairs and hidden
// runes and continuing the open piece when the box follows it directly.
func (lb *lineBuilder) box(it *item) {
	if it.seg < 0 { // indent
		lb.close()
		lb.x += it.width
		return
	}
	seg := &lb.s.segs[it.seg]
	si := seg.info
	size := seg.style.Size
	x0 := lb.x // x of rune it.from
	continues := lb.openSeg == it.seg && lb.openTo == it.from
	if !continues {
		lb.close()
	}
	cur := it.from
	shift := 0.0
	if !continues && si.lig != nil && si.lig[it.from] {
		// The box starts inside a ligature, after a hyphen: the rest of
		// its letters is a piece of its own, and what follows moves by
		// the difference with the ligature's width.
		end := min(ligatureEnd(si, it.from), it.to)
		lb.extend(it.seg, cur, end, x0)
		lb.close()
		shift = lb.s.remnantShift(seg, it.from, end)
		cur = end
	}
	// split points inside (cur, to], in order
	splits := si.split
	j := sort.Search(len(splits), func(k int) bool { return splits[k] >= cur })
	for ; j < len(splits) && splits[j] <= it.to; j++ {
		sp := splits[j]
		if sp == cur {
			// a split at the start of this box
			if lb.openSeg >= 0 {
				lb.close()
			}
			continue
		}
		lb.extend(it.seg, cur, sp, x0+shift+(si.cum[cur]-si.cum[it.from])*size)
		lb.close()
		cur = sp
	}
	if cur < it.to {
		lb.extend(it.seg, cur, it.to, x0+shift+(si.cum[cur]-si.cum[it.from])*size)
	}
	lb.x = x0 + it.width + shift
}

// ligatureEnd returns the rune index where the ligature holding rune i
// (not its first rune) ends.
func ligatureEnd(si *segInfo, i int32) int32 {
	for int(i) < si.n && si.lig[i] {
		i++
	}
	return i
}

// remnantShift returns, in points, the width of the letters [from, end) of
// a ligature drawn on their own (ligated again where the face can: the fi
// of ffi) and kerned with the rune after them, less the share of the
// ligature the measurement gave them.
func (s *Setter) remnantShift(seg *segment, from, end int32) float64 {
	si, face := seg.info, seg.style.Face
	rest := face.Ligate(seg.text[si.byteAt[from]:si.byteAt[end]])
	w := 0.0
	var last rune
	for _, r := range rest {
		w += face.Advance(r)
		last = r
	}
	if int(end) < si.n {
		w += face.Kern(last, runeAt(seg.text, si.byteAt, end))
	}
	return (w - (si.cum[end] - si.cum[from])) * seg.style.Size
}

// extend adds runes [from, to) to the open piece, opening one at x if
// needed; hidden runes are skipped.
func (lb *lineBuilder) extend(seg, from, to int32, x float64) {
	si := lb.s.segs[seg].info
	if si.hidden != nil && to-from == 1 && si.hidden[from] {
		lb.close()
		return
	}
	if lb.openSeg == seg && lb.openTo == from {
		lb.openTo = to
		return
	}
	lb.close()
	lb.openSeg, lb.openFrom, lb.openTo, lb.openX = seg, from, to, x
	lb.openSpace, lb.space = lb.space, 0
}

// close ends the open piece.
func (lb *lineBuilder) close() {
	if lb.openSeg < 0 {
		return
	}
	seg := &lb.s.segs[lb.openSeg]
	si := seg.info
	off := seg.offset
	if seg.counted {
		off += int(lb.openFrom)
	}
	pc := Piece{
		X:         lb.openX,
		Text:      seg.text[si.byteAt[lb.openFrom]:si.byteAt[lb.openTo]],
		Style:     seg.style,
		Offset:    off,
		Space:     lb.openSpace,
		Ligatures: seg.ligatures && !si.url,
	}
	if lb.line.Offset < 0 {
		lb.line.Offset = off
	}
	lb.s.pieces = append(lb.s.pieces, pc)
	lb.openSeg = -1
}
