package manuscript

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
)

// RefPrefixes maps the id prefixes reserved for cross-references to the
// kind of target they name (pandoc-crossref's and Quarto's: @fig-plan,
// @tbl-pertes, @sec-combats, @eq-einstein). A citation key may not start
// with one of them.
var RefPrefixes = map[string]model.RefKind{
	"fig-": model.FigureRef,
	"tbl-": model.TableRef,
	"sec-": model.SectionRef,
	"eq-":  model.EquationRef,
}

// RefKindOf returns the kind of cross-reference an @key is, and whether
// it is one: the key starts with a reserved prefix. A capital first
// letter (@Fig-plan) asks for a capitalised label and names the id in
// lower case ("fig-plan").
func RefKindOf(key string) (kind model.RefKind, id string, capital bool, ok bool) {
	if key == "" {
		return model.NoRef, "", false, false
	}
	low := key
	if r := rune(key[0]); unicode.IsUpper(r) {
		low = string(unicode.ToLower(r)) + key[1:]
		capital = true
	}
	for p, k := range RefPrefixes {
		if strings.HasPrefix(low, p) && len(low) > len(p) {
			return k, low, capital, true
		}
	}
	return model.NoRef, "", false, false
}

// xrefKind is the goldmark node kind of a bare cross-reference.
var xrefKind = ast.NewNodeKind("CrossRef")

// xrefNode is a bare cross-reference "@fig-plan" in the text.
type xrefNode struct {
	ast.BaseInline
	Key    string
	Offset int // byte offset of the "@"
}

func (n *xrefNode) Kind() ast.NodeKind { return xrefKind }

func (n *xrefNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// xrefParser recognises a bare @fig-…, @tbl-…, @sec-… or @eq-… that does
// not follow a letter or digit (an e-mail address stays text). Other
// bare @keys are left as they are.
type xrefParser struct{}

// xrefPattern is compiled when a bare @ is first met: its Unicode classes
// take a third of a millisecond to compile, which every start of publish
// would pay.
var xrefPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)`)
})

func (xrefParser) Trigger() []byte { return []byte{'@'} }

func (xrefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if prev := block.PrecendingCharacter(); unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '_' {
		return nil
	}
	line, seg := block.PeekLine()
	m := xrefPattern().FindSubmatch(line)
	if m == nil {
		return nil
	}
	key := strings.TrimRight(string(m[1]), ".:,;?!/-")
	if _, _, _, ok := RefKindOf(key); !ok {
		return nil
	}
	block.Advance(1 + len(key))
	return &xrefNode{Key: key, Offset: seg.Start}
}

// crossRef makes the model link of a cross-reference written @key at
// pos: its target is resolved with the other links, and its label
// written when the book is prepared.
func crossRef(key string, pos model.Position) *model.Link {
	kind, id, capital, _ := RefKindOf(key)
	return &model.Link{URL: "#" + id, Ref: kind, Capital: capital, Pos: pos}
}

// citationOrRefs converts a bracketed citation whose items are
// cross-references ([voir @fig-plan]) into its prefix, links and
// suffixes; a citation that mixes sources and cross-references is an
// error.
func (p *chapterParse) citationOrRefs(items []model.CitationItem, pos model.Position) ([]model.Inline, bool) {
	refs := 0
	for _, it := range items {
		if _, _, _, ok := RefKindOf(it.Key); ok {
			refs++
		}
	}
	if refs == 0 {
		return nil, false
	}
	if refs < len(items) {
		p.r.ds.Errorf(pos, "a citation mixes sources and cross-references: write them apart ([@source] and @fig-…); a source key may not start with fig-, tbl-, sec- or eq-")
	}
	var out []model.Inline
	for i, it := range items {
		if i > 0 {
			out = append(out, &model.Text{Value: "; ", Pos: pos})
		}
		if it.Prefix != "" {
			out = append(out, &model.Text{Value: it.Prefix + " ", Pos: pos})
		}
		if _, _, _, ok := RefKindOf(it.Key); ok {
			out = append(out, crossRef(it.Key, pos))
		} else {
			out = append(out, &model.Text{Value: "@" + it.Key, Pos: pos})
		}
		if it.Locator != "" {
			out = append(out, &model.Text{Value: ", " + it.Locator, Pos: pos})
		}
		if it.Suffix != "" {
			sfx := it.Suffix
			if !strings.HasPrefix(sfx, ",") {
				sfx = " " + sfx
			}
			out = append(out, &model.Text{Value: sfx, Pos: pos})
		}
	}
	return out, true
}
