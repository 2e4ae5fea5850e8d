package rawhtml

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Action says what the converter does with an element.
type Action int

// The actions, from most to least kept.
const (
	// Keep keeps the element, its allowed attributes and its content.
	Keep Action = iota
	// Unwrap drops the element's tags but keeps its content.
	Unwrap
	// Drop drops the element with everything inside it.
	Drop
)

// element describes an element publish keeps.
type element struct {
	block bool // a block-level (flow) element, never inside text
	// phrasingOnly elements hold text-level content only (p, span, …).
	phrasingOnly bool
	void         bool // never has content (br, hr, wbr)
}

// elements is the allowlist: elements that EPUB 3 XHTML accepts and that
// both outputs can show.
var elements = map[string]element{
	// Text-level (phrasing) elements.
	"span": {phrasingOnly: true}, "abbr": {phrasingOnly: true}, "cite": {phrasingOnly: true},
	"q": {phrasingOnly: true}, "sub": {phrasingOnly: true}, "sup": {phrasingOnly: true},
	"small": {phrasingOnly: true}, "em": {phrasingOnly: true}, "strong": {phrasingOnly: true},
	"i": {phrasingOnly: true}, "b": {phrasingOnly: true}, "u": {phrasingOnly: true},
	"s": {phrasingOnly: true}, "mark": {phrasingOnly: true}, "code": {phrasingOnly: true},
	"kbd": {phrasingOnly: true}, "samp": {phrasingOnly: true}, "var": {phrasingOnly: true},
	"dfn": {phrasingOnly: true}, "a": {phrasingOnly: true},
	"br": {void: true}, "wbr": {void: true},
	// Blocks.
	"p":          {block: true, phrasingOnly: true},
	"pre":        {block: true, phrasingOnly: true},
	"div":        {block: true},
	"blockquote": {block: true},
	"hr":         {block: true, void: true},
	"ul":         {block: true}, "ol": {block: true}, "li": {block: true},
	"dl": {block: true}, "dt": {block: true}, "dd": {block: true},
	"table": {block: true}, "caption": {block: true, phrasingOnly: true},
	"thead": {block: true}, "tbody": {block: true}, "tfoot": {block: true},
	"tr": {block: true}, "th": {block: true}, "td": {block: true},
}

// dropped are elements left out with everything inside them, with the
// reason given in the warning.
var dropped = map[string]string{
	"script": "scripts are not allowed in a book", "noscript": "scripts are not allowed in a book",
	"style":    "styles belong in layout/epub.css",
	"template": "templates are not allowed in a book",
	"iframe":   "embedded pages are not allowed in a book", "frame": "frames are not allowed in a book",
	"frameset": "frames are not allowed in a book", "noframes": "frames are not allowed in a book",
	"object": "embedded objects are not allowed in a book", "embed": "embedded objects are not allowed in a book",
	"applet": "embedded objects are not allowed in a book", "param": "embedded objects are not allowed in a book",
	"input": "forms are not allowed in a book", "button": "forms are not allowed in a book",
	"select": "forms are not allowed in a book", "option": "forms are not allowed in a book",
	"optgroup": "forms are not allowed in a book", "textarea": "forms are not allowed in a book",
	"datalist": "forms are not allowed in a book", "output": "forms are not allowed in a book",
	"progress": "forms are not allowed in a book", "meter": "forms are not allowed in a book",
	"keygen":  "forms are not allowed in a book",
	"img":     "use a Markdown figure ![caption](file){alt=\"…\"} so the image is packaged and credited",
	"image":   "use a Markdown figure ![caption](file){alt=\"…\"} so the image is packaged and credited",
	"picture": "use a Markdown figure", "source": "use a Markdown figure", "map": "image maps are not supported",
	"area": "image maps are not supported", "video": "audio and video are not supported",
	"audio": "audio and video are not supported", "track": "audio and video are not supported",
	"canvas": "scripted drawing is not allowed in a book", "svg": "inline SVG is not supported: use an image figure",
	"math": "inline MathML is not supported", "link": "links to style sheets belong in the layout",
	"meta": "metadata belongs in book.yaml", "base": "base addresses are not allowed",
	"title": "the title belongs in book.yaml", "head": "a document head is not allowed here",
	"col": "column groups are not supported", "colgroup": "column groups are not supported",
	"dialog": "interactive elements are not allowed in a book", "slot": "web components are not allowed",
	"portal": "embedded pages are not allowed in a book", "fencedframe": "embedded pages are not allowed in a book",
	"xmp": "obsolete element", "plaintext": "obsolete element", "listing": "obsolete element",
}

// ElementAction says what happens to an element named name (lower case).
func ElementAction(name string) Action {
	if _, ok := elements[name]; ok {
		return Keep
	}
	if _, ok := dropped[name]; ok {
		return Drop
	}
	return Unwrap
}

// IsBlock reports whether a kept element is a block (flow) element, which
// cannot stand inside running text.
func IsBlock(name string) bool { return elements[name].block }

// IsVoid reports whether an element never has content (br, hr, wbr).
func IsVoid(name string) bool { return elements[name].void }

// Explain says why an element is left out or loses its tags.
func Explain(name string) string {
	if r, ok := dropped[name]; ok {
		return r
	}
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return "use a Markdown heading (## …) so that it enters the contents"
	case "figure", "figcaption":
		return "use a Markdown figure ![caption](file){alt=\"…\"}"
	}
	return "EPUB books accept a limited set of elements"
}

// Schemes lists the URL schemes a link may use; everything else (javascript:,
// data:, file:, …) is refused.
var Schemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "ftp": true}

var (
	langPattern = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)
	numPattern  = regexp.MustCompile(`^[0-9]{1,4}$`)
	intPattern  = regexp.MustCompile(`^-?[0-9]{1,9}$`)
)

// ExternalURL reports whether u is an absolute URL with an allowed scheme
// that an XHTML href accepts. It returns the scheme it found.
func ExternalURL(u string) (scheme string, ok bool) {
	// Browsers ignore tabs and newlines inside URLs ("java\tscript:"), so
	// the scheme is read without them.
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimSpace(u))
	i := strings.IndexByte(clean, ':')
	if i <= 0 {
		return "", false
	}
	scheme = strings.ToLower(clean[:i])
	for j, r := range scheme {
		if !(r >= 'a' && r <= 'z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return "", false
		}
	}
	if !Schemes[scheme] || clean != u || strings.ContainsAny(u, " <>\"{}|\\^`") || !validText(u) {
		return scheme, false
	}
	p, err := url.Parse(u)
	if err != nil {
		return scheme, false
	}
	if (scheme == "http" || scheme == "https" || scheme == "ftp") && !validHost(p.Host) {
		return scheme, false
	}
	if (scheme == "mailto" || scheme == "tel") && p.Opaque == "" {
		return scheme, false
	}
	return scheme, true
}

// validHost reports whether h (with an optional port) names a host: dot-
// separated labels of letters, digits, '-' and '_', or an IPv6 literal.
func validHost(h string) bool {
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
		for _, r := range h[i+1:] {
			if r < '0' || r > '9' {
				return false
			}
		}
		h = h[:i]
	}
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		return net.ParseIP(h[1:len(h)-1]) != nil
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" {
			return false
		}
		for _, r := range label {
			if !(r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return false
			}
		}
	}
	return true
}

// ValidID reports whether id can be an XHTML id: an XML name without a
// colon, as EPUBCheck requires.
func ValidID(id string) bool {
	if id == "" {
		return false
	}
	for i, r := range id {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '·'):
		default:
			return false
		}
	}
	return true
}

// FilterAttrs keeps the attributes of an element that EPUB 3 XHTML allows
// and that are safe, in source order; xml:lang becomes lang. It returns a
// message for each attribute left out.
func FilterAttrs(tag string, attrs [][2]string) (kept [][2]string, problems []string) {
	seen := map[string]bool{}
	add := func(k, v string) {
		if seen[k] {
			return
		}
		seen[k] = true
		kept = append(kept, [2]string{k, v})
	}
	for _, a := range attrs {
		k, v := strings.ToLower(a[0]), a[1]
		if !validText(v) {
			problems = append(problems, fmt.Sprintf("attribute %s on <%s> left out: its value holds characters XML does not allow", k, tag))
			continue
		}
		switch {
		case strings.HasPrefix(k, "on"):
			problems = append(problems, fmt.Sprintf("event attribute %s on <%s> left out: scripts are not allowed in a book", k, tag))
		case k == "style":
			problems = append(problems, fmt.Sprintf("style attribute on <%s> left out: give it a class and style the class in layout/epub.css", tag))
		case k == "id":
			if !ValidID(v) {
				problems = append(problems, fmt.Sprintf("id %q on <%s> left out: an id starts with a letter and holds letters, digits, '-', '_' or '.'", v, tag))
				continue
			}
			add(k, v)
		case k == "class":
			if f := strings.Fields(v); len(f) > 0 {
				add(k, strings.Join(f, " "))
			}
		case k == "title":
			add(k, v)
		case k == "lang" || k == "xml:lang":
			v = strings.TrimSpace(v)
			if v != "" && !langPattern.MatchString(v) {
				problems = append(problems, fmt.Sprintf("%s=%q on <%s> left out: not a BCP 47 language tag", k, v, tag))
				continue
			}
			add("lang", v)
		case k == "dir":
			if v = strings.ToLower(strings.TrimSpace(v)); v == "ltr" || v == "rtl" || v == "auto" {
				add(k, v)
			} else {
				problems = append(problems, fmt.Sprintf("dir=%q on <%s> left out: use ltr, rtl or auto", v, tag))
			}
		case (k == "colspan" || k == "rowspan") && (tag == "td" || tag == "th"):
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && numPattern.MatchString(strings.TrimSpace(v)) && n >= 1 && n <= 1000 {
				add(k, strconv.Itoa(n))
			} else {
				problems = append(problems, fmt.Sprintf("%s=%q on <%s> left out: use a whole number from 1 to 1000", k, v, tag))
			}
		case k == "scope" && tag == "th":
			if v = strings.ToLower(strings.TrimSpace(v)); v == "row" || v == "col" || v == "rowgroup" || v == "colgroup" {
				add(k, v)
			} else {
				problems = append(problems, fmt.Sprintf("scope=%q on <th> left out: use row, col, rowgroup or colgroup", v))
			}
		case k == "start" && tag == "ol", k == "value" && tag == "li":
			if v = strings.TrimSpace(v); intPattern.MatchString(v) {
				add(k, v)
			} else {
				problems = append(problems, fmt.Sprintf("%s=%q on <%s> left out: use a whole number", k, v, tag))
			}
		case k == "reversed" && tag == "ol":
			add(k, "reversed")
		case k == "type" && tag == "ol":
			if v == "1" || v == "a" || v == "A" || v == "i" || v == "I" {
				add(k, v)
			} else {
				problems = append(problems, fmt.Sprintf("type=%q on <ol> left out: use 1, a, A, i or I", v))
			}
		case k == "href" && tag == "a":
			// Checked by the caller, which knows what a link may point to.
			add(k, v)
		default:
			problems = append(problems, fmt.Sprintf("attribute %s on <%s> left out (not allowed in EPUB books)", k, tag))
		}
	}
	return kept, problems
}

// validText reports whether s holds only characters XML 1.0 allows.
func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !xmlChar(r) {
			return false
		}
	}
	return true
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF && r != 0x7F ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// CleanText removes the characters XML 1.0 does not allow (control
// characters, U+FFFE, U+FFFF), and reports whether it removed any.
func CleanText(s string) (string, bool) {
	if validText(s) {
		return s, false
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s), true
}
