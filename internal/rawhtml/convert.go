// Package rawhtml turns raw HTML written in a manuscript into the model's
// HTMLNode trees that an EPUB 3 XHTML document accepts: the fragment is
// parsed as a browser would (golang.org/x/net/html), elements and
// attributes outside a conservative allowlist are left out with a
// problem report, and the tree is repaired so that its serialisation is
// well-formed and valid XHTML (lists hold list items, tables hold rows,
// no block inside running text).
package rawhtml

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/publish-books/publish/internal/model"
)

// Problem is something left out of a fragment, at a byte offset in it.
type Problem struct {
	Offset  int
	Message string
}

// Context says where a fragment stands.
type Context int

// The two contexts of raw HTML.
const (
	// Flow is a block of raw HTML between paragraphs: loose text is
	// wrapped in paragraphs.
	Flow Context = iota
	// Phrasing is raw HTML inside running text: block elements lose their
	// tags and keep their content.
	Phrasing
)

// MaxDepth bounds the nesting of kept elements; deeper tags are left out
// and their text kept, so that no renderer recurses without limit.
const MaxDepth = 100

// requiredParent names the elements that may only stand in certain parents.
var requiredParent = map[string][]string{
	"li": {"ul", "ol"}, "dt": {"dl"}, "dd": {"dl"},
	"tr": {"table", "thead", "tbody", "tfoot"}, "td": {"tr"}, "th": {"tr"},
	"thead": {"table"}, "tbody": {"table"}, "tfoot": {"table"}, "caption": {"table"},
}

type converter struct {
	src      string
	offsets  map[*html.Node]int
	problems []Problem
	deep     bool
}

// Convert parses an HTML fragment and returns the nodes publish keeps, with
// a problem for everything it left out. Comments are dropped silently.
func Convert(src string, ctx Context) ([]*model.HTMLNode, []Problem) {
	c := &converter{src: src, offsets: map[*html.Node]int{}}
	if !utf8.ValidString(src) {
		// Replace each bad byte by one "?", so that offsets stay true.
		b := []byte(src)
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				if len(c.problems) == 0 {
					c.problems = append(c.problems, Problem{i, "raw HTML holds invalid UTF-8: the bad bytes are replaced by \"?\""})
				}
				b[i] = '?'
				size = 1
			}
			i += size
		}
		src = string(b)
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	roots, err := html.ParseFragment(strings.NewReader(src), body)
	if err != nil {
		c.problems = append(c.problems, Problem{0, fmt.Sprintf("raw HTML left out: %v", err)})
		return nil, c.problems
	}
	starts := tagOffsets(src)
	seen := map[string]int{}
	for _, r := range roots {
		c.assignOffsets(r, 0, starts, seen)
	}
	var out []*model.HTMLNode
	for _, r := range roots {
		out = append(out, c.node(r, ctx == Phrasing, false, "", 0, 0)...)
	}
	if ctx == Flow {
		out = wrapLoose(out)
	}
	return out, c.problems
}

// tagOffsets finds where each start tag is written, by name, in order.
func tagOffsets(src string) map[string][]int {
	z := html.NewTokenizerFragment(strings.NewReader(src), "body")
	out := map[string][]int{}
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		n := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, _ := z.TagName()
			out[string(name)] = append(out[string(name)], off)
		}
		off += n
	}
}

// assignOffsets gives each element of the parsed tree the offset of the
// start tag that made it: the k-th <x> element in document order comes
// from the k-th <x> tag. Elements the parser made up take their parent's.
func (c *converter) assignOffsets(n *html.Node, parent int, starts map[string][]int, seen map[string]int) {
	off := parent
	if n.Type == html.ElementNode {
		k := seen[n.Data]
		seen[n.Data] = k + 1
		if k < len(starts[n.Data]) {
			off = starts[n.Data][k]
		}
	}
	c.offsets[n] = off
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.assignOffsets(ch, off, starts, seen)
	}
}

func (c *converter) warn(off int, format string, args ...any) {
	c.problems = append(c.problems, Problem{off, fmt.Sprintf(format, args...)})
}

func (c *converter) children(n *html.Node, phrasing, inLink bool, parent string, depth int) []*model.HTMLNode {
	var out []*model.HTMLNode
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		for _, k := range c.node(ch, phrasing, inLink, parent, depth, c.offsets[n]) {
			// Join the texts that a left-out element separated.
			if last := len(out) - 1; last >= 0 && k.Tag == "" && out[last].Tag == "" {
				out[last] = &model.HTMLNode{Text: out[last].Text + k.Text}
				continue
			}
			out = append(out, k)
		}
	}
	return out
}

// node converts one parsed node; parent is the nearest kept element.
func (c *converter) node(n *html.Node, phrasing, inLink bool, parent string, depth, parentOff int) []*model.HTMLNode {
	off, ok := c.offsets[n]
	if !ok {
		off = parentOff
	}
	switch n.Type {
	case html.TextNode:
		t, bad := CleanText(n.Data)
		if bad {
			c.warn(off, "control characters in raw HTML left out")
		}
		if t == "" {
			return nil
		}
		return []*model.HTMLNode{{Text: t}}
	case html.ElementNode:
	default: // comments, doctypes
		return nil
	}
	name := n.Data
	if n.Namespace != "" {
		c.warn(off, "<%s> left out: %s", name, Explain(name))
		return nil
	}
	unwrap := func(format string, args ...any) []*model.HTMLNode {
		if format != "" {
			c.warn(off, format, args...)
		}
		return c.children(n, phrasing, inLink, parent, depth)
	}
	switch ElementAction(name) {
	case Drop:
		c.warn(off, "<%s> left out: %s", name, Explain(name))
		return nil
	case Unwrap:
		return unwrap("<%s> left out (%s); its text is kept", name, Explain(name))
	}
	el := elements[name]
	if phrasing && el.block {
		return unwrap("<%s> cannot stand inside running text: its tags are left out, its text kept", name)
	}
	if parents, ok := requiredParent[name]; ok && !contains(parents, parent) {
		return unwrap("<%s> outside <%s>: its tags are left out, its text kept", name, parents[0])
	}
	if depth >= MaxDepth {
		if !c.deep {
			c.deep = true
			c.warn(off, "raw HTML nested more than %d elements deep: the deeper tags are left out, their text kept", MaxDepth)
		}
		return c.children(n, phrasing, inLink, parent, depth)
	}
	raw := make([][2]string, 0, len(n.Attr))
	for _, a := range n.Attr {
		k := a.Key
		if a.Namespace != "" {
			k = a.Namespace + ":" + k
		}
		raw = append(raw, [2]string{k, a.Val})
	}
	attrs, probs := FilterAttrs(name, raw)
	for _, p := range probs {
		c.warn(off, "%s", p)
	}
	if name == "a" {
		if inLink {
			return unwrap("a link inside a link: the inner <a> is left out, its text kept")
		}
		for i, a := range attrs {
			if a[0] != "href" {
				continue
			}
			if _, ok := ExternalURL(a[1]); !ok {
				return unwrap("link %q in raw HTML left out, its text kept: raw HTML may only link to http, https, mailto, tel or ftp addresses (write links inside the book in Markdown: [text](02-chapter.md#id))", a[1])
			}
			attrs[i][1] = strings.TrimSpace(a[1])
		}
	}
	out := &model.HTMLNode{Tag: name, Attrs: attrs, Block: el.block}
	if !el.void {
		out.Children = c.children(n, phrasing || el.phrasingOnly, inLink || name == "a", name, depth+1)
		out.Children = repair(name, out.Children)
	}
	if name == "th" && strings.TrimSpace(Text(out.Children)) == "" {
		emptyHeaderCell(out)
	}
	return []*model.HTMLNode{out}
}

// emptyHeaderCell turns a header cell without text into a data cell, as
// pandas writes the corner of a data frame (<th></th>): a header that
// names nothing is an accessibility fault (Ace: empty-table-header), and
// an empty data cell is not. The attributes only a header cell may have
// are dropped with it.
func emptyHeaderCell(n *model.HTMLNode) {
	n.Tag = "td"
	kept := n.Attrs[:0]
	for _, a := range n.Attrs {
		if a[0] != "scope" && a[0] != "abbr" {
			kept = append(kept, a)
		}
	}
	n.Attrs = kept
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
