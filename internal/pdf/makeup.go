package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

type pageKind int

const (
	pageBlank pageKind = iota
	pageDisplay
	pageSection
)

// page is one printed page, in order.
type page struct {
	kind  pageKind
	label string
	// display draws a front-matter page (half-title, title, copyright).
	display func(d *drawer, x, y float64)
	name    string // display page's name in the dump and outline
	sec     *section
	idx     int // page index in the section
	// after is the section a blank page follows.
	after *section
}

// makeup is the book's page list and what it tells other outputs.
type makeup struct {
	pages      []*page
	sections   []*section
	pagination *model.Pagination
	labels     map[string]string // anchor ID -> page label
	bodyStart  int
}

// makeUp lays out every section and assembles the pages. Generated
// divisions that print page numbers are laid out again until the numbers
// no longer change their length.
//
// When cross-references print their target's page, the chapters are
// laid out again (at most three times) until every page number they
// print is the page the make-up gives; the layouts after the first
// report nothing, as the first reported it all.
func (b *builder) makeUp() *makeup {
	front, body, back := b.chapterSections()
	contentsFront := b.lay.Contents == "front" || (b.lay.Contents == "" && !b.terms.French)
	var mk *makeup
	labels := map[string]string{}
	var prevCount int
	for iter := 0; iter < 4; iter++ {
		// The generated pages, in the book's one order (the EPUB
		// follows the same list).
		var gen []*section
		for _, g := range b.book.Generated {
			var s *section
			switch g.Kind {
			case model.BibliographyPage:
				s = b.bibliographySection()
			case model.IllustrationsPage:
				s = b.figureListSection(labels)
			case model.TablesPage:
				s = b.tableListSection(g.ID, labels)
			case model.CreditsPage:
				s = b.creditsSection(labels)
			case model.IndexPage:
				s = b.indexSection(g)
			}
			if s != nil {
				s.id, s.generated = g.ID, g.ID
				gen = append(gen, s)
			}
		}
		var order []*section
		var contents *section
		build := func() {
			order = order[:0]
			if contentsFront {
				order = append(order, contents)
			}
			order = append(order, front...)
			order = append(order, body...)
			order = append(order, back...)
			order = append(order, gen...)
			if !contentsFront {
				order = append(order, contents)
			}
		}
		contents = b.contentsSection(append(append(append(append([]*section{}, front...), body...), back...), gen...), labels)
		build()
		mk = b.assemble(order, front, body)
		if b.refs.update(mk) {
			if iter < 3 {
				saved := b.ds
				b.ds = &model.Diagnostics{}
				b.noteOwner, b.footCache = map[*model.Note]any{}, map[*model.Note][]*footLine{}
				b.figures, b.fallbacks, b.rehyphenated = nil, 0, 0
				// The recorder is not to draw the chapters of this
				// make-up that it has not begun: nothing will print them.
				b.ahead.drop()
				// The warmer has handed over every chapter: set them here.
				warm := b.warm
				b.warm = nil
				front, body, back = b.chapterSections()
				b.warm = warm
				b.ds = saved
				labels, prevCount = mk.labels, -1
				continue
			}
			b.ds.Warnf(model.Position{}, "the page numbers after cross-references did not settle after three layouts: some may be wrong in the print edition")
		}
		if iter > 0 && len(mk.pages) == prevCount && sameLabels(labels, mk.labels) {
			break
		}
		prevCount = len(mk.pages)
		labels = mk.labels
	}
	b.warnFarFigures(mk)
	return mk
}

// warnFarFigures warns at each figure printed more than a page after the
// page where the text reaches it (too many figures in a row for the pages
// they fall on): the reader must turn pages to find it.
func (b *builder) warnFarFigures(mk *makeup) {
	for _, p := range mk.pages {
		if p.kind != pageSection || p.sec.chapter == nil {
			continue
		}
		for _, pl := range p.sec.pages[p.idx].placed {
			if pl.it.figure == nil {
				continue
			}
			if d := p.idx - callPage(p.sec, pl.it); d > 1 {
				b.ds.WarnCodef("figure-far", pl.it.figure.fig.Pos, "this figure is printed on page %s, %d pages after the text reaches it: too many figures follow one another for their pages (text between them, or smaller figures, would keep each within a page of its place)", p.label, d)
			}
		}
	}
}

// chapterSections lays out every chapter, by division.
func (b *builder) chapterSections() (front, body, back []*section) {
	for _, ch := range b.book.Chapters {
		s := b.chapterSection(ch)
		b.ahead.record(s)
		switch ch.Matter {
		case model.FrontMatter:
			front = append(front, s)
		case model.BackMatter:
			back = append(back, s)
		default:
			body = append(body, s)
		}
	}
	return front, body, back
}

func sameLabels(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// assemble orders the pages: half-title, its blank verso, title page,
// copyright page, then every section on a recto (a blank verso inserted
// when needed), and a last blank page for an even count. Front matter
// has roman folios; arabic folios start at 1 with the body.
func (b *builder) assemble(order []*section, front, body []*section) *makeup {
	mk := &makeup{sections: order, labels: map[string]string{}}
	add := func(p *page) { mk.pages = append(mk.pages, p) }
	add(&page{kind: pageDisplay, name: "half-title", display: b.halfTitle})
	add(&page{kind: pageBlank})
	add(&page{kind: pageDisplay, name: "title page", display: b.titlePage})
	add(&page{kind: pageDisplay, name: "copyright page", display: b.copyrightPage})
	mk.bodyStart = -1
	var prev *section
	for _, s := range order {
		if b.lay.ChapterRecto && len(mk.pages)%2 == 1 {
			add(&page{kind: pageBlank, after: prev})
		}
		if mk.bodyStart < 0 && s.chapter != nil && s.matter == model.BodyMatter {
			mk.bodyStart = len(mk.pages)
		}
		for i := range s.pages {
			add(&page{kind: pageSection, sec: s, idx: i})
		}
		prev = s
	}
	if len(mk.pages)%2 == 1 {
		add(&page{kind: pageBlank, after: prev})
	}
	if mk.bodyStart < 0 {
		mk.bodyStart = len(mk.pages)
	}
	pag := &model.Pagination{FigurePages: map[string]string{}, ChapterPages: map[string]string{}}
	for i, p := range mk.pages {
		if i < mk.bodyStart {
			p.label = roman(i + 1)
		} else {
			p.label = strconv.Itoa(i - mk.bodyStart + 1)
		}
		switch {
		case p.kind == pageSection:
			s := p.sec
			fp := s.pages[p.idx]
			if p.idx == 0 {
				mk.labels[s.id] = p.label
			}
			for _, pl := range fp.placed {
				for _, a := range pl.it.anchors {
					if _, ok := mk.labels[a]; !ok && a != "" {
						mk.labels[a] = p.label
					}
				}
				if pl.it.figure != nil {
					pag.FigurePages[pl.it.figure.fig.ID] = p.label
				}
			}
			if s.chapter != nil {
				ps := model.PageStart{Label: p.label, Chapter: s.chapter.ID, Block: fp.startBlock, Offset: fp.startOffset}
				// A page that opens with a figure waiting from the page
				// before is marked at that figure, unless the figure's
				// block comes before where the page before starts (the
				// page-list keeps the reading order).
				if len(fp.placed) > 0 && fp.placed[0].fromQueue && p.idx > 0 {
					fig := fp.placed[0].it
					prev := pag.Pages[len(pag.Pages)-1]
					after := fig.block > prev.Block || fig.block == prev.Block && fig.offset > prev.Offset
					before := fig.block < fp.startBlock || fig.block == fp.startBlock && fig.offset <= fp.startOffset
					if prev.Chapter == s.chapter.ID && after && before {
						ps.AtFigure, ps.FigureBlock, ps.FigureOffset = true, fig.block, fig.offset
					}
				}
				if p.idx == 0 {
					ps.Block, ps.Offset = -1, 0
					pag.ChapterPages[s.chapter.ID] = p.label
				}
				pag.Pages = append(pag.Pages, ps)
			}
			if s.contents {
				// The contents' pages are marked in the EPUB's own
				// contents (its nav): the first at its title, a later
				// one at the entry it starts with.
				ps := model.PageStart{Label: p.label, Contents: true, Block: -1}
				if p.idx > 0 && fp.startBlock >= 0 && fp.startBlock < len(s.contentsIDs) {
					ps.Block, ps.Entry = fp.startBlock, s.contentsIDs[fp.startBlock]
				}
				pag.Pages = append(pag.Pages, ps)
			}
			if s.generated != "" {
				// The generated pages are marked too: the first at its
				// title, a later one at the entry it starts with.
				ps := model.PageStart{Label: p.label, Chapter: s.generated, Block: fp.startBlock}
				if p.idx == 0 {
					ps.Block = -1
				}
				pag.Pages = append(pag.Pages, ps)
			}
		case p.kind == pageBlank && p.after != nil && p.after.chapter != nil:
			pag.Pages = append(pag.Pages, model.PageStart{Label: p.label, Chapter: p.after.chapter.ID, Block: len(p.after.chapter.Blocks)})
		}
	}
	if !b.footnotes() {
		// Endnotes are set after their chapter: an index term in one is
		// on the page of the note, not of its call.
		pag.NotePages = map[string]string{}
		for _, ch := range b.book.Chapters {
			for _, n := range ch.Notes {
				if l, ok := mk.labels[n.ID]; ok {
					pag.NotePages[n.ID] = l
				}
			}
		}
	}
	mk.pagination = pag
	return mk
}

// entryBlock gives the items of a list's entry k the entry's index as
// their block, for the pagination of a generated page.
func entryBlock(items []*item, k int) []*item {
	for _, it := range items {
		it.block = k
	}
	return items
}

// roman returns n in lower-case roman numerals.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}

// label returns a page label for the contents, or a placeholder of the
// likely width while the pages are not numbered yet.
func label(labels map[string]string, id string) string {
	if l, ok := labels[id]; ok {
		return l
	}
	return "000"
}

// contentsSection lists the sections with their first page.
func (b *builder) contentsSection(secs []*section, labels map[string]string) *section {
	var items []*item
	var ids []string
	for _, s := range secs {
		if !s.entry {
			continue
		}
		items = append(items, entryBlock(b.entryItem(s.titleInlines, label(labels, s.id), "#"+s.id, b.lay.Size, 0), len(ids))...)
		ids = append(ids, s.id)
		if s.chapter != nil {
			for _, blk := range s.chapter.Blocks {
				if h, ok := blk.(*model.Heading); ok && h.Level == 2 && h.ID != "" {
					items = append(items, entryBlock(b.entryItem(h.Inlines, label(labels, h.ID), "#"+h.ID, b.lay.Size*0.92, b.lay.Indent*1.5), len(ids))...)
					ids = append(ids, h.ID)
				}
			}
		}
	}
	s := b.genSection("contents", b.terms.Contents, model.BackMatter, items)
	s.entry = false
	s.contents, s.contentsIDs = true, ids
	return s
}

// figureListSection lists the figures with their page.
func (b *builder) figureListSection(labels map[string]string) *section {
	var items []*item
	for k, fig := range b.book.Figures {
		text := append([]model.Inline{&model.Text{Value: b.terms.FigureAbbrev + "\u00a0" + strconv.Itoa(fig.Number) + ". "}}, fig.Caption...)
		items = append(items, entryBlock(b.entryItem(text, label(labels, fig.ID), "#"+fig.ID, b.lay.Size*0.95, 0), k)...)
	}
	return b.genSection("figures", b.terms.Figures, model.BackMatter, items)
}

// tableListSection lists the captioned tables with their page; id is the
// generated page's id.
func (b *builder) tableListSection(id string, labels map[string]string) *section {
	var items []*item
	for k, t := range b.book.Tables {
		text := append([]model.Inline{&model.Text{Value: b.terms.TableLabel(t.Number) + b.terms.TableSep}}, t.Caption...)
		items = append(items, entryBlock(b.entryItem(text, label(labels, t.ID), "#"+t.ID, b.lay.Size*0.95, 0), k)...)
	}
	return b.genSection(id, b.terms.Tables, model.BackMatter, items)
}

// creditsSection lists every figure's credit with its number and page.
func (b *builder) creditsSection(labels map[string]string) *section {
	var items []*item
	any := false
	size := b.lay.Size * 0.95
	for k, fig := range b.book.Figures {
		credit := fig.Credit
		if len(credit) == 0 {
			continue
		}
		any = true
		ins := []model.Inline{&model.Text{Value: fmt.Sprintf("%s\u00a0%d (%s\u00a0%s). ", b.terms.FigureAbbrev, fig.Number, b.terms.Page, label(labels, fig.ID))},
			&model.Emphasis{Children: fig.Caption}, &model.Text{Value: ". "}}
		if model.EndsSentence(fig.Caption) {
			ins[len(ins)-1] = &model.Text{Value: " "} // the caption's own full stop separates
		}
		ins = append(ins, credit...)
		runs := runsOf(b.fonts, size, false, nil, ins, false)
		items = append(items, b.setParagraph(runs, b.textW, 0, typeset.Left, b.lead, 0, k, 0, nil)...)
		items = append(items, &item{kind: itemSpace, height: b.lead * 0.5, breakOK: true, block: k})
	}
	if !any {
		return nil
	}
	for _, it := range items {
		it.para = nil
	}
	return b.genSection("credits", b.terms.Credits, model.BackMatter, items)
}

// bibliographySection sets the formatted bibliography by group.
func (b *builder) bibliographySection() *section {
	if len(b.book.Bibliography) == 0 {
		return nil
	}
	var items []*item
	size := b.lay.Size * 0.95
	hang := b.lay.Indent * 1.5
	k := 0 // the entries before, across groups
	for _, g := range b.book.Bibliography {
		if g.Title != "" {
			// A group's title is centred in italics; a repository's
			// (archives grouped) is flush left in roman, a fonds' flush
			// left in italics.
			align := typeset.Center
			if g.Level > 0 {
				align = typeset.Left
			}
			runs := runsOf(b.fonts, b.lay.Size, false, nil, []model.Inline{&model.Text{Value: g.Title}}, g.Level != 1)
			lines := b.setter.Set(typeset.Paragraph{Runs: runs, Width: b.textW, Align: align}).Lines
			it := &item{kind: itemBox, height: float64(len(lines)+1) * b.lead, block: k, dump: "group " + g.Title}
			it.draw = func(d *drawer, x, y float64) {
				for i, l := range lines {
					d.line(l, x, y+b.lay.Size+(float64(i)+0.6)*b.lead)
				}
			}
			items = append(items, b.space(1, k), it)
		}
		for _, e := range g.Entries {
			runs := runsOf(b.fonts, size, false, nil, e.Inlines, false)
			ls := b.setParagraph(runs, b.textW-hang, -hang, typeset.Justify, b.lead, hang, k, 0, nil)
			for _, it := range ls {
				it.para = nil
			}
			items = append(items, ls...)
			items = append(items, &item{kind: itemSpace, height: b.lead * 0.3, breakOK: true, block: k})
			k++
		}
	}
	return b.genSection("bibliography", b.terms.Bibliography, model.BackMatter, items)
}
