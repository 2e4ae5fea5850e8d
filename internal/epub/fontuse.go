package epub

import "github.com/publish-books/publish/internal/model"

// usesBold reports whether anything in the book is set in bold: strong
// emphasis, table headers, definition terms, <b>/<strong>/<th> in raw
// HTML or as elements. A book without bold does not carry the bold faces,
// which are a third of an EPUB's size.
func usesBold(book *model.Book) bool {
	found := false
	var html func(nodes []*model.HTMLNode)
	html = func(nodes []*model.HTMLNode) {
		for _, n := range nodes {
			switch n.Tag {
			case "b", "strong", "th", "dt":
				found = true
			}
			html(n.Children)
		}
	}
	visit := func(n model.Node, entering bool) model.WalkStatus {
		if !entering {
			return model.WalkContinue
		}
		switch v := n.(type) {
		case *model.Strong, *model.DefinitionList:
			found = true
		case *model.Table:
			found = found || v.HasHeader()
		case *model.Element:
			found = found || v.Tag == "b" || v.Tag == "strong"
		case *model.HTMLBlock:
			html(v.Nodes)
		case *model.RawInline:
			html(v.Nodes)
		}
		if found {
			return model.WalkStop
		}
		return model.WalkContinue
	}
	if model.WalkBook(book, visit) == model.WalkStop {
		return true
	}
	for _, g := range book.Bibliography {
		for _, e := range g.Entries {
			for _, in := range e.Inlines {
				if model.Walk(in, visit) == model.WalkStop {
					return true
				}
			}
		}
	}
	for _, f := range book.Figures {
		for _, in := range f.Credit {
			if model.Walk(in, visit) == model.WalkStop {
				return true
			}
		}
	}
	return found
}

// embeds reports whether the EPUB embeds font f: the bold faces only when
// the book has bold text (bold says so).
func embeds(f Font, bold bool) bool { return !f.Bold || bold }
