package model

import (
	"fmt"
	"strings"
)

// Dump writes the chapters of a book as an indented text tree, one node a
// line, for tests that compare a reader's result with an expected file.
func Dump(b *Book) string {
	var d dumper
	for _, ch := range b.Chapters {
		d.line(0, "chapter id=%s matter=%s untitled=%v title=%q @%d:%d", ch.ID, ch.Matter, ch.Untitled, PlainText(ch.Title), ch.Pos.Line, ch.Pos.Col)
		d.blocks(1, ch.Blocks)
		for _, n := range ch.Notes {
			d.line(1, "note %d id=%s label=%s @%d:%d", n.Number, n.ID, n.Label, n.Pos.Line, n.Pos.Col)
			d.blocks(2, n.Blocks)
		}
	}
	return d.String()
}

type dumper struct{ strings.Builder }

func (d *dumper) line(depth int, format string, args ...any) {
	d.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(d, format, args...)
	d.WriteByte('\n')
}

func (d *dumper) blocks(depth int, bs []Block) {
	for _, b := range bs {
		p := b.Position()
		at := fmt.Sprintf("@%d:%d", p.Line, p.Col)
		switch n := b.(type) {
		case *Paragraph:
			d.line(depth, "para %s", at)
			d.inlines(depth+1, n.Inlines)
		case *Heading:
			d.line(depth, "heading level=%d id=%s classes=%v %s", n.Level, n.ID, n.Classes, at)
			d.inlines(depth+1, n.Inlines)
		case *FigureBlock:
			f := n.Figure
			d.line(depth, "figure %d id=%s image=%s %dx%d alt=%q credit=%q source=%q width=%g classes=%v %s", f.Number, f.ID, f.Image, f.PixelWidth, f.PixelHeight, f.Alt, f.CreditText, f.CreditSource, f.Width, f.Classes, at)
			d.inlines(depth+1, f.Caption)
		case *List:
			d.line(depth, "list ordered=%v start=%d tight=%v style=%d delim=%d %s", n.Ordered, n.Start, n.Tight, n.Style, n.Delim, at)
			for _, it := range n.Items {
				if it.Task != NoTask {
					d.line(depth+1, "item task=%d", it.Task)
				} else {
					d.line(depth+1, "item")
				}
				d.blocks(depth+2, it.Blocks)
			}
		case *DefinitionList:
			d.line(depth, "deflist %s", at)
			for _, it := range n.Items {
				d.line(depth+1, "term")
				d.inlines(depth+2, it.Term)
				for _, def := range it.Definitions {
					d.line(depth+1, "definition")
					d.blocks(depth+2, def)
				}
			}
		case *LineBlock:
			d.line(depth, "lineblock %s", at)
			for _, l := range n.Lines {
				d.line(depth+1, "line")
				d.inlines(depth+2, l)
			}
		case *Div:
			d.line(depth, "div tag=%s id=%s lang=%s classes=%v attrs=%v %s", n.Tag, n.ID, n.Lang, n.Classes, n.Attrs, at)
			d.blocks(depth+1, n.Blocks)
		case *BlockQuote:
			d.line(depth, "blockquote %s", at)
			d.blocks(depth+1, n.Blocks)
		case *CodeBlock:
			d.line(depth, "code lang=%q %q %s", n.Language, n.Text, at)
		case *ThematicBreak:
			d.line(depth, "break %s", at)
		case *Table:
			d.line(depth, "table id=%s number=%d align=%v widths=%v %s", n.ID, n.Number, n.Align, n.Widths, at)
			if len(n.Caption) > 0 {
				d.line(depth+1, "caption")
				d.inlines(depth+2, n.Caption)
			}
			for _, c := range n.Header {
				d.line(depth+1, "th %q", PlainText(c))
			}
			for _, row := range n.Rows {
				d.line(depth+1, "row")
				for _, c := range row {
					d.line(depth+2, "td %q", PlainText(c))
				}
			}
		case *HTMLBlock:
			d.line(depth, "html %s", at)
			d.html(depth+1, n.Nodes)
		default:
			d.line(depth, "%T %s", b, at)
		}
	}
}

func (d *dumper) inlines(depth int, ins []Inline) {
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			d.line(depth, "text %q", n.Value)
		case *Emphasis:
			d.line(depth, "emph")
			d.inlines(depth+1, n.Children)
		case *Strong:
			d.line(depth, "strong")
			d.inlines(depth+1, n.Children)
		case *Code:
			d.line(depth, "code %q", n.Text)
		case *Superscript:
			d.line(depth, "sup")
			d.inlines(depth+1, n.Children)
		case *Subscript:
			d.line(depth, "sub")
			d.inlines(depth+1, n.Children)
		case *Strikeout:
			d.line(depth, "strikeout")
			d.inlines(depth+1, n.Children)
		case *Element:
			d.line(depth, "element <%s> %v", n.Tag, n.Attrs)
			d.inlines(depth+1, n.Children)
		case *Math:
			d.line(depth, "math display=%v tex=%q", n.Display, n.TeX)
			d.inlines(depth+1, n.Children)
		case *SmallCaps:
			d.line(depth, "smallcaps")
			d.inlines(depth+1, n.Children)
		case *LineBreak:
			d.line(depth, "linebreak")
		case *Span:
			if n.Index != nil {
				d.line(depth, "span id=%q lang=%q classes=%v index=%q terms=%q see=%q seealso=%q", n.ID, n.Lang, n.Classes,
					n.Index.Index, n.Index.Terms, n.Index.See, n.Index.SeeAlso)
			} else {
				d.line(depth, "span id=%q lang=%q classes=%v", n.ID, n.Lang, n.Classes)
			}
			d.inlines(depth+1, n.Children)
		case *Link:
			if n.Ref != NoRef {
				d.line(depth, "link url=%q internal=%q chapter=%q ref=%d capital=%v", n.URL, n.Internal, n.Chapter, n.Ref, n.Capital)
			} else {
				d.line(depth, "link url=%q internal=%q chapter=%q", n.URL, n.Internal, n.Chapter)
			}
			d.inlines(depth+1, n.Children)
		case *NoteRef:
			d.line(depth, "noteref %d", n.Note.Number)
		case *Citation:
			var items []string
			for _, it := range n.Items {
				items = append(items, fmt.Sprintf("{prefix=%q key=%s locator=%q suffix=%q suppress=%v}", it.Prefix, it.Key, it.Locator, it.Suffix, it.SuppressAuthor))
			}
			d.line(depth, "cite %s @%d:%d", strings.Join(items, " "), n.Pos.Line, n.Pos.Col)
		case *RawInline:
			d.line(depth, "rawinline")
			d.html(depth+1, n.Nodes)
		default:
			d.line(depth, "%T", in)
		}
	}
}

func (d *dumper) html(depth int, nodes []*HTMLNode) {
	for _, n := range nodes {
		if n.Tag == "" {
			d.line(depth, "#text %q", n.Text)
			continue
		}
		d.line(depth, "<%s> %v", n.Tag, n.Attrs)
		d.html(depth+1, n.Children)
	}
}
