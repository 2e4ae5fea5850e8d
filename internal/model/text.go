package model

import "strings"

// PlainText returns the visible text of inlines, without markup, as a
// renderer writes it: notes references and raw HTML add nothing, a
// citation adds its rendered text.
func PlainText(ins []Inline) string {
	var b strings.Builder
	writePlain(&b, ins)
	return b.String()
}

func writePlain(b *strings.Builder, ins []Inline) {
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			b.WriteString(n.Value)
		case *Code:
			b.WriteString(n.Text)
		case *Emphasis:
			writePlain(b, n.Children)
		case *Strong:
			writePlain(b, n.Children)
		case *Superscript:
			writePlain(b, n.Children)
		case *SmallCaps:
			writePlain(b, n.Children)
		case *Span:
			writePlain(b, n.Children)
		case *Link:
			writePlain(b, n.Children)
		case *Citation:
			writePlain(b, n.Rendered)
		case *LineBreak:
			b.WriteByte(' ')
		}
	}
}

// WalkInlines calls fn for every inline list in the chapter (paragraphs,
// headings, captions, list items, quotes, table cells and notes), with a
// pointer so that fn may replace the list.
func WalkInlines(ch *Chapter, fn func(ins *[]Inline)) {
	fn(&ch.Title)
	walkBlocks(ch.Blocks, fn)
	for _, n := range ch.Notes {
		walkBlocks(n.Blocks, fn)
	}
}

func walkBlocks(bs []Block, fn func(ins *[]Inline)) {
	for _, b := range bs {
		switch n := b.(type) {
		case *Paragraph:
			fn(&n.Inlines)
		case *Heading:
			fn(&n.Inlines)
		case *FigureBlock:
			fn(&n.Figure.Caption)
		case *List:
			for _, it := range n.Items {
				walkBlocks(it.Blocks, fn)
			}
		case *BlockQuote:
			walkBlocks(n.Blocks, fn)
		case *Table:
			for i := range n.Header {
				fn(&n.Header[i])
			}
			for _, row := range n.Rows {
				for i := range row {
					fn(&row[i])
				}
			}
		}
	}
}
