package manuscript

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

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

	nodes, probs := rawhtml.Convert(raw, rawhtml.Flow)
	for _, pr := range probs {
		p.r.ds.WarnCodef("raw-html", at(pr.Offset), "%s", pr.Message)
	}
	p.registerHTMLIDs(nodes, pos)
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
