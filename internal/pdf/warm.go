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
// last chapter backwards, while the page builder works from the first;
// each chapter is taken by one of them, and they meet in the middle.
//
// A warmed result is used only when the paragraph the page builder is
// about to set is the same, run for run, as the one the warmer set (same
// text, styles, measure, indent and language): a guess that turns out
// wrong costs the warmer's time, never a different book. A line breaker's
// result depends on its paragraph only, so the PDF is the same whether a
// paragraph was set by the warmer or by the page builder.

// Chapter states of a warmer.
const (
	chapterFree     int32 = iota // taken by neither yet
	chapterWarming               // the warmer sets it
	chapterBuilding              // the page builder sets it itself
)

// warmed is a paragraph as the warmer set it.
type warmed struct {
	tp     typeset.Paragraph
	result typeset.Result
}

// warmer sets chapters' top-level paragraphs ahead of the page builder.
type warmer struct {
	b     *builder
	index map[*model.Chapter]int
	state []atomic.Int32
	done  []chan struct{}
	// sets[i] is written by the warmer before done[i] is closed.
	sets []map[*model.Paragraph]warmed
	wg   sync.WaitGroup
}

// startWarmer starts a warmer on the book's chapters; it returns nil on
// one core or for a book of one chapter.
func (b *builder) startWarmer() *warmer {
	n := len(b.book.Chapters)
	if runtime.GOMAXPROCS(0) < 2 || n < 2 {
		return nil
	}
	w := &warmer{b: b, index: make(map[*model.Chapter]int, n), state: make([]atomic.Int32, n),
		done: make([]chan struct{}, n), sets: make([]map[*model.Paragraph]warmed, n)}
	for i, ch := range b.book.Chapters {
		w.index[ch] = i
		w.done[i] = make(chan struct{})
	}
	s := siblingSetter(b.setter, b.lay)
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for i := n - 1; i >= 1; i-- {
			if !w.state[i].CompareAndSwap(chapterFree, chapterWarming) {
				return // the page builder has come this far
			}
			w.sets[i] = w.warm(s, b.book.Chapters[i])
			close(w.done[i])
		}
	}()
	return w
}

// warm sets the top-level paragraphs of ch as blockItems will, guessing
// the indent from the blocks before (blockItems decides).
func (w *warmer) warm(s lineSetter, ch *model.Chapter) map[*model.Paragraph]warmed {
	b := w.b
	out := map[*model.Paragraph]warmed{}
	afterHeading := true
	for _, blk := range ch.Blocks {
		switch n := blk.(type) {
		case *model.Paragraph:
			tp := b.bodyParagraph(n, b.textW, afterHeading)
			out[n] = warmed{tp: tp, result: s.Set(tp)}
			afterHeading = false
		case *model.Heading, *model.FigureBlock:
			afterHeading = true
		default:
			afterHeading = false
		}
	}
	return out
}

// take returns the paragraphs warmed for ch, waiting while the warmer
// sets them, or nil when the page builder is to set ch itself.
func (w *warmer) take(ch *model.Chapter) map[*model.Paragraph]warmed {
	if w == nil {
		return nil
	}
	i, ok := w.index[ch]
	if !ok || w.state[i].CompareAndSwap(chapterFree, chapterBuilding) {
		return nil
	}
	<-w.done[i]
	set := w.sets[i]
	w.sets[i] = nil // the page builder holds it while it builds ch
	return set
}

// stop waits for the warmer to end.
func (w *warmer) stop() {
	if w == nil {
		return
	}
	for i := range w.state {
		w.state[i].CompareAndSwap(chapterFree, chapterBuilding)
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
