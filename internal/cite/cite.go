// Package cite is the one citation and credit formatter. It runs as a pass
// over the model before any renderer: it turns every citation into a
// footnote (the French humanities notes style) or into a parenthetical
// reference (the author-date style), formats every figure's credit line,
// renumbers each chapter's notes and builds the bibliography. Renderers
// only draw the inlines it leaves in the model.
package cite

import (
	"github.com/publish-books/publish/internal/model"
)

// Apply formats citations, figure credits and the bibliography of book,
// reporting problems (an unreadable locator, a source never used) to ds.
func Apply(book *model.Book, ds *model.Diagnostics) {
	style := book.Meta.CitationStyle
	if style == "" {
		style = book.Style
	}
	if style != "author-date" {
		style = "notes"
	}
	book.Style = style
	a := &applier{book: book, ds: ds, f: newFormatter(book.Meta.Language, style, book.Meta.Citation), used: map[string]bool{}}
	if a.f.authorDate {
		a.disambiguate()
	}
	for _, ch := range book.Chapters {
		a.chapter(ch)
	}
	a.credits()
	a.bibliography()
}

// applier holds the state of one pass over a book.
type applier struct {
	book *model.Book
	ds   *model.Diagnostics
	f    *formatter
	// used records the sources cited or named as a figure's credit.
	used map[string]bool
}

// chapterState follows one chapter in reading order: its notes in the
// order of their calls, the sources already given in full, and what the
// previous note cited (for « Ibid. »).
type chapterState struct {
	ch       *model.Chapter
	notes    []*model.Note
	seenNote map[*model.Note]bool
	// given records the sources already cited in full in this chapter: the
	// first citation in each chapter is complete, as readers open a book
	// at a chapter.
	given map[string]bool
	// prevKey is the only source the previous note cited ("" when it
	// cited none or several); prevLoc is the place it cited.
	prevKey string
	prevLoc locator
	// noteKeys collects the sources cited in the note being written.
	noteKeys []string
	noteLoc  locator
}

// chapter walks a chapter in reading order.
func (a *applier) chapter(ch *model.Chapter) {
	st := &chapterState{ch: ch, seenNote: map[*model.Note]bool{}, given: map[string]bool{}}
	a.inlines(st, &ch.Title, false)
	a.blocks(st, ch.Blocks, false)
	// Notes whose call the walk did not meet (none in a well-formed
	// chapter) are kept, after the others.
	for _, n := range ch.Notes {
		if !st.seenNote[n] {
			st.seenNote[n] = true
			st.notes = append(st.notes, n)
			a.note(st, n)
		}
	}
	for i, n := range st.notes {
		n.Number = i + 1
	}
	ch.Notes = st.notes
}

func (a *applier) blocks(st *chapterState, bs []model.Block, inNote bool) {
	for _, b := range bs {
		// Every inline list of the block, in reading order (a figure's
		// caption, a table's caption and cells, a definition's term, a
		// line block's lines …), then the blocks it holds.
		for _, l := range model.InlineLists(b) {
			a.inlines(st, l, inNote)
		}
		for _, kids := range model.ChildBlocks(b) {
			a.blocks(st, kids, inNote)
		}
	}
}

// inlines walks one inline list, children included.
func (a *applier) inlines(st *chapterState, list *[]model.Inline, inNote bool) {
	for i := 0; i < len(*list); i++ {
		switch n := (*list)[i].(type) {
		case *model.NoteRef:
			if n.Note != nil && !st.seenNote[n.Note] {
				st.seenNote[n.Note] = true
				st.notes = append(st.notes, n.Note)
				a.note(st, n.Note)
			}
		case *model.Citation:
			a.citation(st, list, i, inNote)
		default:
			if kids := model.InlineChildren(n); kids != nil {
				a.inlines(st, &kids, inNote)
				model.SetInlineChildren(n, kids)
			}
		}
	}
}

// note walks an author's footnote when its call is met: the citations in
// it are written inline, and it counts as a note for « Ibid. ».
func (a *applier) note(st *chapterState, n *model.Note) {
	st.beginNote()
	a.blocks(st, n.Blocks, true)
	st.endNote()
}

func (st *chapterState) beginNote() { st.noteKeys, st.noteLoc = nil, locator{} }

// endNote remembers what the finished note cited, for the next one.
func (st *chapterState) endNote() {
	st.prevKey, st.prevLoc = "", locator{}
	if len(st.noteKeys) == 0 {
		return
	}
	for _, k := range st.noteKeys {
		if k != st.noteKeys[0] {
			return
		}
	}
	st.prevKey, st.prevLoc = st.noteKeys[0], st.noteLoc
}

// citation formats the citation at (*list)[i].
func (a *applier) citation(st *chapterState, list *[]model.Inline, i int, inNote bool) {
	c := (*list)[i].(*model.Citation)
	c.Rendered, c.Note = nil, nil
	items := a.items(c)
	if a.f.authorDate {
		c.Rendered = a.f.parenthetical(items)
		return
	}
	if inNote {
		c.Rendered = a.noteText(st, items, i == 0)
		return
	}
	st.beginNote()
	ins := a.noteText(st, items, true)
	st.endNote()
	capitalizeFirst(ins)
	ins = endSentence(ins)
	note := &model.Note{Generated: true, Pos: c.Pos,
		Blocks: []model.Block{&model.Paragraph{BlockBase: model.BlockBase{Pos: c.Pos}, Inlines: ins}}}
	c.Note = note
	st.seenNote[note] = true
	st.notes = append(st.notes, note)
	a.placeCall(list, i)
}

// item is one cited source with its locator and the words around it.
type item struct {
	src            *model.Source
	key            string
	prefix, suffix string
	loc            locator
	suppressAuthor bool
}

// items resolves a citation's sources and reads its locators.
func (a *applier) items(c *model.Citation) []item {
	var out []item
	for _, it := range c.Items {
		pos := it.Pos
		if !pos.IsValid() {
			pos = c.Pos
		}
		s := a.book.Sources[it.Key]
		if s == nil {
			// The reader reports unknown keys; this keeps the pass safe
			// when it runs on a model built otherwise.
			a.ds.ErrorCodef("unknown-source", pos, "unknown source %q", it.Key)
			out = append(out, item{key: it.Key, prefix: it.Prefix, suffix: it.Suffix})
			continue
		}
		a.used[it.Key] = true
		loc, rest, ok := parseLocator(it.Locator)
		if !ok {
			a.ds.WarnCodef("citation-locator", pos,
				"locator %q of @%s is not understood (write p. 12, pp. 12-14, chap. 3, fol. 12v, n° 5 …): printed as written", it.Locator, it.Key)
		}
		suffix := rest
		if it.Suffix != "" {
			suffix = suffix + " " + it.Suffix
		}
		out = append(out, item{src: s, key: it.Key, prefix: it.Prefix, suffix: suffix, loc: loc, suppressAuthor: it.SuppressAuthor})
	}
	return out
}

// noteText formats the items of a citation as a note says them: in full
// the first time in the chapter, shortened afterwards, « Ibid. » when the
// previous reference was to the same source.
func (a *applier) noteText(st *chapterState, items []item, atStart bool) []model.Inline {
	sep := "; "
	if a.f.t.French {
		sep = " ; "
	}
	var b builder
	for n, it := range items {
		if n > 0 {
			b.text(sep)
		}
		if it.prefix != "" {
			b.text(it.prefix + " ")
		}
		var ref []model.Inline
		prev, prevLoc := st.prevKey, st.prevLoc
		if len(st.noteKeys) > 0 {
			prev, prevLoc = st.noteKeys[len(st.noteKeys)-1], st.noteLoc
		}
		switch {
		case it.src == nil:
			ref = txt(it.key)
		case prev == it.key:
			// « Ibid. » alone repeats the same place; a new place follows it.
			ref = a.f.ibid(b.empty() && atStart)
			if !it.loc.isZero() && it.loc != prevLoc {
				ref = join(", ", ref, txt(a.f.locatorText(it.loc)))
			}
		case st.given[it.key]:
			ref = join(", ", a.f.short(it.src), txt(a.f.locatorText(it.loc)))
		default:
			st.given[it.key] = true
			ref = a.f.full(it.src, entryOptions{locator: a.f.locatorText(it.loc)})
		}
		b.add(ref...)
		b.text(it.suffix)
		st.noteKeys = append(st.noteKeys, it.key)
		st.noteLoc = it.loc
	}
	return b.inlines()
}

// placeCall puts a generated note's call where typography wants it. The
// space before the citation goes (« capitulation¹ », not « capitulation
// ¹ »). French sets the call before the punctuation; English after it, so
// a following period or comma moves before the call.
func (a *applier) placeCall(list *[]model.Inline, i int) {
	if i > 0 {
		if t, ok := (*list)[i-1].(*model.Text); ok {
			t.Value = trimRightSpace(t.Value)
		}
	}
	if a.f.t.French || i+1 >= len(*list) || i == 0 {
		return
	}
	next, ok := (*list)[i+1].(*model.Text)
	prev, okp := (*list)[i-1].(*model.Text)
	if !ok || !okp || next.Value == "" {
		return
	}
	switch next.Value[0] {
	case '.', ',', ';', ':', '!', '?':
		prev.Value += next.Value[:1]
		next.Value = next.Value[1:]
	}
}

func trimRightSpace(s string) string {
	for len(s) > 0 {
		switch {
		case s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || s[len(s)-1] == '\n':
			s = s[:len(s)-1]
		case len(s) >= 2 && s[len(s)-2:] == "\u00a0":
			s = s[:len(s)-2]
		case len(s) >= 3 && (s[len(s)-3:] == "\u202f" || s[len(s)-3:] == "\u2009"):
			s = s[:len(s)-3]
		default:
			return s
		}
	}
	return s
}
