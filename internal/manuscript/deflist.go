package manuscript

import (
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/publish-books/publish/internal/model"
)

// definitionList converts a definition list (pandoc's definition_lists,
// read by goldmark's extension): each term with the definitions after it.
// Several terms before one definition make several items; the last holds
// the definitions.
func (p *chapterParse) definitionList(v *east.DefinitionList, base model.BlockBase, depth int) model.Block {
	dl := &model.DefinitionList{BlockBase: base}
	var cur *model.DefinitionItem
	for c := v.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *east.DefinitionTerm:
			cur = &model.DefinitionItem{Pos: p.blockPos(c), Term: p.inlines(c)}
			dl.Items = append(dl.Items, cur)
		case *east.DefinitionDescription:
			if cur == nil {
				cur = &model.DefinitionItem{Pos: p.blockPos(c)}
				dl.Items = append(dl.Items, cur)
			}
			cur.Definitions = append(cur.Definitions, p.blocks(c, depth+1))
		default:
			dl.Items = append(dl.Items, &model.DefinitionItem{Pos: p.blockPos(c), Definitions: [][]model.Block{p.block(c, depth+1)}})
		}
	}
	return dl
}
