package epub

import (
	"strings"
	"unicode/utf8"
)

// xw builds XML text. It escapes every text and attribute value it is
// given, so callers never write markup from user input by hand.
type xw struct{ strings.Builder }

// esc writes s escaped for text or attribute content. Characters XML
// cannot hold are replaced by U+FFFD. The bytes are those of
// xml.EscapeText (TestEscMatchesEncodingXML), written without converting
// s to a byte slice and in one piece for the runs that need no escape:
// this is most of the EPUB's text.
func (w *xw) esc(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		width := 1
		switch {
		case c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>':
			i++
			continue
		case c < utf8.RuneSelf:
			rep = asciiEscape(c)
		default:
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || width > 1) && xmlChar(r) {
				i += width
				continue
			}
			rep = "\uFFFD"
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		i += width
		last = i
	}
	w.WriteString(s[last:])
}

// asciiEscape returns what xml.EscapeText writes for an ASCII byte that
// needs escaping: the five markup characters as references, tab, line
// feed and carriage return as character references, other control
// characters (which XML cannot hold) as U+FFFD.
func asciiEscape(c byte) string {
	switch c {
	case '"':
		return "&#34;"
	case '\'':
		return "&#39;"
	case '&':
		return "&amp;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '\t':
		return "&#x9;"
	case '\n':
		return "&#xA;"
	case '\r':
		return "&#xD;"
	}
	return "\uFFFD"
}

// xmlChar reports whether XML 1.0 allows the non-ASCII rune r (its Char
// production).
func xmlChar(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// open writes a start tag; attrs are name, value pairs. Attributes with
// an empty value are left out unless their name ends with "!" (then
// written with an empty value, without the "!").
func (w *xw) open(tag string, attrs ...string) {
	w.WriteByte('<')
	w.WriteString(tag)
	w.attrs(attrs)
	w.WriteByte('>')
}

// empty writes a self-closing element.
func (w *xw) empty(tag string, attrs ...string) {
	w.WriteByte('<')
	w.WriteString(tag)
	w.attrs(attrs)
	w.WriteString("/>")
}

func (w *xw) attrs(attrs []string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		name, val := attrs[i], attrs[i+1]
		if strings.HasSuffix(name, "!") {
			name = strings.TrimSuffix(name, "!")
		} else if val == "" {
			continue
		}
		w.WriteByte(' ')
		w.WriteString(name)
		w.WriteString(`="`)
		w.esc(val)
		w.WriteByte('"')
	}
}

// close writes an end tag.
func (w *xw) close(tag string) {
	w.WriteString("</")
	w.WriteString(tag)
	w.WriteByte('>')
}

// elem writes an element holding escaped text.
func (w *xw) elem(tag, text string, attrs ...string) {
	w.open(tag, attrs...)
	w.esc(text)
	w.close(tag)
}

// nl writes a line break between blocks, for readable sources.
func (w *xw) nl() { w.WriteByte('\n') }

// document wraps body markup in an XHTML content document with the
// language on the root element, the title and the style sheets.
func document(lang, title, bodyAttrs string, css []string, body string) []byte {
	// The head is written apart; the body, most of a chapter, is copied
	// once, into a buffer of the document's length (a builder grown by
	// doubling, then copied out, took three times a novel's XHTML).
	var w xw
	w.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	w.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "xmlns:epub", "http://www.idpf.org/2007/ops",
		"lang", lang, "xml:lang", lang)
	w.WriteString("\n<head>\n<meta charset=\"utf-8\"/>\n")
	w.elem("title", title)
	w.nl()
	for _, c := range css {
		w.empty("link", "rel", "stylesheet", "type", "text/css", "href", c)
		w.nl()
	}
	w.WriteString("</head>\n<body")
	w.WriteString(bodyAttrs)
	w.WriteString(">\n")
	doc := make([]byte, 0, w.Len()+len(body)+len("</body>\n</html>\n"))
	doc = append(doc, w.String()...)
	doc = append(doc, body...)
	return append(doc, "</body>\n</html>\n"...)
}

// attrString formats attributes for document's bodyAttrs.
func attrString(attrs ...string) string {
	var w xw
	w.attrs(attrs)
	return w.String()
}
