package typeset

import (
	"unicode"
)

// A word wider than the measure that has no allowed break (a grid
// table's rule "+:=====+" set as prose, a long identifier, an address
// without its scheme) would run past the margin. The breaker gets an
// emergency break inside it instead: after a punctuation mark or a
// symbol or between a lower-case and a capital letter (camelCase) where
// the word has one, else between any two characters (never
// before a combining mark), with no hyphen added. Such breaks cost a
// high penalty, the ones between letters more, so that they are taken
// only inside words that need them and where the fewest and fullest
// lines result. A line that ends or starts at such a break is set
// ragged when its spaces cannot fill it; the page builder reports the
// words broken (Result.Broken).
const (
	emergencyPunctPenalty = 500
	emergencyCharPenalty  = 2000
)

// emergencyBreaks adds emergency break penalties inside every stretch of
// s.items between two legal breaks that is wider than p's measure, even
// with its spaces fully shrunk.
func (s *Setter) emergencyBreaks(p *Paragraph) {
	items := s.items
	var wide [][2]int // item ranges [from, to) to break inside
	from, w := 0, 0.0
	for i := range items {
		it := &items[i]
		legal := false
		switch it.kind {
		case boxItem:
			w += it.width
		case glueItem:
			if !it.nobreak && i > 0 && items[i-1].kind == boxItem {
				legal = true
			} else {
				w += it.width - it.shrink
			}
		case penaltyItem:
			legal = it.penalty < infPenalty
		}
		if legal {
			if w > p.Width {
				wide = append(wide, [2]int{from, i})
			}
			from, w = i+1, 0
		}
	}
	if w > p.Width {
		wide = append(wide, [2]int{from, len(items)})
	}
	if len(wide) == 0 {
		return
	}
	out := make([]item, 0, len(items)+64)
	next := 0
	for _, r := range wide {
		out = append(out, items[next:r[0]]...)
		for i := r[0]; i < r[1]; i++ {
			out = s.splitBox(out, items[i])
		}
		next = r[1]
	}
	s.items = append(out, items[next:]...)
}

// splitBox appends it to out, a text box cut by an emergency break
// penalty wherever one is allowed.
func (s *Setter) splitBox(out []item, it item) []item {
	if it.kind != boxItem || it.seg < 0 || it.to-it.from < 2 {
		return append(out, it)
	}
	sg := &s.segs[it.seg]
	si := sg.info
	size := sg.style.Size
	face := sg.style.Face
	head := it
	rest := it.width // the box's width from head.from on
	for q := it.from + 1; q < it.to; q++ {
		prev, cur := runeAt(sg.text, si.byteAt, q-1), runeAt(sg.text, si.byteAt, q)
		if unicode.In(cur, unicode.Mn, unicode.Mc, unicode.Me) || cur == '\u200d' || prev == '\u200d' ||
			si.hidden != nil && (si.hidden[q] || si.hidden[q-1]) || noBreakBefore(cur) || noBreakAfter(prev) {
			continue
		}
		pen := float64(emergencyCharPenalty)
		if unicode.IsPunct(prev) || unicode.IsSymbol(prev) || unicode.IsLower(prev) && unicode.IsUpper(cur) {
			pen = emergencyPunctPenalty
		}
		hw := (si.cum[q] - si.cum[head.from]) * size
		head.to, head.width = q, hw
		out = append(out, head, item{kind: penaltyItem, penalty: pen, emergency: true, seg: it.seg,
			width: breakAt(face, sg.text, si, q, false, false).width * size})
		rest -= hw
		head = item{kind: boxItem, seg: it.seg, from: q, to: it.to}
	}
	head.width = rest
	return append(out, head)
}

// brokenWords returns the words that the chosen breaks cut at an
// emergency break, once each.
func (s *Setter) brokenWords(breaks []int) []BrokenWord {
	var out []BrokenWord
	last := int32(-1)
	for _, b := range breaks {
		it := &s.items[b]
		if it.kind != penaltyItem || !it.emergency || it.seg == last {
			continue
		}
		last = it.seg
		sg := &s.segs[it.seg]
		out = append(out, BrokenWord{Text: sg.text, Offset: sg.offset})
	}
	return out
}
