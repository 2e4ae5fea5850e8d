package manuscript

import (
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// paraScan holds what the pandoc inline parsers learn about one paragraph
// (or heading, or table cell) in a single pass over its lines: matching
// brackets, code spans and the dollars that may close a formula. Each
// parser asks for it at its trigger character; it is computed once per
// block, so that a line of a million brackets or dollars is read in linear
// time.
type paraScan struct {
	parent ast.Node
	src    []byte
	segs   []text.Segment

	bracketsDone bool
	// match maps the offset of a "[" to the offset of its "]", for the
	// brackets that may open an inline note (^[) or a span ([…]{…}).
	match map[int]int
	// closers maps the offset of a "]" to the node it closes, once that
	// node has opened.
	closers map[int]bracketOpener

	ticksDone bool
	// tickEnd maps the offset of a backtick run to the offset of the run
	// of the same length that closes it.
	tickEnd map[int]int

	dollarsDone bool
	inlineEnds  []int // offsets of "$" that may close inline math
	displayEnds []int // offsets of "$$"

	// scriptEnds records the offsets of the "~" and "^" that close a
	// subscript or superscript already opened.
	scriptEnds map[int]bool
}

var paraScanKey = parser.NewContextKey()

// scanOf returns the scan of the block the inline parser is reading.
func scanOf(parent ast.Node, block text.Reader, pc parser.Context) *paraScan {
	if s, ok := pc.Get(paraScanKey).(*paraScan); ok && s.parent == parent {
		return s
	}
	s := &paraScan{parent: parent, src: block.Source(), scriptEnds: map[int]bool{}}
	for b := parent; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock {
			lines := b.Lines()
			for i := 0; i < lines.Len(); i++ {
				s.segs = append(s.segs, lines.At(i))
			}
			break
		}
	}
	pc.Set(paraScanKey, s)
	return s
}

// each calls fn on every byte of the block's lines, with its offset in the
// source, until fn returns a negative skip; a positive skip jumps to that
// offset.
func (s *paraScan) each(fn func(off int, c byte) (jump int)) {
	for _, seg := range s.segs {
		for off := seg.Start; off < seg.Stop && off < len(s.src); {
			j := fn(off, s.src[off])
			switch {
			case j < 0:
				return
			case j > off:
				// Jump, possibly into a later segment.
				if j >= seg.Stop {
					s.eachFrom(j, fn)
					return
				}
				off = j
			default:
				off++
			}
		}
	}
}

// eachFrom goes on with each from offset start.
func (s *paraScan) eachFrom(start int, fn func(off int, c byte) int) {
	for i, seg := range s.segs {
		if seg.Stop <= start {
			continue
		}
		rest := &paraScan{src: s.src, segs: append([]text.Segment{seg.WithStart(max(seg.Start, start))}, s.segs[i+1:]...)}
		rest.each(fn)
		return
	}
}

// byteAt returns the byte at an offset if it belongs to the block's lines.
func (s *paraScan) byteAt(off int) (byte, bool) {
	i := sort.Search(len(s.segs), func(i int) bool { return s.segs[i].Stop > off })
	if i < len(s.segs) && s.segs[i].Start <= off && off < len(s.src) {
		return s.src[off], true
	}
	return 0, false
}

// textBetween returns the source between two offsets, lines joined by
// their line ends but without the block's indentation or quote markers.
func (s *paraScan) textBetween(from, to int) string {
	var b []byte
	for _, seg := range s.segs {
		a, z := max(seg.Start, from), min(seg.Stop, to)
		if a < z {
			b = append(b, s.src[a:z]...)
		}
	}
	return string(b)
}

// ticks finds the code spans of the block.
func (s *paraScan) ticks() {
	if s.ticksDone {
		return
	}
	s.ticksDone = true
	s.tickEnd = map[int]int{}
	type run struct{ off, n int }
	var runs []run
	escaped := false
	s.each(func(off int, c byte) int {
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '`':
			n := s.runLen(off, '`')
			runs = append(runs, run{off, n})
			return off + n
		}
		return 0
	})
	// A run is closed by the next run of the same length.
	next := map[int]int{}
	for i := len(runs) - 1; i >= 0; i-- {
		if j, ok := next[runs[i].n]; ok {
			s.tickEnd[runs[i].off] = j
		}
		next[runs[i].n] = runs[i].off
	}
	// Runs inside a code span open nothing.
	for i := 0; i < len(runs); i++ {
		end, ok := s.tickEnd[runs[i].off]
		if !ok {
			continue
		}
		for i+1 < len(runs) && runs[i+1].off < end {
			delete(s.tickEnd, runs[i+1].off)
			i++
		}
		i++ // the closing run
	}
}

// bracketOpener is an inline node opened at a "[" and closed at the
// matching "]".
type bracketOpener interface {
	ast.Node
	// close is called at the "]": it may consume what follows it.
	close(block text.Reader, s *paraScan)
	// bottom returns the delimiter that was the last one when the node
	// opened (nil for none): the delimiters after it are paired inside.
	bottom() ast.Node
}

// brackets pairs the block's brackets, leaving out escaped ones and those
// in code spans.
func (s *paraScan) brackets() {
	if s.bracketsDone {
		return
	}
	s.bracketsDone = true
	s.ticks()
	s.match = map[int]int{}
	s.closers = map[int]bracketOpener{}
	var stack []int
	escaped := false
	s.each(func(off int, c byte) int {
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '`':
			if end, ok := s.tickEnd[off]; ok {
				return end + s.runLen(end, '`')
			}
			for off < len(s.src) && s.src[off] == '`' {
				off++
			}
			return off
		case c == '[':
			stack = append(stack, off)
		case c == ']' && len(stack) > 0:
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			next, _ := s.byteAt(off + 1)
			if open > 0 && s.src[open-1] == '^' || next == '{' {
				s.match[open] = off
			}
		}
		return 0
	})
}

// closeBracketParser closes the inline notes and spans opened before: at
// their "]", it moves what was read since the opening into the node. It
// runs before goldmark's link parser, which reads the other brackets.
type closeBracketParser struct{}

func (closeBracketParser) Trigger() []byte { return []byte{']'} }

func (closeBracketParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, seg := block.PeekLine()
	s := scanOf(parent, block, pc)
	opener, ok := s.closers[seg.Start]
	if !ok || opener.Parent() != parent {
		return nil
	}
	delete(s.closers, seg.Start)
	parser.ProcessDelimiters(opener.bottom(), pc)
	for c := opener.NextSibling(); c != nil; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		opener.AppendChild(opener, c)
		c = next
	}
	block.Advance(1)
	opener.close(block, s)
	// The opener is the last child already: appending it again keeps it
	// in place.
	return opener
}

// advanceTo moves the reader to an offset of the block, on a later line
// if need be. It reports false when the offset is not in the block.
func advanceTo(block text.Reader, off int) bool {
	for {
		line, seg := block.PeekLine()
		if line == nil {
			return false
		}
		if off < seg.Stop || off == seg.Stop && len(line) == seg.Len() && line[len(line)-1] != '\n' {
			if off < seg.Start {
				return false
			}
			block.Advance(off - seg.Start)
			return true
		}
		block.AdvanceLine()
	}
}

// runLen returns how many bytes c follow one another in the block from
// off on (a run of backticks or dollars).
func (s *paraScan) runLen(off int, c byte) int {
	n := 0
	for off+n < len(s.src) && s.src[off+n] == c {
		n++
	}
	return n
}
