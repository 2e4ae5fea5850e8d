package typo

import (
	"slices"
	"sync"

	"github.com/publish-books/publish/internal/model"
)

// Cache keeps, across the builds of one process (publish watch), what the
// rules made of each inline list: the characters of the list as the pass
// read them (its text, the atoms standing for code, notes and line breaks,
// the language and the superscript and small-capital context of each text
// node, whether it is running text and whether suggestions are wanted),
// what the rules did to each text node, and the suggestions they made. The
// rules read nothing else, so a list that reads the same in the next build
// (an unchanged paragraph of an unchanged chapter, with the same language
// and the same rendered citations) gets its result from the cache and only
// the writing into the new model's nodes is done again: the model and the
// diagnostics are those of a pass without a cache. A look-up compares the
// whole list, not only its hash. Entries the last two calls did not use
// are dropped, so that an edit undone finds its lists again.
type Cache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[uint64][]*cacheEntry
	// hits and misses of the last Apply.
	hits, misses int
}

// cacheEntry is the outcome of the rules for one inline list.
type cacheEntry struct {
	in      []cell
	pieces  []pieceKey
	kind    kind
	suggest bool
	// results holds what the rules did to each text node, in the order
	// of the pieces.
	results []pieceResult
	sugg    []suggestion
	gen     uint64
}

// pieceKey is what the rules read of a text node besides its characters.
type pieceKey struct {
	lang    lang
	sup, sc bool
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[uint64][]*cacheEntry{}} }

// Stats returns how many inline lists the last Apply with c found in it,
// and how many it passed through the rules.
func (c *Cache) Stats() (hits, misses int) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// begin starts an Apply. A nil cache does nothing.
func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.hits, c.misses = 0, 0
}

// end finishes an Apply: the entries neither it nor the call before used
// are dropped, so that the cache holds the lists of the last two states
// of the manuscript only.
func (c *Cache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, list := range c.entries {
		list = slices.DeleteFunc(list, func(e *cacheEntry) bool { return e.gen+1 < c.gen })
		if len(list) == 0 {
			delete(c.entries, h)
		} else {
			c.entries[h] = list
		}
	}
}

// hash returns the key of the stream's current list (its cells as
// flattened, before any rule ran) under ctx.
func (s *stream) hash(ctx scope) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(ctx.kind)) * prime
	if ctx.suggest {
		h = (h ^ 1) * prime
	}
	for _, p := range s.pieces {
		k := uint64(p.lang) << 2
		if p.sup {
			k |= 1
		}
		if p.sc {
			k |= 2
		}
		h = (h ^ k) * prime
	}
	// One multiplication a cell (the flags folded into the rune's unused
	// high bits; a rune outside Unicode only makes a collision, which a
	// look-up's full comparison sorts out), on two lanes, even and odd
	// cells, so that the multiplications of a long list do not wait for
	// each other.
	cell := func(c cell) uint64 {
		return uint64(uint32(c.r)^uint32(c.flags)<<24) | uint64(uint32(c.piece))<<32
	}
	h2 := h ^ 0x9E3779B97F4A7C15
	cells := s.cells
	for len(cells) >= 2 {
		h = (h ^ cell(cells[0])) * prime
		h2 = (h2 ^ cell(cells[1])) * prime
		cells = cells[2:]
	}
	if len(cells) == 1 {
		h = (h ^ cell(cells[0])) * prime
	}
	return (h^h2*31)*prime ^ uint64(len(s.cells))
}

// matches reports whether e was made from the stream's current list
// under ctx.
func (e *cacheEntry) matches(s *stream, ctx scope) bool {
	if e.kind != ctx.kind || e.suggest != ctx.suggest || len(e.pieces) != len(s.pieces) || !slices.Equal(e.in, s.cells) {
		return false
	}
	for i, p := range s.pieces {
		if e.pieces[i] != (pieceKey{lang: p.lang, sup: p.sup, sc: p.sc}) {
			return false
		}
	}
	return true
}

// lookup returns the entry made from the stream's current list under
// ctx, or nil. A nil cache finds nothing.
func (c *Cache) lookup(h uint64, s *stream, ctx scope) *cacheEntry {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries[h] {
		if e.matches(s, ctx) {
			e.gen = c.gen
			c.hits++
			return e
		}
	}
	c.misses++
	return nil
}

// newEntry starts the entry of the stream's current list under ctx,
// before the rules change its cells; nil for a nil cache.
func (c *Cache) newEntry(s *stream, ctx scope) *cacheEntry {
	if c == nil {
		return nil
	}
	e := &cacheEntry{in: slices.Clone(s.cells), kind: ctx.kind, suggest: ctx.suggest,
		pieces: make([]pieceKey, len(s.pieces))}
	for i, p := range s.pieces {
		e.pieces[i] = pieceKey{lang: p.lang, sup: p.sup, sc: p.sc}
	}
	return e
}

// keep completes e with what the rules did to each text node and the
// suggestions they made, and stores it under h. It does nothing for a nil
// cache or entry.
func (c *Cache) keep(h uint64, e *cacheEntry, results []pieceResult, sugg []suggestion) {
	if c == nil || e == nil || len(results) != len(e.pieces) {
		return // a list whose text nodes were not all written is not kept
	}
	e.results, e.sugg = results, slices.Clone(sugg)
	c.mu.Lock()
	defer c.mu.Unlock()
	e.gen = c.gen
	c.entries[h] = append(c.entries[h], e)
}

// pieceResult is what the rules did to one text node of a list: its new
// text, or its removal (it became empty), or its split into runs of text,
// superscript and small capitals.
type pieceResult struct {
	drop bool
	text string
	runs []pieceRun
}

// pieceRun is one run of a split text node: its text and fSup,
// fSmallCaps or 0.
type pieceRun struct {
	kind uint8
	text string
}

// resultOf records what writePiece did to t: out and replaced are what it
// returned.
func resultOf(t *model.Text, out []model.Inline, replaced bool) pieceResult {
	switch {
	case !replaced:
		return pieceResult{text: t.Value}
	case len(out) == 0:
		return pieceResult{drop: true}
	}
	r := pieceResult{runs: make([]pieceRun, 0, len(out))}
	for _, in := range out {
		switch n := in.(type) {
		case *model.Superscript:
			r.runs = append(r.runs, pieceRun{kind: fSup, text: model.PlainText(n.Children)})
		case *model.SmallCaps:
			r.runs = append(r.runs, pieceRun{kind: fSmallCaps, text: model.PlainText(n.Children)})
		default:
			r.runs = append(r.runs, pieceRun{text: model.PlainText([]model.Inline{in})})
		}
	}
	return r
}

// apply does to t what the rules did to the node r was recorded from,
// returning what writePiece returns.
func (r pieceResult) apply(t *model.Text) ([]model.Inline, bool) {
	switch {
	case r.drop:
		return nil, true
	case r.runs == nil:
		t.Value = r.text
		return nil, false
	}
	out := make([]model.Inline, 0, len(r.runs))
	for _, run := range r.runs {
		n := &model.Text{Value: run.text, Pos: t.Pos}
		switch run.kind {
		case fSup:
			out = append(out, &model.Superscript{Children: []model.Inline{n}})
		case fSmallCaps:
			out = append(out, &model.SmallCaps{Children: []model.Inline{n}, Pos: t.Pos})
		default:
			out = append(out, n)
		}
	}
	return out, true
}
