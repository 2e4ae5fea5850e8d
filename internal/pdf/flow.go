package pdf

import (
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// itemKind says what a flow item is.
type itemKind int

const (
	itemLine   itemKind = iota // one line of a paragraph
	itemSpace                  // vertical space, dropped at a page top
	itemBox                    // an unbreakable box (heading, table row, rule)
	itemFigure                 // a figure with its caption and credit; floats
)

// item is one element of a chapter's vertical flow: the page builder
// breaks pages between items.
type item struct {
	kind   itemKind
	height float64
	// draw draws the item with its slot's top at y (page coordinates).
	draw func(d *drawer, x, y float64)
	// breakOK allows a page break after the item (widow, orphan and
	// keep-with-next rules are folded into it).
	breakOK bool
	// block and offset place the item's first character in the model:
	// the top-level block index and the runes of its visible text before.
	block, offset int
	// para and line identify a paragraph line, so that the paragraph can
	// be set again without a hyphen on a page's last line.
	para *setPara
	line int
	// hyphen is true when the line ends with a hyphen.
	hyphen bool
	// anchors are the model IDs defined by the item (headings, figures,
	// notes), for links and page maps.
	anchors []string
	// figure is set on figure items.
	figure *placedFigure
	// outline, when set, adds a bookmark at the item.
	outline *outlineEntry
	// heading text of a section heading (for running heads "section").
	heading string
	// dump is the item's line in the layout dump; for a paragraph line,
	// src is the set line, dumped as dumpLine(*src) only when a dump is
	// asked for.
	dump string
	src  *typeset.Line
	// clearFloats ends the page before the item while figures wait, so
	// that a chapter's figures come before its notes.
	clearFloats bool
	// notes are the footnotes the item calls (notes: footnotes), set at
	// the foot of the page that holds the item.
	notes []*model.Note
	// tableHead, on a table's body row, is the table's head (its top
	// rule and header row), drawn again above the row when the row
	// starts a page.
	tableHead *item
}

// outlineEntry is a bookmark.
type outlineEntry struct {
	title string
	level int
}

// setPara is a paragraph as set, with what is needed to set it again.
type setPara struct {
	tp     typeset.Paragraph
	result typeset.Result
	// items makes the flow items of a set result.
	items func(p *setPara) []*item
}

// flowPage is one page of a flow, before it gets its number.
type flowPage struct {
	placed []placedItem
	// used is the height the page's items take.
	used float64
	// capacity is the height the page could hold.
	capacity float64
	// startBlock and startOffset are the flow position of the page's
	// first new item in reading order (floated figures aside).
	startBlock, startOffset int
	// final is true for the last page of the flow.
	final bool
	// heading is the last section heading seen before or on the page.
	heading string
	// foot holds the footnote lines set at the foot of the page.
	foot []*footLine
}

type placedItem struct {
	it *item
	y  float64 // from the top of the text block
	// fromQueue is true for a figure placed from the float queue.
	fromQueue bool
}

const eps = 0.01

// flowState is where a flow stands between pages.
type flowState struct {
	cur     int
	queue   []*item
	heading string
	// carry holds the lines of notes continued from an earlier page.
	carry []*footLine
}

// minBodyUnderNotes is the room, in body lines, that notes continued from
// an earlier page leave to the text when text remains to be set.
const minBodyUnderNotes = 4

// paginate breaks a flow into pages of capacity height; the first page
// holds firstCapacity. It keeps two lines of a paragraph on each side of
// a break, a heading with what follows, floats a figure that does not fit
// to the top of a later page while text flows on, avoids a hyphen on a
// page's last line, and keeps facing pages (verso, recto) the same
// length when one of them must run short. endBlock is the block index of
// "after the last block".
func (b *builder) paginate(items []*item, capacity, firstCapacity float64, endBlock int) []*flowPage {
	var pages []*flowPage
	var states []flowState // the state at the start of each page
	st := flowState{}
	retries := 0
	for st.cur < len(items) || len(st.queue) > 0 || len(st.carry) > 0 {
		k := len(pages)
		limit := capacity
		if k == 0 {
			limit = firstCapacity
		}
		// Chapter pages alternate recto (even index) and verso (odd): a
		// recto holds no more than its verso when the verso ran short.
		// A recto that starts with a waiting figure is not evened.
		recto := k%2 == 0 && k > 0 && !hasFigure(pages[k-1]) && len(st.queue) == 0
		if recto {
			if prev := pages[k-1]; prev.used < capacity-eps && prev.used > capacity/2 {
				limit = min(limit, prev.used)
			}
		}
		pg, next := b.fillPage(&items, st, limit, endBlock)
		if recto && !hasFigure(pg) && !pg.final && pg.used < pages[k-1].used-eps && pg.used > capacity/2 && retries < 3 {
			// The recto ran short: set its verso to the same length.
			retries++
			pv, nv := b.fillPage(&items, states[k-1], pg.used, endBlock)
			pages[k-1], st = pv, nv
			continue
		}
		retries = 0
		pages = append(pages, pg)
		states = append(states, st)
		st = next
	}
	if len(pages) > 0 {
		pages[len(pages)-1].final = true
	}
	return pages
}

// fillPage fills one page of at most limit height from state st and
// returns it with the state after it. With footnotes, the notes an item
// calls go to the page's foot with it; the body gives up whole lines of
// its grid for them (footHeight). Notes continued from an earlier page
// come first; a note that does not fit whole is split (at least two lines
// on each side where possible), and an item whose notes cannot start on
// the page goes to the next one.
func (b *builder) fillPage(itemsp *[]*item, st flowState, limit float64, endBlock int) (*flowPage, flowState) {
	retries := 0
	for {
		items := *itemsp
		queue := append([]*item(nil), st.queue...)
		cur := st.cur
		pg := &flowPage{capacity: limit, heading: st.heading}
		y := 0.0
		var foot []*footLine
		carry := st.carry
		if len(carry) > 0 {
			room := pg.capacity
			if cur < len(items) || len(queue) > 0 {
				room = max(room-minBodyUnderNotes*b.lead, b.lead*2)
			}
			k := b.fitNotes(carry, room, 0, true)
			if k == 0 {
				// Progress before beauty: at least one line goes.
				k = max(1, b.fitNotes(carry, room, 0, false))
			}
			foot, carry = carry[:k:k], carry[k:]
		}
		// plan says whether item it fits at y with its notes, and how many
		// of its foot lines go on this page (the rest is carried over).
		// force places it (and as many of its notes as fit) regardless.
		plan := func(it *item, force bool) (int, bool) {
			notes := b.itemFoot(it)
			room := pg.capacity - y - it.height
			if len(notes) == 0 {
				return 0, force || b.footHeight(len(foot)) <= room+eps
			}
			if len(carry) > 0 {
				// Notes waiting from an earlier page come first.
				return 0, force
			}
			k := b.fitNotes(notes, room, len(foot), true)
			if k >= requiredNotes(notes) {
				return k, true
			}
			if !force {
				return 0, false
			}
			return b.fitNotes(notes, room, len(foot), false), true
		}
		commit := func(it *item, k int) {
			notes := b.itemFoot(it)
			if len(notes) == 0 {
				return
			}
			foot = append(foot[:len(foot):len(foot)], notes[:k]...)
			carry = append(carry[:len(carry):len(carry)], notes[k:]...)
		}
		for len(queue) > 0 {
			it := queue[0]
			k, ok := plan(it, y == 0 && len(foot) == 0)
			if !ok || (y > 0 && y+it.height > pg.capacity+eps) {
				break
			}
			commit(it, k)
			pg.placed = append(pg.placed, placedItem{it: it, y: y, fromQueue: true})
			y += it.height
			queue = queue[1:]
		}
		qTop, qFoot, qCarry := len(queue), len(foot), carry
		for cur < len(items) && items[cur].kind == itemSpace {
			cur++
		}
		if cur < len(items) {
			pg.startBlock, pg.startOffset = items[cur].block, items[cur].offset
		} else {
			pg.startBlock, pg.startOffset = endBlock, 0
		}
		type snapshot struct {
			next, placed, queue, foot int
			y                         float64
			carry                     []*footLine
		}
		snap := func(i int) snapshot {
			return snapshot{next: i, placed: len(pg.placed), queue: len(queue), y: y, foot: len(foot), carry: carry}
		}
		best := snapshot{next: -1}
		i := cur
		placedFlow := false
		for i < len(items) {
			it := items[i]
			if it.kind == itemSpace && !placedFlow && y == 0 {
				i++
				continue
			}
			if it.kind == itemFigure {
				if _, ok := plan(it, false); len(queue) > 0 || !ok {
					queue = append(queue, it)
					i++
					continue
				}
			}
			if it.clearFloats && len(queue) > 0 && (placedFlow || y > 0) {
				best = snap(i)
				break
			}
			if it.tableHead != nil && !placedFlow {
				// A table continued from the page before: its head
				// again, if the row fits under it.
				y += it.tableHead.height
				if _, ok := plan(it, false); !ok {
					y -= it.tableHead.height
				} else {
					pg.placed = append(pg.placed, placedItem{it: it.tableHead, y: y - it.tableHead.height})
				}
			}
			k, ok := plan(it, false)
			if !ok {
				break
			}
			commit(it, k)
			pg.placed = append(pg.placed, placedItem{it: it, y: y})
			y += it.height
			placedFlow = true
			i++
			if it.breakOK || i == len(items) {
				best = snap(i)
			}
		}
		switch {
		case i == len(items):
		case best.next > cur:
			// Undo what was placed or queued after the last legal break.
			pg.placed = pg.placed[:best.placed]
			queue = queue[:best.queue]
			i = best.next
			y = best.y
			foot, carry = foot[:best.foot], best.carry
		case len(pg.placed) > countFlow(pg.placed) && placedFlow:
			// No legal break, but the page holds floated figures: the
			// flow starts on the next page rather than break a rule.
			pg.placed = pg.placed[:len(pg.placed)-countFlow(pg.placed)]
			queue = queue[:qTop]
			foot, carry = foot[:qFoot], qCarry
			i = cur
			y = 0
			for _, p := range pg.placed {
				y = max(y, p.y+p.it.height)
			}
		case !placedFlow && len(pg.placed) == 0 && len(foot) == 0 && i < len(items):
			// Nothing fits on an empty page: place the item anyway.
			k, _ := plan(items[i], true)
			commit(items[i], k)
			pg.placed = append(pg.placed, placedItem{it: items[i]})
			y += items[i].height
			i++
		default:
			// No legal break on a page of text alone: break before the
			// item that did not fit.
		}
		pg.final = i == len(items) && len(queue) == 0 && len(carry) == 0
		if last := lastFlowLine(pg); last != nil && last.hyphen && !pg.final && retries < 3 {
			if b.resetWithoutHyphen(itemsp, last, st.cur) {
				retries++
				continue
			}
		}
		pg.used = y + b.footHeight(len(foot))
		pg.foot = foot
		next := flowState{cur: i, queue: queue, heading: st.heading, carry: carry}
		for _, p := range pg.placed {
			if p.it.heading != "" {
				next.heading = p.it.heading
			}
		}
		return pg, next
	}
}

// maxResetLines is the longest paragraph, in lines (about 25 pages), that
// is set again to keep a hyphen off a page's last line.
const maxResetLines = 1000

func lastFlowLine(pg *flowPage) *item {
	for i := len(pg.placed) - 1; i >= 0; i-- {
		it := pg.placed[i].it
		if it.kind == itemFigure {
			continue
		}
		if it.kind == itemLine {
			return it
		}
		return nil
	}
	return nil
}

// resetWithoutHyphen sets the paragraph of line again, forbidding a hyphen
// at its end, and splices the new lines into items. It reports whether
// it could: lines already placed on earlier pages (before index cur) must
// come out the same. A paragraph of more than maxResetLines lines keeps
// its hyphen: setting it again for each of its pages would cost time and
// memory growing with the square of its length.
func (b *builder) resetWithoutHyphen(items *[]*item, line *item, cur int) bool {
	p := line.para
	if p == nil || len(p.result.Lines) > maxResetLines {
		return false
	}
	for _, n := range p.tp.NoHyphenAfter {
		if n == line.line {
			return false
		}
	}
	old := p.result
	oldNoHyphen := p.tp.NoHyphenAfter
	p.tp.NoHyphenAfter = append(append([]int(nil), oldNoHyphen...), line.line)
	p.result = b.setter.Set(p.tp)
	fresh := p.items(p)
	first, last := -1, -1
	for i, it := range *items {
		if it.para == p {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	// Lines on earlier pages must stay as they were drawn.
	kept := max(0, cur-first)
	if first < 0 || kept > len(fresh) || kept >= len(p.result.Lines) ||
		(kept > 0 && fresh[kept].offset != (*items)[first+kept].offset) {
		p.tp.NoHyphenAfter, p.result = oldNoHyphen, old
		return false
	}
	fresh = append(append([]*item(nil), (*items)[first:first+kept]...), fresh[kept:]...)
	out := make([]*item, 0, len(*items)+len(fresh))
	out = append(out, (*items)[:first]...)
	out = append(out, fresh...)
	out = append(out, (*items)[last+1:]...)
	*items = out
	b.rehyphenated++
	return true
}

// countFlow counts the placed items that came from the flow (not from
// the float queue at the page top).
func countFlow(placed []placedItem) int {
	n := 0
	for i := len(placed) - 1; i >= 0; i-- {
		if placed[i].fromQueue {
			break
		}
		n++
	}
	return n
}

// hasFigure reports whether a page holds a figure (its height is not on
// the text grid's terms, so facing pages are not evened around it).
func hasFigure(pg *flowPage) bool {
	for _, p := range pg.placed {
		if p.it.kind == itemFigure {
			return true
		}
	}
	return false
}
