package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// builder holds what the page make-up of one book needs.
type builder struct {
	// nestBase is added to the offsets of the lines being set: the
	// characters of a list item's or a definition's blocks before the
	// nested block being laid out (see itemBlocks); the page builder's
	// goroutine only.
	nestBase int
	book     *model.Book
	lay      *layout.Print
	f        *fpdf.Fpdf
	fonts    *fontSet
	setter   lineSetter
	terms    *locale.Terms
	lang     string // hyphenation language, "" for none
	// divLang, when divLangSet, is the hyphenation language of the div
	// being laid out (a div with lang): the page builder's goroutine only
	// (the warmer sets top-level paragraphs, with lang).
	divLang    string
	divLangSet bool
	links      bool
	ds         *model.Diagnostics
	// textW is the text block's width, lead the body leading, capacity
	// the text block's usable height.
	textW, lead, capacity float64
	// rehyphenated counts paragraphs set again to keep a hyphen off a
	// page's last line; fallbacks counts paragraphs set greedily.
	rehyphenated, fallbacks int
	// loosened counts paragraphs set a line longer or shorter to fill a
	// page.
	loosened int
	// budget counts down the pages a spread's make-up may still fill
	// (spreadBudget).
	budget int
	// looseSetter sets paragraphs a line longer or shorter (looseLines).
	looseSetter lineSetter
	// resets records the paragraphs set again while a page is made up,
	// so that an attempt can be undone (see rollback).
	resets []resetRecord
	// edits records the changes made to the flow being paginated, so
	// that an attempt can be undone (see rollback).
	edits []flowEdit
	// warm sets chapters' paragraphs ahead on another core; warmed holds
	// those of the unit of work being built (a chapter, or a run of a
	// long one's blocks), warmHits counts the ones used.
	warm *warmer
	// ahead draws the chapters' pages as they are made up (record.go).
	ahead *recorder
	// docMu guards the document (f) while the page builder (registering
	// images) and the recorder (adding the fonts its pages use) share it
	// during the make-up; docOpen says the recorder may still add fonts,
	// fontsAhead are those it added, docErr the error fpdf gave.
	docMu      sync.Mutex
	docOpen    bool
	fontsAhead []string
	docErr     error
	warmed     map[*model.Paragraph]warmed
	warmHits   int
	// looseAhead counts the settings the loose helpers made.
	looseAhead int
	// shorterSkipped counts the settings a line shorter not tried: no
	// setting of the paragraph has fewer lines (setPara.mayShorten).
	shorterSkipped int
	figures        []*placedFigure
	// callNotes maps a note call's link target ("#" + note ID) to its
	// note; noteOwner says which item calls a note first (the note is set
	// under that call); footCache holds the notes set for the foot.
	callNotes map[string]*model.Note
	noteOwner map[*model.Note]any
	footCache map[*model.Note][]*footLine
	// refs holds the page numbers printed after cross-references and in
	// the indexes (refs.go).
	refs *refPages
	// pos is the position of the block being set, where a word broken
	// inside is reported (reportBroken); brokenSeen the words reported.
	pos        model.Position
	brokenSeen map[brokenKey]bool
}

// setParagraph sets runs as a paragraph and returns its line items.
func (b *builder) setParagraph(runs []typeset.Run, width, indent float64, align typeset.Align, lead float64, x0 float64, block, base int, mk func(p *setPara, i int, l typeset.Line) func(d *drawer, x, y float64)) []*item {
	tp := typeset.Paragraph{Runs: runs, Width: width, Indent: indent, Align: align, Lang: b.paraLang()}
	return b.setParagraphWith(tp, nil, lead, x0, block, base, mk)
}

// bodyParagraph is the paragraph a chapter's running paragraph n makes
// on a measure of width.
func (b *builder) bodyParagraph(n *model.Paragraph, width float64, afterHeading bool) typeset.Paragraph {
	runs := runsOf(b.fonts, b.lay.Size, b.links, b.noteCall, n.Inlines, false)
	return typeset.Paragraph{Runs: runs, Width: width, Indent: b.indentFor(afterHeading), Align: typeset.Justify, Lang: b.lang}
}

// paraLang is the hyphenation language of the paragraphs being laid out:
// the book's, or that of the div holding them.
func (b *builder) paraLang() string {
	if b.divLangSet {
		return b.divLang
	}
	return b.lang
}

// setParagraphWith sets tp and returns its line items; pre, when the
// warmer set the same paragraph, gives the lines.
func (b *builder) setParagraphWith(tp typeset.Paragraph, pre *warmed, lead float64, x0 float64, block, base int, mk func(p *setPara, i int, l typeset.Line) func(d *drawer, x, y float64)) []*item {
	runs := tp.Runs
	base += b.nestBase // inside a list item or a definition (see itemBlocks)
	p := &setPara{tp: tp}
	if pre != nil && sameParagraph(pre.tp, tp) {
		p.result = pre.result
		b.warmHits++
	} else {
		p.result = b.setter.Set(p.tp)
	}
	if p.result.Fallback {
		b.fallbacks++
	}
	b.reportBroken(p.result, b.pos)
	size := b.lay.Size
	if len(runs) > 0 {
		size = runs[0].Style.Size
	}
	displays := displayStarts(runs)
	calls := b.callsNotes(runs)
	p.callsNotes = calls
	p.items = func(p *setPara) []*item {
		n := len(p.result.Lines)
		seen := map[*model.Note]bool{}
		var out []*item
		for i, l := range p.result.Lines {
			l := l
			it := &item{kind: itemLine, height: lead, para: p, line: i, hyphen: l.Hyphenated,
				block: block, offset: base + l.Offset,
				breakOK: i >= 1 && n-1-i >= 2 || i == n-1}
			switch {
			case mk != nil:
				it.draw = mk(p, i, l)
			case displays[l.Offset] && len(l.Pieces) > 0:
				dx := displayShift(l, p.tp.Width)
				it.draw = func(d *drawer, x, y float64) { d.line(l, x+x0+dx, y+size) }
			default:
				it.draw = func(d *drawer, x, y float64) { d.line(l, x+x0, y+size) }
			}
			it.src = &p.result.Lines[i]
			if calls {
				it.notes = b.claimNotes(p, seen, l)
			}
			out = append(out, it)
		}
		p.markFirst(out)
		return out
	}
	return p.items(p)
}

// noteCall is the link target of a note call. With footnotes every call
// carries it, so that the page builder finds the calls in the set lines
// (the drawer makes links only when the PDF has them).
func (b *builder) noteCall(n *model.Note) string {
	if !b.links && !b.footnotes() {
		return ""
	}
	return "#" + n.ID
}

// chapterItems makes the flow of a chapter's blocks and its notes.
func (b *builder) chapterItems(ch *model.Chapter) []*item {
	defer func() { b.warmed = nil }()
	var out []*item
	afterHeading := true
	for bi, blk := range ch.Blocks {
		if set, starts := b.warm.take(ch, bi); starts {
			b.warmed = set
		}
		items := b.blockItems(ch, blk, bi, 0, &afterHeading)
		if model.BlockTextLen(blk) == 0 {
			// A page that starts inside a figure, a table or raw HTML
			// starts at the block (model.PageStart counts the text of
			// paragraphs, headings, code and the blocks that lists,
			// quotations, divs and definition lists hold).
			for _, it := range items {
				it.offset = 0
			}
		}
		out = append(out, items...)
	}
	switch {
	case b.footnotes():
		out = b.attachStrayNotes(ch, out)
	case len(ch.Notes) > 0:
		out = append(out, b.notesItems(ch)...)
	}
	return out
}

// indentFor returns a paragraph's first-line indent: French books indent
// every paragraph; others not the first after a heading or figure.
func (b *builder) indentFor(afterHeading bool) float64 {
	if afterHeading && !b.terms.French {
		return 0
	}
	return b.lay.Indent
}

func (b *builder) space(lines float64, block int) *item {
	return &item{kind: itemSpace, height: lines * b.lead, breakOK: true, block: block, dump: "space"}
}

// blockItems makes the items of one block; indent is the left indent
// (lists, quotes), bi the top-level block index.
func (b *builder) blockItems(ch *model.Chapter, blk model.Block, bi int, indent float64, afterHeading *bool) []*item {
	L := b.lead
	width := b.textW - indent
	defer func(pos model.Position) { b.pos = pos }(b.pos)
	b.pos = blk.Position()
	switch n := blk.(type) {
	case *model.Paragraph:
		var pre *warmed
		if w, ok := b.warmed[n]; ok && indent == 0 {
			pre = &w
		}
		tp := b.bodyParagraph(n, width, *afterHeading)
		tp.Lang = b.paraLang()
		items := b.setParagraphWith(tp, pre, L, indent, bi, 0, nil)
		if len(items) > 0 && items[0].para != nil && items[0].para.result.Fallback {
			b.ds.WarnCodef("paragraph-loose", n.Pos, "this paragraph cannot be justified within tolerance in the print edition: its lines were filled one by one (rewording or a hyphenation exception helps)")
		}
		*afterHeading = false
		return items
	case *model.Heading:
		size := b.lay.Size
		italic := true
		if n.Level == 2 {
			size = b.lay.Size * 1.15
		}
		runs := runsOf(b.fonts, size, b.links, b.noteCall, n.Inlines, italic)
		align := typeset.Center
		if n.Level > 3 {
			align = typeset.Left
		}
		lines := b.setter.Set(typeset.Paragraph{Runs: runs, Width: width * 0.85, Align: align}).Lines
		h := float64(len(lines)+1) * L
		text := model.PlainText(n.Inlines)
		it := &item{kind: itemBox, height: h, block: bi, anchors: []string{n.ID}, heading: text,
			outline: &outlineEntry{title: text, level: 1}, dump: "heading " + strconv.Quote(text)}
		it.notes = b.claimNotes(it, map[*model.Note]bool{}, lines...)
		it.draw = func(d *drawer, x, y float64) {
			for i, l := range lines {
				d.line(l, x+indent+width*0.075, y+size+(float64(i)+0.6)*L)
			}
		}
		*afterHeading = true
		return []*item{b.space(1, bi), it}
	case *model.FigureBlock:
		// A figure floats: the paragraph after it goes on with the text
		// before it, and keeps its first-line indent (afterHeading is
		// left as it is).
		return []*item{b.figureItem(ch, n.Figure, bi)}
	case *model.List:
		var out []*item
		base := 0
		// The hang holds the widest marker ("(viii)") and a gap.
		hang := b.lay.Indent * 1.6
		mst := b.fonts.style(fontRegular, b.lay.Size)
		for k := range n.Items {
			hang = max(hang, mst.Face.Measure(listMarker(n, k), mst.Size)+markerGap*mst.Size)
		}
		for k, li := range n.Items {
			out = append(out, b.itemBlocks(ch, li.Blocks, bi, indent, hang, listMarker(n, k), li.Task, &base)...)
		}
		*afterHeading = false
		return out
	case *model.DefinitionList:
		// The term in bold on its own line, kept with its definitions,
		// which are indented below it.
		var out []*item
		base := 0
		hang := b.lay.Indent * 1.5
		for _, di := range n.Items {
			runs := runsOf(b.fonts, b.lay.Size, b.links, b.noteCall, []model.Inline{&model.Strong{Children: di.Term}}, false)
			term := b.setParagraph(runs, width, 0, typeset.Left, L, indent, bi, base, nil)
			base += utf8.RuneCountInString(model.PlainText(di.Term))
			for _, it := range term {
				it.para = nil // not set again: its breaks are fixed here
			}
			if len(term) > 0 {
				term[len(term)-1].breakOK = false
			}
			out = append(out, term...)
			for _, def := range di.Definitions {
				out = append(out, b.itemBlocks(ch, def, bi, indent, hang, "", model.NoTask, &base)...)
			}
		}
		*afterHeading = false
		return out
	case *model.LineBlock:
		// One line per line (forced breaks), ragged right; no-break
		// spaces opening a line indent it.
		var ins []model.Inline
		for i, l := range n.Lines {
			if i > 0 {
				ins = append(ins, &model.LineBreak{})
			}
			ins = append(ins, indentLine(l)...)
		}
		runs := runsOf(b.fonts, b.lay.Size, b.links, b.noteCall, ins, false)
		out := []*item{b.space(0.5, bi)}
		out = append(out, b.setParagraph(runs, width, 0, typeset.Left, L, indent, bi, 0, nil)...)
		out = append(out, b.space(0.5, bi))
		*afterHeading = false
		return out
	case *model.Div:
		if n.Lang != "" {
			saved, savedSet := b.divLang, b.divLangSet
			b.divLang, b.divLangSet = hyphenLang(n.Lang), true
			defer func() { b.divLang, b.divLangSet = saved, savedSet }()
		}
		var out []*item
		if n.ID != "" {
			out = append(out, anchorItem(n.ID, bi))
		}
		if n.HasClass("epigraph") {
			*afterHeading = false
			return append(out, b.epigraphItems(ch, n, bi, indent, width)...)
		}
		return append(out, b.nestedItems(ch, n.Blocks, bi, indent, afterHeading)...)
	case *model.BlockQuote:
		out := []*item{b.space(0.5, bi)}
		ah := true
		out = append(out, b.nestedItems(ch, n.Blocks, bi, indent+b.lay.Indent*1.5, &ah)...)
		out = append(out, b.space(0.5, bi))
		*afterHeading = false
		return out
	case *model.CodeBlock:
		*afterHeading = false
		return b.codeItems(n, bi, indent, width)
	case *model.ThematicBreak:
		it := &item{kind: itemBox, height: 2 * L, block: bi, breakOK: true, dump: "break"}
		it.draw = func(d *drawer, x, y float64) {
			st := b.fonts.style(fontRegular, b.lay.Size)
			w := st.Face.Measure("*   *   *", st.Size)
			d.text(st, x+(b.textW-w)/2, y+b.lay.Size+0.5*L, "*   *   *")
		}
		*afterHeading = true
		return []*item{it}
	case *model.Table:
		*afterHeading = false
		return b.tableItems(n, bi, indent, width)
	case *model.HTMLBlock:
		text := strings.TrimSpace(htmlText(n.Nodes))
		if text == "" {
			return nil
		}
		// Its text as one paragraph; a <br> is a forced line break.
		var runs []typeset.Run
		for i, part := range strings.Split(text, htmlBreak) {
			st := b.fonts.style(fontRegular, b.lay.Size)
			if i > 0 {
				runs = append(runs, typeset.Run{Text: " ", Style: st, Break: true})
			}
			runs = append(runs, typeset.Run{Text: part, Style: st})
		}
		*afterHeading = false
		return b.setParagraph(runs, width, 0, typeset.Justify, L, indent, bi, 0, nil)
	default:
		// A kind this switch does not know: an error, and its text as
		// plain paragraphs rather than nothing.
		b.fonts.unknown(blk)
		var out []*item
		for _, l := range model.InlineLists(blk) {
			runs := runsOf(b.fonts, b.lay.Size, b.links, b.noteCall, *l, false)
			out = append(out, b.setParagraph(runs, width, 0, typeset.Left, L, indent, bi, 0, nil)...)
		}
		for _, kids := range model.ChildBlocks(blk) {
			for _, sub := range kids {
				out = append(out, b.blockItems(ch, sub, bi, indent, afterHeading)...)
			}
		}
		return out
	}
}

// anchorItem is an empty box that defines id (a table's, a div's) where
// it stands, for links and page labels; it keeps with what follows. (An
// anchor on a paragraph line would be lost when the paragraph is set
// again.)
func anchorItem(id string, bi int) *item {
	return &item{kind: itemBox, block: bi, anchors: []string{id}, dump: "anchor " + id}
}

// indentLine returns a line block's line with its leading spaces made
// no-break spaces (which the line breaker keeps as an indent), one for
// one, so that the line's text keeps its length; the model is not changed.
func indentLine(l []model.Inline) []model.Inline {
	if len(l) == 0 {
		return l
	}
	t, ok := l[0].(*model.Text)
	if !ok {
		return l
	}
	trimmed := strings.TrimLeft(t.Value, " ")
	n := len(t.Value) - len(trimmed)
	if n == 0 {
		return l
	}
	out := append([]model.Inline{&model.Text{Value: strings.Repeat("\u00a0", n) + trimmed, Pos: t.Pos}}, l[1:]...)
	return out
}

// itemBlocks lays out the blocks of a list item or of a definition,
// hanging by hang: paragraphs without a first-line indent, the first with
// the item's marker (if any) in the hang and its task box (if any) before
// its text. base counts the runes of the item's paragraphs before.
func (b *builder) itemBlocks(ch *model.Chapter, blocks []model.Block, bi int, indent, hang float64, marker string, task model.TaskState, base *int) []*item {
	L := b.lead
	width := b.textW - indent
	var out []*item
	first := true
	for _, sub := range blocks {
		p, ok := sub.(*model.Paragraph)
		if !ok {
			// A nested block's offsets count from its own start: they
			// follow the text of the item's blocks before it, as the
			// EPUB counts them (model.BlockTextLen).
			ah := false
			saved := b.nestBase
			b.nestBase += *base
			items := b.blockItems(ch, sub, bi, indent+hang, &ah)
			for _, it := range items {
				it.offset = max(it.offset, b.nestBase) // as in nestedItems
			}
			out = append(out, items...)
			b.nestBase = saved
			*base += model.BlockTextLen(sub)
			first = false
			continue
		}
		runs := runsOf(b.fonts, b.lay.Size, b.links, b.noteCall, p.Inlines, false)
		if first && task != model.NoTask {
			runs = append([]typeset.Run{{Text: b.taskBox(task), Style: b.fonts.style(fontRegular, b.lay.Size), Uncounted: true, NoBreak: true}}, runs...)
		}
		items := b.setParagraph(runs, width-hang, 0, typeset.Justify, L, indent+hang, bi, *base, nil)
		if first && len(items) > 0 && marker != "" {
			m := marker
			st := b.fonts.style(fontRegular, b.lay.Size)
			// The marker stands a quarter into the hang, or further left
			// when it is wider ("(viii)"), a gap before the text.
			mx := hang * 0.25
			if w := st.Face.Measure(m, st.Size); mx+w > hang-markerGap*st.Size {
				mx = max(0, hang-markerGap*st.Size-w)
			}
			// The mark is the paragraph's, so that the lines of a
			// paragraph the page builder sets again carry it too.
			set := items[0].para
			set.mark = func(d *drawer, x, y float64) { d.text(st, x+indent+mx, y+b.lay.Size, m) }
			set.markFirst(items)
		}
		first = false
		*base += utf8.RuneCountInString(model.PlainText(p.Inlines))
		out = append(out, items...)
	}
	return out
}

// nestedItems lays out the blocks a quotation or a div holds, each one's
// offsets following the text of the blocks before it (model.BlockTextLen),
// as the EPUB counts them.
func (b *builder) nestedItems(ch *model.Chapter, blocks []model.Block, bi int, indent float64, afterHeading *bool) []*item {
	var out []*item
	saved := b.nestBase
	defer func() { b.nestBase = saved }()
	for _, sub := range blocks {
		items := b.blockItems(ch, sub, bi, indent, afterHeading)
		// Items that carry no offset of their own (a heading, a space, a
		// break) stand where the block starts, not at the start of the
		// quotation or div: a page starting there starts there.
		for _, it := range items {
			it.offset = max(it.offset, b.nestBase)
		}
		out = append(out, items...)
		b.nestBase += model.BlockTextLen(sub)
	}
	return out
}

// markerGap is the least space between a list marker and the item's
// text, in em.
const markerGap = 0.4

// taskBox is the box printed before a task item's text: a ballot box
// (U+2610, U+2611) when the body face has one, else "[ ]" or "[x]"; with
// the space after it, held to the text.
func (b *builder) taskBox(task model.TaskState) string {
	face := b.fonts.faces[fontRegular]
	open, done := "\u2610", "\u2611"
	if !face.HasGlyph('\u2610') || !face.HasGlyph('\u2611') {
		open, done = "[ ]", "[x]"
	}
	if task == model.TaskDone {
		return done + " "
	}
	return open + " "
}

// listMarker returns the marker of item k of a list: a dash, or the
// item's number in the list's style and delimiter (1. a) (iv) …).
func listMarker(l *model.List, k int) string {
	if !l.Ordered {
		return "–"
	}
	n := l.Start + k
	num := ""
	if n > 0 {
		switch l.Style {
		case model.LowerAlpha:
			num = alpha(n)
		case model.UpperAlpha:
			num = strings.ToUpper(alpha(n))
		case model.LowerRoman:
			num = roman(n)
		case model.UpperRoman:
			num = strings.ToUpper(roman(n))
		}
	}
	if num == "" {
		num = strconv.Itoa(n)
	}
	switch l.Delim {
	case model.OneParen:
		return num + ")"
	case model.TwoParens:
		return "(" + num + ")"
	}
	return num + "."
}

// alpha returns n (from 1) as letters: a … z, aa, ab … (as pandoc and
// CSS lower-alpha count).
func alpha(n int) string {
	var out []byte
	for n > 0 {
		n--
		out = append([]byte{byte('a' + n%26)}, out...)
		n /= 26
	}
	return string(out)
}

// epigraphItems sets a div of class epigraph: a block in the right part
// of the measure, its paragraphs smaller and ragged right.
func (b *builder) epigraphItems(ch *model.Chapter, n *model.Div, bi int, indent, width float64) []*item {
	shift := width * 0.35
	size := b.lay.Size * 0.9
	out := []*item{b.space(0.5, bi)}
	for _, sub := range n.Blocks {
		p, ok := sub.(*model.Paragraph)
		if !ok {
			ah := false
			out = append(out, b.blockItems(ch, sub, bi, indent+shift, &ah)...)
			continue
		}
		runs := runsOf(b.fonts, size, b.links, b.noteCall, p.Inlines, false)
		out = append(out, b.setParagraph(runs, width-shift, 0, typeset.Left, b.lead, indent+shift, bi, 0, nil)...)
	}
	out = append(out, b.space(1, bi))
	return out
}

// htmlBreak stands for a <br> in htmlText's result (U+2028, the line
// separator).
const htmlBreak = "\u2028"

// htmlText returns the text of raw HTML nodes: a space after a block
// element, htmlBreak for a <br>.
func htmlText(ns []*model.HTMLNode) string {
	var sb strings.Builder
	for _, n := range ns {
		if n.Tag == "" {
			sb.WriteString(n.Text)
			continue
		}
		if n.Tag == "br" {
			sb.WriteString(htmlBreak)
			continue
		}
		sb.WriteString(htmlText(n.Children))
		if n.Block {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// notesItems sets a chapter's notes at its end, under a « Notes » title.
func (b *builder) notesItems(ch *model.Chapter) []*item {
	L := b.lead
	end := len(ch.Blocks)
	size := b.lay.NoteSize
	lead := math.Round(size*1.25*10) / 10
	title := &item{kind: itemBox, height: 2 * L, block: end, dump: "notes title", outline: nil}
	title.draw = func(d *drawer, x, y float64) {
		st := b.fonts.style(fontItalic, b.lay.Size)
		w := st.Face.Measure(b.terms.Notes, st.Size)
		d.text(st, x+(b.textW-w)/2, y+b.lay.Size+0.6*L, b.terms.Notes)
	}
	sp := b.space(1, end)
	sp.clearFloats = true
	title.clearFloats = true
	out := []*item{sp, title}
	numW := b.fonts.faces[fontRegular].Measure("00.", size) + 4
	for _, n := range ch.Notes {
		first := true
		for _, blk := range n.Blocks {
			runs := noteRunsOf(b.fonts, size, b.links, b.notePara(blk))
			items := b.setParagraph(runs, b.textW-numW, 0, typeset.Justify, lead, numW, end, 0, nil)
			for _, it := range items {
				it.offset = 0
				it.block = end
				it.para = nil // notes are not set again
			}
			if first && len(items) > 0 {
				num := strconv.Itoa(n.Number) + "."
				inner := items[0].draw
				id := n.ID
				items[0].anchors = []string{id}
				items[0].draw = func(d *drawer, x, y float64) {
					st := b.fonts.style(fontRegular, size)
					w := st.Face.Measure(num, size)
					d.text(st, x+numW-4-w, y+size, num)
					inner(d, x, y)
				}
				first = false
			}
			out = append(out, items...)
			out = append(out, &item{kind: itemSpace, height: lead * 0.3, block: end, breakOK: true})
		}
	}
	return out
}

func (b *builder) blockInlines(blk model.Block) []model.Inline {
	space := func() model.Inline { return &model.Text{Value: " "} }
	blocks := func(bs []model.Block) []model.Inline {
		var out []model.Inline
		for i, sub := range bs {
			if i > 0 {
				out = append(out, space())
			}
			out = append(out, b.blockInlines(sub)...)
		}
		return out
	}
	switch n := blk.(type) {
	case *model.Paragraph:
		return n.Inlines
	case *model.Heading:
		return n.Inlines
	case *model.List:
		var out []model.Inline
		for _, it := range n.Items {
			out = append(out, blocks(it.Blocks)...)
			out = append(out, space())
		}
		return out
	case *model.DefinitionList:
		var out []model.Inline
		for _, it := range n.Items {
			out = append(out, it.Term...)
			for _, d := range it.Definitions {
				out = append(out, space())
				out = append(out, blocks(d)...)
			}
			out = append(out, space())
		}
		return out
	case *model.LineBlock:
		var out []model.Inline
		for i, l := range n.Lines {
			if i > 0 {
				out = append(out, &model.LineBreak{})
			}
			out = append(out, l...)
		}
		return out
	case *model.BlockQuote:
		return blocks(n.Blocks)
	case *model.Div:
		return blocks(n.Blocks)
	case *model.CodeBlock:
		return []model.Inline{&model.Text{Value: n.Text}}
	case *model.Table:
		out := append([]model.Inline(nil), n.Caption...)
		for _, c := range n.Header {
			out = append(out, space())
			out = append(out, c...)
		}
		for _, r := range n.Rows {
			for _, c := range r {
				out = append(out, space())
				out = append(out, c...)
			}
		}
		return out
	case *model.FigureBlock:
		return n.Figure.Caption
	case *model.HTMLBlock:
		return []model.Inline{&model.Text{Value: strings.ReplaceAll(htmlText(n.Nodes), htmlBreak, " ")}}
	case *model.ThematicBreak:
		return nil
	default:
		b.fonts.unknown(blk)
		return nil
	}
}

// dumpLine renders a set line for the layout dump.
func dumpLine(l typeset.Line) string {
	h := ""
	if l.Hyphenated {
		h = " -"
	}
	return fmt.Sprintf("line @%d r=%+.2f%s %q", l.Offset, l.Ratio, h, typeset.LineText(l, false))
}
