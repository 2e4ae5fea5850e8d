package epub

import (
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// blocks writes blocks without page-break markers.
func (r *ren) blocks(bs []model.Block) {
	for _, bl := range bs {
		r.block(bl, nil, false)
	}
}

// blocksWithMarks writes the blocks of a container with its markers.
func (r *ren) blocksWithMarks(bs []model.Block, marks []pageMark, tight bool) {
	if len(bs) == 0 {
		for _, m := range marks {
			writeMark(r.w, m)
		}
		return
	}
	shares := splitMarks(bs, marks)
	for i, bl := range bs {
		r.block(bl, shares[i], tight)
	}
}

// block writes one block; marks are its page-break markers with offsets
// relative to its text. In a tight list, paragraphs are written without
// a <p>.
func (r *ren) block(bl model.Block, marks []pageMark, tight bool) {
	w := r.w
	switch n := bl.(type) {
	case *model.Paragraph:
		if !tight {
			w.open("p")
		}
		r.startText(marks)
		r.inlines(n.Inlines)
		r.endText()
		if !tight {
			w.close("p")
			w.nl()
		}
	case *model.Heading:
		for len(marks) > 0 && marks[0].offset == 0 {
			writeMark(w, marks[0])
			marks = marks[1:]
		}
		tag := "h" + itoa(r.headingLevel(n))
		w.open(tag, "id", n.ID, "class", strings.Join(n.Classes, " "))
		r.startText(marks)
		r.inlines(n.Inlines)
		r.endText()
		w.close(tag)
		w.nl()
	case *model.FigureBlock:
		writeMarks(w, marks)
		r.figure(n.Figure)
	case *model.List:
		tag := "ul"
		start := ""
		if n.Ordered {
			tag = "ol"
			if n.Start > 1 {
				start = itoa(n.Start)
			}
		}
		if len(n.Items) == 0 {
			writeMarks(w, marks)
			return
		}
		// Share the markers among the items as among blocks.
		itemBlocks := make([]model.Block, len(n.Items))
		for i, it := range n.Items {
			itemBlocks[i] = &model.BlockQuote{Blocks: it.Blocks}
		}
		shares := splitMarks(itemBlocks, marks)
		w.open(tag, "start", start)
		w.nl()
		for i, it := range n.Items {
			w.open("li")
			r.blocksWithMarks(it.Blocks, shares[i], n.Tight)
			w.close("li")
			w.nl()
		}
		w.close(tag)
		w.nl()
	case *model.BlockQuote:
		w.open("blockquote")
		w.nl()
		r.blocksWithMarks(n.Blocks, marks, false)
		w.close("blockquote")
		w.nl()
	case *model.CodeBlock:
		class := ""
		if n.Language != "" {
			class = "language-" + safeName(n.Language)
		}
		w.open("pre")
		w.open("code", "class", class)
		r.startText(marks)
		r.text(strings.TrimSuffix(n.Text, "\n"))
		r.endText()
		w.close("code")
		w.close("pre")
		w.nl()
	case *model.ThematicBreak:
		writeMarks(w, marks)
		w.empty("hr", "class", "scene-break")
		w.nl()
	case *model.Table:
		writeMarks(w, marks)
		r.table(n)
	case *model.HTMLBlock:
		writeMarks(w, marks)
		if !r.plain {
			writeHTML(w, n.Nodes)
			w.nl()
		}
	}
}

func writeMarks(w *xw, marks []pageMark) {
	for _, m := range marks {
		writeMark(w, m)
	}
}

func (r *ren) table(t *model.Table) {
	w := r.w
	align := func(i int) string {
		if i < len(t.Align) && t.Align[i] != "" {
			return "align-" + t.Align[i]
		}
		return ""
	}
	w.open("table")
	w.nl()
	if len(t.Header) > 0 {
		w.open("thead")
		w.open("tr")
		for i, c := range t.Header {
			w.open("th", "scope", "col", "class", align(i))
			r.inlines(c)
			w.close("th")
		}
		w.close("tr")
		w.close("thead")
		w.nl()
	}
	w.open("tbody")
	w.nl()
	for _, row := range t.Rows {
		w.open("tr")
		for i, c := range row {
			w.open("td", "class", align(i))
			r.inlines(c)
			w.close("td")
		}
		w.close("tr")
		w.nl()
	}
	w.close("tbody")
	w.close("table")
	w.nl()
}

// headingLevel returns the level to write a heading at: its own, except
// that a level is never skipped (a #### right after the # title becomes
// <h2>), since assistive technologies navigate by levels.
func (r *ren) headingLevel(h *model.Heading) int {
	lvl := min(max(h.Level, 2), 6)
	if r.lastLevel > 0 && lvl > r.lastLevel+1 {
		r.b.ds.Warnf(h.Pos, "heading level %d follows level %d: the EPUB writes it at level %d (do not skip heading levels)", h.Level, r.lastLevel, r.lastLevel+1)
		lvl = r.lastLevel + 1
	}
	r.lastLevel = lvl
	return lvl
}
