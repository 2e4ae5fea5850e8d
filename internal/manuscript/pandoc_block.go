package manuscript

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"github.com/publish-books/publish/internal/model"
)

// blockExtensions are the goldmark extensions for the block syntax of
// pandoc's Markdown that manuscripts use.
func blockExtensions() []goldmark.Extender {
	return []goldmark.Extender{pandocBlocks{}, extension.DefinitionList}
}

// pandocBlocks adds the block parsers of this package to goldmark: fenced
// divs, line blocks, fancy and example lists, table captions.
type pandocBlocks struct{}

// Extend registers the block parsers. Fenced divs come before goldmark's
// definition lists, which also start with a colon.
func (pandocBlocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(fencedDivParser{}, 90),
		util.Prioritized(lineBlockParser{}, 95),
		util.Prioritized(tableCaptionParser{}, 96),
		util.Prioritized(tildeDefinitionParser{}, 97),
		util.Prioritized(fancyListParser{}, 250),
		util.Prioritized(fancyItemParser{}, 260),
	))
}

// pandocBlock converts a block node of the pandoc extensions; ok is false
// for a node it does not know.
func (p *chapterParse) pandocBlock(n ast.Node, base model.BlockBase, depth int) (out []model.Block, ok bool) {
	switch v := n.(type) {
	case *fencedDivNode:
		return []model.Block{p.fencedDiv(v, base, depth)}, true
	case *strayFenceNode:
		if v.TooDeep {
			if p.blk.deepFenceWarned {
				return nil, true
			}
			p.blk.deepFenceWarned = true
			p.r.ds.Warnf(base.Pos, "fenced divs nested more than %d deep: this fence is left out, the text inside kept (the same for the next ones in this file)", maxFencedDivNesting)
			return nil, true
		}
		p.blk.strayFences++
		switch {
		case p.blk.strayFences <= maxStrayReports:
			p.r.ds.Warnf(base.Pos, "this line of colons closes no fenced div (::: {.class} opens one): left out")
		case p.blk.strayFences == maxStrayReports+1:
			p.r.ds.Warnf(base.Pos, "more lines of colons close no fenced div: left out too, not reported one by one")
		}
		return nil, true
	case *lineBlockNode:
		return []model.Block{p.lineBlock(v, base)}, true
	case *fancyListNode:
		return []model.Block{p.fancyList(v, base, depth)}, true
	case *tableCaptionNode:
		return []model.Block{p.tableCaption(v, base)}, true
	case *east.DefinitionList:
		return []model.Block{p.definitionList(v, base, depth)}, true
	}
	return nil, false
}

// finishBlocks runs over a converted list of sibling blocks once it is
// complete (a chapter's, a quotation's, a list item's), for constructs
// that span several blocks.
func (p *chapterParse) finishBlocks(bs []model.Block) []model.Block {
	if !p.blk.refsLater {
		// References to examples are resolved once the file is read.
		p.blk.refsLater = true
		p.r.later = append(p.r.later, p.resolveExampleRefs)
	}
	return p.finishOthers(p.htmlDivs(bs))
}

// blockState is the state of the pandoc block syntax while one chapter
// file is converted.
type blockState struct {
	// blank is a copy of the source with everything but newlines blanked,
	// in which reparse copies the lines it reads again; reparsed counts
	// the bytes read again so far, and reparseDepth the nesting.
	blank        []byte
	reparsed     int
	reparseDepth int
	overBudget   bool // reparse refused for the file's size: reported once
	// refs holds the file's link reference definitions, read once
	// (refsRead) for the elements read again.
	refs     []parser.Reference
	refsRead bool
	// examples counts the items of example lists so far; labels holds
	// the labelled ones.
	examples int
	labels   map[string]exampleRef
	// refsLater is set once resolveExampleRefs is scheduled.
	refsLater bool
	// deepFenceWarned is set once fenced divs nested too deep are reported;
	// strayFences counts the closing fences that close no div.
	deepFenceWarned bool
	strayFences     int
	// unpairedTags counts the HTML container tags without their pair.
	unpairedTags int
}

// maxStrayReports is the number of stray closing fences reported one by
// one in a file.
const maxStrayReports = 20

// finishOthers runs the finishing steps other than the pairing of HTML
// container tags, once on each list of sibling blocks.
func (p *chapterParse) finishOthers(bs []model.Block) []model.Block {
	bs = p.rawBlocks(bs)
	bs = p.tableCaptions(bs)
	for _, b := range bs {
		if l, ok := b.(*model.List); ok {
			p.listDelimiter(l)
			p.taskItems(l)
		}
	}
	return bs
}
