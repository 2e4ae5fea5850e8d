package epub

import (
	"sort"

	"github.com/publish-books/publish/internal/model"
)

// pageMark is a page-break marker to place in a chapter: before the
// character at offset (in runes of visible text, counted as
// model.PlainText counts them) of the block it belongs to.
type pageMark struct {
	label  string
	id     string
	offset int
	order  int // position in the pagination, to keep markers in print order
}

// pageEntry is one line of the nav's page-list.
type pageEntry struct {
	label, href string
}

// placePages turns the print pagination into markers per chapter block
// and the page-list. Pages that start outside the book's chapters (the
// print edition's own title pages or contents) have no place in the EPUB
// and are left out.
func (b *builder) placePages() {
	pg := b.opts.Pagination
	if pg == nil {
		return
	}
	pg.MintIDs(b.book.Register())
	chapters := map[string]*model.Chapter{}
	for _, ch := range b.book.Chapters {
		chapters[ch.ID] = ch
	}
	generated := map[string]model.GeneratedPage{}
	for _, g := range b.book.Generated {
		generated[g.ID] = g
	}
	b.navPlace = navAfterFront
	seenOther := false
	for i, p := range pg.Pages {
		if p.Contents {
			// A page of the print edition's contents: marked in the
			// nav, whose place in the spine follows the print's.
			if p.Label == "" {
				continue
			}
			if len(b.navMarks) == 0 {
				b.navPlace = navFirst
				if seenOther {
					b.navPlace = navLast
				}
			}
			if b.navMarks == nil {
				b.navMarks = map[string][]pageMark{}
			}
			b.navMarks[p.Entry] = append(b.navMarks[p.Entry], pageMark{label: p.Label, id: p.ID, order: i})
			b.pageList = append(b.pageList, pageEntry{label: p.Label, href: "nav.xhtml#" + p.ID})
			continue
		}
		seenOther = true
		if g, ok := generated[p.Chapter]; ok && p.Label != "" && generatedDoc(g) != "" {
			// A page of a generated page: its marker goes before the
			// entry it starts with (writeGenMarks).
			if b.marks[g.ID] == nil {
				b.marks[g.ID] = map[int][]pageMark{}
			}
			b.marks[g.ID][max(p.Block, -1)] = append(b.marks[g.ID][max(p.Block, -1)], pageMark{label: p.Label, id: p.ID, order: i})
			b.pageList = append(b.pageList, pageEntry{label: p.Label, href: generatedDoc(g) + "#" + p.ID})
			continue
		}
		ch := chapters[p.Chapter]
		if ch == nil || p.Label == "" {
			continue
		}
		block, offset := p.Block, p.Offset
		if p.AtFigure {
			block, offset = p.FigureBlock, p.FigureOffset
		}
		if block < -1 {
			block = -1
		}
		if block > len(ch.Blocks) {
			block = len(ch.Blocks)
		}
		id := p.ID
		if b.marks[ch.ID] == nil {
			b.marks[ch.ID] = map[int][]pageMark{}
		}
		b.marks[ch.ID][block] = append(b.marks[ch.ID][block], pageMark{label: p.Label, id: id, offset: max(offset, 0), order: i})
		b.pageList = append(b.pageList, pageEntry{label: p.Label, href: b.chapterFile[ch.ID] + "#" + id})
	}
	for _, byBlock := range b.marks {
		for _, ms := range byBlock {
			sort.SliceStable(ms, func(i, j int) bool {
				if ms[i].offset != ms[j].offset {
					return ms[i].offset < ms[j].offset
				}
				return ms[i].order < ms[j].order
			})
		}
	}
}

// navPlace is where the nav stands in the spine.
type navPlace int

// The places of the nav: after the front matter's chapters (without a
// print pagination), or where the print edition has its contents: before
// everything, or after everything.
const (
	navAfterFront navPlace = iota
	navFirst
	navLast
)

// generatedName is the name of a generated page's document (without
// ".xhtml"), "" for a kind that has none.
func generatedName(k model.GeneratedKind) string {
	switch k {
	case model.IllustrationsPage:
		return "figures"
	case model.TablesPage:
		return "tables"
	case model.CreditsPage:
		return "credits"
	case model.BibliographyPage:
		return "bibliography"
	}
	return ""
}

// generatedDoc is the file of a generated page's document, "" for a
// kind that has none.
func generatedDoc(g model.GeneratedPage) string {
	if g.Kind == model.IndexPage {
		return indexFile(g)
	}
	if n := generatedName(g.Kind); n != "" {
		return n + ".xhtml"
	}
	return ""
}

// writeGenMarks writes the markers of the generated page being written
// (b.curGen) that stand before its entry k (-1: its title), and with
// k < -1 all those left, in the page-list's order.
func (b *builder) writeGenMarks(w *xw, k int) {
	byEntry := b.marks[b.curGen]
	if byEntry == nil {
		return
	}
	var keys []int
	for e := range byEntry {
		if e <= k || k < -1 {
			keys = append(keys, e)
		}
	}
	sort.Ints(keys)
	for _, e := range keys {
		for _, m := range byEntry[e] {
			writeMark(w, m)
		}
		delete(byEntry, e)
	}
}

// writeMark writes a page-break marker.
func writeMark(w *xw, m pageMark) {
	w.empty("span", "epub:type", "pagebreak", "role", "doc-pagebreak", "id", m.id, "aria-label", m.label)
}

// textLen counts a block's visible characters the way the print layout
// counts them for PageStart.Offset: paragraphs and headings by
// model.PlainText, code by its text, a line block by its lines with one
// character for each break between them (as a model.LineBreak), lists,
// quotations, divs and definition lists by their terms and blocks in
// reading order. Figures, tables, breaks and raw HTML blocks count
// textLen counts a block's visible text as the print layout does.
func textLen(bl model.Block) int { return model.BlockTextLen(bl) }

// blocksLen adds up the textLen of blocks.
func blocksLen(bs []model.Block) int { return model.BlocksTextLen(bs) }

// splitMarks shares a container's markers among its children: a marker
// goes to the child holding its character, with an offset relative to
// that child; markers past the end go to the end of the last child.
func splitMarks(children []model.Block, marks []pageMark) [][]pageMark {
	lens := make([]int, len(children))
	for i, c := range children {
		lens[i] = textLen(c)
	}
	return splitLens(lens, marks)
}

// splitLens shares markers among parts of the given lengths, as
// splitMarks does among blocks.
func splitLens(lens []int, marks []pageMark) [][]pageMark {
	out := make([][]pageMark, len(lens))
	if len(lens) == 0 {
		return out
	}
	start := 0
	mi := 0
	for i, n := range lens {
		last := i == len(lens)-1
		for mi < len(marks) && (marks[mi].offset < start+n || last) {
			m := marks[mi]
			m.offset -= start
			out[i] = append(out[i], m)
			mi++
		}
		start += n
	}
	return out
}
