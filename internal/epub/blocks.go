package epub

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

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
		if r.task != model.NoTask {
			r.flushMarks()
			r.writeTask()
		}
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
		r.list(n, marks)
	case *model.DefinitionList:
		r.definitionList(n, marks)
	case *model.LineBlock:
		w.open("div", "class", "line-block")
		r.startText(marks)
		for i, line := range n.Lines {
			if i > 0 {
				// Counted as one character, as a model.LineBreak.
				r.flushMarks()
				w.empty("br")
				r.pos++
			}
			r.inlines(line)
		}
		r.endText()
		w.close("div")
		w.nl()
	case *model.Div:
		r.div(n, marks)
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
	default:
		writeMarks(w, marks)
		r.b.ds.Errorf(bl.Position(), "the EPUB writer cannot draw the block kind %s", model.KindName(bl))
	}
}

// list writes a bulleted or numbered list. A numbered list names its
// numbering style in the type attribute; a list whose numbers are
// followed by ")" or set in "( )" also gets classes (paren or parens,
// and the style) that epub.css uses to draw them with ::marker. Reading
// systems that do not support ::marker content show "1." instead.
func (r *ren) list(n *model.List, marks []pageMark) {
	w := r.w
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
	tag := "ul"
	var attrs []string
	if n.Ordered {
		tag = "ol"
		start := ""
		if n.Start > 1 {
			start = itoa(n.Start)
		}
		attrs = []string{"start", start, "type", listTypes[n.Style], "class", listClass(n)}
	}
	w.open(tag, attrs...)
	w.nl()
	for i, it := range n.Items {
		if it.Task != model.NoTask {
			w.open("li", "class", "task-item")
			r.task = it.Task
			if _, ok := firstParagraph(it.Blocks); !ok {
				r.writeTask()
			}
		} else {
			w.open("li")
		}
		r.blocksWithMarks(it.Blocks, shares[i], n.Tight)
		r.task = model.NoTask
		w.close("li")
		w.nl()
	}
	w.close(tag)
	w.nl()
}

// listTypes are the values of an ordered list's type attribute.
var listTypes = map[model.ListStyle]string{model.LowerAlpha: "a", model.UpperAlpha: "A",
	model.LowerRoman: "i", model.UpperRoman: "I"}

// listClass returns the classes that let epub.css draw an ordered list's
// delimiters other than the period.
func listClass(n *model.List) string {
	delim := map[model.ListDelim]string{model.OneParen: "paren", model.TwoParens: "parens"}[n.Delim]
	if delim == "" {
		return ""
	}
	style := map[model.ListStyle]string{model.LowerAlpha: "lower-alpha", model.UpperAlpha: "upper-alpha",
		model.LowerRoman: "lower-roman", model.UpperRoman: "upper-roman"}[n.Style]
	if style == "" {
		return delim
	}
	return delim + " " + style
}

// writeTask writes the check box of a task list item (a glyph with a
// text alternative: an <input> is not allowed here) and clears it.
func (r *ren) writeTask() {
	glyph, label := "\u2610", r.b.words.TaskOpen
	if r.task == model.TaskDone {
		glyph, label = "\u2611", r.b.words.TaskDone
	}
	r.task = model.NoTask
	r.w.elem("span", glyph, "class", "task", "role", "img", "aria-label", label)
	r.w.WriteByte(' ')
}

// definitionList writes terms and their definitions. A definition that is
// one paragraph is written without a <p>, as an item of a tight list; a
// term without definitions gets an empty one, which XHTML requires.
func (r *ren) definitionList(n *model.DefinitionList, marks []pageMark) {
	w := r.w
	if len(n.Items) == 0 {
		writeMarks(w, marks)
		return
	}
	// The markers are shared among the terms and the definitions, in
	// reading order.
	var lens []int
	for _, it := range n.Items {
		lens = append(lens, utf8.RuneCountInString(model.PlainText(it.Term)))
		for _, d := range it.Definitions {
			lens = append(lens, blocksLen(d))
		}
	}
	shares := splitLens(lens, marks)
	k := 0
	w.open("dl")
	w.nl()
	for _, it := range n.Items {
		w.open("dt")
		r.startText(shares[k])
		r.inlines(it.Term)
		r.endText()
		w.close("dt")
		w.nl()
		k++
		if len(it.Definitions) == 0 {
			// A <dt> needs a <dd> after it.
			w.WriteString("<dd></dd>")
			w.nl()
		}
		for _, d := range it.Definitions {
			w.open("dd")
			_, onePara := firstParagraph(d)
			onePara = onePara && len(d) == 1
			if !onePara {
				w.nl()
			}
			r.blocksWithMarks(d, shares[k], onePara)
			w.close("dd")
			w.nl()
			k++
		}
	}
	w.close("dl")
	w.nl()
}

// div writes a fenced div or an HTML container element with its id,
// classes, language and other attributes.
func (r *ren) div(n *model.Div, marks []pageMark) {
	w := r.w
	tag := n.Tag
	if tag == "" {
		tag = "div"
	}
	attrs := []string{"id", r.id(n.ID), "class", strings.Join(n.Classes, " "), "lang", n.Lang, "xml:lang", n.Lang}
	for _, a := range n.Attrs {
		switch a[0] {
		case "id", "class", "lang", "xml:lang":
			continue // written above
		}
		attrs = append(attrs, a[0]+"!", a[1])
	}
	w.open(tag, attrs...)
	w.nl()
	r.blocksWithMarks(n.Blocks, marks, false)
	w.close(tag)
	w.nl()
}

func writeMarks(w *xw, marks []pageMark) {
	for _, m := range marks {
		writeMark(w, m)
	}
}

// table writes a table with its caption and column widths. A table whose
// header row has no text gets no <thead>: empty header cells are an
// accessibility fault.
func (r *ren) table(t *model.Table) {
	w := r.w
	align := func(i int) string {
		if i < len(t.Align) && t.Align[i] != "" {
			return "align-" + t.Align[i]
		}
		return ""
	}
	w.open("table", "id", r.id(t.ID))
	w.nl()
	if len(t.Caption) > 0 {
		// Numbered as the print edition numbers it: « Tableau 2 — ».
		w.open("caption")
		if t.Number > 0 {
			w.elem("span", r.b.terms.TableLabel(t.Number), "class", "table-label")
			w.elem("span", r.b.terms.TableSep, "class", "table-sep")
		}
		r.inlines(t.Caption)
		w.close("caption")
		w.nl()
	}
	if len(t.Widths) > 0 {
		w.open("colgroup")
		for _, wd := range t.Widths {
			w.empty("col", "style", "width: "+percent(wd)+"%")
		}
		w.close("colgroup")
		w.nl()
	}
	if t.HasHeader() {
		w.open("thead")
		w.open("tr")
		for i, c := range t.Header {
			// A header cell without text is a plain cell: an empty
			// <th> names no column for a screen reader (Ace:
			// empty-table-header).
			if strings.TrimSpace(model.PlainText(c)) == "" {
				w.open("td", "class", align(i))
				r.inlines(c)
				w.close("td")
				continue
			}
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

// percent formats a fraction as a percentage with at most one decimal.
func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64)
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
