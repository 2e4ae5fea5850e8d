package model

import (
	"strings"
	"unicode/utf8"
)

// Location is where an inline stands in the book as the print layout
// counts it: a chapter, the index of a top-level block in it (-1 for the
// chapter title) and the number of characters of that block's visible
// text before it, counted as BlockTextLen counts them (see
// PageStart.Offset).
type Location struct {
	Chapter string
	Block   int
	Offset  int
	// Figure is the ID of the figure whose caption holds the span: a
	// figure may float away from its place in the text.
	Figure string
	// Note is the ID of the note that holds the span: Block and Offset
	// are then those of the note's call.
	Note string
}

// LocateSpans returns the location of every span with an id in the book
// (index terms among them). A span inside a note is placed at the note's
// call (Note set); one inside a figure's caption at the figure (Figure
// set); one inside a table, at the start of its block.
func LocateSpans(b *Book) map[string]Location {
	out := map[string]Location{}
	for _, ch := range b.Chapters {
		l := &locator{ch: ch.ID, out: out, notes: map[*Note]Location{}}
		l.block = -1
		l.inlines(ch.Title, true)
		for i, blk := range ch.Blocks {
			l.block, l.offset = i, 0
			l.blk(blk, true)
		}
		for _, n := range ch.Notes {
			at, ok := l.notes[n]
			if !ok {
				at = Location{Chapter: ch.ID, Block: -1}
			}
			l.block, l.offset = at.Block, at.Offset
			l.note = n.ID
			for _, blk := range n.Blocks {
				l.blk(blk, false)
			}
			l.note = ""
		}
	}
	return out
}

// locator walks a chapter counting visible characters. When count is
// false (inside a note, a caption, a table) the offset stays where it is.
type locator struct {
	ch     string
	block  int
	offset int
	out    map[string]Location
	notes  map[*Note]Location
	// figure and note say what the spans being walked are inside.
	figure string
	note   string
}

func (l *locator) here() Location {
	return Location{Chapter: l.ch, Block: l.block, Offset: l.offset, Figure: l.figure, Note: l.note}
}

func (l *locator) add(n int, count bool) {
	if count {
		l.offset += n
	}
}

func (l *locator) blk(b Block, count bool) {
	switch n := b.(type) {
	case *Paragraph:
		l.inlines(n.Inlines, count)
	case *Heading:
		l.inlines(n.Inlines, count)
	case *CodeBlock:
		l.add(utf8.RuneCountInString(strings.TrimSuffix(n.Text, "\n")), count)
	case *LineBlock:
		for i, line := range n.Lines {
			if i > 0 {
				l.add(1, count)
			}
			l.inlines(line, count)
		}
	case *List:
		for _, it := range n.Items {
			if it != nil {
				l.blocks(it.Blocks, count)
			}
		}
	case *DefinitionList:
		for _, it := range n.Items {
			if it == nil {
				continue
			}
			l.inlines(it.Term, count)
			for _, d := range it.Definitions {
				l.blocks(d, count)
			}
		}
	case *BlockQuote:
		l.blocks(n.Blocks, count)
	case *Div:
		l.blocks(n.Blocks, count)
	case *FigureBlock:
		if n.Figure != nil {
			l.figure = n.Figure.ID
			l.inlines(n.Figure.Caption, false)
			l.figure = ""
		}
	case *Table:
		for _, ins := range InlineLists(n) {
			l.inlines(*ins, false)
		}
	}
}

func (l *locator) blocks(bs []Block, count bool) {
	for _, b := range bs {
		l.blk(b, count)
	}
}

func (l *locator) inlines(ins []Inline, count bool) {
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			l.add(utf8.RuneCountInString(n.Value), count)
		case *Code:
			l.add(utf8.RuneCountInString(n.Text), count)
		case *LineBreak:
			l.add(1, count)
		case *RawInline:
			l.add(utf8.RuneCountInString(HTMLText(n.Nodes)), count)
		case *NoteRef:
			if n.Note != nil {
				l.notes[n.Note] = l.here()
			}
		case *Citation:
			if n.Note != nil {
				l.notes[n.Note] = l.here()
			}
			l.inlines(n.Rendered, count)
		case *Span:
			if n.ID != "" {
				if _, dup := l.out[n.ID]; !dup {
					l.out[n.ID] = l.here()
				}
			}
			l.inlines(n.Children, count)
		default:
			l.inlines(InlineChildren(in), count)
		}
	}
}

// PageAt returns the label of the printed page where loc stands: the
// page of its figure, the page where its note starts when the notes are
// printed apart from their calls (NotePages), else the last page of its
// chapter that starts at or before it; "" when the pagination has no
// page of that chapter.
func (p *Pagination) PageAt(loc Location) string {
	if l, ok := p.FigurePages[loc.Figure]; ok && loc.Figure != "" {
		return l
	}
	if l, ok := p.NotePages[loc.Note]; ok && loc.Note != "" {
		return l
	}
	label := ""
	for _, ps := range p.Pages {
		if ps.Chapter != loc.Chapter {
			continue
		}
		if ps.Block < loc.Block || ps.Block == loc.Block && ps.Offset <= loc.Offset {
			label = ps.Label
		}
	}
	return label
}
