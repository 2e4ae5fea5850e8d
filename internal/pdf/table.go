package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// Table sizes, relative to the body size: tables are set a little smaller
// than the text, and a table too wide for the measure is set smaller
// still, down to tableMinSize, before its words are broken anywhere.
const (
	tableSize    = 0.9
	tableMinSize = 0.75
	// tableGap is the space between two columns, in ems of the table's
	// size; tablePad the space above and below a row's text, in points.
	tableGap = 0.8
	tablePad = 2.0
)

// tableCell is one cell to set: its inlines, alignment and whether it is a
// header cell (italic, never hyphenated).
type tableCell struct {
	ins    []model.Inline
	align  typeset.Align
	header bool
}

// tableSetting is a table laid out at one size: its columns' widths and
// the set lines of every cell.
type tableSetting struct {
	size, lead, gap float64
	widths          []float64
	// head and rows hold each cell's lines, by row then column.
	head [][]typeset.Line
	rows [][][]typeset.Line
}

// width is the table's width: its columns and the gaps between them.
func (s *tableSetting) width() float64 {
	w := s.gap * float64(len(s.widths)-1)
	for _, c := range s.widths {
		w += c
	}
	return w
}

// tableItems sets a table: columns as wide as their content needs (or as
// a wide pipe table's dashes say), cells wrapping inside their column,
// the header row (italic, never hyphenated) between rules and repeated at
// the top of every page the table continues on, the caption numbered
// above. A table too wide for the measure is set smaller, and if that is
// not enough its words are broken where they do not fit, with a warning
// at the table either way: nothing is ever drawn over its neighbour or
// the margin.
func (b *builder) tableItems(t *model.Table, bi int, indent, width float64) []*item {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return nil
	}
	grid := tableGrid(t, cols)
	ts := b.layoutTable(t, grid, width)
	size, lead := ts.size, ts.lead
	tableW := ts.width()
	// A table narrower than the measure is centred on it.
	left := indent + max(0, (width-tableW)/2)
	colX := make([]float64, cols)
	for c := 1; c < cols; c++ {
		colX[c] = colX[c-1] + ts.widths[c-1] + ts.gap
	}
	rowHeight := func(cells [][]typeset.Line) float64 {
		n := 1
		for _, lines := range cells {
			n = max(n, len(lines))
		}
		return float64(n)*lead + 2*tablePad
	}
	drawRow := func(d *drawer, cells [][]typeset.Line, x, y float64) {
		for c, lines := range cells {
			for i, l := range lines {
				d.line(l, x+left+colX[c], y+tablePad+size*0.8+float64(i)*lead)
			}
		}
	}
	rule := func(d *drawer, x, y, thick float64) {
		d.setLineWidth(thick)
		d.rule(x+left, y, x+left+tableW, y)
	}
	rowDump := func(what string, cells [][]typeset.Line) string {
		dump := what
		for _, lines := range cells {
			var cell []string
			for _, l := range lines {
				cell = append(cell, typeset.LineText(l, false))
			}
			dump += " " + strconv.Quote(strings.Join(cell, " "))
		}
		return dump
	}
	const ruleH = 3.0
	var out []*item
	out = append(out, b.space(0.5, bi))
	if t.ID != "" {
		out = append(out, anchorItem(t.ID, bi))
	}
	if len(t.Caption) > 0 {
		// The caption above the table, its number in roman, the text in
		// italic at the table's size, kept with the table's first row.
		var runs []typeset.Run
		if t.Number > 0 {
			runs = append(runs, typeset.Run{Text: b.terms.TableLabel(t.Number) + b.terms.TableSep, Style: b.fonts.style(fontRegular, size), Uncounted: true})
		}
		runs = append(runs, runsOf(b.fonts, size, b.links, b.noteCall, t.Caption, true)...)
		capLines := b.setParagraph(runs, width, 0, typeset.Center, b.lead, indent, bi, 0, nil)
		for _, it := range capLines {
			it.para = nil // not set again: its breaks are fixed here
			it.breakOK = false
		}
		out = append(out, capLines...)
	}
	// The head: a rule over the table, and the header row with a rule
	// under it when the table has one. It is drawn again at the top of a
	// page the table continues on.
	var head *item
	if ts.head != nil {
		cells := ts.head
		h := rowHeight(cells)
		head = &item{kind: itemBox, height: h + 2*ruleH, block: bi, dump: rowDump("table row", cells)}
		seen := map[*model.Note]bool{}
		for _, lines := range cells {
			head.notes = append(head.notes, b.claimNotes(head, seen, lines...)...)
		}
		head.draw = func(d *drawer, x, y float64) {
			rule(d, x, y+1, 0.6)
			drawRow(d, cells, x, y+ruleH)
			rule(d, x, y+ruleH+h+1, 0.4)
		}
	} else {
		head = &item{kind: itemBox, height: ruleH, block: bi, dump: "rule"}
		head.draw = func(d *drawer, x, y float64) { rule(d, x, y+1, 0.6) }
	}
	out = append(out, head)
	again := &item{kind: itemBox, height: head.height, block: bi, draw: head.draw, dump: strings.Replace(head.dump, "table row", "table row (again)", 1)}
	// A row taller than a page under the head (a cell of many lines) is
	// cut between lines into parts that each fit one.
	maxLines := max(1, int((b.capacity-head.height-2*ruleH-2*tablePad)/lead))
	first := len(out)
	for _, cells := range ts.rows {
		for _, part := range rowParts(cells, maxLines) {
			it := &item{kind: itemBox, height: rowHeight(part), block: bi, dump: rowDump("table row", part), tableHead: again}
			seen := map[*model.Note]bool{}
			for _, lines := range part {
				it.notes = append(it.notes, b.claimNotes(it, seen, lines...)...)
			}
			it.draw = func(d *drawer, x, y float64) { drawRow(d, part, x, y) }
			out = append(out, it)
		}
	}
	keepRows(out[first:], b.capacity)
	bottom := &item{kind: itemBox, height: ruleH, block: bi, breakOK: true, dump: "rule"}
	bottom.draw = func(d *drawer, x, y float64) { rule(d, x, y+1, 0.6) }
	out = append(out, bottom, b.space(0.5, bi))
	return out
}

// tableKeepRows is the most rows (or row parts) a table may have and
// still be kept whole on one page.
const tableKeepRows = 6

// keepRows says where a page may break between a table's rows: nowhere
// in a short table (at most tableKeepRows rows, together under half a
// page), so that it is never cut; elsewhere not before the second row
// nor after the last but two, so that a page never holds a single row
// under the header; and never after the last row, which stays with the
// closing rule.
func keepRows(rows []*item, capacity float64) {
	n := len(rows)
	var total float64
	for _, it := range rows {
		total += it.height
	}
	keep := n <= tableKeepRows && total <= capacity/2
	for i, it := range rows {
		it.breakOK = !keep && i >= 1 && n-1-i >= 2
	}
}

// rowParts cuts a row's cells into parts of at most n lines each: the
// row itself when it is not longer.
func rowParts(cells [][]typeset.Line, n int) [][][]typeset.Line {
	rows := 0
	for _, lines := range cells {
		rows = max(rows, len(lines))
	}
	if rows <= n {
		return [][][]typeset.Line{cells}
	}
	var parts [][][]typeset.Line
	for from := 0; from < rows; from += n {
		part := make([][]typeset.Line, len(cells))
		for c, lines := range cells {
			if from < len(lines) {
				part[c] = lines[from:min(from+n, len(lines))]
			}
		}
		parts = append(parts, part)
	}
	return parts
}

// tableGrid returns the table's cells as a grid of cols columns, nil for
// a header row without text (a header-less pipe table).
func tableGrid(t *model.Table, cols int) [][]tableCell {
	row := func(ins [][]model.Inline, header bool) []tableCell {
		out := make([]tableCell, cols)
		for c := range out {
			out[c].header = header
			if c < len(ins) {
				out[c].ins = ins[c]
			}
			if c < len(t.Align) {
				switch t.Align[c] {
				case "center":
					out[c].align = typeset.Center
				case "right":
					out[c].align = typeset.Right
				default:
					out[c].align = typeset.Left
				}
			} else {
				out[c].align = typeset.Left
			}
		}
		return out
	}
	var grid [][]tableCell
	if t.HasHeader() {
		grid = append(grid, row(t.Header, true))
	} else {
		grid = append(grid, nil)
	}
	for _, r := range t.Rows {
		grid = append(grid, row(r, false))
	}
	return grid
}

// layoutTable chooses the table's size and column widths and sets its
// cells. At the table size, each column gets at least its widest
// unbreakable word (hyphenating body cells only when the words do not fit
// otherwise), the rest of the measure going to the columns whose text is
// longest, as browsers share a table's width; a wide pipe table's dash
// widths give the shares instead. When even the unbreakable words do not
// fit, the table is set smaller, down to tableMinSize of the body, and
// then its long words are broken where they must: both are reported.
func (b *builder) layoutTable(t *model.Table, grid [][]tableCell, width float64) *tableSetting {
	cols := len(grid[0])
	if grid[0] == nil {
		cols = len(grid[1])
	}
	base := b.lay.Size * tableSize
	try := func(size float64, hyphenate, breakWords bool) (*tableSetting, float64) {
		ts := &tableSetting{size: size, lead: b.lead * size / b.lay.Size, gap: tableGap * size}
		mins := make([]float64, cols)
		maxs := make([]float64, cols)
		for _, row := range grid {
			for c, cell := range row {
				lo, hi := b.cellWidths(cell, size, hyphenate && !cell.header)
				mins[c], maxs[c] = max(mins[c], lo), max(maxs[c], hi)
			}
		}
		avail := width - ts.gap*float64(cols-1)
		need := ts.gap * float64(cols-1)
		for _, m := range mins {
			need += m
		}
		if need > width+eps && !breakWords {
			return nil, need
		}
		ts.widths = shareWidths(mins, maxs, t.Widths, avail)
		for _, row := range grid {
			if row == nil {
				continue
			}
			lines := make([][]typeset.Line, cols)
			for c, cell := range row {
				lines[c] = b.setCell(cell, size, ts.widths[c], hyphenate && !cell.header, breakWords)
			}
			if row[0].header {
				ts.head = lines
			} else {
				ts.rows = append(ts.rows, lines)
			}
		}
		return ts, need
	}
	if ts, _ := try(base, false, false); ts != nil {
		return ts
	}
	ts, need := try(base, true, false)
	if ts != nil {
		return ts
	}
	// Too wide: smaller, at the size its words' widths call for (they
	// grow with the size, the gaps too), then a quarter point smaller at
	// a time while rounding leaves it too wide.
	floor := b.lay.Size * tableMinSize
	size := math.Floor(base*width/need*4) / 4
	for tries := 0; tries < 4 && size >= floor; tries++ {
		if ts, _ = try(size, true, false); ts == nil {
			size -= 0.25
			continue
		}
		b.ds.WarnCodef("table-too-wide", t.Pos, "this table is too wide for the print measure (its longest words need %s mm at %s pt, the measure is %s mm): it is set at %s pt (shorter words in its cells or fewer columns would help)",
			mmString(need), ptString(base), mmString(width), ptString(size))
		return ts
	}
	ts, _ = try(floor, true, true)
	b.ds.WarnCodef("table-too-wide", t.Pos, "this table is too wide for the print measure even at %s pt (its longest words need %s mm at %s pt, the measure is %s mm): words are broken inside where they do not fit their column (shorter words in its cells or fewer columns would help)",
		ptString(floor), mmString(need), ptString(base), mmString(width))
	return ts
}

// shareWidths gives each column its minimum width and shares the rest of
// avail: in proportion to the dash widths when given (a wide pipe table),
// a column never getting more than its natural width while another
// wraps, else each column up to its natural width, or, when the natural
// widths do not all fit, in proportion to what each column lacks (as
// browsers lay out automatic tables).
func shareWidths(mins, maxs, dashes []float64, avail float64) []float64 {
	cols := len(mins)
	out := make([]float64, cols)
	sumMin, sumMax := 0.0, 0.0
	for c := range mins {
		maxs[c] = max(maxs[c], mins[c])
		sumMin += mins[c]
		sumMax += maxs[c]
	}
	copy(out, mins)
	if sumMin >= avail {
		if sumMin > avail+eps {
			// Words will be broken: share the measure by natural width,
			// never less than a tenth of the even share.
			for c := range out {
				out[c] = avail * max(maxs[c]/max(sumMax, eps), 0.1/float64(cols))
			}
			return scaleTo(out, avail)
		}
		return out
	}
	if len(dashes) == cols {
		// The dashes' shares of the measure, raised to each column's
		// minimum, the difference taken from the columns with room.
		want := make([]float64, cols)
		for c := range want {
			want[c] = dashes[c] * avail
		}
		out = fitShares(want, mins, avail)
		// A column is never wider than its longest line while another
		// wraps: what it does not need goes to the others, by their
		// dashes.
		for range cols {
			free, weight := 0.0, 0.0
			for c := range out {
				if out[c] > maxs[c] {
					free += out[c] - maxs[c]
					out[c] = maxs[c]
				}
			}
			for c := range out {
				if out[c] < maxs[c]-eps {
					weight += dashes[c]
				}
			}
			if free < eps || weight <= 0 {
				break
			}
			for c := range out {
				if out[c] < maxs[c]-eps {
					out[c] += free * dashes[c] / weight
				}
			}
		}
		return out
	}
	if sumMax <= avail {
		copy(out, maxs)
		return out
	}
	extra := avail - sumMin
	for c := range out {
		out[c] += extra * (maxs[c] - mins[c]) / (sumMax - sumMin)
	}
	return out
}

// fitShares returns want with every column raised to its minimum, the
// width this adds taken from the other columns in proportion to their
// room above their own minimum; the total stays avail.
func fitShares(want, mins []float64, avail float64) []float64 {
	out := append([]float64(nil), want...)
	lack, room := 0.0, 0.0
	for c := range out {
		if out[c] < mins[c] {
			lack += mins[c] - out[c]
			out[c] = mins[c]
		} else {
			room += out[c] - mins[c]
		}
	}
	if lack > 0 && room > 0 {
		for c := range out {
			if out[c] > mins[c] {
				out[c] -= lack * (out[c] - mins[c]) / room
			}
		}
	}
	return out
}

// scaleTo scales widths so that they sum to total.
func scaleTo(ws []float64, total float64) []float64 {
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	if sum <= 0 {
		return ws
	}
	for i := range ws {
		ws[i] *= total / sum
	}
	return ws
}

// cellRuns returns a cell's runs at size: header cells in italic, and
// figures tabular and lining (tabfigures.go).
func (b *builder) cellRuns(cell tableCell, size float64) []typeset.Run {
	return b.fonts.tabularRuns(runsOf(b.fonts, size, b.links, b.noteCall, cell.ins, cell.header))
}

// cellWidths returns the narrowest width a cell can be set in without a
// line running over it, and its width on one line. The narrowest width is
// found by setting the cell: a word breaks only where the line breaker
// allows (spaces, a web address's slashes, and syllables when hyphenate).
func (b *builder) cellWidths(cell tableCell, size float64, hyphenate bool) (lo, hi float64) {
	if len(cell.ins) == 0 {
		return 0, 0
	}
	runs := b.cellRuns(cell, size)
	lang := ""
	if hyphenate {
		lang = b.paraLang()
	}
	set := func(w float64) (widest float64, ok bool) {
		res := b.setter.Set(typeset.Paragraph{Runs: runs, Width: w, Align: typeset.Left, Lang: lang})
		for _, l := range res.Lines {
			widest = max(widest, l.Width)
		}
		return widest, !res.Fallback && len(res.Broken) == 0 && widest <= w+eps
	}
	hi, _ = set(1e6)
	if hi <= 0 {
		return 0, 0
	}
	// The narrowest fitting width, to half a point.
	lo, top := 0.0, hi
	for top-lo > 0.5 {
		mid := (lo + top) / 2
		if widest, ok := set(mid); ok {
			top = widest
		} else {
			lo = mid
		}
	}
	return top, hi
}

// setCell sets a cell's text in its column. With breakWords, a word wider
// than the column gets a break opportunity between its characters (not
// counted as text), so that it wraps inside the column rather than run
// over the next one.
func (b *builder) setCell(cell tableCell, size, width float64, hyphenate, breakWords bool) []typeset.Line {
	if len(cell.ins) == 0 {
		return nil
	}
	runs := b.cellRuns(cell, size)
	if breakWords {
		runs = breakLongWords(runs, width)
	}
	lang := ""
	if hyphenate {
		lang = b.paraLang()
	}
	return b.setter.Set(typeset.Paragraph{Runs: runs, Width: width, Align: cell.align, Lang: lang}).Lines
}

// breakLongWords gives every word of runs wider than width break
// opportunities, an uncounted zero-width space that the line breaker may
// take: after its underscores, slashes, dots, hyphens and the like, and
// between any two characters of a piece still too wide. It is the last
// resort for a table too wide for the page.
func breakLongWords(runs []typeset.Run, width float64) []typeset.Run {
	var out []typeset.Run
	for _, r := range runs {
		face := r.Style.Face
		if r.Break || r.NoBreak || face == nil || face.Measure(r.Text, r.Style.Size) <= width {
			out = append(out, r)
			continue
		}
		cur := typeset.Run{Style: r.Style, Uncounted: r.Uncounted}
		cut := func() {
			if cur.Text != "" {
				out = append(out, cur, typeset.Run{Text: "\u200b", Style: r.Style, Uncounted: true})
			}
			cur = typeset.Run{Style: r.Style, Uncounted: r.Uncounted}
		}
		for _, w := range strings.SplitAfter(r.Text, " ") {
			if face.Measure(strings.TrimRight(w, " "), r.Style.Size) <= width {
				cur.Text += w
				continue
			}
			for _, piece := range splitAfterAny(w, "_/.-=&?#,;:") {
				if face.Measure(strings.TrimRight(piece, " "), r.Style.Size) <= width {
					cur.Text += piece
					cut()
					continue
				}
				for _, ch := range piece {
					if ch != ' ' && cur.Text != "" && face.Measure(cur.Text+string(ch), r.Style.Size) > width {
						cut()
					}
					cur.Text += string(ch)
				}
			}
		}
		if cur.Text != "" {
			out = append(out, cur)
		}
	}
	return out
}

// splitAfterAny cuts s after each of the characters in chars.
func splitAfterAny(s, chars string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if strings.ContainsRune(chars, r) {
			out = append(out, s[start:i+utf8.RuneLen(r)])
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// mmString formats points as millimetres with one decimal.
func mmString(pt float64) string { return fmt.Sprintf("%.1f", pt/72*25.4) }

// ptString formats a size in points with at most two decimals.
func ptString(pt float64) string {
	return strconv.FormatFloat(math.Round(pt*100)/100, 'f', -1, 64)
}
