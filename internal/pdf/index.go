package pdf

import (
	"math"
	"strings"

	"github.com/publish-books/publish/internal/index"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// indexGap is the space between the two columns of an index.
const indexGap = 14.0

// indexLine is one set line of an index column: an entry's line or a
// letter's heading.
type indexLine struct {
	line   typeset.Line
	x      float64
	letter bool
	// blank is the empty line before a letter's heading.
	blank bool
	// entry counts the index's entries (sub-entries included, in reading
	// order) before the one the line belongs to; a letter's heading and
	// its blank line take the number of the entry that follows them.
	// A page's marker in the EPUB goes before that entry.
	entry int
}

// indexSection sets an index in two columns: letter groups headed by
// their letter, each entry with the pages of its occurrences (consecutive
// pages merged into ranges), then « voir » and « voir aussi », its
// sub-entries indented below it, turnover lines indented further. The
// page numbers come from the last make-up (placeholders the first time).
func (b *builder) indexSection(g model.GeneratedPage) *section {
	ix := g.Index
	size := b.lay.Size * 0.9
	lead := b.lead * 0.9
	colW := (b.textW - indexGap) / 2
	var lines []indexLine
	entries := 0
	for _, grp := range ix.Groups {
		if grp.Letter != "" {
			if len(lines) > 0 {
				lines = append(lines, indexLine{blank: true, entry: entries})
			}
			runs := plainRuns(b.fonts, fontBold, size, grp.Letter)
			ls := b.setter.Set(typeset.Paragraph{Runs: runs, Width: colW, Align: typeset.Left}).Lines
			for _, l := range ls {
				lines = append(lines, indexLine{line: l, letter: true, entry: entries})
			}
		}
		b.indexEntries(&lines, grp.Entries, 0, size, colW, &entries)
	}
	title := b.indexTitle(ix)
	titleInlines := []model.Inline{&model.Text{Value: title}}
	_, first := b.titleBlock(titleInlines)
	var items []*item
	rows := int(math.Floor(first / lead))
	for len(lines) > 0 {
		if rows < 3 {
			// Too little room under the title: the columns start on the
			// next page.
			rows = int(math.Floor(b.capacity / lead))
		}
		left, right, rest := fillColumns(lines, rows)
		lines = rest
		h := float64(max(len(left), len(right))) * lead
		it := &item{kind: itemBox, height: h, breakOK: true, dump: "index columns"}
		if len(left) > 0 {
			// The page's marker goes before the entry its first line
			// belongs to (its start when the page opens mid-entry).
			it.block = left[0].entry
		}
		it.draw = func(d *drawer, x, y float64) {
			for i, l := range left {
				if l.blank {
					continue
				}
				d.line(l.line, x+l.x, y+size+float64(i)*lead)
			}
			for i, l := range right {
				if l.blank {
					continue
				}
				d.line(l.line, x+colW+indexGap+l.x, y+size+float64(i)*lead)
			}
		}
		items = append(items, it)
		rows = int(math.Floor(b.capacity / lead))
	}
	return b.genSection(g.ID, title, model.BackMatter, items)
}

// fillColumns takes the lines of one page: rows lines per column, or,
// on the last page, the lines shared evenly; a letter's heading never
// ends a column and a letter never opens one with a blank.
func fillColumns(lines []indexLine, rows int) (left, right, rest []indexLine) {
	per := rows
	if len(lines) <= 2*rows {
		// The last page shares its lines evenly; a short index keeps
		// one column.
		per = (len(lines) + 1) / 2
		if len(lines) <= 6 {
			per = len(lines)
		}
	}
	take := func(ls []indexLine, n int) ([]indexLine, []indexLine) {
		if n > len(ls) {
			n = len(ls)
		}
		// A heading in the last two rows moves to the next column.
		for k := n - 1; k >= 0 && k >= n-2; k-- {
			if ls[k].letter && k > 0 && n < len(ls) {
				n = k
				break
			}
		}
		col, next := ls[:n], ls[n:]
		for len(next) > 0 && next[0].blank {
			next = next[1:]
		}
		return col, next
	}
	left, rest = take(lines, per)
	if len(rest) <= rows {
		return left, rest, nil
	}
	right, rest = take(rest, rows)
	return left, right, rest
}

// indexEntries sets entries (and their sub-entries one level in) as
// lines of a column of width colW.
func (b *builder) indexEntries(out *[]indexLine, es []*model.IndexEntry, level int, size, colW float64, n *int) {
	indent := b.lay.Indent
	hang := 2 * indent
	x0 := float64(level) * indent
	for _, e := range es {
		ins := []model.Inline{&model.Text{Value: e.Term}}
		pages := index.Pages(e.Occurrences, b.refs.indexPage, b.terms.RangeDash)
		if len(pages) > 0 {
			ins = append(ins, &model.Text{Value: ", " + strings.Join(pages, ", ")})
		}
		if len(e.See) > 0 {
			ins = append(ins, &model.Text{Value: ", "}, &model.Emphasis{Children: []model.Inline{&model.Text{Value: b.terms.See}}},
				&model.Text{Value: " " + strings.Join(e.See, "; ")})
		}
		if len(e.SeeAlso) > 0 {
			sep, word := ". ", index.Capitalise(b.terms.SeeAlso)
			if len(pages) == 0 && len(e.See) == 0 {
				sep, word = ", ", b.terms.SeeAlso
			}
			ins = append(ins, &model.Text{Value: sep}, &model.Emphasis{Children: []model.Inline{&model.Text{Value: word}}},
				&model.Text{Value: " " + strings.Join(e.SeeAlso, "; ")})
		}
		runs := runsOf(b.fonts, size, false, nil, ins, false)
		ls := b.setter.Set(typeset.Paragraph{Runs: runs, Width: colW - x0 - hang, Indent: -hang, Align: typeset.Left, Lang: b.lang}).Lines
		for _, l := range ls {
			*out = append(*out, indexLine{line: l, x: x0 + hang, entry: *n})
		}
		*n++
		b.indexEntries(out, e.Sub, level+1, size, colW, n)
	}
}

// indexTitle is an index's title in the book's language.
func (b *builder) indexTitle(ix *model.Index) string {
	switch ix.Name {
	case model.NamesIndex:
		return b.terms.IndexNames
	case model.PlacesIndex:
		return b.terms.IndexPlaces
	case model.SubjectsIndex:
		return b.terms.IndexSubjects
	}
	return b.terms.IndexTitle
}
