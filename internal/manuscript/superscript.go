package manuscript

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// superscriptParser reads pandoc's "^text^" (2^10^, 1^er^): a superscript
// holds no unescaped space. "^[" starts an inline note instead.
type superscriptParser struct{}

func (superscriptParser) Trigger() []byte { return []byte{'^'} }

func (superscriptParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '^' {
		return nil
	}
	return parseScript(caretDelims, parent, block, pc)
}
