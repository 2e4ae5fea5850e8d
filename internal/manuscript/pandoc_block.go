package manuscript

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"

	"github.com/publish-books/publish/internal/model"
)

// blockExtensions are the goldmark extensions for the block syntax of
// pandoc's Markdown that manuscripts use.
func blockExtensions() []goldmark.Extender {
	return nil
}

// pandocBlock converts a block node of the pandoc extensions; ok is false
// for a node it does not know.
func (p *chapterParse) pandocBlock(n ast.Node, base model.BlockBase, depth int) (out []model.Block, ok bool) {
	return nil, false
}

// finishBlocks runs over a converted list of sibling blocks once it is
// complete (a chapter's, a quotation's, a list item's), for constructs
// that span several blocks.
func (p *chapterParse) finishBlocks(bs []model.Block) []model.Block {
	return bs
}
