package manuscript

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/model"
)

// offsetOf returns the byte offset of a position in the chapter file.
func (p *chapterParse) offsetOf(pos model.Position) int {
	if pos.Line < 1 || pos.Line > len(p.li.starts) {
		return -1
	}
	off := p.li.starts[pos.Line-1]
	for col := 1; col < pos.Col && off < len(p.src) && p.src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(p.src[off:])
		off += size
	}
	return off
}

// listDelimiter gives the numbered lists that goldmark read ("1." and
// "1)") their delimiter, which goldmark does not keep.
func (p *chapterParse) listDelimiter(l *model.List) {
	if !l.Ordered || l.Style != model.Decimal || l.Delim != model.Period || len(l.Items) == 0 {
		return
	}
	off := p.offsetOf(l.Pos)
	if off < 0 {
		return
	}
	for off < len(p.src) && p.src[off] >= '0' && p.src[off] <= '9' {
		off++
	}
	if off < len(p.src) && p.src[off] == ')' {
		l.Delim = model.OneParen
	}
}

// fancyListKind and fancyItemKind are the goldmark node kinds of pandoc's
// fancy and example lists and of their items.
var (
	fancyListKind = ast.NewNodeKind("FancyList")
	fancyItemKind = ast.NewNodeKind("FancyItem")
)

// fancyListNode is a list numbered with letters, roman numerals, "(1)",
// "#." or "(@)" (pandoc's fancy_lists and example_lists); goldmark reads
// the lists numbered "1." and "1)" itself.
type fancyListNode struct {
	ast.BaseBlock
	Style   model.ListStyle
	Delim   model.ListDelim
	Start   int
	Hash    bool // "#." items: numbered from 1
	Example bool // "(@)" items: numbered through the chapter
}

// Kind returns the node kind of a fancy list.
func (n *fancyListNode) Kind() ast.NodeKind { return fancyListKind }

// Dump prints the node for goldmark's debugging.
func (n *fancyListNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// fancyItemNode is an item of a fancy list. Offset is the width from the
// start of the item's line (in its container) to its content.
type fancyItemNode struct {
	ast.BaseBlock
	Offset int
	// Label is the label of an example item, "(@label)", at LabelAt.
	Label   string
	LabelAt int
}

// Kind returns the node kind of a fancy list item.
func (n *fancyItemNode) Kind() ast.NodeKind { return fancyItemKind }

// Dump prints the node for goldmark's debugging.
func (n *fancyItemNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// fancyMarker is a list marker read from a line.
type fancyMarker struct {
	style   model.ListStyle
	delim   model.ListDelim
	value   int
	hash    bool
	example bool
	label   string
	end     int // byte index after the marker
}

// romanValue returns the value of a roman numeral written in one case, or
// 0 when s is not one.
func romanValue(s string) int {
	digit := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	total := 0
	for i := 0; i < len(s); i++ {
		v := digit[s[i]|0x20]
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && digit[s[i+1]|0x20] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total > 3999 || toRoman(total) != strings.ToLower(s) {
		return 0 // "iiii", "vx": not written as numbers are
	}
	return total
}

// toRoman writes n (1 to 3999) as a lower-case roman numeral.
func toRoman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// parseFancyMarker reads a list marker at line[pos:] that goldmark does
// not read itself. When in is not nil, the marker must continue that list
// (same style and delimiter; a letter is then read in the list's style).
func parseFancyMarker(line []byte, pos int, in *fancyListNode) (m fancyMarker, ok bool) {
	i := pos
	if i < len(line) && line[i] == '(' {
		m.delim = model.TwoParens
		i++
	}
	bodyStart := i
	for i < len(line) && i-bodyStart <= 20 && (isASCIILetterOrDigit(line[i]) || line[i] == '#' || line[i] == '@' || line[i] == '_' || line[i] == '-') {
		i++
	}
	if i >= len(line) || i == bodyStart {
		return m, false
	}
	body := string(line[bodyStart:i])
	switch {
	case m.delim == model.TwoParens && line[i] == ')':
	case m.delim != model.TwoParens && line[i] == '.':
		m.delim = model.Period
	case m.delim != model.TwoParens && line[i] == ')':
		m.delim = model.OneParen
	default:
		return m, false
	}
	m.end = i + 1
	// The marker is followed by a space, a tab or the end of the line.
	if m.end < len(line) && line[m.end] != ' ' && line[m.end] != '\t' && line[m.end] != '\n' && line[m.end] != '\r' {
		return m, false
	}
	lower := body == strings.ToLower(body)
	upper := body == strings.ToUpper(body)
	switch {
	case body == "#":
		m.style, m.hash, m.value = model.Decimal, true, 1
	case body[0] == '@':
		label := body[1:]
		for _, c := range []byte(label) {
			if !isASCIILetterOrDigit(c) && c != '_' && c != '-' {
				return m, false
			}
		}
		m.style, m.example, m.label, m.value = model.Decimal, true, label, 1
	case allDigits(body):
		if m.delim != model.TwoParens || len(body) > 9 {
			return m, false // "1." and "1)" are goldmark's
		}
		m.style = model.Decimal
		m.value, _ = strconv.Atoi(body)
	case !isASCIILetters(body) || !lower && !upper:
		return m, false
	case in != nil && len(body) == 1 && (in.Style == model.LowerAlpha || in.Style == model.UpperAlpha):
		m.style, m.value = model.LowerAlpha, int(body[0]|0x20-'a')+1
	case romanValue(body) > 0 && (len(body) > 1 || body[0]|0x20 == 'i' || in != nil && (in.Style == model.LowerRoman || in.Style == model.UpperRoman)):
		m.style, m.value = model.LowerRoman, romanValue(body)
	case len(body) == 1:
		m.style, m.value = model.LowerAlpha, int(body[0]|0x20-'a')+1
	default:
		return m, false
	}
	if upper && !lower { // letters only: both cases are the same for digits
		switch m.style {
		case model.LowerAlpha:
			m.style = model.UpperAlpha
		case model.LowerRoman:
			m.style = model.UpperRoman
		}
		// "B. Russell" is a name, not a list: a capital letter with a
		// period needs two spaces (or a tab) after it, as in pandoc.
		if m.delim == model.Period && m.end < len(line) && line[m.end] == ' ' &&
			(m.end+1 >= len(line) || line[m.end+1] != ' ' && line[m.end+1] != '\n') {
			return m, false
		}
	}
	if in != nil && (m.style != in.Style || m.delim != in.Delim || m.hash != in.Hash || m.example != in.Example) {
		return m, false
	}
	return m, true
}

func isASCIILetterOrDigit(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// fancyListParser opens fancy lists; fancyItemParser opens their items.
type (
	fancyListParser struct{}
	fancyItemParser struct{}
)

// fancyTrigger are the characters a fancy list marker starts with.
var fancyTrigger = func() []byte {
	t := []byte{'(', '#', '@'}
	for c := byte('a'); c <= 'z'; c++ {
		t = append(t, c, c-'a'+'A')
	}
	return t
}()

// Trigger returns the first characters of the markers.
func (fancyListParser) Trigger() []byte { return fancyTrigger }

// Open starts a list at a marker. Like pandoc, a list does not interrupt
// a paragraph, except a sub-list in a list item.
func (fancyListParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, ok := parent.(*fancyListNode); ok || pc.BlockIndent() > 3 || pc.BlockOffset() < 0 || len(pc.OpenedBlocks()) >= maxDepth {
		return nil, parser.NoChildren
	}
	if last := pc.LastOpenedBlock().Node; last != nil && ast.IsParagraph(last) && last.Parent() == parent {
		switch parent.(type) {
		case *ast.ListItem, *fancyItemNode:
		default:
			return nil, parser.NoChildren
		}
	}
	line, _ := reader.PeekLine()
	m, ok := parseFancyMarker(line, pc.BlockOffset(), nil)
	if !ok {
		return nil, parser.NoChildren
	}
	return &fancyListNode{Style: m.style, Delim: m.delim, Start: m.value, Hash: m.hash, Example: m.example}, parser.HasChildren
}

// Continue goes on while lines are blank, indented into the last item, or
// start an item of the same kind.
func (fancyListParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	list := node.(*fancyListNode)
	offset := 0
	if it, ok := list.LastChild().(*fancyItemNode); ok {
		offset = it.Offset
	}
	indent, pos := util.IndentWidth(line, reader.LineOffset())
	if indent >= offset {
		return parser.Continue | parser.HasChildren
	}
	if indent < 4 {
		if _, ok := parseFancyMarker(line, pos, list); ok {
			return parser.Continue | parser.HasChildren
		}
	}
	return parser.Close
}

// Close does nothing: whether the list is loose is found when it is
// converted.
func (fancyListParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph reports true so that a sub-list may follow the
// text of an item; Open refuses other paragraphs.
func (fancyListParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine reports that an indented marker is code.
func (fancyListParser) CanAcceptIndentedLine() bool { return false }

// Trigger returns the first characters of the markers.
func (fancyItemParser) Trigger() []byte { return fancyTrigger }

// Open starts an item of the fancy list parent.
func (fancyItemParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	list, ok := parent.(*fancyListNode)
	if !ok || pc.BlockIndent() > 3 || pc.BlockOffset() < 0 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	m, ok := parseFancyMarker(line, pos, list)
	if !ok {
		return nil, parser.NoChildren
	}
	it := &fancyItemNode{Label: m.label}
	if m.label != "" {
		it.LabelAt = seg.Start + pos + strings.IndexByte(string(line[pos:m.end]), '@') + 1
	}
	markerWidth := pc.BlockIndent() + m.end - pos
	col := reader.LineOffset() + markerWidth
	rest := line[m.end:]
	if util.IsBlank(rest) {
		it.Offset = markerWidth + 1
		reader.AdvanceToEOL()
		return it, parser.NoChildren
	}
	spaces, _ := util.IndentWidth(rest, col)
	if spaces > 4 { // the content is indented code: one space belongs to the marker
		spaces = 1
	}
	it.Offset = markerWidth + spaces
	p, padding := util.IndentPosition(rest, col, spaces)
	reader.AdvanceAndSetPadding(m.end+p, padding)
	return it, parser.HasChildren
}

// Continue takes blank lines and lines indented to the item's content.
func (fancyItemParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	it := node.(*fancyItemNode)
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	if indent < it.Offset {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), it.Offset)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

// Close does nothing: the item is complete.
func (fancyItemParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph reports that an item follows the text of the item
// before it directly.
func (fancyItemParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine reports that an indented marker is code.
func (fancyItemParser) CanAcceptIndentedLine() bool { return false }

// fancyList converts a fancy or example list. Example items are numbered
// on through the chapter file, and their labels recorded for the
// references "(@label)".
func (p *chapterParse) fancyList(v *fancyListNode, base model.BlockBase, depth int) model.Block {
	l := &model.List{BlockBase: base, Ordered: true, Start: v.Start, Style: v.Style, Delim: v.Delim, Tight: true}
	if v.Example {
		l.Start = p.blk.examples + 1
	}
	for c := v.FirstChild(); c != nil; c = c.NextSibling() {
		if c != v.FirstChild() && c.HasBlankPreviousLines() {
			l.Tight = false
		}
		for k := c.FirstChild(); k != nil; k = k.NextSibling() {
			if k != c.FirstChild() && k.HasBlankPreviousLines() {
				l.Tight = false
			}
		}
		item := &model.ListItem{Pos: p.blockPos(c)}
		if it, ok := c.(*fancyItemNode); ok && v.Example {
			p.blk.examples++
			if it.Label != "" {
				p.exampleLabel(it.Label, p.blk.examples, p.li.pos(it.LabelAt))
			}
		}
		item.Blocks = p.blocks(c, depth+1)
		l.Items = append(l.Items, item)
	}
	return l
}

// exampleLabel records the number of a labelled example; the references
// to it are replaced once the whole file is read.
func (p *chapterParse) exampleLabel(label string, n int, pos model.Position) {
	st := &p.blk
	if st.labels == nil {
		st.labels = map[string]exampleRef{}
	}
	if first, dup := st.labels[label]; dup {
		p.r.ds.Warnf(pos, "example label @%s is used twice (first at line %d): references go to the first", label, first.pos.Line)
		return
	}
	st.labels[label] = exampleRef{n: n, pos: pos}
}

// exampleRef is a labelled example: its number and place.
type exampleRef struct {
	n   int
	pos model.Position
}

// exampleRefPattern matches a reference to a labelled example in text.
var exampleRefPattern = regexp.MustCompile(`\(@([A-Za-z0-9_-]+)\)`)

// resolveExampleRefs replaces the references "(@label)" in the text of
// the file's chapters by the example's number, "(3)", as pandoc does.
// A reference to an unknown label is reported at its first use.
func (p *chapterParse) resolveExampleRefs() {
	reported := map[string]bool{} // unknown labels, reported once each
	for _, ch := range p.chapters {
		model.Walk(ch, func(n model.Node, entering bool) model.WalkStatus {
			t, ok := n.(*model.Text)
			if !entering || !ok || !strings.Contains(t.Value, "(@") {
				return model.WalkContinue
			}
			t.Value = exampleRefPattern.ReplaceAllStringFunc(t.Value, func(ref string) string {
				label := ref[2 : len(ref)-1]
				if ex, ok := p.blk.labels[label]; ok {
					return "(" + strconv.Itoa(ex.n) + ")"
				}
				if reported[label] {
					return ref
				}
				reported[label] = true
				pos := t.Pos
				if pos.Line > 0 {
					pos.Col += utf8.RuneCountInString(t.Value[:strings.Index(t.Value, ref)])
				}
				switch n := len(reported); {
				case n <= maxStrayReports:
					p.r.ds.Warnf(pos, "%s refers to no example of this file (an example list item starts with %s): kept as written", ref, ref)
				case n == maxStrayReports+1:
					p.r.ds.Warnf(pos, "more references to unknown examples: kept as written, not reported one by one")
				}
				return ref
			})
			return model.WalkContinue
		})
	}
}
