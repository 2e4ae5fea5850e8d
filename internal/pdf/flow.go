package pdf

import (
	"encoding/binary"
	"slices"

	"github.com/publish-books/publish/internal/layout"
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
	// paraLines is the number of lines of para once the section is
	// paginated, 0 for an item that is no paragraph's line: the make-up
	// report (Laid.Makeup) reads it, as para is dropped once the section
	// is drawn ahead (dropDrawing), on another goroutine.
	paraLines int32
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
	// that a chapter's figures come before its notes (a heading, with an
	// outline entry, does the same).
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
	// loose keeps the paragraph's settings a line longer or shorter, or
	// without a hyphen at the end of a line, as the page builder tries
	// them again and again while it makes up a spread, by line breaker,
	// looseness and lines that must not end with a hyphen.
	loose map[looseKey]looseSetting
	// items makes the flow items of a set result.
	items func(p *setPara) []*item
	// spec holds the settings a line longer and shorter that a loose
	// helper may set ahead (loosehelp.go), from base, the paragraph as it
	// was when the helper started, with specBy's tolerance; index is the
	// paragraph's place in the helper's list.
	spec   *[2]looseSpec
	base   typeset.Paragraph
	specBy lineSetter
	index  int
	// minLines is a number of lines no setting of the paragraph can go
	// below (mayShorten), 0 until it is known.
	minLines int
	// callsNotes is true when the paragraph calls notes: each time its
	// items are made they claim them (claimNotes), so they are not kept
	// with its settings.
	callsNotes bool
	// mark, when not nil, draws what stands before the first line (a
	// list item's marker); items adds it to the first line's item, so
	// that a paragraph set again keeps it.
	mark func(d *drawer, x, y float64)
	// stray are the notes of the chapter no line calls (a call in the
	// chapter title) when this is the chapter's first paragraph: its
	// first line carries them (attachStrayNotes), however often the
	// paragraph is set again.
	stray []*model.Note
}

// markFirst has the first of items draw p's mark before its line, and
// carry the chapter's stray notes.
func (p *setPara) markFirst(items []*item) {
	if len(items) == 0 {
		return
	}
	if len(p.stray) > 0 {
		items[0].notes = append(slices.Clip(p.stray), items[0].notes...)
	}
	if p.mark == nil {
		return
	}
	mark, line := p.mark, items[0].draw
	items[0].draw = func(d *drawer, x, y float64) {
		mark(d, x, y)
		if line != nil {
			line(d, x, y)
		}
	}
}

// flowPage is one page of a flow, before it gets its number.
type flowPage struct {
	placed []placedItem
	// used is the height the page's items take.
	used float64
	// capacity is the height the page could hold.
	capacity float64
	// run is how much longer than its place on the text block an opening
	// page was allowed to run (a line, or 0): its text starts where the
	// opening's would, and runs on below.
	run float64
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

// placedEstimate is the room fillOnce makes for a page's items: the lines
// of the text block and a few more (headings, spaces, figures), so that
// the array is not grown line by line (8 MB a novel's build).
func placedEstimate(limit, lead float64) int {
	if lead <= 0 || limit <= 0 {
		return 8
	}
	return min(int(limit/lead)+8, 256)
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
// to the top of a later page while text flows on, and avoids a hyphen on
// a page's last line. It makes each spread (a verso and the recto facing
// it) full and level (see fillSpread). endBlock is the block index of
// "after the last block".
func (b *builder) paginate(items []*item, capacity, firstCapacity float64, endBlock int) []*flowPage {
	var pages []*flowPage
	st := flowState{}
	// The make-up edits the flow in place (spliceFlow): its own copy.
	items = slices.Clone(items)
	help := b.startLooseHelper(items, endBlock)
	defer help.close()
	for st.cur < len(items) || len(st.queue) > 0 || len(st.carry) > 0 {
		// No attempt before this spread is undone any more.
		clear(b.edits)
		b.edits = b.edits[:0]
		if st.cur < len(items) {
			help.reached(items[st.cur])
		}
		if len(pages) == 0 {
			pg, next := b.fillOpening(&items, st, capacity, firstCapacity, endBlock)
			pages, st = append(pages, pg), next
			continue
		}
		spread, next := b.fillSpread(&items, st, capacity, endBlock)
		pages, st = append(pages, spread...), next
	}
	if len(pages) > 0 {
		pages[len(pages)-1].final = true
	}
	// The paragraphs are set for good: what the make-up report reads of
	// them is kept before the section is handed to the recorder.
	for _, pg := range pages {
		for _, pl := range pg.placed {
			if it := pl.it; it.para != nil {
				it.paraLines = int32(len(it.para.result.Lines))
			}
		}
	}
	return pages
}

// fillOpening fills a section's opening page, which faces the end of the
// section before (or a blank page), so that it is full and the spread
// after it can be made level: filled to its height, else run a line long;
// failing both, it is filled as far as it goes.
func (b *builder) fillOpening(itemsp *[]*item, st flowState, capacity, first float64, endBlock int) (*flowPage, flowState) {
	more := func(s flowState) bool { return s.cur < len(*itemsp) || len(s.queue) > 0 || len(s.carry) > 0 }
	for _, t := range []float64{0, 1} {
		target := first + t*b.lead
		mark := b.mark()
		b.budget = spreadBudget
		var pg *flowPage
		var next flowState
		b.fillWays(itemsp, st, target, endBlock, func(p *flowPage, n flowState) bool {
			if p.final && t > 0 || !p.final && p.used < target-eps || b.budget <= 0 {
				return false
			}
			if !p.final && more(n) {
				m := b.mark()
				_, _, ok := b.levelSpread(itemsp, n, capacity, endBlock, false)
				b.rollback(itemsp, m)
				if !ok {
					return false
				}
			}
			pg, next = p, n
			return true
		})
		if pg != nil {
			pg.run = t * b.lead
			return pg, next
		}
		b.rollback(itemsp, mark)
	}
	return b.fillPage(itemsp, st, first, endBlock)
}

// spreadTargets are the heights, in lines more or fewer than the text
// block's, that fillSpread tries for both pages of a spread, in order: full
// pages, then the spread run one line long together, then one line short,
// then two.
var spreadTargets = []float64{0, 1, -1, -2}

// fillSpread fills a verso and the recto facing it from state st, and
// returns them (the verso alone when the flow ends on it) with the state
// after them. Both pages end on the same baseline: full (each page made
// full by fillPage, which may set a paragraph a line longer or shorter),
// or else both a line long, or both one or two lines short
// (spreadTargets); a recto that ends the flow may stop anywhere. When no
// target works the verso is filled as far as it goes and the recto holds
// no more than it, unless a figure stands on one of them.
func (b *builder) fillSpread(itemsp *[]*item, st flowState, capacity float64, endBlock int) ([]*flowPage, flowState) {
	for _, ahead := range []bool{true, false} {
		b.budget = spreadBudget
		if out, next, ok := b.levelSpread(itemsp, st, capacity, endBlock, ahead); ok {
			return out, next
		}
	}
	v, nv := b.fillPage(itemsp, st, capacity, endBlock)
	if v.final {
		return []*flowPage{v}, nv
	}
	limit := capacity
	if v.used < capacity-eps && v.used > capacity/2 && !hasFigure(v) && len(nv.queue) == 0 {
		limit = v.used
	}
	r, nr := b.fillPage(itemsp, nv, limit, endBlock)
	return []*flowPage{v, r}, nr
}

// spreadBudget bounds the pages fillSpread fills while it looks for a
// level spread, so that a page builder that finds none gives up in time.
const spreadBudget = 1000

// levelSpread looks for a level spread from state st: for each target of
// spreadTargets, each way of filling the verso to the target (fillWays),
// then each way of filling the recto to it. With ahead, a spread is
// taken only when the spread after it can be made level too, so that one
// spread's choice does not leave the next one nothing but short pages. It
// reports false, the items as they were, when it finds none.
func (b *builder) levelSpread(itemsp *[]*item, st flowState, capacity float64, endBlock int, ahead bool) ([]*flowPage, flowState, bool) {
	more := func(s flowState) bool { return s.cur < len(*itemsp) || len(s.queue) > 0 || len(s.carry) > 0 }
	for _, t := range spreadTargets {
		target := capacity + t*b.lead
		mark := b.mark()
		var out []*flowPage
		var next flowState
		b.fillWays(itemsp, st, target, endBlock, func(v *flowPage, nv flowState) bool {
			if v.final {
				if t == 0 {
					out, next = []*flowPage{v}, nv
				}
				return t == 0
			}
			if v.used < target-eps || b.budget <= 0 {
				return false
			}
			m := b.mark()
			b.fillWays(itemsp, nv, target, endBlock, func(r *flowPage, nr flowState) bool {
				if !r.final && r.used < target-eps || b.budget <= 0 {
					return false
				}
				if ahead && !r.final && more(nr) {
					m2 := b.mark()
					_, _, ok := b.levelSpread(itemsp, nr, capacity, endBlock, false)
					b.rollback(itemsp, m2)
					if !ok {
						return false
					}
				}
				out, next = []*flowPage{v, r}, nr
				return true
			})
			if out != nil {
				return true
			}
			b.rollback(itemsp, m)
			return false
		})
		if out != nil {
			return out, next, true
		}
		b.rollback(itemsp, mark)
	}
	return nil, flowState{}, false
}

// resetRecord is a paragraph's setting before the page builder set it
// again, so that a make-up that did not work can be undone.
type resetRecord struct {
	p      *setPara
	tp     typeset.Paragraph
	result typeset.Result
}

// flowEdit is a change made to the flow's items in place: the items
// from at on that removed held were replaced by added items.
type flowEdit struct {
	at      int
	removed []*item
	added   int
}

// makeupMark is where the page builder stood before it tried a make-up:
// the number of paragraphs set again and of edits made to the flow.
type makeupMark struct {
	resets, edits          int
	rehyphenated, loosened int
}

func (b *builder) mark() makeupMark {
	return makeupMark{resets: len(b.resets), edits: len(b.edits), rehyphenated: b.rehyphenated, loosened: b.loosened}
}

// rollback undoes the paragraphs set again since m and the edits made to
// the flow, last first, so that the flow has its items back.
func (b *builder) rollback(itemsp *[]*item, m makeupMark) {
	for i := len(b.resets) - 1; i >= m.resets; i-- {
		r := b.resets[i]
		r.p.tp, r.p.result = r.tp, r.result
	}
	b.resets = b.resets[:m.resets]
	for i := len(b.edits) - 1; i >= m.edits; i-- {
		e := b.edits[i]
		*itemsp = slices.Replace(*itemsp, e.at, e.at+e.added, e.removed...)
	}
	clear(b.edits[m.edits:]) // the removed items may be collected
	b.edits = b.edits[:m.edits]
	b.rehyphenated, b.loosened = m.rehyphenated, m.loosened
}

// spliceFlow replaces the n items of the flow from at by with, in place
// (the flow is paginate's own copy), and records the edit for rollback:
// setting a paragraph again costs the shift of the items after it, not a
// copy of the whole flow.
func (b *builder) spliceFlow(itemsp *[]*item, at, n int, with []*item) {
	removed := slices.Clone((*itemsp)[at : at+n])
	b.edits = append(b.edits, flowEdit{at: at, removed: removed, added: len(with)})
	*itemsp = slices.Replace(*itemsp, at, at+n, with...)
}

// fillPage fills one page of at most limit height from state st and
// returns it with the state after it (see fillOnce). A page of running
// text that stops short of limit (its last legal break comes before the
// foot: a widow, an orphan, a heading kept with what follows) is made
// full, when it can be, by setting one of its paragraphs a line longer
// or shorter (see fillFull).
func (b *builder) fillPage(itemsp *[]*item, st flowState, limit float64, endBlock int) (*flowPage, flowState) {
	var pg *flowPage
	var next flowState
	b.fillWays(itemsp, st, limit, endBlock, func(p *flowPage, n flowState) bool {
		pg, next = p, n
		return true
	})
	return pg, next
}

// fillWays calls try with the ways a page can be filled from state st,
// best first, until try accepts one (returns true): the page as it
// comes, then each full page that setting one paragraph a line longer or
// shorter gives (see fillFull), then the short page as it comes.
// When try accepts none, the last way tried is left in place: the page as
// it comes, the items as they were.
func (b *builder) fillWays(itemsp *[]*item, st flowState, limit float64, endBlock int, try func(*flowPage, flowState) bool) {
	pg, next := b.fillOnce(itemsp, st, limit, endBlock)
	full := pg.final || pg.used >= limit-eps
	if (full || hasFigure(pg)) && try(pg, next) || hasFigure(pg) {
		return
	}
	if b.fillFull(itemsp, st, limit, endBlock, pg, try) {
		return
	}
	if !full {
		try(pg, next)
	}
}

// looseKey names a setting of a paragraph in setPara.loose: the line
// breaker (its tolerance), the looseness, the lines without a hyphen.
type looseKey struct {
	setter    lineSetter
	looseness int
	noHyphen  string
}

// looseSetting is a setting of a paragraph kept in setPara.loose, with
// its flow items once made (see setAgain).
type looseSetting struct {
	result typeset.Result
	items  []*item
}

// setAgain sets the paragraph with setter (see set) and returns the flow
// items of the new setting. The items of a setting tried before are
// those made then, unless the paragraph calls notes (each time its items
// are made they claim them, claimNotes): the page builder splices them
// into the flow again after a rollback took them out, and nothing in a
// flow changes an item before its chapter's pages are made.
func (p *setPara) setAgain(setter lineSetter) []*item {
	if p.plain() {
		p.result = setter.Set(p.tp)
		return p.items(p)
	}
	key, kept := p.setLoose(setter)
	p.result = kept.result
	if p.callsNotes {
		return p.items(p)
	}
	if kept.items == nil {
		kept.items = p.items(p)
		p.loose[key] = kept
	}
	return kept.items
}

// set sets the paragraph with setter; a setting with a looseness or
// with lines that must not end with a hyphen is kept for the next time:
// the page builder tries the same ones again each time it makes up a
// spread another way (a dictionary of short entries, one chapter of 184
// pages, set 64,000 paragraphs again for 1,833 different settings).
func (p *setPara) set(setter lineSetter) typeset.Result {
	if p.plain() {
		return setter.Set(p.tp)
	}
	_, kept := p.setLoose(setter)
	return kept.result
}

// plain reports whether the paragraph is set as it is: no looseness and
// no line kept from ending with a hyphen.
func (p *setPara) plain() bool { return p.tp.Looseness == 0 && len(p.tp.NoHyphenAfter) == 0 }

// setLoose returns the paragraph's setting with setter, not plain, and
// its key in p.loose, where it is kept: the one kept before, else the
// one a loose helper set ahead (looseSetting), else one set now.
func (p *setPara) setLoose(setter lineSetter) (looseKey, looseSetting) {
	key := looseKey{setter: setter, looseness: p.tp.Looseness, noHyphen: lineList(p.tp.NoHyphenAfter)}
	kept, ok := p.loose[key]
	switch d := p.tp.Looseness; {
	case ok:
		return key, kept
	case p.spec != nil && setter == p.specBy && (d == 1 || d == -1) && len(p.tp.NoHyphenAfter) == 0:
		kept.result = p.looseSetting(setter, d)
	default:
		kept.result = setter.Set(p.tp)
	}
	if p.loose == nil {
		p.loose = map[looseKey]looseSetting{}
	}
	p.loose[key] = kept
	return key, kept
}

// lineList writes line indexes as a key of setPara.loose.
func lineList(lines []int) string {
	buf := make([]byte, 0, 4*len(lines))
	for _, n := range lines {
		buf = binary.AppendVarint(buf, int64(n))
	}
	return string(buf)
}

// looseTolerance is the badness a line may reach in a paragraph set a
// line longer or shorter to fill a page (TeX's \tolerance; the body's
// paragraphs are set within 200): a space stretched by at most 1.6 times
// its stretch, never shrunk more than its shrink.
const looseTolerance = 400

// looseLines returns the line breaker that sets a paragraph a line longer
// or shorter (see looseTolerance), made when first needed; with a cache,
// its paragraphs are kept across builds as the others.
func (b *builder) looseLines() lineSetter {
	if b.looseSetter == nil {
		if cs, ok := b.setter.(*cachedSetter); ok {
			b.looseSetter = cs.withTolerance(b.lay, looseTolerance)
		} else if fs, ok := b.setter.(*fileSetter); ok {
			b.looseSetter = &fileSetter{inner: looseSibling(fs.inner, b.lay), file: fs.file, tolerance: looseTolerance}
		} else {
			b.looseSetter = looseSibling(b.setter, b.lay)
		}
	}
	return b.looseSetter
}

// looseSibling returns a line breaker like s (sharing its word cache when
// it is a typeset.Setter) that sets within looseTolerance.
func looseSibling(s lineSetter, lay *layout.Print) lineSetter {
	if ts, ok := s.(*typeset.Setter); ok {
		return ts.SiblingTolerance(looseTolerance)
	}
	return typeset.NewSetter(typeset.SetterOptions{Exceptions: lay.HyphenExceptions, Tolerance: looseTolerance})
}

// maxLooseLines is the longest paragraph, in lines, that the page builder
// sets a line longer or shorter to fill a page.
const maxLooseLines = 60

// fillFull tries to fill a short page pg: each paragraph with lines on
// the page, from the last, then the paragraph after it, is set with one
// more line and then with one fewer (TeX's looseness, within the line
// breaker's tolerance), and the page is filled again; each full page is
// offered to try, and the first it accepts is kept. Lines already placed
// on earlier pages stay as they were. It reports whether try accepted a
// page; when not, the items are as they were.
func (b *builder) fillFull(itemsp *[]*item, st flowState, limit float64, endBlock int, pg *flowPage, try func(*flowPage, flowState) bool) bool {
	var paras []*setPara
	seen := map[*setPara]bool{}
	for i := len(pg.placed) - 1; i >= 0; i-- {
		p := pg.placed[i].it.para
		if p == nil || seen[p] || p.tp.Looseness != 0 || len(p.result.Lines) > maxLooseLines {
			continue
		}
		seen[p] = true
		paras = append(paras, p)
	}
	// The paragraph after the page's last line may also come back a
	// line shorter or longer onto the page.
	if last := lastFlowLine(pg); last != nil {
		for i, it := range *itemsp {
			if it == last {
				for _, nx := range (*itemsp)[i+1:] {
					if nx.kind == itemLine {
						if p := nx.para; p != nil && !seen[p] && p.tp.Looseness == 0 && len(p.result.Lines) <= maxLooseLines {
							paras = append(paras, p)
						}
						break
					}
				}
				break
			}
		}
	}
	for _, p := range paras {
		for _, d := range []int{1, -1} {
			n := len(p.result.Lines)
			if d < 0 && boundShorterTries && !p.mayShorten(b.looseLines(), n) {
				// No setting has fewer lines: the try could not be used
				// (below), and setting the paragraph for it would run
				// every pass, none finding the count asked.
				b.shorterSkipped++
				continue
			}
			m := b.mark()
			if !b.resetParagraph(itemsp, p, st.cur, b.looseLines(), func(tp *typeset.Paragraph) { tp.Looseness = d }) {
				continue
			}
			// A try is used only when it moved the way it was asked:
			// a paragraph asked a line shorter may come back longer
			// (its target line count out of reach in every pass, the
			// closest one kept), which the try a line longer covers.
			if got := len(p.result.Lines); (d < 0 && got < n || d > 0 && got > n) && !p.result.Fallback {
				fp, fn := b.fillOnce(itemsp, st, limit, endBlock)
				if fp.final || fp.used >= limit-eps {
					b.loosened++
					if try(fp, fn) {
						return true
					}
				}
			}
			b.rollback(itemsp, m)
		}
	}
	return false
}

// fillOnce fills one page of at most limit height from state st and
// returns it with the state after it. With footnotes, the notes an item
// calls go to the page's foot with it; the body gives up whole lines of
// its grid for them (footHeight). Notes continued from an earlier page
// come first; a note that does not fit whole is split (at least two lines
// on each side where possible), and an item whose notes cannot start on
// the page goes to the next one.
func (b *builder) fillOnce(itemsp *[]*item, st flowState, limit float64, endBlock int) (*flowPage, flowState) {
	b.budget--
	retries := 0
	for {
		items := *itemsp
		queue := append([]*item(nil), st.queue...)
		cur := st.cur
		// The page's items, about a line's worth each, in one array.
		pg := &flowPage{capacity: limit, heading: st.heading, placed: make([]placedItem, 0, placedEstimate(limit, b.lead))}
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
					// Nothing but figures follows: a figure a little
					// too tall is made smaller to stay on the page of
					// its call rather than leave a page to itself.
					if small := b.shrunkFigure(it, pg.capacity-y-b.footHeight(len(foot))); len(queue) == 0 && small != nil && onlyFiguresAfter(items, i) {
						if _, ok := plan(small, false); ok {
							b.spliceFlow(itemsp, i, 1, []*item{small})
							items = *itemsp
							continue
						}
					}
					queue = append(queue, it)
					i++
					continue
				}
			}
			// The figures waiting for room come before the next heading
			// (and a chapter's notes): the page ends before it.
			if (it.clearFloats || it.outline != nil) && len(queue) > 0 && (placedFlow || y > 0) {
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
	if !b.resetParagraph(items, p, cur, b.setter, func(tp *typeset.Paragraph) {
		tp.NoHyphenAfter = append(append([]int(nil), tp.NoHyphenAfter...), line.line)
	}) {
		return false
	}
	b.rehyphenated++
	return true
}

// resetParagraph sets paragraph p again with change made to its
// settings, and splices the new lines into items. It reports whether it
// could: lines already placed on earlier pages (before index cur) must
// come out the same; when they do not, p is left as it was.
func (b *builder) resetParagraph(items *[]*item, p *setPara, cur int, setter lineSetter, change func(tp *typeset.Paragraph)) bool {
	if resetSeen != nil {
		resetSeen(p)
	}
	old, oldTP := p.result, p.tp
	b.resets = append(b.resets, resetRecord{p: p, tp: oldTP, result: old})
	change(&p.tp)
	fresh := p.setAgain(setter)
	first, last := paragraphSpan(*items, p, cur)
	// Lines on earlier pages must stay as they were drawn.
	kept := max(0, cur-first)
	if first < 0 || kept > len(fresh) || kept >= len(p.result.Lines) || first+kept > last+1 ||
		(kept > 0 && fresh[kept].offset != (*items)[first+kept].offset) {
		p.tp, p.result = oldTP, old
		return false
	}
	b.spliceFlow(items, first+kept, last+1-(first+kept), fresh[kept:])
	return true
}

// resetSeen, when a test sets it, is told of each paragraph the page
// builder sets again.
var resetSeen func(p *setPara)

// paragraphSpan returns the indexes of the first and last items of p's
// lines in items, or -1, -1. The lines of a paragraph follow each other
// in a flow (they are made and spliced in together, and nothing comes
// between them), so the search starts at cur, where the page being made
// up starts and near which the paragraphs set again stand, and the span
// is grown from the first line found.
func paragraphSpan(items []*item, p *setPara, cur int) (first, last int) {
	at := -1
	cur = min(max(cur, 0), len(items))
	for i := cur; i < len(items); i++ {
		if items[i].para == p {
			at = i
			break
		}
	}
	for i := cur - 1; at < 0 && i >= 0; i-- {
		if items[i].para == p {
			at = i
		}
	}
	if at < 0 {
		return -1, -1
	}
	first, last = at, at
	for first > 0 && items[first-1].para == p {
		first--
	}
	for last+1 < len(items) && items[last+1].para == p {
		last++
	}
	return first, last
}

// onlyFiguresAfter reports whether the items after index i are figures
// and vertical space only.
func onlyFiguresAfter(items []*item, i int) bool {
	for _, it := range items[i+1:] {
		if it.kind != itemFigure && it.kind != itemSpace {
			return false
		}
	}
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

// boundShorterTries is false in a test that makes up pages with and
// without the bound on shorter settings (mayShorten).
var boundShorterTries = true

// mayShorten reports whether the paragraph, now set in n lines, may have
// a setting by setter with fewer (minLines, found once). Nine tenths of
// the page builder's tries to set a paragraph a line shorter found none:
// the bound spares most of them (Pride and Prejudice: 3,312 of 3,973).
func (p *setPara) mayShorten(setter lineSetter, n int) bool {
	if p.minLines == 0 {
		tp := p.tp
		tp.Looseness = -1 // the try's paragraph (fillFull)
		if _, tried := p.loose[looseKey{setter: setter, looseness: -1, noHyphen: lineList(tp.NoHyphenAfter)}]; tried || holds(setter, tp) {
			// The setting is at hand (an earlier try, the print
			// cache, publish watch's cache): trying costs less than
			// the bound, which measures the paragraph's words.
			return true
		}
		p.minLines = max(1, minLines(setter, p.tp))
	}
	return p.minLines < n
}
