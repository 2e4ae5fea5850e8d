package pdf

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/publish-books/publish/internal/typeset"
)

// Making up the pages of a long chapter, the page builder sets many of
// its paragraphs a line longer and a line shorter (fillFull) to fill short
// pages, one after the other on one core, while the other core has
// nothing to do: the warmer has set the chapter's paragraphs, and the
// recorder waits for the chapter's last page. A loose helper sets those
// settings on the idle core, paragraph after paragraph, just ahead of the
// page being made up; the page builder takes a setting the helper made,
// waits for one it is making, and makes the others itself. A line
// breaker's result depends on its paragraph only, so the pages are the
// same whoever set a paragraph.
//
// The helper runs only for a chapter long enough to be cut into several
// units of the warmer's work (a dictionary, an essay of one chapter), once
// the warmer is over: in a book of ordinary chapters the other core sets
// the chapters ahead, then draws the pages of the chapter before, and a
// third goroutine would take time from the page builder.

// looseSpec is one of a paragraph's settings a line longer or shorter
// (looseness +1 or -1, no line kept from ending with a hyphen), set by the
// loose helper or by the page builder, whichever comes first.
type looseSpec struct {
	mu     sync.Mutex
	done   bool
	result typeset.Result
}

// looseHelper sets paragraphs a line longer and shorter ahead of the page
// builder.
type looseHelper struct {
	paras []*setPara
	// at is the index in paras of the first paragraph of the page being
	// made up: the helper skips the ones before.
	at   atomic.Int32
	stop atomic.Bool
	wg   sync.WaitGroup
	// made counts the settings the helper made.
	made int
	b    *builder
}

// startLooseHelper starts a loose helper on the paragraphs of a flow
// about to be paginated, when the flow is that of a chapter cut into
// several units of the warmer's work and a core is free for it; else it
// returns nil. The paragraphs get their settings' slots (setPara.spec).
func (b *builder) startLooseHelper(items []*item, blocks int) *looseHelper {
	if blocks <= unitBlocks || runtime.GOMAXPROCS(0) < 2 || b.warm.busy() {
		return nil
	}
	if _, cached := b.setter.(*cachedSetter); cached {
		// publish watch: the cache keeps the settings, and counts them.
		return nil
	}
	h := &looseHelper{b: b}
	for _, it := range items {
		p := it.para
		if p == nil || p.spec != nil {
			continue
		}
		if p.tp.Looseness != 0 || len(p.tp.NoHyphenAfter) > 0 || len(p.result.Lines) > maxLooseLines {
			continue
		}
		p.spec = &[2]looseSpec{}
		p.base, p.specBy = p.tp, b.looseLines()
		p.index = len(h.paras)
		h.paras = append(h.paras, p)
	}
	if len(h.paras) == 0 {
		return nil
	}
	setter := siblingSetter(b.looseLines(), b.lay)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		for i := 0; i < len(h.paras) && !h.stop.Load(); i++ {
			i = max(i, int(h.at.Load()))
			if i >= len(h.paras) {
				return
			}
			p := h.paras[i]
			for k, d := range [2]int{1, -1} {
				s := &p.spec[k]
				if !s.mu.TryLock() {
					continue // the page builder sets it
				}
				if !s.done {
					tp := p.base
					tp.Looseness = d
					s.result, s.done = setter.Set(tp), true
					h.made++
				}
				s.mu.Unlock()
			}
		}
	}()
	return h
}

// reached tells the helper that the page being made up starts at the
// flow's item it (the helper goes on from its paragraph).
func (h *looseHelper) reached(it *item) {
	if h == nil || it == nil || it.para == nil || it.para.spec == nil {
		return
	}
	h.at.Store(int32(it.para.index))
}

// close stops the helper and waits for it; the paragraphs' settings stay.
func (h *looseHelper) close() {
	if h == nil {
		return
	}
	h.stop.Store(true)
	h.wg.Wait()
	h.b.looseAhead += h.made
}

// looseSetting returns the paragraph's setting with looseness d (+1 or -1)
// and setter, the page builder's loose line breaker: the one the helper
// made, else made now.
func (p *setPara) looseSetting(setter lineSetter, d int) typeset.Result {
	s := &p.spec[0]
	if d < 0 {
		s = &p.spec[1]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.done {
		tp := p.base
		tp.Looseness = d
		s.result, s.done = setter.Set(tp), true
	}
	return s.result
}
