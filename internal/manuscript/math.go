package manuscript

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/texmath"
)

// mathKind is the goldmark node kind of a TeX formula.
var mathKind = ast.NewNodeKind("Math")

// mathNode is pandoc's TeX math: $…$ in the line, $$…$$ displayed.
type mathNode struct {
	ast.BaseInline
	TeX     string
	Display bool
	Offset  int // byte offset of the first "$"
}

func (n *mathNode) Kind() ast.NodeKind { return mathKind }

func (n *mathNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// mathParser reads formulas by pandoc's rule, so that prices stay text:
// the opening "$" is followed by a non-space, the closing "$" follows a
// non-space and is not followed by a digit ("$5 and $10", "5 $ et 10 $"
// are no formulas). A "\$" is a dollar sign.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '$' {
		return nil
	}
	line, seg := block.PeekLine()
	s := scanOf(parent, block, pc)
	s.dollars()
	start := seg.Start
	if len(line) > 1 && line[1] == '$' {
		i := sort.SearchInts(s.displayEnds, start+2)
		if i == len(s.displayEnds) {
			return nil
		}
		end := s.displayEnds[i]
		tex := s.textBetween(start+2, end)
		if strings.TrimSpace(tex) == "" || !advanceTo(block, end+2) {
			return nil
		}
		return &mathNode{TeX: strings.TrimSpace(tex), Display: true, Offset: start}
	}
	if len(line) < 3 || isSpaceByte(line[1]) {
		return nil
	}
	i := sort.SearchInts(s.inlineEnds, start+2)
	if i == len(s.inlineEnds) {
		return nil
	}
	end := s.inlineEnds[i]
	tex := s.textBetween(start+1, end)
	if !advanceTo(block, end+1) {
		return nil
	}
	return &mathNode{TeX: tex, Offset: start}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// dollars finds the dollars of the block that may close a formula.
func (s *paraScan) dollars() {
	if s.dollarsDone {
		return
	}
	s.dollarsDone = true
	escaped := false
	s.each(func(off int, c byte) int {
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '$':
			n := s.runLen(off, '$')
			if n == 2 {
				s.displayEnds = append(s.displayEnds, off)
			}
			if n == 1 && off > 0 && !isSpaceByte(s.src[off-1]) {
				if next, _ := s.byteAt(off + 1); next < '0' || next > '9' {
					s.inlineEnds = append(s.inlineEnds, off)
				}
			}
			return off + n
		}
		return 0
	})
}

// math converts a formula: its TeX source, and the formula set as text
// when texmath knows every part of it, else the source with a warning.
func (p *chapterParse) math(v *mathNode) []model.Inline {
	pos := p.li.pos(v.Offset)
	m := &model.Math{TeX: v.TeX, Display: v.Display, Pos: pos}
	kids, err := texmath.Convert(v.TeX, pos)
	if err != nil {
		p.r.ds.Warnf(pos, "formula $%s$: %v is beyond the simple TeX publish sets as text: the formula is printed as TeX source", shorten(v.TeX, 40), err)
		kids = []model.Inline{&model.Text{Value: v.TeX, Pos: pos}}
	}
	m.Children = kids
	return []model.Inline{m}
}

// shorten cuts s to n characters for a message.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
