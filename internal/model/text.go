package model

import "strings"

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
