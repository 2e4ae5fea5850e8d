package manuscript

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/publish-books/publish/internal/model"
)

// citationKind is the goldmark node kind of a bracketed citation.
var citationKind = ast.NewNodeKind("Citation")

// citationNode is a pandoc citation [prefix @key, locator suffix; …] as
// found by the parser, before conversion to the model.
type citationNode struct {
	ast.BaseInline
	Items  []model.CitationItem
	Offset int // byte offset of the "[" in the source
}

func (n *citationNode) Kind() ast.NodeKind { return citationKind }

func (n *citationNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// citationParser recognises bracketed citations. It runs before goldmark's
// link parser: a bracket whose content holds an @key and that is not
// followed by "(" or "[" is a citation.
type citationParser struct{}

// maxCitation is the longest bracketed citation, in bytes.
const maxCitation = 2000

func (citationParser) Trigger() []byte { return []byte{'['} }

// citeItemPattern is compiled when a citation is first read (its Unicode
// classes take a third of a millisecond to compile, at every start of
// publish otherwise).
var citeItemPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.*?)(-?)@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)(.*)$`)
})

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[1] == '^' {
		return nil
	}
	savedLine, savedSeg := block.Position()
	start := seg.Start
	var content strings.Builder
	rest := line[1:]
	consumed := 1
	for {
		// Look at most maxCitation bytes ahead: a citation is short, and an
		// unbounded look-ahead at every "[" would make a line of brackets
		// take quadratic time.
		window := rest
		if len(window) > maxCitation {
			window = window[:maxCitation]
		}
		end := bytes.IndexAny(window, "[]")
		if end >= 0 && window[end] == '[' || end < 0 && len(rest) > maxCitation {
			block.SetPosition(savedLine, savedSeg)
			return nil
		}
		if end >= 0 {
			content.Write(rest[:end])
			consumed += end + 1
			break
		}
		content.Write(rest)
		content.WriteByte(' ')
		block.AdvanceLine()
		consumed = 0
		next, _ := block.PeekLine()
		if next == nil || content.Len() > maxCitation {
			block.SetPosition(savedLine, savedSeg)
			return nil
		}
		rest = next
	}
	inner := strings.TrimSpace(strings.Join(strings.Fields(content.String()), " "))
	if !strings.Contains(inner, "@") {
		block.SetPosition(savedLine, savedSeg)
		return nil
	}
	// Look at what follows: "(" or "[" makes it a link.
	block.Advance(consumed)
	if after, _ := block.PeekLine(); len(after) > 0 && (after[0] == '(' || after[0] == '[') {
		block.SetPosition(savedLine, savedSeg)
		return nil
	}
	var items []model.CitationItem
	for _, part := range strings.Split(inner, ";") {
		m := citeItemPattern().FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			block.SetPosition(savedLine, savedSeg)
			return nil
		}
		key := strings.TrimRight(m[3], ".:,;?!/-")
		rest := m[3][len(key):] + m[4]
		it := model.CitationItem{Key: key, Prefix: strings.TrimSpace(m[1]), SuppressAuthor: m[2] == "-"}
		rest = strings.TrimSpace(rest)
		if strings.HasPrefix(rest, ",") {
			it.Locator = strings.TrimSpace(rest[1:])
		} else {
			it.Suffix = rest
		}
		items = append(items, it)
	}
	return &citationNode{Items: items, Offset: start}
}
