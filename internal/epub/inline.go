package epub

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
	"golang.org/x/net/idna"
)

// ren renders model nodes as XHTML into w. In a chapter it also places
// page-break markers in the running text and collects the notes called.
type ren struct {
	b         *builder
	w         *xw
	chapterID string
	// plain renders text without links, note calls or raw HTML (for the
	// navigation document and lists).
	plain bool

	// marks are the page-break markers of the current text block, sorted
	// by offset; pos counts the visible characters written so far.
	marks []pageMark
	pos   int

	notes    []*model.Note
	noteSeen map[*model.Note]bool

	// lastLevel is the level of the last heading written (1 after the
	// chapter title, 0 before any).
	lastLevel int

	// task is the check box of the list item being written, drawn before
	// the text of its first paragraph.
	task model.TaskState
}

func (r *ren) inlines(ins []model.Inline) {
	for i, in := range ins {
		if i > 0 && !r.plain && model.IsNoteCall(ins[i-1]) && model.IsNoteCall(in) {
			// Adjacent calls are separated by a superior comma (⁴,⁵,
			// not forty-five), as in print.
			r.w.open("span", "class", "noteref-sep")
			r.w.esc(",")
			r.w.close("span")
		}
		r.inline(in)
	}
}

// startText begins a text block with its markers.
func (r *ren) startText(marks []pageMark) {
	r.marks = marks
	r.pos = 0
}

// endText writes the markers left at the end of a text block.
func (r *ren) endText() {
	for _, m := range r.marks {
		writeMark(r.w, m)
	}
	r.marks = nil
}

// flushMarks writes the markers that stand before character pos.
func (r *ren) flushMarks() {
	for len(r.marks) > 0 && r.marks[0].offset <= r.pos {
		writeMark(r.w, r.marks[0])
		r.marks = r.marks[1:]
	}
}

// text writes s, placing the markers that fall inside it.
func (r *ren) text(s string) {
	if len(r.marks) == 0 {
		r.w.esc(s)
		r.pos += utf8.RuneCountInString(s)
		return
	}
	start := 0
	for i := range s {
		if len(r.marks) > 0 && r.marks[0].offset <= r.pos {
			r.w.esc(s[start:i])
			start = i
			r.flushMarks()
		}
		r.pos++
	}
	r.w.esc(s[start:])
}

// skip counts characters that the print edition shows but this output
// does not at this place (a citation's text when it became a note).
func (r *ren) skip(s string) {
	r.pos += utf8.RuneCountInString(s)
}

// wrap writes inlines inside an element.
func (r *ren) wrap(children []model.Inline, tag string, attrs ...string) {
	r.w.open(tag, attrs...)
	r.inlines(children)
	r.w.close(tag)
}

func (r *ren) inline(in model.Inline) {
	w := r.w
	switch n := in.(type) {
	case *model.Text:
		r.text(n.Value)
	case *model.Emphasis:
		r.wrap(n.Children, "em")
	case *model.Strong:
		r.wrap(n.Children, "strong")
	case *model.Code:
		w.open("code")
		r.text(n.Text)
		w.close("code")
	case *model.Superscript:
		r.wrap(n.Children, "sup")
	case *model.SmallCaps:
		r.wrap(n.Children, "span", "class", "smallcaps")
	case *model.LineBreak:
		r.flushMarks()
		if r.plain {
			w.WriteByte(' ')
		} else {
			w.empty("br")
		}
		r.pos++
	case *model.Strikeout:
		r.wrap(n.Children, "del")
	case *model.Subscript:
		r.wrap(n.Children, "sub")
	case *model.Span:
		w.open("span", "id", r.id(n.ID), "lang", n.Lang, "xml:lang", n.Lang, "class", strings.Join(n.Classes, " "))
		r.inlines(n.Children)
		w.close("span")
	case *model.Element:
		r.element(n)
	case *model.Math:
		class := "math inline"
		if n.Display {
			class = "math display"
		}
		w.open("span", "class", class)
		if len(n.Children) == 0 {
			// No text form: the source, which model.PlainText does not
			// count.
			w.esc(n.TeX)
		}
		r.inlines(n.Children)
		w.close("span")
	case *model.Link:
		r.link(n)
	case *model.NoteRef:
		r.noteRef(n.Note)
	case *model.Citation:
		if n.Note != nil {
			r.skip(model.PlainText(n.Rendered))
			r.noteRef(n.Note)
			return
		}
		r.inlines(n.Rendered)
	case *model.RawInline:
		// model.PlainText counts the text raw HTML holds: so do the
		// page-break offsets. A marker that falls inside it is written
		// before it.
		n1 := utf8.RuneCountInString(model.HTMLText(n.Nodes))
		r.flushMarks()
		for len(r.marks) > 0 && r.marks[0].offset < r.pos+n1 {
			writeMark(w, r.marks[0])
			r.marks = r.marks[1:]
		}
		if !r.plain {
			writeHTML(w, n.Nodes)
		}
		r.pos += n1
	default:
		r.b.ds.Errorf(in.Position(), "the EPUB writer cannot draw the inline kind %s", model.KindName(in))
	}
}

// id returns an id from the model to write, or "" in plain renderings
// (navigation, lists), which repeat text that the chapter already holds
// with its ids.
func (r *ren) id(id string) string {
	if r.plain {
		return ""
	}
	return id
}

// element writes an inline HTML element of the manuscript with its
// attributes (filtered by the reader) around its children. An element
// without a tag writes its children only.
func (r *ren) element(n *model.Element) {
	if n.Tag == "" {
		r.inlines(n.Children)
		return
	}
	attrs := make([]string, 0, 2*len(n.Attrs))
	for _, a := range n.Attrs {
		if a[0] == "id" && r.plain {
			continue
		}
		attrs = append(attrs, a[0]+"!", a[1])
	}
	if voidElements[n.Tag] && len(n.Children) == 0 {
		r.w.empty(n.Tag, attrs...)
		return
	}
	r.w.open(n.Tag, attrs...)
	r.inlines(n.Children)
	r.w.close(n.Tag)
}

// link writes a hyperlink: to a place in the book (in its chapter file),
// or to an outside address. A relative address that names no place in the
// book cannot work in an EPUB: its text is kept without the link.
func (r *ren) link(n *model.Link) {
	if r.plain {
		r.inlines(n.Children)
		return
	}
	href := r.b.linkHref(n)
	if href == "" {
		r.b.ds.Warnf(n.Pos, "link %q leads nowhere in the EPUB (use a web address or #id of a place in the book): its text is kept without the link", n.URL)
		r.inlines(n.Children)
		return
	}
	r.w.open("a", "href", href, "title", n.Title)
	r.inlines(n.Children)
	r.w.close("a")
}

// linkHref returns the href of a link seen from a chapter file, or "".
func (b *builder) linkHref(n *model.Link) string {
	target := n.Internal
	if target == "" && strings.HasPrefix(n.URL, "#") {
		target = n.URL[1:]
	}
	if target != "" {
		ch := n.Chapter
		if ch == "" {
			ch = b.idChapter[target]
		}
		if file, ok := b.chapterFile[ch]; ok {
			return file + "#" + target
		}
		return ""
	}
	u := strings.ToLower(n.URL)
	for _, scheme := range []string{"http://", "https://", "mailto:", "tel:", "ftp://"} {
		if strings.HasPrefix(u, scheme) {
			return asciiURL(n.URL)
		}
	}
	return ""
}

// noteRef writes a note call linked to the note, which is written at the
// end of the chapter with a link back.
func (r *ren) noteRef(note *model.Note) {
	if note == nil || r.plain {
		return
	}
	if r.noteSeen == nil {
		r.noteSeen = map[*model.Note]bool{}
	}
	if r.noteSeen[note] {
		// A second call of the same note gets no id of its own.
		r.w.open("a", "class", "noteref", "href", "#"+noteID(note), "epub:type", "noteref", "role", "doc-noteref")
	} else {
		r.noteSeen[note] = true
		r.notes = append(r.notes, note)
		r.w.open("a", "class", "noteref", "id", noteRefID(note), "href", "#"+noteID(note), "epub:type", "noteref", "role", "doc-noteref")
	}
	r.w.esc(noteNumber(note))
	r.w.close("a")
}

// noteID returns the note's id, minted by the register when the book was
// prepared.
func noteID(n *model.Note) string { return n.ID }

// noteRefID returns the id of the note's call.
func noteRefID(n *model.Note) string { return n.RefID }

func noteNumber(n *model.Note) string {
	if n.Number > 0 {
		return itoa(n.Number)
	}
	return "*"
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var buf [20]byte
	p := len(buf)
	for i > 0 {
		p--
		buf[p] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		p--
		buf[p] = '-'
	}
	return string(buf[p:])
}

// voidElements are the HTML elements written as empty elements.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "wbr": true, "col": true, "source": true, "track": true}

// writeHTML serialises raw HTML nodes, which the manuscript reader has
// already reduced to safe XHTML, escaping every text and value.
func writeHTML(w *xw, nodes []*model.HTMLNode) {
	for _, n := range nodes {
		if n.Tag == "" {
			w.esc(n.Text)
			continue
		}
		attrs := make([]string, 0, 2*len(n.Attrs))
		for _, a := range n.Attrs {
			attrs = append(attrs, a[0]+"!", a[1])
		}
		if voidElements[n.Tag] && len(n.Children) == 0 {
			w.empty(n.Tag, attrs...)
			continue
		}
		w.open(n.Tag, attrs...)
		writeHTML(w, n.Children)
		w.close(n.Tag)
	}
}

// asciiURL writes a web address with an international host or path in
// ASCII, as EPUBCheck wants it (RSC-023): the host in punycode, the rest
// percent-encoded ("http://测.com?测=测" → "http://xn--0zw.com?%E6%B5%8B=…").
// An address it cannot parse is returned as it is.
func asciiURL(raw string) string {
	if isASCII(raw) {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if h := u.Hostname(); h != "" && !isASCII(h) {
		a, err := idna.Lookup.ToASCII(h)
		if err != nil {
			return raw
		}
		if p := u.Port(); p != "" {
			a += ":" + p
		}
		u.Host = a
	}
	if !isASCII(u.RawQuery) {
		u.RawQuery = (&url.URL{Path: u.RawQuery}).EscapedPath()
		u.RawQuery = strings.NewReplacer("%3D", "=", "%26", "&").Replace(u.RawQuery)
	}
	return u.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
