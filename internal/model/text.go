package model

import (
	"strings"
	"unicode/utf8"
)

// PlainText returns the visible text of inlines, without markup, as a
// renderer writes it: note calls add nothing, a line break adds a space,
// raw HTML its text, a citation its rendered text.
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
		case *LineBreak:
			b.WriteByte(' ')
		case *RawInline:
			b.WriteString(HTMLText(n.Nodes))
		case *NoteRef:
		default:
			writePlain(b, InlineChildren(in))
		}
	}
}

// PlainTextLen returns the number of characters (runes) of
// PlainText(ins), counted without making the text: the model's text is
// valid UTF-8 (the manuscript reader refuses a file that is not), so the
// characters of the whole are those of its parts.
func PlainTextLen(ins []Inline) int {
	n := 0
	for _, in := range ins {
		switch v := in.(type) {
		case *Text:
			n += utf8.RuneCountInString(v.Value)
		case *Code:
			n += utf8.RuneCountInString(v.Text)
		case *LineBreak:
			n++
		case *RawInline:
			n += utf8.RuneCountInString(HTMLText(v.Nodes))
		case *NoteRef:
		default:
			n += PlainTextLen(InlineChildren(in))
		}
	}
	return n
}

// HTMLText returns the text held by raw HTML nodes.
func HTMLText(nodes []*HTMLNode) string {
	var b strings.Builder
	var walk func([]*HTMLNode)
	walk = func(ns []*HTMLNode) {
		for _, n := range ns {
			if n.Tag == "" {
				b.WriteString(n.Text)
			}
			walk(n.Children)
		}
	}
	walk(nodes)
	return b.String()
}

// BlockTextLen counts the characters (runes) of visible text a block holds,
// in the order both renderers write them: a paragraph's or heading's
// PlainText, a code block's text without its final line end, a line
// block's lines with one character between lines (a line break counts as
// one), and the text of the blocks that lists, definition lists, quotations
// and divs hold, terms before their definitions. Page-break offsets
// (PageStart.Offset) inside a block are counted this way. Figures,
// tables, scene breaks and raw HTML count none.
func BlockTextLen(b Block) int {
	switch n := b.(type) {
	case *Paragraph:
		return PlainTextLen(n.Inlines)
	case *Heading:
		return PlainTextLen(n.Inlines)
	case *CodeBlock:
		return utf8.RuneCountInString(strings.TrimSuffix(n.Text, "\n"))
	case *LineBlock:
		total := 0
		for i, l := range n.Lines {
			if i > 0 {
				total++
			}
			total += PlainTextLen(l)
		}
		return total
	case *List:
		total := 0
		for _, it := range n.Items {
			if it != nil {
				total += BlocksTextLen(it.Blocks)
			}
		}
		return total
	case *DefinitionList:
		total := 0
		for _, it := range n.Items {
			if it == nil {
				continue
			}
			total += PlainTextLen(it.Term)
			for _, d := range it.Definitions {
				total += BlocksTextLen(d)
			}
		}
		return total
	case *BlockQuote:
		return BlocksTextLen(n.Blocks)
	case *Div:
		return BlocksTextLen(n.Blocks)
	}
	return 0
}

// BlocksTextLen adds up the BlockTextLen of blocks.
func BlocksTextLen(bs []Block) int {
	total := 0
	for _, b := range bs {
		total += BlockTextLen(b)
	}
	return total
}

// EndsSentence reports whether inlines' visible text ends with a full
// stop, a question or exclamation mark or an ellipsis (closing quotes and
// brackets aside), so that a writer joining it to what follows does not
// add a second full stop ("Écran d'accueil.. D.R.").
func EndsSentence(ins []Inline) bool {
	s := strings.TrimRight(PlainText(ins), " \u00a0\u202f»”’)]")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '?', '!', '…':
		return true
	}
	return false
}
