package manuscript

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/publish-books/publish/internal/model"
)

// table converts a pipe table. Its caption comes from the paragraph next
// to it (tablecaption.go).
func (p *chapterParse) table(t *east.Table, base model.BlockBase) model.Block {
	tb := &model.Table{BlockBase: base}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			tb.Align = append(tb.Align, "left")
		case east.AlignRight:
			tb.Align = append(tb.Align, "right")
		case east.AlignCenter:
			tb.Align = append(tb.Align, "center")
		default:
			tb.Align = append(tb.Align, "")
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]model.Inline
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, p.inlines(c))
		}
		if _, ok := row.(*east.TableHeader); ok {
			tb.Header = cells
		} else {
			tb.Rows = append(tb.Rows, cells)
			p.checkRowCells(row, len(t.Alignments))
		}
	}
	tb.Widths = p.tableWidths(base.Pos, len(tb.Align), len(tb.Rows))
	return tb
}

// checkRowCells warns when a body row of a pipe table has more cells than
// the table has columns: goldmark drops the cells past the last column (as
// GitHub does), so without the warning their text would be lost silently.
// Cells are counted as goldmark splits them: at each pipe not escaped by a
// backslash, after the row's leading and trailing pipes.
func (p *chapterParse) checkRowCells(row ast.Node, cols int) {
	start := row.Pos()
	if start < 0 || start >= len(p.src) {
		return
	}
	end := bytes.IndexByte(p.src[start:], '\n')
	if end < 0 {
		end = len(p.src) - start
	}
	line := bytes.TrimSpace(p.src[start : start+end])
	line = bytes.TrimPrefix(line, []byte("|"))
	line = bytes.TrimSuffix(line, []byte("|"))
	cells := 1
	for i, c := range line {
		if c == '|' && (i == 0 || line[i-1] != '\\') {
			cells++
		}
	}
	if cells > cols {
		p.r.ds.Warnf(p.li.pos(start), "this table row has %d cells but the table has %d columns: the cells after column %d are not printed (add a column to the header and delimiter rows, or remove the extra cells)", cells, cols, cols)
	}
}

// wideTable is the line length, in characters, above which a pipe table's
// columns get the relative widths of its delimiter row (pandoc's rule,
// with its default of 72 columns).
const wideTable = 72

// tableWidths returns the relative widths of a pipe table's columns when a
// line of the table is longer than wideTable characters: each column's
// share of the dashes (and colons) of the delimiter row, as pandoc does.
// For a narrower table it returns nil: the columns fit their content.
// The table's first line is at pos, its delimiter row on the next line.
func (p *chapterParse) tableWidths(pos model.Position, cols, rows int) []float64 {
	if cols == 0 || pos.Line < 1 || pos.Line+1 > len(p.li.starts) {
		return nil
	}
	line := func(i int) string { // i is 0-based
		if i >= len(p.li.starts) {
			return ""
		}
		end := len(p.src)
		if i+1 < len(p.li.starts) {
			end = p.li.starts[i+1] - 1
		}
		return string(p.src[p.li.starts[i]:end])
	}
	delim := line(pos.Line)
	if start := strings.IndexAny(delim, "|-:"); start >= 0 {
		delim = delim[start:]
	}
	if !isTableDelimiterRow([]byte(delim)) {
		return nil
	}
	wide := false
	for i := pos.Line - 1; i <= pos.Line+rows && i < len(p.li.starts); i++ {
		if utf8.RuneCountInString(line(i)) > wideTable {
			wide = true
			break
		}
	}
	if !wide {
		return nil
	}
	cells := strings.Split(strings.Trim(strings.TrimSpace(delim), "|"), "|")
	if len(cells) != cols {
		return nil
	}
	total := 0
	counts := make([]int, cols)
	for i, c := range cells {
		counts[i] = len(strings.TrimSpace(c))
		total += counts[i]
	}
	if total == 0 {
		return nil
	}
	widths := make([]float64, cols)
	for i, n := range counts {
		widths[i] = float64(n) / float64(total)
	}
	return widths
}
