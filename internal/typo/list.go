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
	s.protect()
	// The order matters for idempotence: a pass never changes what an
	// earlier pass looked at (spaces stay spaces, dashes stay dashes), so a
	// second run finds nothing to do.
	s.pass(s.quotes(s.cells, s.spare[:0]))
	s.pass(s.spacing(s.cells, s.spare[:0]))
	s.pass(s.dashes(s.cells, s.spare[:0], ctx.kind == kindParagraph))
	s.pass(s.numbers(s.cells, s.spare[:0]))
	var sugg []suggestion
	sugg = s.ordinals(s.cells, ctx.suggest, sugg)
	s.computeRanges()
	next := 0
	*ins = s.rebuild(*ins, &next, 0)
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
