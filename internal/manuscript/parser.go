package manuscript

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// newMarkdownParser returns goldmark set up for manuscripts: CommonMark,
// footnotes, tables, heading attributes, pandoc citations and cross-references.
func newMarkdownParser() parser.Parser {
	md := goldmark.New(
		goldmark.WithExtensions(append(append([]goldmark.Extender{extension.Footnote, extension.Table},
			inlineExtensions()...), blockExtensions()...)...),
		goldmark.WithParserOptions(
			parser.WithHeadingAttribute(),
			parser.WithInlineParsers(util.Prioritized(citationParser{}, 150), util.Prioritized(xrefParser{}, 160)),
		),
	)
	return md.Parser()
}
