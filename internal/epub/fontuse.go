package epub

import "github.com/publish-books/publish/internal/model"

// usesBold reports whether anything in the book is set in bold: strong
// emphasis, table headers, or <b>/<strong>/<th> in raw HTML. A book without
// bold does not carry the bold faces, which are a third of an EPUB's size.
func usesBold(book *model.Book) bool {
	found := false
	var inlines func(ins []model.Inline)
	var html func(nodes []*model.HTMLNode)
	html = func(nodes []*model.HTMLNode) {
		for _, n := range nodes {
			switch n.Tag {
			case "b", "strong", "th":
				found = true
			}
			html(n.Children)
		}
	}
	inlines = func(ins []model.Inline) {
		for _, in := range ins {
			switch n := in.(type) {
			case *model.Strong:
				found = true
			case *model.Emphasis:
				inlines(n.Children)
			case *model.Span:
				inlines(n.Children)
			case *model.Link:
				inlines(n.Children)
			case *model.Superscript:
				inlines(n.Children)
			case *model.SmallCaps:
				inlines(n.Children)
			case *model.RawInline:
				html(n.Nodes)
			}
		}
	}
	var blocks func(bs []model.Block)
	blocks = func(bs []model.Block) {
		for _, b := range bs {
			switch n := b.(type) {
			case *model.Table:
				if len(n.Header) > 0 {
					found = true
				}
			case *model.HTMLBlock:
				html(n.Nodes)
			case *model.List:
				for _, it := range n.Items {
					blocks(it.Blocks)
				}
			case *model.BlockQuote:
				blocks(n.Blocks)
			}
		}
	}
	for _, ch := range book.Chapters {
		model.WalkInlines(ch, func(ins *[]model.Inline) { inlines(*ins) })
		blocks(ch.Blocks)
		for _, note := range ch.Notes {
			blocks(note.Blocks)
		}
		if found {
			return true
		}
	}
	for _, g := range book.Bibliography {
		for _, e := range g.Entries {
			inlines(e.Inlines)
		}
	}
	for _, f := range book.Figures {
		inlines(f.Credit)
	}
	return found
}
