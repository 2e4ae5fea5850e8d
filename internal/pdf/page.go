package pdf

import (
	"fmt"
	"strings"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// centered sets text centered on the text block at baseline y and returns
// the baseline after the last line.
func (b *builder) centered(d *drawer, x, y float64, ins []model.Inline, size float64, italic bool, lead float64) float64 {
	runs := keepCompounds(runsOf(b.fonts, size, false, nil, ins, italic))
	for _, l := range balanced(b.setter, runs, b.textW, "") {
		d.line(l, centerX(l, x, b.textW), y)
		y += lead
	}
	return y
}

func text(s string) []model.Inline { return []model.Inline{&model.Text{Value: s}} }

// halfTitle draws the half-title: the title alone, a third down the page.
func (b *builder) halfTitle(d *drawer, x, y float64) {
	b.centered(d, x, y+b.capacity*0.28, text(b.book.Meta.Title), b.lay.Size*1.3, false, b.lay.Size*1.7)
}

// titlePage draws the author, the title and subtitle, and the publisher.
func (b *builder) titlePage(d *drawer, x, y float64) {
	meta := &b.book.Meta
	if a := authorNames(meta); a != "" {
		b.centered(d, x, y+b.lead*2, text(a), b.lay.Size*1.1, false, b.lay.Size*1.5)
	}
	ty := y + b.capacity*0.3
	ty = b.centered(d, x, ty, text(meta.Title), b.lay.ChapterTitleSize*1.2, false, b.lay.ChapterTitleSize*1.45)
	if meta.Subtitle != "" {
		ty = b.centered(d, x, ty+b.lead*0.8, text(meta.Subtitle), b.lay.Size*1.3, true, b.lay.Size*1.7)
	}
	// The other contributors (translator, editor, illustrator …) under
	// the title, as the EPUB's copyright page names them.
	cy := ty + b.lead*2
	for _, line := range b.contributorLines() {
		cy = b.centered(d, x, cy, text(line), b.lay.Size, false, b.lead)
	}
	if meta.Publisher != "" {
		b.centered(d, x, y+b.capacity-b.lead, text(meta.Publisher), b.lay.Size, false, b.lead)
	}
}

// contributorLines names the book's contributors who are not authors,
// each with the label of their role in the book's language ("Traduction :
// Marie Dupont").
func (b *builder) contributorLines() []string {
	var out []string
	for _, c := range b.book.Meta.Creators {
		if c.Role != "aut" && c.Name != "" {
			out = append(out, b.terms.ContributorLine(c.Role, c.Name))
		}
	}
	return out
}

// copyrightPage draws the legal lines at the foot of the title's verso:
// rights, print ISBN, edition, « Dépôt légal » for French books, printer.
func (b *builder) copyrightPage(d *drawer, x, y float64) {
	meta := &b.book.Meta
	var lines []string
	lines = append(lines, b.contributorLines()...)
	if meta.Publisher != "" {
		lines = append(lines, meta.Publisher)
	}
	if meta.Edition != "" {
		lines = append(lines, meta.Edition)
	}
	if meta.Rights != "" {
		lines = append(lines, meta.Rights)
	}
	if meta.PrintISBN != "" {
		lines = append(lines, "ISBN "+meta.PrintISBN)
	}
	if b.terms.French && meta.LegalDeposit != "" {
		lines = append(lines, b.terms.LegalDeposit+"\u00a0: "+meta.LegalDeposit)
	} else if meta.LegalDeposit != "" {
		lines = append(lines, b.terms.LegalDeposit+": "+meta.LegalDeposit)
	}
	if meta.Printer != "" {
		lines = append(lines, b.terms.PrintedBy+" "+meta.Printer)
	}
	size := b.lay.NoteSize
	lead := size * 1.4
	var set [][]typeset.Line
	n := 0
	for _, s := range lines {
		ls := b.setter.Set(typeset.Paragraph{Runs: plainRuns(b.fonts, fontRegular, size, s), Width: b.textW, Align: typeset.Left}).Lines
		set = append(set, ls)
		n += len(ls)
	}
	by := y + b.capacity - float64(n-1)*lead - float64(len(set)-1)*lead*0.4
	for _, ls := range set {
		for _, l := range ls {
			d.line(l, x, by)
			by += lead
		}
		by += lead * 0.4
	}
}

// drawPage draws one page: its items, running head and folio, crop marks,
// and records anchors and bookmarks.
func (b *builder) drawPage(d *drawer, pg *page, m float64, dump *layoutDump) {
	f := b.f
	f.AddPage()
	d.page = f.PageNo()
	d.curFont = ""
	recto := d.page%2 == 1
	x := m + b.lay.Outer
	if recto {
		x = m + b.lay.Inner
	}
	y := m + b.lay.Top
	side := "verso"
	if recto {
		side = "recto"
	}
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(0, 0, 0)
	if b.lay.CropMarks {
		b.cropMarks(m)
	}
	switch pg.kind {
	case pageBlank:
		dump.printf("page %d [%s] %s blank\n", d.page, pg.label, side)
	case pageDisplay:
		dump.printf("page %d [%s] %s %s\n", d.page, pg.label, side, pg.name)
		d.setFont(fontRegular, b.lay.Size)
		if pg.name == "title page" {
			d.bookmark(b.book.Meta.Title, 0, y)
		}
		pg.display(d, x, y)
	case pageSection:
		s := pg.sec
		fp := s.pages[pg.idx]
		dump.printf("page %d [%s] %s %s", d.page, pg.label, side, s.id)
		if pg.idx == 0 {
			dump.printf(" opening")
		} else {
			b.runningHead(d, pg, x, m, recto)
		}
		dump.printf(" start=%d/%d lines=%.0f/%.0f\n", fp.startBlock, fp.startOffset, fp.used/b.lead, fp.capacity/b.lead)
		if rec := s.recorded(); rec != nil {
			font, size := b.startFont(pg.idx)
			if err := d.replay(rec, pg.idx, recto, font, size); err != nil {
				b.f.SetError(err)
			}
			return
		}
		b.drawSectionPage(d, s, pg.idx, x, y, dump)
	}
}

// drawSectionPage draws page idx of section s under its running head:
// the opening's title block on the first page, the items, the notes.
// What it draws depends on the section and on x (recto or verso) alone,
// so that it may be recorded ahead (record.go).
func (b *builder) drawSectionPage(d *drawer, s *section, idx int, x, y float64, dump *layoutDump) {
	fp := s.pages[idx]
	off := 0.0
	if idx == 0 {
		off = b.capacity - fp.capacity + fp.run
		d.setFont(fontRegular, b.lay.Size)
		d.bookmark(s.title, 0, y)
		d.anchor(s.id, y)
		s.opening(d, x, y)
	}
	for _, pl := range fp.placed {
		it := pl.it
		iy := y + off + pl.y
		if it.figure != nil {
			it.figure.atTop = pl.y == 0
		}
		for _, a := range it.anchors {
			if a != "" {
				d.anchor(a, iy)
			}
		}
		if it.outline != nil {
			d.setFont(fontRegular, b.lay.Size)
			d.bookmark(it.outline.title, it.outline.level, iy)
		}
		if it.draw != nil {
			it.draw(d, x, iy)
		}
		if dump != nil {
			text := it.dump
			if it.src != nil {
				text = dumpLine(*it.src)
			}
			if text != "" {
				dump.printf("  %6.1f %s%s\n", (off+pl.y)/b.lead, text, dumpCalls(it.notes))
			}
		}
	}
	// The notes end on the baseline of the page's last grid line.
	b.drawFoot(d, fp.foot, x, y+off+fp.capacity-b.lead+b.lay.Size, dump)
}

// runningHead draws the head line and the folio of a text page.
func (b *builder) runningHead(d *drawer, pg *page, x, m float64, recto bool) {
	which := b.lay.VersoHead
	if recto {
		which = b.lay.RectoHead
	}
	s := pg.sec
	head := ""
	switch which {
	case "book-title":
		head = b.book.Meta.Title
	case "chapter-title":
		head = s.title
	case "author":
		head = authorNames(&b.book.Meta)
	case "section":
		head = s.pages[pg.idx].heading
		if head == "" {
			head = s.title
		}
	}
	hs := b.lay.HeadSize
	headY := m + b.lay.Top - b.lead*1.6
	st := b.fonts.style(fontItalic, hs)
	if head != "" {
		// A head longer than the block is shortened at a word.
		for st.Face.Measure(head, hs) > b.textW*0.8 {
			base := strings.TrimSuffix(head, "…")
			i := strings.LastIndex(base, " ")
			if i < 0 {
				break
			}
			head = base[:i] + "…"
		}
		w := st.Face.Measure(head, hs)
		d.text(st, x+(b.textW-w)/2, headY, head)
	}
	fs := b.fonts.style(b.folioFont())
	fw := fs.Face.Measure(pg.label, fs.Size)
	switch b.lay.Folio {
	case "top-outside":
		fx := x
		if recto {
			fx = x + b.textW - fw
		}
		d.text(fs, fx, headY, pg.label)
	case "bottom-outside":
		fx := x
		if recto {
			fx = x + b.textW - fw
		}
		d.text(fs, fx, m+b.lay.TrimHeight-b.lay.Bottom+b.lead*2, pg.label)
	default:
		d.text(fs, x+(b.textW-fw)/2, m+b.lay.TrimHeight-b.lay.Bottom+b.lead*2, pg.label)
	}
}

// folioFont is the font key and size of the folio, the running head's
// last text.
func (b *builder) folioFont() (string, float64) { return fontRegular, b.lay.HeadSize + 1 }

// startFont is the drawer's font when the items of page idx of a section
// are drawn: none on the opening page, the folio's under a running head.
func (b *builder) startFont(idx int) (string, float64) {
	if idx == 0 {
		return "", 0
	}
	return b.folioFont()
}

// cropMarks draws trim marks in the margin beyond the bleed, in
// registration-free black (gray books have no other colour).
func (b *builder) cropMarks(m float64) {
	f := b.f
	f.SetLineWidth(0.25)
	tw, th := b.lay.TrimWidth, b.lay.TrimHeight
	gap := b.lay.Bleed + 3
	l := m - gap
	for _, c := range [][2]float64{{m, m}, {m + tw, m}, {m, m + th}, {m + tw, m + th}} {
		dx, dy := -1.0, -1.0
		if c[0] > m {
			dx = 1
		}
		if c[1] > m {
			dy = 1
		}
		f.Line(c[0]+dx*gap, c[1], c[0]+dx*(gap+l), c[1])
		f.Line(c[0], c[1]+dy*gap, c[0], c[1]+dy*(gap+l))
	}
}

// centerX returns where to draw a line so that its text stands centred on
// a measure of width w starting at x.
func centerX(l typeset.Line, x, w float64) float64 {
	if len(l.Pieces) == 0 {
		return x
	}
	x0 := l.Pieces[0].X
	last := l.Pieces[len(l.Pieces)-1]
	text := last.Text
	if last.Ligatures {
		text = last.Style.Face.Ligate(text)
	}
	x1 := last.X + last.Style.Face.Measure(text, last.Style.Size)
	return x + (w-(x1-x0))/2 - x0
}

// dumpCalls lists the footnotes an item calls, for the layout dump.
func dumpCalls(notes []*model.Note) string {
	if len(notes) == 0 {
		return ""
	}
	ids := make([]string, len(notes))
	for i, n := range notes {
		ids[i] = n.ID
	}
	return " calls=" + strings.Join(ids, ",")
}

// layoutDump collects the layout's text dump (Options.Dump); a nil one
// collects nothing, so that a build without a dump does not format it.
type layoutDump struct{ strings.Builder }

func (d *layoutDump) printf(format string, args ...any) {
	if d != nil {
		fmt.Fprintf(&d.Builder, format, args...)
	}
}
