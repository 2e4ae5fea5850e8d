package pdf

import (
	"math"
	"strings"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// section is a run of pages that opens on a recto: a chapter, or a
// generated division (contents, list of illustrations …).
type section struct {
	id      string // anchor of the opening (chapter ID or generated ID)
	title   string // plain title, for running heads and bookmarks
	chapter *model.Chapter
	matter  model.Matter
	// opening draws the title block on the first page.
	opening func(d *drawer, x, y float64)
	items   []*item
	pages   []*flowPage
	// entry says whether the contents lists the section.
	entry bool
	// titleLines is the set title (for the contents).
	titleInlines []model.Inline
	// generated is the ID of the generated page the section prints (the
	// bibliography, a list), "" for a chapter or the contents; its items'
	// blocks count the page's entries (see model.PageStart).
	generated string
	// contents is true for the contents, whose contentsIDs are the ids
	// its entries name (a section's, a heading's), its items' blocks
	// counting the entries.
	contents    bool
	contentsIDs []string
	// record is the section's pages drawn ahead (record.go), nil when
	// they are drawn in turn.
	record *sectionRecord
}

// openingHeight is the room the title block takes on an opening page:
// the drop, the title lines and two lines of space, on the grid.
func (b *builder) openingHeight(lines int) float64 {
	h := b.lay.ChapterDrop + float64(lines)*b.lay.ChapterTitleSize*1.25 + 2*b.lead
	return math.Ceil(h/b.lead) * b.lead
}

// titleBlock sets a chapter or division title and returns its drawing
// function and the first page's capacity.
func (b *builder) titleBlock(ins []model.Inline) (func(d *drawer, x, y float64), float64) {
	size := b.lay.ChapterTitleSize
	runs := keepCompounds(runsOf(b.fonts, size, false, b.noteCall, ins, false))
	lines := balanced(b.setter, runs, b.textW*0.85, "")
	h := b.openingHeight(len(lines))
	draw := func(d *drawer, x, y float64) {
		by := y + b.lay.ChapterDrop
		for _, l := range lines {
			d.line(l, centerX(l, x, b.textW), by)
			by += size * 1.25
		}
		// A short rule under the title.
		d.setLineWidth(0.4)
		d.rule(x+b.textW/2-12, by, x+b.textW/2+12, by)
	}
	return draw, b.capacity - h
}

// chapterSection lays out a chapter.
func (b *builder) chapterSection(ch *model.Chapter) *section {
	s := &section{id: ch.ID, chapter: ch, matter: ch.Matter, title: model.PlainText(ch.Title), entry: !ch.Untitled, titleInlines: ch.Title}
	s.items = b.chapterItems(ch)
	first := b.capacity
	if !ch.Untitled {
		s.opening, first = b.titleBlock(ch.Title)
	} else {
		first = b.capacity - math.Ceil(b.lay.ChapterDrop/b.lead)*b.lead
		s.opening = func(*drawer, float64, float64) {}
	}
	s.pages = b.paginate(s.items, b.capacity, first, len(ch.Blocks))
	return s
}

// genSection lays out a generated division from its items.
func (b *builder) genSection(id, title string, matter model.Matter, items []*item) *section {
	s := &section{id: id, title: title, matter: matter, entry: true, titleInlines: []model.Inline{&model.Text{Value: title}}}
	var first float64
	s.opening, first = b.titleBlock(s.titleInlines)
	s.items = items
	s.pages = b.paginate(items, b.capacity, first, 0)
	return s
}

// entryItem is one line of the contents or a list: text on the left, a
// page number on the right, the whole a link to target.
func (b *builder) entryItem(text []model.Inline, label, target string, size float64, indent float64) []*item {
	st := b.fonts.style(fontRegular, size)
	numW := st.Face.Measure(label, size)
	gap := 12.0
	runs := spaceBreaks(runsOf(b.fonts, size, false, nil, text, false))
	width := b.textW - indent - numW - gap - 12
	lines := b.setter.Set(typeset.Paragraph{Runs: runs, Width: width, Align: typeset.Left, Lang: b.lang}).Lines
	lead := b.lead
	h := float64(len(lines)) * lead
	it := &item{kind: itemBox, height: h + lead*0.3, breakOK: true, dump: "entry " + label + " " + model.PlainText(text)}
	it.draw = func(d *drawer, x, y float64) {
		by := y + size
		for i, l := range lines {
			d.line(l, x+indent, by)
			if i == len(lines)-1 {
				// Dot leaders between the text and the number.
				lx := x + indent + l.Width + 6
				rx := x + b.textW - numW - 6
				dot := st.Face.Measure(". ", size)
				if rx-lx > dot {
					n := int((rx - lx) / dot)
					d.text(st, rx-float64(n)*dot, by, strings.Repeat(". ", n))
				}
				d.text(st, x+b.textW-numW, by, label)
			}
			by += lead
		}
		d.link(target, x+indent, y, b.textW-indent, h)
	}
	return []*item{it}
}
