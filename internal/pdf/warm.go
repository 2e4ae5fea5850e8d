package pdf

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// Breaking the paragraphs into lines is most of the page builder's work,
// and the page builder goes through the chapters one after the other. A
// warmer sets the chapters' running paragraphs on another core, from the
// end of the book backwards, while the page builder works from the
// first; each unit of work (a chapter, or a run of unitBlocks blocks of a
// longer one) is taken by one of them, and they meet in the middle. A
// book of one long chapter (a dictionary, an essay) is shared so too.
//
// A warmed result is used only when the paragraph the page builder is
// about to set is the same, run for run, as the one the warmer set (same
// text, styles, measure, indent and language): a guess that turns out
// wrong costs the warmer's time, never a different book. A line breaker's
// result depends on its paragraph only, so the PDF is the same whether a
// paragraph was set by the warmer or by the page builder.

// unitBlocks is the most top-level blocks in a unit of the warmer's work:
// a chapter of more is cut into runs of about as many.
const unitBlocks = 200

// Unit states of a warmer.
const (
	unitFree     int32 = iota // taken by neither yet
	unitWarming               // the warmer sets it
	unitBuilding              // the page builder sets it itself
)

// warmed is a paragraph as the warmer set it.
type warmed struct {
	tp     typeset.Paragraph
	result typeset.Result
}

// warmUnit is the blocks from and up to (not including) to of a chapter.
type warmUnit struct {
	ch       *model.Chapter
	from, to int
}

// unitStart is where a unit of work starts: a chapter and a block index.
type unitStart struct {
	ch *model.Chapter
	bi int
}

// warmer sets chapters' top-level paragraphs ahead of the page builder.
type warmer struct {
	b     *builder
	units []warmUnit
	// starts maps a unit's chapter and first block to its index.
	starts map[unitStart]int
	state  []atomic.Int32
	done   []chan struct{}
	// sets[i] is written by the warmer before done[i] is closed.
	sets []map[*model.Paragraph]warmed
	wg   sync.WaitGroup
	// over is set when the warmer has nothing more to set.
	over atomic.Bool
}

// warmUnits cuts the chapters into units of work: a chapter of up to
// unitBlocks blocks is one, a longer one is cut into runs of equal length.
func warmUnits(chapters []*model.Chapter) []warmUnit {
	var units []warmUnit
	for _, ch := range chapters {
		n := len(ch.Blocks)
		parts := max(1, (n+unitBlocks-1)/unitBlocks)
		for i := 0; i < parts; i++ {
			units = append(units, warmUnit{ch: ch, from: i * n / parts, to: (i + 1) * n / parts})
		}
	}
	return units
}

// startWarmer starts a warmer on the book's chapters; it returns nil on
// one core or when the book is a single unit of work.
func (b *builder) startWarmer() *warmer {
	units := warmUnits(b.book.Chapters)
	n := len(units)
	if runtime.GOMAXPROCS(0) < 2 || n < 2 {
		return nil
	}
	w := &warmer{b: b, units: units, starts: make(map[unitStart]int, n),
		state: make([]atomic.Int32, n), done: make([]chan struct{}, n), sets: make([]map[*model.Paragraph]warmed, n)}
	for i, u := range units {
		w.starts[unitStart{u.ch, u.from}] = i
		w.done[i] = make(chan struct{})
	}
	s := siblingSetter(b.setter, b.lay)
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		defer w.over.Store(true)
		for i := n - 1; i >= 1; i-- {
			if !w.state[i].CompareAndSwap(unitFree, unitWarming) {
				return // the page builder has come this far
			}
			w.sets[i] = w.warm(s, units[i])
			close(w.done[i])
		}
	}()
	return w
}

// warm sets the top-level paragraphs of unit u as blockItems will,
// guessing the indent from the blocks before (blockItems decides).
func (w *warmer) warm(s lineSetter, u warmUnit) map[*model.Paragraph]warmed {
	b := w.b
	out := map[*model.Paragraph]warmed{}
	afterHeading := true
	if u.from > 0 {
		afterHeading = opensAfterHeading(u.ch.Blocks[u.from-1])
	}
	for _, blk := range u.ch.Blocks[u.from:u.to] {
		if n, ok := blk.(*model.Paragraph); ok {
			tp := b.bodyParagraph(n, b.textW, afterHeading)
			out[n] = warmed{tp: tp, result: s.Set(tp)}
		}
		afterHeading = opensAfterHeading(blk)
	}
	return out
}

// opensAfterHeading is the warmer's guess of whether the block after blk
// follows a heading (or a figure): its indent depends on it.
func opensAfterHeading(blk model.Block) bool {
	switch blk.(type) {
	case *model.Heading, *model.FigureBlock:
		return true
	}
	return false
}

// take returns the paragraphs warmed for the unit of ch that starts at
// block bi, waiting while the warmer sets them, or nil when the page
// builder is to set the unit itself (or no unit starts there).
func (w *warmer) take(ch *model.Chapter, bi int) (map[*model.Paragraph]warmed, bool) {
	if w == nil {
		return nil, false
	}
	i, ok := w.starts[unitStart{ch, bi}]
	if !ok {
		return nil, false
	}
	if w.state[i].CompareAndSwap(unitFree, unitBuilding) {
		return nil, true
	}
	<-w.done[i]
	set := w.sets[i]
	w.sets[i] = nil // the page builder holds it while it builds the unit
	return set, true
}

// busy reports whether the warmer is still setting paragraphs or may
// set more: it has not ended, and a unit is free or being set.
func (w *warmer) busy() bool {
	if w == nil || w.over.Load() {
		return false
	}
	for i := range w.state {
		switch w.state[i].Load() {
		case unitFree:
			return true
		case unitWarming:
			select {
			case <-w.done[i]:
			default:
				return true
			}
		}
	}
	return false
}

// stop waits for the warmer to end.
func (w *warmer) stop() {
	if w == nil {
		return
	}
	for i := range w.state {
		w.state[i].CompareAndSwap(unitFree, unitBuilding)
	}
	w.wg.Wait()
}

// sameParagraph reports whether a and b are the same paragraph to the
// line breaker.
func sameParagraph(a, b typeset.Paragraph) bool {
	if a.Width != b.Width || a.Indent != b.Indent || a.Align != b.Align || a.Lang != b.Lang ||
		len(a.NoHyphenAfter) != 0 || len(b.NoHyphenAfter) != 0 || a.Looseness != 0 || b.Looseness != 0 || len(a.Runs) != len(b.Runs) {
		return false
	}
	for i := range a.Runs {
		if a.Runs[i] != b.Runs[i] {
			return false
		}
	}
	return true
}
