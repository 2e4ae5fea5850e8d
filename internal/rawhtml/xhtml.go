package rawhtml

import (
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// writeXHTML serialises nodes as XHTML, as Check parses them: text and
// attribute values escaped, void elements self-closed (the EPUB writer has
// its own serialiser; this one serves Check and the tests).
func writeXHTML(b *strings.Builder, nodes []*model.HTMLNode) {
	for _, n := range nodes {
		if n.Tag == "" {
			escape(b, n.Text, false)
			continue
		}
		b.WriteByte('<')
		b.WriteString(n.Tag)
		for _, a := range n.Attrs {
			b.WriteByte(' ')
			b.WriteString(a[0])
			b.WriteString(`="`)
			escape(b, a[1], true)
			b.WriteByte('"')
		}
		if IsVoid(n.Tag) {
			b.WriteString("/>")
			continue
		}
		b.WriteByte('>')
		writeXHTML(b, n.Children)
		b.WriteString("</")
		b.WriteString(n.Tag)
		b.WriteByte('>')
	}
}

// serialize returns the serialisation of nodes (see writeXHTML).
func serialize(nodes []*model.HTMLNode) string {
	var b strings.Builder
	writeXHTML(&b, nodes)
	return b.String()
}

func escape(b *strings.Builder, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case (r == '\n' || r == '\t' || r == '\r') && attr:
			b.WriteString("&#")
			b.WriteString(map[rune]string{'\n': "10", '\t': "9", '\r': "13"}[r])
			b.WriteByte(';')
		case r == '\r':
			b.WriteString("&#13;")
		case !xmlChar(r):
			// Never produced by Convert; dropped to stay well-formed.
		default:
			b.WriteRune(r)
		}
	}
}

// Text returns the visible text of nodes, as the PDF draws it: a line
// break or block boundary becomes a space.
func Text(nodes []*model.HTMLNode) string {
	var b strings.Builder
	writeText(&b, nodes)
	return b.String()
}

func writeText(b *strings.Builder, nodes []*model.HTMLNode) {
	for _, n := range nodes {
		switch {
		case n.Tag == "":
			b.WriteString(n.Text)
		case n.Tag == "br" || n.Tag == "hr":
			space(b)
		default:
			if n.Block {
				space(b)
			}
			writeText(b, n.Children)
		}
	}
}

// space ends the text so far with one space, unless it is empty or
// already ends with one.
func space(b *strings.Builder) {
	if s := b.String(); s != "" && !strings.HasSuffix(s, " ") {
		b.WriteByte(' ')
	}
}
