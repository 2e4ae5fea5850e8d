package rawhtml

import (
	"strings"

	"golang.org/x/net/html"
)

// TagKind says what one piece of inline raw HTML is.
type TagKind int

// The kinds of inline raw HTML that goldmark hands over one by one.
const (
	// Other is a comment, processing instruction, declaration or CDATA
	// section: dropped silently.
	Other TagKind = iota
	StartTag
	EndTag
	SelfClosingTag
)

// Tag is one inline raw HTML tag, such as `<span lang="en">` or `</span>`.
type Tag struct {
	Kind  TagKind
	Name  string      // lower case
	Attrs [][2]string // as written, entities decoded, in source order
}

// ParseTag reads one tag as goldmark's inline raw HTML gives it.
func ParseTag(raw string) Tag {
	z := html.NewTokenizer(strings.NewReader(raw))
	var t Tag
	switch z.Next() {
	case html.StartTagToken:
		t.Kind = StartTag
	case html.EndTagToken:
		t.Kind = EndTag
	case html.SelfClosingTagToken:
		t.Kind = SelfClosingTag
	default:
		return t
	}
	name, more := z.TagName()
	t.Name = string(name)
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		t.Attrs = append(t.Attrs, [2]string{string(k), string(v)})
	}
	return t
}

// LoneTags reports whether a block of raw HTML holds only start tags (or
// only end tags) and blank text, such as "<div lang=\"en\">" alone on its
// lines before Markdown content. It returns the tags' names.
func LoneTags(src string) (names []string, kind TagKind, ok bool) {
	z := html.NewTokenizerFragment(strings.NewReader(src), "body")
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return names, kind, len(names) > 0
		case html.TextToken:
			if strings.TrimSpace(string(z.Text())) != "" {
				return nil, Other, false
			}
		case html.CommentToken:
		case html.StartTagToken, html.EndTagToken:
			k := StartTag
			if tt == html.EndTagToken {
				k = EndTag
			}
			if kind != Other && kind != k {
				return nil, Other, false
			}
			kind = k
			name, _ := z.TagName()
			if IsVoid(string(name)) {
				return nil, Other, false
			}
			names = append(names, string(name))
		default:
			return nil, Other, false
		}
	}
}
