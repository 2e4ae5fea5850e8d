package pdf

import (
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// reportBroken warns, at pos (the block or note being set), of each word
// the line breaker had to break inside because it is wider than the
// measure and has no allowed break (typeset.Result.Broken), once per
// word and place.
func (b *builder) reportBroken(res typeset.Result, pos model.Position) {
	for _, w := range res.Broken {
		key := brokenKey{pos, w.Text}
		if b.brokenSeen[key] {
			continue
		}
		if b.brokenSeen == nil {
			b.brokenSeen = map[brokenKey]bool{}
		}
		b.brokenSeen[key] = true
		word := []rune(w.Text)
		shown := w.Text
		if len(word) > 40 {
			shown = string(word[:40]) + "…"
		}
		b.ds.WarnCodef("word-too-wide", pos, "%q is wider than the print measure and has no place to break: the print edition breaks it inside (after a punctuation mark where it has one), without a hyphen (a space, a shorter word or code in a code block would help)", shown)
	}
}

// brokenKey is a word broken inside, at a place.
type brokenKey struct {
	pos  model.Position
	text string
}
