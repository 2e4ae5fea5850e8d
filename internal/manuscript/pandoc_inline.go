package manuscript

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/model"
)

// pandocInlineSyntax adds the inline parsers of pandoc's Markdown to
// goldmark: raw inlines and code with attributes, inline notes,
// superscripts, tildes (strikeout and subscripts), TeX math, bracketed
// spans, calls of undefined notes, and a limit on the brackets of a
// paragraph (bracketlimit.go). The priorities place them around
// goldmark's own parsers: code spans at 100, footnotes at 101, citations
// at 150, links at 200.
type pandocInlineSyntax struct{}

func (pandocInlineSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(bracketLimitParser{}, 80),
		util.Prioritized(codeAttrParser{}, 90),
		util.Prioritized(closeBracketParser{}, 95),
		util.Prioritized(undefinedNoteParser{}, 120),
		util.Prioritized(spanParser{}, 160),
		util.Prioritized(inlineNoteParser{}, 450),
		util.Prioritized(superscriptParser{}, 460),
		util.Prioritized(tildeParser{}, 500),
		util.Prioritized(mathParser{}, 500),
	))
}

// inlineExtensions are the goldmark extensions for the inline syntax of
// pandoc's Markdown that manuscripts use.
func inlineExtensions() []goldmark.Extender {
	return []goldmark.Extender{pandocInlineSyntax{}}
}

// pandocInline converts an inline node of the pandoc extensions; ok is
// false for a node it does not know.
func (p *chapterParse) pandocInline(n ast.Node) (out []model.Inline, ok bool) {
	switch v := n.(type) {
	case *scriptNode:
		pos := p.inlinePos(v)
		if v.Sub {
			return []model.Inline{&model.Subscript{Children: p.inlineList(v), Pos: pos}}, true
		}
		return []model.Inline{&model.Superscript{Children: p.inlineList(v), Pos: pos}}, true
	case *undefinedNoteNode:
		return p.undefinedNote(v), true
	case *inlineNoteNode:
		return p.inlineNote(v), true
	case *spanNode:
		return p.span(v), true
	case *mathNode:
		return p.math(v), true
	case *codeAttrNode:
		return p.codeAttr(v), true
	case *bracketRestNode:
		return p.bracketRest(v), true
	}
	return nil, false
}
