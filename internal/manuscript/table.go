package manuscript

import (
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/publish-books/publish/internal/model"
)

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
		}
	}
	return tb
}
