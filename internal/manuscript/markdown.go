package manuscript

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// lineIndex converts byte offsets of a source into lines and columns.
type lineIndex struct {
	file   string
	src    []byte
	starts []int
	// The last position computed: columns are counted on from it when the
	// next offset lies after it on the same line, so that positions asked
	// in reading order cost linear time even on a line of 50 MB.
	lastOff, lastLine, lastCol int
}

func newLineIndex(file string, src []byte) *lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{file: file, src: src, starts: starts}
}

func (li *lineIndex) pos(offset int) model.Position {
	offset = max(0, min(offset, len(li.src)))
	line := sort.SearchInts(li.starts, offset+1) - 1
	from, col := li.starts[line], 1
	switch {
	case li.lastCol > 0 && line == li.lastLine && offset >= li.lastOff:
		from, col = li.lastOff, li.lastCol
	case li.lastCol > 0 && line == li.lastLine && li.lastOff-offset < offset-from:
		// A little before the last position: count back from it.
		col = li.lastCol - utf8.RuneCount(li.src[offset:li.lastOff])
		from = offset
	}
	col += utf8.RuneCount(li.src[from:offset])
	li.lastOff, li.lastLine, li.lastCol = offset, line, col
	return model.Position{File: li.file, Line: line + 1, Col: col}
}

// chapterParse is the state of converting one chapter file.
type chapterParse struct {
	r       *reader
	li      *lineIndex
	src     []byte
	file    string // relative to the book folder, as printed in diagnostics
	absFile string
	matter  model.Matter

	chapters []*model.Chapter
	cur      *model.Chapter
	notes    map[int]*model.Note // goldmark footnote index -> note
	noteRefs map[int]int

	// Raw HTML state (html.go): opening tags alone in a block, the pairs
	// of inline start and end tags, and the nesting of inline elements.
	openBlockTags map[string]int
	rawMatches    map[ast.Node]ast.Node
	rawDepth      int
	rawDeepWarned bool

	inlineDepth      int
	inlineDeepWarned bool
	inLink           int  // > 0 inside a link: a raw <a> there is not a link
	inNote           bool // converting a footnote's text: it may not call another note

	blk blockState // state of the pandoc block syntax (pandoc_block.go)
}

// parseMarkdown runs the Markdown parser over src. A panic of the parser
// (goldmark has had index errors on rare whitespace: FuzzChapter's seeds)
// becomes an error on the chapter file instead of ending the build.
func (r *reader) parseMarkdown(file, absFile string, src []byte) (doc ast.Node, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			r.ds.Errorf(model.Position{File: file, Line: 1, Col: 1},
				"the Markdown parser failed on this file (%v): please report it with the file", p)
			doc, ok = nil, false
		}
	}()
	return r.md.Parse(text.NewReader(src), parser.WithContext(r.newParseContext(absFile))), true
}

// newParseContext returns the parser context for a chapter file: the
// book's headings as link references, but for the labels the file
// defines itself (scanned once, when the files were read).
func (r *reader) newParseContext(absFile string) parser.Context {
	headings := r.headings
	if headings == nil {
		headings = indexHeadings(r.headerRefs)
	}
	return headerContext(headings, r.definedRefs[absFile])
}

// parsedSource is a chapter file cleaned and parsed (parseSource), with
// the problems found on the way, for parseChapter.
type parsedSource struct {
	src []byte   // the cleaned source the tree's positions refer to
	doc ast.Node // nil when the parser failed
	ds  model.Diagnostics
}

// parseSource cleans a chapter file's bytes and parses them. It reads
// the reader's book-wide state (the headings, the parse cache) and writes
// only its result: the files of a book are parsed side by side
// (parseFiles), their problems said in the files' order.
func (r *reader) parseSource(file, absFile string, raw []byte) *parsedSource {
	ps := &parsedSource{}
	// A reader with what cleaning and parsing read of r (set before the
	// files are parsed, unchanged while they are), saying its problems
	// into ps.ds.
	own := &reader{opts: r.opts, root: r.root, md: r.md, headerRefs: r.headerRefs, headings: r.headings, definedRefs: r.definedRefs, ds: &ps.ds}
	src := own.cleanSource(file, raw)
	src = own.dropMetadataBlock(file, src)
	src = own.limitNesting(file, src)
	ps.src = src
	// The parser's tree is a function of the file's bytes (what the
	// cleaning above makes of them is one) and of the book's headings: an
	// unchanged file of a book with the same headings is not parsed again
	// (publish watch).
	doc := r.opts.Parsed.lookup(absFile, raw, r.headerRefs)
	if doc == nil {
		var ok bool
		if doc, ok = own.parseMarkdown(file, absFile, src); !ok {
			return ps
		}
		r.opts.Parsed.keep(absFile, raw, r.headerRefs, doc)
	}
	ps.doc = doc
	return ps
}

// parseChapter converts one Markdown file into one or more chapters.
func (r *reader) parseChapter(file, absFile string, src []byte, matter model.Matter) []*model.Chapter {
	return r.convertChapter(file, absFile, r.parseSource(file, absFile, src), matter)
}

// convertChapter converts a parsed chapter file into one or more
// chapters, after saying the problems found parsing it.
func (r *reader) convertChapter(file, absFile string, ps *parsedSource, matter model.Matter) []*model.Chapter {
	r.ds.Merge(ps.ds)
	src, doc := ps.src, ps.doc
	if doc == nil {
		return nil
	}
	p := &chapterParse{r: r, li: newLineIndex(file, src), src: src, file: file, absFile: absFile, matter: matter,
		notes: map[int]*model.Note{}, noteRefs: map[int]int{},
		openBlockTags: map[string]int{}, rawMatches: map[ast.Node]ast.Node{}}
	base := strings.TrimSuffix(fileBase(file), ".md")
	baseID := Slug(strings.TrimSuffix(base, ".markdown"), "ch")

	// Footnote definitions come first, so that references can find them.
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if fl, ok := c.(*east.FootnoteList); ok {
			for f := fl.FirstChild(); f != nil; f = f.NextSibling() {
				fn, ok := f.(*east.Footnote)
				if !ok {
					continue
				}
				note := &model.Note{Label: string(fn.Ref), Pos: p.blockPos(fn)}
				p.inNote = true
				note.Blocks = p.blocks(fn, 0)
				p.inNote = false
				if len(note.Blocks) == 0 {
					p.r.ds.Warnf(note.Pos, "footnote [^%s] is empty", note.Label)
				}
				p.notes[fn.Index] = note
			}
		}
	}

	newChapter := func(pos model.Position) *model.Chapter {
		ch := &model.Chapter{File: file, Matter: matter, Pos: pos}
		r.mintLater(&ch.ID, func() string { return baseID })
		r.later = append(r.later, func() {
			// A chapter title's id follows pandoc's rules, as a
			// section's does, so that "[Templates]" or "#templates"
			// reach "# Templates".
			if ch.TitleID == "" && !ch.Untitled {
				ch.TitleID = r.book.IDs.Mint(HeadingID(model.PlainText(ch.Title)))
			}
		})
		p.chapters = append(p.chapters, ch)
		p.cur = ch
		return ch
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*east.FootnoteList); ok {
			continue
		}
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			pos := p.blockPos(h)
			title := p.inlines(h)
			if emptyHeading(title) {
				r.ds.Warnf(pos, "# heading without text left out: a title needs words for the contents and for screen readers")
				continue
			}
			if p.cur != nil && (!p.cur.Untitled || len(p.cur.Blocks) > 0) {
				r.ds.Warnf(pos, "a second # heading: a chapter file holds one chapter, so this starts a new chapter (use ## for a section)")
			}
			ch := p.cur
			if ch == nil || !ch.Untitled || len(ch.Blocks) > 0 {
				ch = newChapter(pos)
			}
			ch.Untitled = false
			ch.Title = title
			if id, ok := h.AttributeString("id"); ok && p.validID(attrString(id), pos) {
				ch.TitleID = r.reserveID(attrString(id), pos)
			}
			continue
		}
		if p.cur == nil {
			ch := newChapter(p.li.pos(0))
			ch.Untitled = true
		}
		p.cur.Blocks = append(p.cur.Blocks, p.block(c, 0)...)
	}
	for _, ch := range p.chapters {
		ch.Blocks = p.finishBlocks(ch.Blocks)
	}
	if len(p.chapters) == 0 {
		r.ds.Warnf(model.Position{File: file, Line: 1, Col: 1}, "chapter file is empty: it is left out of the book")
		return nil
	}
	if first := p.chapters[0]; first.Untitled && matter == model.BodyMatter {
		r.ds.Warnf(model.Position{File: file, Line: 1, Col: 1}, "chapter has no title (a # heading): it is left out of the contents")
	}
	// In the order of the definitions: p.notes is a map, whose order
	// would change the order of the warnings from run to run.
	indexes := make([]int, 0, len(p.notes))
	for i := range p.notes {
		indexes = append(indexes, i)
	}
	sort.Ints(indexes)
	for _, i := range indexes {
		if _, used := p.noteRefs[i]; !used {
			note := p.notes[i]
			r.ds.Warnf(note.Pos, "footnote [^%s] is never referenced", note.Label)
		}
	}
	return p.chapters
}

// cleanSource removes a byte order mark, turns CRLF into LF, and reports
// invalid UTF-8 and NUL bytes (replacing them so the rest can be read).
func (r *reader) cleanSource(file string, src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(src) {
		li := newLineIndex(file, src)
		off := 0
		for off < len(src) {
			rr, size := utf8.DecodeRune(src[off:])
			if rr == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		pos := li.pos(off)
		r.ds.ErrorCodef("encoding", pos, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8", src[off])
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		r.ds.Errorf(newLineIndex(file, src).pos(i), "NUL byte in text: the file looks binary or corrupted")
		src = bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
	}
	return r.replaceControls(file, src)
}

// replaceControls replaces the characters XML refuses (C0 controls other
// than tab and line feed, DEL, U+FFFE, U+FFFF), which word processors
// sometimes leave behind, by spaces, and reports the first one: an EPUB
// cannot hold them even escaped.
func (r *reader) replaceControls(file string, src []byte) []byte {
	first := firstControl(src)
	if first < 0 {
		return src
	}
	c, _ := utf8.DecodeRune(src[first:])
	r.ds.Warnf(newLineIndex(file, src).pos(first), "invisible control character U+%04X replaced by a space (pasted from a word processor?)", c)
	return bytes.Map(func(c rune) rune {
		if replacedControl(c) {
			return ' '
		}
		return c
	}, src)
}

// replacedControl reports whether replaceControls replaces c.
func replacedControl(c rune) bool {
	return c < 0x20 && c != '\t' && c != '\n' || c == 0x7F || c == 0xFFFE || c == 0xFFFF
}

// firstControl returns the index of the first character of src that
// replaceControls replaces, or -1: bytes.IndexFunc's answer for valid
// UTF-8, found by looking at bytes instead of decoding every rune (the
// C0 controls and DEL are single bytes; U+FFFE and U+FFFF are EF BF BE
// and EF BF BF, and 0xEF only ever starts a character).
func firstControl(src []byte) int {
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c < 0x20 && c != '\t' && c != '\n' || c == 0x7F:
			return i
		case c == 0xEF && i+2 < len(src) && src[i+1] == 0xBF && (src[i+2] == 0xBE || src[i+2] == 0xBF):
			return i
		}
	}
	return -1
}

func fileBase(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func attrString(v any) string {
	switch s := v.(type) {
	case []byte:
		return string(s)
	case string:
		return s
	}
	return fmt.Sprint(v)
}

// blockPos returns the position where a block node starts.
func (p *chapterParse) blockPos(n ast.Node) model.Position {
	if off := n.Pos(); off >= 0 {
		return p.li.pos(off)
	}
	if n.Type() == ast.TypeBlock {
		if lines := n.Lines(); lines != nil && lines.Len() > 0 {
			return p.li.pos(lines.At(0).Start)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if pos := p.blockPos(c); pos.Line > 0 {
			return pos
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return p.li.pos(t.Segment.Start)
	}
	return model.Position{}
}

// maxDepth bounds nesting (block quotes in lists in block quotes …) so a
// hostile file cannot exhaust the stack.
const maxDepth = 200

// block converts one block node.
func (p *chapterParse) block(n ast.Node, depth int) []model.Block {
	pos := p.blockPos(n)
	if pos.Line == 0 {
		pos = model.Position{File: p.file, Line: 1, Col: 1}
	}
	base := model.BlockBase{Pos: pos}
	if depth > maxDepth {
		p.r.ds.Errorf(pos, "blocks nested more than %d levels deep: the rest of this block is left out", maxDepth)
		return nil
	}
	switch v := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if fig := p.figure(n, pos); fig != nil {
			return []model.Block{&model.FigureBlock{BlockBase: base, Figure: fig}}
		}
		ins := p.inlines(n)
		if len(ins) == 0 {
			return nil
		}
		return []model.Block{&model.Paragraph{BlockBase: base, Inlines: ins}}
	case *ast.Heading:
		h := &model.Heading{BlockBase: base, Level: v.Level, Inlines: p.inlines(v)}
		if emptyHeading(h.Inlines) {
			p.r.ds.Warnf(pos, "heading without text left out: a heading needs words for the contents and for screen readers")
			return nil
		}
		if id, ok := v.AttributeString("id"); ok && p.validID(attrString(id), pos) {
			h.ID = p.r.reserveID(attrString(id), pos)
		} else {
			slug := HeadingID(model.PlainText(h.Inlines))
			p.r.mintLater(&h.ID, func() string { return slug })
		}
		if cl, ok := v.AttributeString("class"); ok {
			h.Classes = strings.Fields(attrString(cl))
		}
		p.checkHeadingAttributes(v, h)
		return []model.Block{h}
	case *ast.List:
		l := &model.List{BlockBase: base, Ordered: v.IsOrdered(), Start: v.Start, Tight: v.IsTight}
		for it := v.FirstChild(); it != nil; it = it.NextSibling() {
			item := &model.ListItem{Pos: p.blockPos(it)}
			item.Blocks = p.blocks(it, depth+1)
			l.Items = append(l.Items, item)
		}
		return []model.Block{l}
	case *ast.Blockquote:
		return []model.Block{&model.BlockQuote{BlockBase: base, Blocks: p.blocks(v, depth+1)}}
	case *ast.FencedCodeBlock:
		cb := &model.CodeBlock{BlockBase: base, Text: p.linesText(v)}
		if lang := v.Language(p.src); lang != nil {
			cb.Language = string(lang)
		}
		return []model.Block{cb}
	case *ast.CodeBlock:
		return []model.Block{&model.CodeBlock{BlockBase: base, Text: p.linesText(v)}}
	case *ast.ThematicBreak:
		return []model.Block{&model.ThematicBreak{BlockBase: base}}
	case *ast.HTMLBlock:
		return p.htmlBlock(v, pos)
	case *east.Table:
		return []model.Block{p.table(v, base)}
	case *ast.Document:
		return p.blocks(v, depth)
	case *east.FootnoteBacklink:
		// goldmark's link back from an empty note to its call, outside
		// any paragraph: the renderers make their own.
		return nil
	case *ast.LinkReferenceDefinition:
		// [label]: url — the links that use it are already resolved.
		return nil
	}
	if out, ok := p.pandocBlock(n, base, depth); ok {
		return out
	}
	p.r.ds.Warnf(pos, "unsupported Markdown construct %s left out", n.Kind())
	return nil
}

func (p *chapterParse) blocks(n ast.Node, depth int) []model.Block {
	var out []model.Block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, p.block(c, depth)...)
	}
	return p.finishBlocks(out)
}

func (p *chapterParse) linesText(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(p.src))
	}
	return b.String()
}

// figure recognises a paragraph that holds one image alone, with an
// optional {…} attribute block after it, and returns it as a figure.
func (p *chapterParse) figure(par ast.Node, pos model.Position) *model.Figure {
	img, ok := par.FirstChild().(*ast.Image)
	if !ok {
		return nil
	}
	var attrs Attributes
	if next := img.NextSibling(); next != nil {
		t, ok := next.(*ast.Text)
		if !ok {
			return nil
		}
		lines := par.Lines()
		end := lines.At(lines.Len() - 1).Stop
		raw := strings.TrimSpace(strings.ReplaceAll(string(p.src[t.Segment.Start:end]), "\n", " "))
		if !strings.HasPrefix(raw, "{") {
			return nil
		}
		a, err := ParseAttributes(raw)
		if err != nil {
			p.r.ds.Errorf(p.li.pos(t.Segment.Start), "figure attributes: %v", err)
		}
		attrs = a
	} else {
		attrs = Attributes{Values: map[string]string{}}
	}
	fig := &model.Figure{
		Image:   string(img.Destination),
		Caption: p.inlineList(img),
		Alt:     strings.TrimSpace(attrs.Values["alt"]),
		Classes: attrs.Classes,
		Pos:     pos,
	}
	fig.CreditText = strings.TrimSpace(attrs.Values["credit"])
	fig.CreditSource = strings.TrimSpace(attrs.Values["source"])
	for _, k := range attrs.Keys {
		switch k {
		case "alt", "credit", "source":
		case "width":
			fig.Width = p.figureWidth(attrs.Values[k], pos)
		default:
			p.r.ds.Warnf(pos, "figure attribute %s=%q is not used by publish: left out (a figure takes alt, credit, source and width)", k, attrs.Values[k])
		}
	}
	if attrs.ID != "" && p.validID(attrs.ID, pos) {
		fig.ID = p.r.reserveID(attrs.ID, pos)
	}
	p.r.addFigure(fig, p)
	return fig
}

// unclosedAttributes matches a heading that ends with an attribute block
// whose } is missing: "## Les combats {#combats".
var unclosedAttributes = regexp.MustCompile(`\s\{[#.][^{}]*$`)

// checkHeadingAttributes reports a heading whose attribute block is not
// closed: goldmark leaves it in the heading's text, which would print it.
// emptyHeading reports whether a heading's inlines are blank text only:
// an ATX heading with nothing after its #s ("##", "### ###"), which both
// renderers would write as an empty heading that a screen reader cannot
// announce (DAISY Ace: empty-heading).
func emptyHeading(ins []model.Inline) bool {
	for _, in := range ins {
		if t, ok := in.(*model.Text); !ok || strings.TrimSpace(t.Value) != "" {
			return false // text, or something else (a note call, an image …)
		}
	}
	return true
}

func (p *chapterParse) checkHeadingAttributes(v *ast.Heading, h *model.Heading) {
	lines := v.Lines()
	if lines.Len() == 0 {
		return
	}
	seg := lines.At(lines.Len() - 1)
	line := strings.TrimRight(string(seg.Value(p.src)), " \t#")
	if loc := unclosedAttributes.FindStringIndex(line); loc != nil {
		p.r.ds.Errorf(p.li.pos(seg.Start+loc[0]+1), "heading attributes: attribute block is not closed with }")
	}
}

// figureWidth reads a figure's width= attribute: a percentage of the text
// measure, above 0 and at most 100.
func (p *chapterParse) figureWidth(v string, pos model.Position) float64 {
	v = strings.TrimSpace(v)
	num, isPct := strings.CutSuffix(v, "%")
	pct, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	switch {
	case !isPct || err != nil:
		p.r.ds.Errorf(pos, "figure width=%q: write a percentage of the text width, such as width=60%%", v)
	case pct <= 0 || pct > 100 || math.IsNaN(pct):
		p.r.ds.Errorf(pos, "figure width=%q: a figure is from 1%% to 100%% of the text width", v)
	default:
		return pct / 100
	}
	return 0
}

// inlines converts the inline children of a node.
func (p *chapterParse) inlines(n ast.Node) []model.Inline {
	return trimInlines(p.inlineList(n))
}

func (p *chapterParse) inlineList(n ast.Node) []model.Inline {
	p.inlineDepth++
	defer func() { p.inlineDepth-- }()
	if p.inlineDepth > maxInlineDepth {
		if !p.inlineDeepWarned {
			p.inlineDeepWarned = true
			p.r.ds.Warnf(p.inlinePos(n), "emphasis, links or spans nested more than %d levels deep: the deeper formatting is left out, its text kept", maxInlineDepth)
		}
		return []model.Inline{&model.Text{Value: p.flatText(n)}}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.RawHTML); ok {
			for k, v := range p.matchRawTags(n) {
				p.rawMatches[k] = v
			}
			break
		}
	}
	return p.inlineRange(n.FirstChild(), nil)
}

// validID reports whether an id written in the manuscript ({#id}) can be
// an XHTML id, as EPUBCheck requires, and reports it otherwise; the node
// then gets a generated id.
func (p *chapterParse) validID(id string, pos model.Position) bool {
	if rawhtml.ValidID(id) {
		return true
	}
	if id == "" {
		p.r.ds.Errorf(pos, "empty id: write {#name} with a name after #")
	} else {
		p.r.ds.Errorf(pos, "id %q is not a valid identifier: start with a letter, then letters, digits, '-', '_' or '.'", id)
	}
	return false
}

// maxInlineDepth bounds the nesting of inline formatting in the model, so
// that neither the reader nor a renderer recurses without limit on a line
// of a million asterisks.
const maxInlineDepth = 100

// flatText returns the text inside an inline node without recursion.
func (p *chapterParse) flatText(n ast.Node) string {
	var b strings.Builder
	var stack []ast.Node
	for k := n.LastChild(); k != nil; k = k.PreviousSibling() {
		stack = append(stack, k)
	}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v := c.(type) {
		case *ast.Text:
			b.Write(v.Segment.Value(p.src))
			if v.SoftLineBreak() || v.HardLineBreak() {
				b.WriteByte(' ')
			}
			continue
		case *ast.String:
			b.Write(v.Value)
			continue
		}
		for k := c.LastChild(); k != nil; k = k.PreviousSibling() {
			stack = append(stack, k)
		}
	}
	return b.String()
}

// inlineRange converts the sibling inlines from first up to (not
// including) stop; raw HTML tags take their content up to their end tag.
func (p *chapterParse) inlineRange(first, stop ast.Node) []model.Inline {
	var out []model.Inline
	for c := first; c != nil && c != stop; {
		if v, ok := c.(*ast.RawHTML); ok {
			ins, next := p.rawInline(v, p.rawMatches)
			out = append(out, ins...)
			c = next
			continue
		}
		out = append(out, p.inline(c)...)
		c = c.NextSibling()
	}
	return mergeTexts(out)
}

// mergeTexts joins neighbouring texts and drops empty ones, in one pass:
// merging text by text would take quadratic time on a paragraph of
// millions of lines.
//
// A list with nothing to join or drop (most are) is returned as it is,
// and a text that has no neighbour to join is kept as it is.
func mergeTexts(ins []model.Inline) []model.Inline {
	if !textsToMerge(ins) {
		return ins
	}
	return joinTexts(ins)
}

// joinTexts is mergeTexts without its quick look: it makes a new list.
func joinTexts(ins []model.Inline) []model.Inline {
	out := ins[:0:0]
	var run strings.Builder
	var runPos model.Position
	inRun := false
	// first is the run's text while it is the only one.
	var first *model.Text
	flush := func() {
		switch {
		case first != nil && first.Value != "":
			out = append(out, first)
		case first == nil && inRun && run.Len() > 0:
			out = append(out, &model.Text{Value: run.String(), Pos: runPos})
		}
		run.Reset()
		inRun, first = false, nil
	}
	for _, in := range ins {
		if t, ok := in.(*model.Text); ok {
			// Text of another line starts a text of its own, so that a
			// text's position and a character's offset in it give that
			// character's place in the file.
			if inRun && t.Pos.Line > 0 && runPos.Line > 0 && t.Pos.Line != runPos.Line {
				flush()
			}
			if !inRun || runPos.Line == 0 {
				runPos = t.Pos
			}
			switch {
			case !inRun:
				first = t
			case first != nil:
				run.WriteString(first.Value)
				first = nil
			}
			if first == nil {
				run.WriteString(t.Value)
			}
			inRun = true
			continue
		}
		flush()
		out = append(out, in)
	}
	flush()
	return out
}

// textsToMerge reports whether mergeTexts has work in ins: an empty text,
// or two texts side by side that it joins (on one line, or one of them
// without a line).
func textsToMerge(ins []model.Inline) bool {
	var prev *model.Text
	for _, in := range ins {
		t, ok := in.(*model.Text)
		if !ok {
			prev = nil
			continue
		}
		if t.Value == "" {
			return true
		}
		if prev != nil && (t.Pos.Line == 0 || prev.Pos.Line == 0 || t.Pos.Line == prev.Pos.Line) {
			return true
		}
		prev = t
	}
	return false
}

// trimInlines removes spaces at the start and end of an inline list.
func trimInlines(ins []model.Inline) []model.Inline {
	if len(ins) == 0 {
		return ins
	}
	if t, ok := ins[0].(*model.Text); ok {
		if trimmed := strings.TrimLeft(t.Value, " \t\n"); len(trimmed) < len(t.Value) {
			pos := t.Pos
			if pos.Line > 0 {
				// The characters trimmed are ASCII: a byte each.
				pos.Col += len(t.Value) - len(trimmed)
			}
			ins[0] = &model.Text{Value: trimmed, Pos: pos}
		}
	}
	if t, ok := ins[len(ins)-1].(*model.Text); ok {
		if trimmed := strings.TrimRight(t.Value, " \t\n"); len(trimmed) < len(t.Value) {
			ins[len(ins)-1] = &model.Text{Value: trimmed, Pos: t.Pos}
		}
	}
	return mergeTexts(ins)
}

func (p *chapterParse) inline(n ast.Node) []model.Inline {
	switch v := n.(type) {
	case *ast.Text:
		pos := p.li.pos(v.Segment.Start)
		value := v.Segment.Value(p.src)
		var out []model.Inline
		if v.IsRaw() {
			out = []model.Inline{&model.Text{Value: string(value), Pos: pos}}
		} else {
			out = []model.Inline{&model.Text{Value: unescapeText(value), Pos: pos}}
		}
		switch {
		case v.HardLineBreak():
			out = append(out, &model.LineBreak{Pos: p.li.pos(v.Segment.Stop)})
		case v.SoftLineBreak():
			out = append(out, &model.Text{Value: " "})
		}
		return out
	case *ast.String:
		return []model.Inline{&model.Text{Value: string(v.Value), Pos: p.inlinePos(v)}}
	case *ast.CodeSpan:
		var b strings.Builder
		for c := v.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(p.src))
			} else if s, ok := c.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		return []model.Inline{&model.Code{Text: b.String(), Pos: p.inlinePos(v)}}
	case *ast.Emphasis:
		pos := p.inlinePos(v)
		if v.Level >= 2 {
			return []model.Inline{&model.Strong{Children: p.inlineList(v), Pos: pos}}
		}
		return []model.Inline{&model.Emphasis{Children: p.inlineList(v), Pos: pos}}
	case *east.Strikethrough:
		pos := p.inlinePos(v)
		return []model.Inline{&model.Strikeout{Children: p.inlineList(v), Pos: pos}}
	case *ast.Link:
		pos := p.inlinePos(v)
		p.inLink++
		children := p.inlineList(v)
		p.inLink--
		return []model.Inline{&model.Link{URL: string(v.Destination), Title: string(v.Title),
			Children: children, Pos: pos}}
	case *ast.AutoLink:
		u := string(v.URL(p.src))
		if v.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
			u = "mailto:" + u
		}
		pos := p.inlinePos(v)
		return []model.Inline{&model.Link{URL: u, Children: []model.Inline{&model.Text{Value: string(v.Label(p.src)), Pos: pos}}, Pos: pos}}
	case *ast.Image:
		if _, nested := v.Parent().(*ast.Image); !nested { // one warning for ![![…](a)](b)
			pos := p.inlinePos(v)
			p.r.ds.Warnf(pos, "an image inside running text is not a figure (a figure is an image alone in its paragraph, with a blank line before and after it): only its caption text is kept")
		}
		return p.inlineList(v)
	case *east.FootnoteLink:
		pos := p.inlinePos(v)
		if p.inNote {
			p.r.ds.Warnf(pos, "a footnote cannot call another footnote: this call is left out (put the text in the note itself)")
			return nil
		}
		note := p.notes[v.Index]
		if note == nil {
			p.r.ds.Errorf(pos, "footnote reference has no definition")
			return nil
		}
		if _, done := p.noteRefs[v.Index]; !done {
			p.noteRefs[v.Index] = 1
			p.cur.Notes = append(p.cur.Notes, note)
			note.Number = len(p.cur.Notes)
			// The note's id ("fn-<chapter>-<label>") is minted once every
			// file is read, so that a link may name it; the notes the
			// citation pass makes get theirs when the book is prepared.
			ch, label := p.cur, note.Label
			p.r.mintLater(&note.ID, func() string { return "fn-" + ch.ID + "-" + label })
		} else {
			p.r.ds.Warnf(pos, "footnote [^%s] is referenced twice: a note has one call", note.Label)
			return nil
		}
		return []model.Inline{&model.NoteRef{Note: note, Pos: pos}}
	case *xrefNode:
		return []model.Inline{crossRef(v.Key, p.li.pos(v.Offset))}
	case *citationNode:
		pos := p.li.pos(v.Offset)
		items := make([]model.CitationItem, len(v.Items))
		for i, it := range v.Items {
			it.Pos = pos
			items[i] = it
		}
		if out, ok := p.citationOrRefs(items, pos); ok {
			return out
		}
		c := &model.Citation{Items: items, Pos: pos}
		p.r.citations = append(p.r.citations, c)
		return []model.Inline{c}
	}
	if out, ok := p.pandocInline(n); ok {
		return out
	}
	return p.inlineList(n)
}

// inlinePos finds a position for an inline node from its first text.
func (p *chapterParse) inlinePos(n ast.Node) model.Position {
	if off := n.Pos(); off >= 0 {
		return p.li.pos(off)
	}
	// The first text inside, found without recursion: inline nodes may
	// nest hundreds of thousands deep.
	stack := []ast.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if t, ok := c.(*ast.Text); ok {
			return p.li.pos(t.Segment.Start)
		}
		var kids []ast.Node
		for k := c.FirstChild(); k != nil; k = k.NextSibling() {
			kids = append(kids, k)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
	for par := n.Parent(); par != nil; par = par.Parent() {
		if par.Type() == ast.TypeBlock {
			return p.blockPos(par)
		}
	}
	return model.Position{File: p.file, Line: 1, Col: 1}
}
