package typo

import (
	"fmt"
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// The case files write inlines in a small notation:
//
//	⟨em|…⟩ ⟨strong|…⟩ ⟨sup|…⟩ ⟨sc|…⟩ ⟨span LANG|…⟩ ⟨link URL|…⟩
//	⟨code|…⟩ ⟨br⟩ ⟨note⟩ ⟨raw⟩
//
// and show the spaces the rules set: ⍽ is U+202F (narrow no-break space),
// ~ is U+00A0 (no-break space).
var markers = strings.NewReplacer("⍽", "\u202F", "~", "\u00A0")
var unmarkers = strings.NewReplacer("\u202F", "⍽", "\u00A0", "~")

// parseNotation reads the notation into inlines.
func parseNotation(s string) []model.Inline {
	p := &notationParser{src: []rune(markers.Replace(s))}
	return p.list()
}

type notationParser struct {
	src []rune
	i   int
}

func (p *notationParser) list() []model.Inline {
	var out []model.Inline
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, &model.Text{Value: text.String()})
			text.Reset()
		}
	}
	for p.i < len(p.src) {
		r := p.src[p.i]
		switch r {
		case '⟩':
			flush()
			return out
		case '⟨':
			flush()
			p.i++
			out = append(out, p.node())
			continue
		}
		text.WriteRune(r)
		p.i++
	}
	flush()
	return out
}

// node reads one ⟨…⟩ node, the opening ⟨ already read.
func (p *notationParser) node() model.Inline {
	start := p.i
	for p.i < len(p.src) && p.src[p.i] != '|' && p.src[p.i] != '⟩' {
		p.i++
	}
	head := strings.Fields(string(p.src[start:p.i]))
	name, arg := "", ""
	if len(head) > 0 {
		name = head[0]
	}
	if len(head) > 1 {
		arg = head[1]
	}
	var children []model.Inline
	var raw string
	if p.i < len(p.src) && p.src[p.i] == '|' {
		p.i++
		if name == "code" {
			s := p.i
			for p.i < len(p.src) && p.src[p.i] != '⟩' {
				p.i++
			}
			raw = string(p.src[s:p.i])
		} else {
			children = p.list()
		}
	}
	if p.i < len(p.src) && p.src[p.i] == '⟩' {
		p.i++
	}
	switch name {
	case "em":
		return &model.Emphasis{Children: children}
	case "strong":
		return &model.Strong{Children: children}
	case "sup":
		return &model.Superscript{Children: children}
	case "sc":
		return &model.SmallCaps{Children: children}
	case "span":
		return &model.Span{Lang: arg, Children: children}
	case "link":
		return &model.Link{URL: arg, Children: children}
	case "code":
		return &model.Code{Text: raw}
	case "br":
		return &model.LineBreak{}
	case "note":
		return &model.NoteRef{}
	case "raw":
		return &model.RawInline{Nodes: []*model.HTMLNode{{Text: "x"}}}
	}
	panic(fmt.Sprintf("unknown notation node %q", name))
}

// notation writes inlines in the case files' notation.
func notation(ins []model.Inline) string {
	var b strings.Builder
	writeNotation(&b, ins)
	return unmarkers.Replace(b.String())
}

func writeNotation(b *strings.Builder, ins []model.Inline) {
	wrap := func(head string, ch []model.Inline) {
		b.WriteString("⟨" + head + "|")
		writeNotation(b, ch)
		b.WriteString("⟩")
	}
	for _, in := range ins {
		switch n := in.(type) {
		case *model.Text:
			b.WriteString(n.Value)
		case *model.Emphasis:
			wrap("em", n.Children)
		case *model.Strong:
			wrap("strong", n.Children)
		case *model.Superscript:
			wrap("sup", n.Children)
		case *model.SmallCaps:
			wrap("sc", n.Children)
		case *model.Span:
			wrap("span "+n.Lang, n.Children)
		case *model.Link:
			wrap("link "+n.URL, n.Children)
		case *model.Code:
			b.WriteString("⟨code|" + n.Text + "⟩")
		case *model.LineBreak:
			b.WriteString("⟨br⟩")
		case *model.NoteRef:
			b.WriteString("⟨note⟩")
		case *model.RawInline:
			b.WriteString("⟨raw⟩")
		case *model.Citation:
			wrap("cite", n.Rendered)
		default:
			fmt.Fprintf(b, "⟨%T⟩", in)
		}
	}
}
