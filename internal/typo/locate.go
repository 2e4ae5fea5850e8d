package typo

import (
	"strings"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// place returns the position of the first of needles in the texts of the
// inline list just set (the stream's pieces), after the words already
// placed there, from the texts' own positions; or blockPos when no text
// holds one. Text nodes start a new node at each manuscript line, so a
// text's position plus the characters before the word is the word's place.
func (a *applier) place(blockPos model.Position, needles []string) model.Position {
	for _, pc := range a.s.pieces {
		t := pc.text
		if t == nil || !t.Pos.IsValid() || t.Pos.Line == 0 {
			continue
		}
		from := a.searched[t]
		if from > len(t.Value) {
			continue
		}
		best, bestLen := -1, 0
		for _, nd := range needles {
			if nd == "" {
				continue
			}
			if k := strings.Index(t.Value[from:], nd); k >= 0 && (best < 0 || from+k < best) {
				best, bestLen = from+k, len(nd)
			}
		}
		if best < 0 {
			continue
		}
		a.searched[t] = best + bestLen
		pos := t.Pos
		pos.Col += utf8.RuneCountInString(t.Value[:best])
		return pos
	}
	// A needle may run over two texts, when an inline (a span, an index
	// term) starts inside it: « A [Boulogne]{.index} ». Its first word
	// then ends a text.
	for _, pc := range a.s.pieces {
		t := pc.text
		if t == nil || !t.Pos.IsValid() || t.Pos.Line == 0 || a.searched[t] > len(t.Value) {
			continue
		}
		for _, nd := range needles {
			k := strings.IndexAny(nd, " \n")
			if k <= 0 || k == len(nd)-1 {
				continue
			}
			head := nd[:k+1]
			if rest := t.Value[a.searched[t]:]; strings.HasSuffix(rest, head) {
				at := len(t.Value) - len(head)
				a.searched[t] = len(t.Value)
				pos := t.Pos
				pos.Col += utf8.RuneCountInString(t.Value[:at])
				return pos
			}
		}
	}
	return blockPos
}
