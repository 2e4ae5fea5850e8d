package typo

import "github.com/publish-books/publish/internal/model"

// list applies the rules to one inline list and reports its suggestions.
func (a *applier) list(ins *[]model.Inline, ctx scope) {
	if ins == nil || len(*ins) == 0 {
		return
	}
	s := &a.s
	s.cells, s.pieces, s.notes = s.cells[:0], s.pieces[:0], s.notes[:0]
	s.flatten(*ins, ctx.lang, false, false, 0)
	for _, n := range s.notes {
		if !a.notes[n] {
			a.pending = append(a.pending, n)
		}
	}
	if len(s.pieces) == 0 {
		return
	}
	// The rules read the cells and the pieces' languages and contexts
	// only: a list that reads as one seen by an earlier build gets that
	// build's result, written back into this list's nodes.
	h := uint64(0)
	if a.cache != nil {
		h = s.hash(ctx)
		if e := a.cache.lookup(h, s, ctx); e != nil {
			s.replay = e.results
			next := 0
			*ins = s.rebuild(*ins, &next, 0)
			s.replay = nil
			a.report(ctx, e.sugg)
			return
		}
	}
	entry := a.cache.newEntry(s, ctx)
	s.protect()
	// The order matters for idempotence: a pass never changes what an
	// earlier pass looked at (spaces stay spaces, dashes stay dashes), so a
	// second run finds nothing to do.
	if hasStraightQuote(s.cells) {
		s.pass(s.quotes(s.cells))
	}
	if s.spacingMayChange(s.cells) {
		s.pass(s.spacing(s.cells, s.spare[:0]))
	}
	if dashesMayChange(s.cells) {
		s.pass(s.dashes(s.cells, s.spare[:0], ctx.kind == kindParagraph))
	}
	s.pass(s.numbers(s.cells, s.spare[:0]))
	var sugg []suggestion
	sugg = s.ordinals(s.cells, ctx.suggest, sugg)
	s.computeRanges()
	var results []pieceResult
	if entry != nil {
		results = make([]pieceResult, 0, len(s.pieces))
		s.record = &results
	}
	next := 0
	*ins = s.rebuild(*ins, &next, 0)
	s.record = nil
	a.cache.keep(h, entry, results, sugg)
	a.report(ctx, sugg)
}

// report reports a list's suggestions.
func (a *applier) report(ctx scope, sugg []suggestion) {
	for _, sg := range sugg {
		a.suggest(ctx, sg.code, sg.needles, "%s", sg.msg)
	}
}

// pass makes out the current cells, keeping the old ones as scratch space.
func (s *stream) pass(out []cell) {
	if len(out) > 0 && len(s.cells) > 0 && &out[0] == &s.cells[0] {
		return // the pass edited the cells in place
	}
	s.spare, s.cells = s.cells, out
}
