// Package typo applies the typographic rules of the book's language to
// every text of the model, so that the EPUB and the PDF draw the same
// characters: French spaces before punctuation and inside guillemets,
// no-break spaces in numbers, dates and units, typographic quotes,
// apostrophes, dashes and ellipses, and ordinals with superscript letters.
//
// The pass never rewrites the author's words: spelling mistakes that the
// rules could fix only by guessing (« 3ème », « A » for « À ») are reported
// as suggestions. See docs/typography.md for the rules.
package typo

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/publish-books/publish/internal/model"
)

// Apply applies the language rules to every text of the book: chapter
// titles, paragraphs, headings, list items, quotes, table cells, notes (the
// author's and the generated ones), rendered citations, figure captions,
// credits and alt texts, bibliography entries, and the metadata shown to
// readers (title, subtitle, description, rights, creators' names …). The
// book's language (Meta.Language) decides the rules; a chapter's Lang or a
// Span's Lang overrides it for its text. Code, raw HTML and link targets
// are never changed. Misspelt ordinals and an unaccented « A » starting a
// sentence are reported to ds as suggestions. Running Apply twice gives
// the same model.
func Apply(book *model.Book, ds *model.Diagnostics) {
	ApplyCached(book, ds, nil)
}

// ApplyCached is Apply with a cache of the lists earlier calls passed
// through the rules (publish watch); the book and the diagnostics are
// those of Apply. A nil cache is Apply. Calls sharing a cache must run one
// after the other.
func ApplyCached(book *model.Book, ds *model.Diagnostics, cache *Cache) {
	if book == nil {
		return
	}
	if ds == nil {
		ds = &model.Diagnostics{}
	}
	cache.begin()
	a := newApplier(book, ds)
	a.cache = cache
	a.book()
	cache.end()
}

// kind says what an inline list is, for the rules that depend on it.
type kind uint8

const (
	kindParagraph kind = iota // running text: dialogue dashes apply
	kindOther                 // titles, captions, cells, credits
)

// scope is what the pass knows about one inline list.
type scope struct {
	lang    lang
	kind    kind
	pos     model.Position // where the list's block starts
	suggest bool           // report spelling suggestions for this text
}

// applier holds the state of one Apply call.
type applier struct {
	bk *model.Book
	ds *model.Diagnostics
	// searched holds, for each text a suggestion was placed in, the byte
	// offset after the last word found there.
	searched map[*model.Text]int
	notes    map[*model.Note]bool
	figures  map[*model.Figure]bool
	pending  []*model.Note
	reported map[string]bool
	s        stream
	// cache, when not nil, keeps the rules' results across calls.
	cache *Cache
}

func newApplier(book *model.Book, ds *model.Diagnostics) *applier {
	return &applier{
		bk:       book,
		ds:       ds,
		searched: map[*model.Text]int{},
		notes:    map[*model.Note]bool{},
		figures:  map[*model.Figure]bool{},
		reported: map[string]bool{},
	}
}

func (a *applier) book() {
	b := a.bk
	bookLang := parseLang(b.Meta.Language, langOther)
	m := &b.Meta
	for _, s := range []*string{&m.Title, &m.Subtitle, &m.Description, &m.Rights, &m.Edition, &m.Publisher, &m.Printer, &m.LegalDeposit} {
		*s = a.text(*s, bookLang)
	}
	for i := range m.Creators {
		m.Creators[i].Name = a.text(m.Creators[i].Name, bookLang) // shown on the title page; FileAs is a sort key
	}
	a.chapters(bookLang)
	for _, f := range b.Figures {
		a.figure(f, bookLang)
	}
	a.drain(bookLang)
	for gi := range b.Bibliography {
		g := &b.Bibliography[gi]
		g.Title = a.text(g.Title, bookLang)
		for ei := range g.Entries {
			e := &g.Entries[ei]
			ctx := scope{lang: bookLang, kind: kindOther}
			if src := b.Sources[e.Key]; src != nil {
				ctx.pos, ctx.suggest = src.Pos, true
			}
			a.list(&e.Inlines, ctx)
		}
	}
	a.drain(bookLang)
}

// chapter applies the rules to one chapter: its title, its blocks, its
// notes and the notes its text calls.
func (a *applier) chapter(ch *model.Chapter, bookLang lang) {
	lg := parseLang(ch.Lang, bookLang)
	a.list(&ch.Title, scope{lang: lg, kind: kindOther, pos: ch.Pos, suggest: true})
	a.blocks(ch.Blocks, lg, true)
	for _, n := range ch.Notes {
		a.note(n, lg)
	}
	a.drain(lg)
}

// chapters applies the rules to every chapter, on all cores. The
// chapters read from one file go to one worker, in book order: a note, a
// figure or a place in a file is reached only from the chapters of its
// own file (the manuscript reader makes notes and figures per file, and
// cite.Apply makes a citation's note in its chapter), so workers share
// nothing. Each worker has its own applier; their diagnostics are merged
// in book order and what they saw (notes, figures, reported suggestions,
// search places in files) joins a's, so the result and the diagnostics
// are those of a pass in book order.
func (a *applier) chapters(bookLang lang) {
	var groups [][]*model.Chapter
	file := ""
	for _, ch := range a.bk.Chapters {
		if ch == nil {
			continue
		}
		if len(groups) == 0 || ch.File != file || ch.File == "" {
			groups = append(groups, nil)
			file = ch.File
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], ch)
	}
	workers := min(runtime.GOMAXPROCS(0), len(groups))
	if workers <= 1 {
		for _, g := range groups {
			for _, ch := range g {
				a.chapter(ch, bookLang)
			}
		}
		return
	}
	// The workers take the groups longest first, so that a long chapter
	// does not come last and leave the other cores idle while it is done
	// (the last of La Comédie humaine's twelve files holds a fifth of its
	// text). The order of the results does not depend on it.
	order := make([]int, len(groups))
	weights := make([]int, len(groups))
	for i, g := range groups {
		order[i] = i
		for _, ch := range g {
			weights[i] += chapterWeight(ch)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return weights[order[x]] > weights[order[y]] })
	parts := make([]*applier, len(groups))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The stream's scratch space goes from one group's applier to
			// the next: grown once per worker, not once per chapter file.
			var scratch stream
			for {
				n := int(next.Add(1)) - 1
				if n >= len(groups) {
					return
				}
				i := order[n]
				w := newApplier(a.bk, &model.Diagnostics{})
				w.cache = a.cache
				w.s, scratch = scratch, stream{}
				for _, ch := range groups[i] {
					w.chapter(ch, bookLang)
				}
				scratch, w.s = w.s, stream{}
				parts[i] = w
			}
		}()
	}
	wg.Wait()
	for _, w := range parts {
		for _, d := range w.ds.List {
			key := d.Pos.String() + "\x00" + d.Message
			if !a.reported[key] {
				a.reported[key] = true
				a.ds.Add(d)
			}
		}
		for n := range w.notes {
			a.notes[n] = true
		}
		for f := range w.figures {
			a.figures[f] = true
		}
		for t, off := range w.searched {
			a.searched[t] = off
		}
	}
}

// drain processes the notes reached only through a citation or a note
// call (notes that no chapter lists).
func (a *applier) drain(lg lang) {
	for len(a.pending) > 0 {
		n := a.pending[0]
		a.pending = a.pending[1:]
		a.note(n, lg)
	}
}

func (a *applier) note(n *model.Note, lg lang) {
	if n == nil || a.notes[n] {
		return
	}
	a.notes[n] = true
	a.blocks(n.Blocks, lg, !n.Generated)
}

func (a *applier) figure(f *model.Figure, lg lang) {
	if f == nil || a.figures[f] {
		return
	}
	a.figures[f] = true
	// The alt text is part of the EPUB text, read aloud or shown when the
	// image is missing: it follows the same rules.
	f.Alt = a.text(f.Alt, lg)
	a.list(&f.Caption, scope{lang: lg, kind: kindOther, pos: f.Pos, suggest: true})
	// A credit taken from a source is reported through the bibliography.
	a.list(&f.Credit, scope{lang: lg, kind: kindOther, pos: f.Pos, suggest: f.CreditSource == ""})
}

func (a *applier) blocks(bs []model.Block, lg lang, suggest bool) {
	for _, b := range bs {
		switch n := b.(type) {
		case *model.FigureBlock:
			a.figure(n.Figure, lg)
			continue
		case *model.CodeBlock, *model.HTMLBlock, *model.ThematicBreak:
			continue // no prose to set
		}
		blg := lg
		if d, ok := b.(*model.Div); ok && d.Lang != "" {
			blg = parseLang(d.Lang, lg)
		}
		k := kindOther
		if _, ok := b.(*model.Paragraph); ok {
			k = kindParagraph
		}
		for _, l := range model.InlineLists(b) {
			a.list(l, scope{lang: blg, kind: k, pos: b.Position(), suggest: suggest})
		}
		for _, kids := range model.ChildBlocks(b) {
			a.blocks(kids, blg, suggest)
		}
	}
}

// chapterWeight estimates the work of applying the rules to ch: the bytes
// of the texts its blocks hold directly, and those of their child blocks,
// without descending into emphasis, links or notes. model.BlocksTextLen
// counts the characters of every inline exactly, but it took 1.2 ms on
// La Comédie humaine's first volume, before the workers start, where
// this takes 0.1 ms: the order needs no more than an estimate.
func chapterWeight(ch *model.Chapter) int {
	return blocksWeight(ch.Blocks)
}

// blocksWeight is chapterWeight's measure of the blocks bs.
func blocksWeight(bs []model.Block) int {
	w := 0
	for _, b := range bs {
		w++
		for _, l := range model.InlineLists(b) {
			for _, in := range *l {
				if t, ok := in.(*model.Text); ok {
					w += len(t.Value)
				}
			}
		}
		for _, kids := range model.ChildBlocks(b) {
			w += blocksWeight(kids)
		}
	}
	return w
}

// text applies the rules to a plain string, such as a metadata field.
func (a *applier) text(s string, lg lang) string {
	if s == "" {
		return s
	}
	ins := []model.Inline{&model.Text{Value: s}}
	a.list(&ins, scope{lang: lg, kind: kindOther, suggest: false})
	return model.PlainText(ins)
}

// suggest records a suggestion once per place and message.
func (a *applier) suggest(ctx scope, code string, needles []string, format string, args ...any) {
	pos := a.place(ctx.pos, needles)
	msg := fmt.Sprintf(format, args...)
	key := pos.String() + "\x00" + msg
	if a.reported[key] {
		return
	}
	a.reported[key] = true
	a.ds.Add(model.Diagnostic{Pos: pos, Severity: model.Suggestion, Code: code, Message: msg})
}

// String applies the rules of the language tag lang (for example "fr" or
// "en-GB") to a plain string, such as a sentence a renderer generates (an
// alt text, an accessibility summary). Superscripts cannot be shown in a
// string: an ordinal keeps its letters on the line.
func String(s, lang string) string {
	a := newApplier(&model.Book{}, &model.Diagnostics{})
	return a.text(s, parseLang(lang, langOther))
}
