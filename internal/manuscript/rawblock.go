package manuscript

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// rawFormat matches the info string of a raw block (pandoc's
// raw_attribute): ```{=html}.
var rawFormat = regexp.MustCompile(`^\{=([A-Za-z0-9_+-]+)\}$`)

// rawBlocks turns the fenced code blocks marked {=format} among bs into
// what they stand for: raw HTML (html, xhtml, epub) becomes an HTML block
// sanitised as raw HTML blocks are; other formats (latex, tex, context …)
// cannot be shown in both outputs and are left out with a warning.
func (p *chapterParse) rawBlocks(bs []model.Block) []model.Block {
	out := bs[:0:0]
	changed := false
	for _, b := range bs {
		cb, ok := b.(*model.CodeBlock)
		m := []string(nil)
		if ok {
			m = rawFormat.FindStringSubmatch(cb.Language)
		}
		if m == nil {
			out = append(out, b)
			continue
		}
		changed = true
		switch format := strings.ToLower(m[1]); format {
		case "html", "html5", "html4", "xhtml", "epub", "epub3":
			pos := cb.Pos
			at := func(off int) model.Position {
				before := cb.Text[:max(0, min(off, len(cb.Text)))]
				line := strings.Count(before, "\n")
				col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
				return model.Position{File: pos.File, Line: pos.Line + 1 + line, Col: pos.Col + col}
			}
			if nodes := p.rawHTMLNodes(cb.Text, at, pos); len(nodes) > 0 {
				out = append(out, &model.HTMLBlock{BlockBase: cb.BlockBase, Nodes: nodes})
			}
		default:
			p.r.ds.Warnf(cb.Pos, "raw %s block left out: only raw HTML ({=html}) can be shown in the EPUB and the print edition", m[1])
		}
	}
	if !changed {
		return bs
	}
	return out
}

// rawHTMLNodes converts raw HTML into safe XHTML nodes, reporting what it
// leaves out at its place (at gives the position of a byte offset of raw)
// and recording the ids it holds.
func (p *chapterParse) rawHTMLNodes(raw string, at func(int) model.Position, pos model.Position) []*model.HTMLNode {
	nodes, probs := rawhtml.Convert(raw, rawhtml.Flow)
	for _, pr := range probs {
		p.r.ds.WarnCodef("raw-html", at(pr.Offset), "%s", pr.Message)
	}
	p.registerHTMLIDs(nodes, pos)
	return nodes
}
