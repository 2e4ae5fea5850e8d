package manuscript

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"

	"github.com/publish-books/publish/internal/model"
)

// inlineExtensions are the goldmark extensions for the inline syntax of
// pandoc's Markdown that manuscripts use.
func inlineExtensions() []goldmark.Extender {
	return []goldmark.Extender{extension.Strikethrough}
}

// pandocInline converts an inline node of the pandoc extensions; ok is
// false for a node it does not know.
func (p *chapterParse) pandocInline(n ast.Node) (out []model.Inline, ok bool) {
	return nil, false
}
