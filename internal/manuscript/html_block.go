package manuscript

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// htmlBlock converts a raw HTML block of the manuscript into safe XHTML
// nodes, reporting what it leaves out at its place in the file.
func (p *chapterParse) htmlBlock(v *ast.HTMLBlock, pos model.Position) []model.Block {
	// Join the block's lines, remembering where each came from, so that a
	// problem found at an offset of the fragment points into the file.
	var b strings.Builder
	type piece struct{ raw, src int }
	var pieces []piece
	addSeg := func(start, stop int) {
		pieces = append(pieces, piece{b.Len(), start})
		b.Write(p.src[start:stop])
	}
	lines := v.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		addSeg(s.Start, s.Stop)
	}
	if v.HasClosure() {
		addSeg(v.ClosureLine.Start, v.ClosureLine.Stop)
	}
	raw := b.String()
	at := func(off int) model.Position {
		i := sort.Search(len(pieces), func(i int) bool { return pieces[i].raw > off }) - 1
		if i < 0 {
			return pos
		}
		return p.li.pos(pieces[i].src + off - pieces[i].raw)
	}

	// Container elements (<div>, <section>, <aside> …) on lines of their
	// own around Markdown become divs whose content is read as Markdown,
	// with or without blank lines around the content.
	if out, ok := p.htmlContainer(v, pos); ok {
		return out
	}

	// A block holding only an opening tag (or only a closing one) wraps
	// Markdown: "<div lang=…>", a blank line, paragraphs, "</div>".
	if names, kind, ok := rawhtml.LoneTags(raw); ok && !anyDropped(names) {
		if kind == rawhtml.StartTag {
			for _, n := range names {
				p.openBlockTags[n]++
			}
			p.r.ds.Warnf(pos, "<%s> around Markdown: the tag and its attributes are left out, the Markdown inside is kept (raw HTML applies to raw HTML only)", strings.Join(names, "><"))
			return nil
		}
		unmatched := []string{}
		for _, n := range names {
			if p.openBlockTags[n] > 0 {
				p.openBlockTags[n]--
			} else {
				unmatched = append(unmatched, n)
			}
		}
		if len(unmatched) > 0 {
			p.r.ds.Warnf(pos, "</%s> without a matching opening tag: left out", strings.Join(unmatched, "></"))
		}
		return nil
	}

	nodes := p.rawHTMLNodes(raw, at, pos)
	if len(nodes) == 0 {
		return nil
	}
	return []model.Block{&model.HTMLBlock{BlockBase: model.BlockBase{Pos: pos}, Nodes: nodes}}
}

func anyDropped(names []string) bool {
	for _, n := range names {
		if rawhtml.ElementAction(n) == rawhtml.Drop {
			return true
		}
	}
	return false
}

// registerHTMLIDs records the ids of raw HTML elements so that they stay
// unique in the book and links can reach them.
func (p *chapterParse) registerHTMLIDs(nodes []*model.HTMLNode, pos model.Position) {
	for _, n := range nodes {
		for i, a := range n.Attrs {
			if a[0] == "id" {
				n.Attrs[i][1] = p.r.reserveID(a[1], pos)
			}
		}
		p.registerHTMLIDs(n.Children, pos)
	}
}

// containerTags are the HTML elements that, on lines of their own, wrap
// Markdown: they become a model.Div with that tag, and their content is
// read as Markdown, as pandoc does (markdown_in_html_blocks, native_divs).
var containerTags = map[string]bool{
	"div": true, "section": true, "aside": true, "article": true,
	"header": true, "footer": true, "nav": true, "main": true,
}

// htmlTag is a start or end tag of a container element.
type htmlTag struct {
	name  string
	attrs [][2]string
	end   bool
	at    int // byte offset in the source
}

// maxTagLines is the most lines a container's tags may run over.
const maxTagLines = 4

// containerLines reads lines holding only start or end tags of container
// elements, as containerLine does, the lines taken together.
func (p *chapterParse) containerLines(segs []text.Segment) ([]htmlTag, bool) {
	if len(segs) == 1 {
		return containerLine(segs[0].Value(p.src), segs[0].Start)
	}
	var joined []byte
	for _, s := range segs {
		joined = append(joined, s.Value(p.src)...)
	}
	tags, ok := containerLine(joined, 0)
	for i := range tags {
		// Back from the joined text to the file: find the line of the tag.
		off := tags[i].at
		for _, s := range segs {
			if off < s.Len() {
				tags[i].at = s.Start + off
				break
			}
			off -= s.Len()
		}
	}
	return tags, ok
}

// containerLine reads a line holding only start or end tags of container
// elements (and spaces); ok is false for any other line. start is the
// line's byte offset in the source.
func containerLine(line []byte, start int) (tags []htmlTag, ok bool) {
	if t := bytes.TrimSpace(line); len(t) < 3 || t[0] != '<' || t[len(t)-1] != '>' {
		return nil, false
	}
	z := html.NewTokenizer(bytes.NewReader(line))
	off := 0
	for {
		tt := z.Next()
		raw := len(z.Raw())
		switch tt {
		case html.ErrorToken:
			return tags, len(tags) > 0
		case html.TextToken:
			if len(bytes.TrimSpace(z.Raw())) != 0 {
				return nil, false
			}
		case html.StartTagToken, html.EndTagToken:
			name, more := z.TagName()
			if !containerTags[string(name)] {
				return nil, false
			}
			t := htmlTag{name: string(name), end: tt == html.EndTagToken, at: start + off}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				t.attrs = append(t.attrs, [2]string{string(k), string(v)})
			}
			tags = append(tags, t)
		default:
			return nil, false
		}
		off += raw
	}
}

// divOpen marks where a container element opens, between the conversion
// of a raw HTML block and finishBlocks, which gathers the blocks up to the
// matching divClose into a model.Div. It never stays in the model.
type divOpen struct {
	model.BlockBase
	tag   string
	attrs [][2]string
}

// divClose marks where a container element closes.
type divClose struct {
	model.BlockBase
	tag string
}

// maxContainerTags bounds the container tags that one raw HTML block may
// open or close around Markdown; a block with more is kept as raw HTML.
const maxContainerTags = 20

// maxDivNesting bounds the nesting of the divs made of container tags in
// one list of sibling blocks.
const maxDivNesting = 100

// maxReparseDepth bounds the nesting of container elements whose content
// is read again as Markdown.
const maxReparseDepth = 50

// htmlContainer converts a raw HTML block that starts or ends with lines
// holding only tags of container elements: those lines become markers
// that finishBlocks pairs into divs, and the lines between them are read
// as Markdown. ok is false for any other block.
func (p *chapterParse) htmlContainer(v *ast.HTMLBlock, pos model.Position) (out []model.Block, ok bool) {
	var segs []text.Segment
	lines := v.Lines()
	for i := 0; i < lines.Len(); i++ {
		segs = append(segs, lines.At(i))
	}
	if v.HasClosure() {
		segs = append(segs, v.ClosureLine)
	}
	markers := func(tags []htmlTag) []model.Block {
		var bs []model.Block
		for _, t := range tags {
			base := model.BlockBase{Pos: p.li.pos(t.at)}
			if t.end {
				bs = append(bs, &divClose{BlockBase: base, tag: t.name})
			} else {
				bs = append(bs, &divOpen{BlockBase: base, tag: t.name, attrs: t.attrs})
			}
		}
		return bs
	}
	var head, tail []model.Block
	first, last := 0, len(segs)
	// A start tag may run over several lines (attributes on lines of
	// their own): up to maxTagLines lines are read together.
	for first < last {
		k := 1
		for ; k <= maxTagLines && first+k <= last; k++ {
			if tags, ok := p.containerLines(segs[first : first+k]); ok {
				head = append(head, markers(tags)...)
				break
			}
		}
		if k > maxTagLines || first+k > last {
			break
		}
		first += k
	}
	for last > first {
		k := 1
		for ; k <= maxTagLines && last-k >= first; k++ {
			if tags, ok := p.containerLines(segs[last-k : last]); ok {
				tail = append(markers(tags), tail...)
				break
			}
		}
		if k > maxTagLines || last-k < first {
			break
		}
		last -= k
	}
	if len(head) == 0 && len(tail) == 0 || len(head)+len(tail) > maxContainerTags {
		return nil, false
	}
	if first == last {
		return append(head, tail...), true
	}
	// Lines between the tags are read as Markdown only when the block is
	// one whole element (or nested whole elements): its start tags open
	// it, its end tags close them, as in <div class="alert"> … </div>.
	// Any other block is raw HTML, as CommonMark reads it: an unclosed
	// <div> followed by text, or an end tag followed by text, keeps its
	// text as written (CommonMark examples 150, 151, 155, 161, 186).
	if !balancedContainer(head, tail) {
		return nil, false
	}
	inner, ok := p.reparse(segs[first:last], pos)
	if !ok {
		return nil, false
	}
	out = append(head, inner...)
	return append(out, tail...), true
}

// balancedContainer reports whether head holds only start tags and tail
// only the end tags that close them, innermost first.
func balancedContainer(head, tail []model.Block) bool {
	if len(head) == 0 || len(head) != len(tail) {
		return false
	}
	for i, b := range head {
		open, ok := b.(*divOpen)
		if !ok {
			return false
		}
		closing, ok := tail[len(tail)-1-i].(*divClose)
		if !ok || closing.tag != open.tag {
			return false
		}
	}
	return true
}

// reparse reads again as Markdown the lines of a raw HTML block that lie
// between the tags of a container element. It parses a copy of the
// source in which everything but these lines is blank (newlines kept),
// so that byte offsets, and thus positions, stay those of the file. The
// blocks are not finished: they join the list of the block's siblings.
// ok is false when the lines cannot be read so (the caller keeps them as
// raw HTML).
func (p *chapterParse) reparse(segs []text.Segment, pos model.Position) (out []model.Block, ok bool) {
	st := &p.blk
	end := segs[len(segs)-1].Stop
	from := p.li.starts[p.li.pos(segs[0].Start).Line-1]
	explain := ""
	for _, s := range segs {
		lineStart := p.li.starts[p.li.pos(s.Start).Line-1]
		prefix := s.Start - lineStart
		lead := len(s.Value(p.src)) - len(bytes.TrimLeft(s.Value(p.src), " "))
		if prefix > 0 && lead < 4 && prefix+lead >= 4 {
			explain = "in a list item indented by four spaces or more"
		}
	}
	switch {
	case explain != "":
	case st.reparseDepth >= maxReparseDepth:
		explain = fmt.Sprintf("nested more than %d deep", maxReparseDepth)
	case st.reparsed+end-from > 16*len(p.src)+1<<20:
		if st.overBudget {
			return nil, false
		}
		st.overBudget = true
		explain = "this file has too much raw HTML to read again as Markdown: this element and the following ones"
	}
	if explain != "" {
		p.r.ds.Warnf(pos, "the Markdown inside this HTML element is not read (%s): it is kept as raw HTML", explain)
		return nil, false
	}
	st.reparsed += end - from
	if st.blank == nil {
		st.blank = make([]byte, len(p.src))
		for i, c := range p.src {
			if c == '\n' {
				st.blank[i] = '\n'
			} else {
				st.blank[i] = ' '
			}
		}
	}
	for _, s := range segs {
		copy(st.blank[s.Start:s.Stop], p.src[s.Start:s.Stop])
	}
	doc, parsed := p.parseFrom(st.blank[:end], from)
	for _, s := range segs {
		for i := s.Start; i < s.Stop; i++ {
			if st.blank[i] != '\n' {
				st.blank[i] = ' '
			}
		}
	}
	if !parsed {
		return nil, true
	}
	for _, s := range segs {
		if bytes.Contains(s.Value(p.src), []byte("[^")) {
			p.r.ds.Warnf(p.li.pos(s.Start), "a footnote call or definition inside an HTML element is not read as a footnote: put the note outside the element")
			break
		}
	}
	st.reparseDepth++
	defer func() { st.reparseDepth-- }()
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, p.block(c, st.reparseDepth)...)
	}
	return out, true
}

// htmlDivs pairs the container markers among sibling blocks into divs,
// finishing the blocks inside each; a marker without its pair is reported
// and left out, the blocks after it kept.
func (p *chapterParse) htmlDivs(bs []model.Block) []model.Block {
	found := false
	for _, b := range bs {
		switch b.(type) {
		case *divOpen, *divClose:
			found = true
		}
	}
	if !found {
		return bs
	}
	type open struct {
		m   *divOpen
		idx int // index in out of the first block inside
	}
	var stack []open
	var skipped map[string]int // tags left out for their depth
	out := bs[:0:0]
	closeTop := func() {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		attrs := top.m.attrs[:0:0]
		for _, a := range top.m.attrs {
			if strings.ToLower(a[0]) != "markdown" { // <div markdown="1">
				attrs = append(attrs, [2]string{strings.ToLower(a[0]), a[1]})
			}
		}
		d := p.newDiv(top.m.tag, attrs, top.m.Pos, top.m.BlockBase)
		d.Blocks = p.finishOthers(append([]model.Block(nil), out[top.idx:]...))
		out = append(out[:top.idx], d)
	}
	for _, b := range bs {
		switch m := b.(type) {
		case *divOpen:
			if len(stack) >= maxDivNesting {
				if skipped == nil {
					skipped = map[string]int{}
					p.r.ds.Warnf(m.Pos, "HTML elements nested more than %d deep: the deeper tags are left out, the Markdown inside them kept", maxDivNesting)
				}
				skipped[m.tag]++
				continue
			}
			stack = append(stack, open{m, len(out)})
		case *divClose:
			if skipped[m.tag] > 0 {
				skipped[m.tag]--
				continue
			}
			k := len(stack) - 1
			for k >= 0 && stack[k].m.tag != m.tag {
				k--
			}
			if k < 0 {
				p.unpaired(m.Pos, "</%s> without a matching <%s> before it in the same block: left out", m.tag, m.tag)
				continue
			}
			for len(stack)-1 > k {
				top := stack[len(stack)-1]
				p.unpaired(top.m.Pos, "<%s> is not closed before </%s> (line %d): closed there", top.m.tag, m.tag, m.Pos.Line)
				closeTop()
			}
			closeTop()
		default:
			out = append(out, b)
		}
	}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		p.unpaired(top.m.Pos, "<%s> is not closed by </%s> in the same block (chapter, quotation, list item or note): the tag and its attributes are left out, the Markdown after it is kept", top.m.tag, top.m.tag)
	}
	return out
}

// parseFrom runs the Markdown parser over src from the line starting at
// byte from: what comes before is not read, and the nodes' offsets are
// those of src. A panic of the parser is reported as parseMarkdown does.
func (p *chapterParse) parseFrom(src []byte, from int) (doc ast.Node, ok bool) {
	defer func() {
		if e := recover(); e != nil {
			p.r.ds.Errorf(p.li.pos(from), "the Markdown parser failed on this part of the file (%v): please report it with the file", e)
			doc, ok = nil, false
		}
	}()
	st := &p.blk
	if !st.refsRead {
		// The link reference definitions of the whole file, so that
		// [text][ref] inside the element finds a definition outside it.
		st.refsRead = true
		all := p.r.newParseContext(p.absFile)
		p.r.md.Parse(text.NewReader(p.src), parser.WithContext(all))
		st.refs = all.References()
	}
	ctx := parser.NewContext()
	for _, r := range st.refs {
		ctx.AddReference(r)
	}
	reader := text.NewReader(src)
	reader.SetPosition(0, text.NewSegment(from, from))
	reader.AdvanceLine()
	return p.r.md.Parse(reader, parser.WithContext(ctx)), true
}

// unpaired reports a container tag without its pair; past maxStrayReports
// in a file, the next ones are summed up in one report.
func (p *chapterParse) unpaired(pos model.Position, format string, args ...any) {
	p.blk.unpairedTags++
	switch {
	case p.blk.unpairedTags <= maxStrayReports:
		p.r.ds.Warnf(pos, format, args...)
	case p.blk.unpairedTags == maxStrayReports+1:
		p.r.ds.Warnf(pos, "more HTML container tags without their pair: left out too, not reported one by one")
	}
}
