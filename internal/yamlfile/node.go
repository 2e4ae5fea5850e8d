// Package yamlfile reads the project's YAML files (book.yaml, print.yaml,
// CSL-YAML sources) into a small positioned tree and checks them against
// the keys a caller expects, reporting every problem at file:line:col.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/publish-books/publish/internal/model"
)

// Kind says what a node holds.
type Kind int

// The kinds of node.
const (
	Null Kind = iota
	Scalar
	Map
	Seq
)

// String names the kind as a user reads it in an error.
func (k Kind) String() string {
	switch k {
	case Scalar:
		return "a value"
	case Map:
		return "a mapping (key: value lines)"
	case Seq:
		return "a list"
	}
	return "nothing"
}

// Node is a YAML node with its position.
type Node struct {
	Kind Kind
	// Value is a scalar's text; Quoted is true when it was written in
	// quotes (so "1944" stays a string).
	Value  string
	Quoted bool
	Pos    model.Position
	// Keys and Values hold a mapping's entries in file order.
	Keys   []*Node
	Values []*Node
	// Items holds a sequence's entries.
	Items []*Node
}

// MaxNodes bounds the size of a parsed document, so that a hostile file
// cannot make the reader allocate without limit.
const MaxNodes = 200000

// Parse reads a YAML document. Problems (syntax errors, aliases, more than
// one document) are reported to ds with their positions; the result is nil
// when nothing usable was read.
func Parse(file string, data []byte, ds *model.Diagnostics) *Node {
	if len(data) > MaxSize {
		ds.Errorf(model.Position{File: file}, "YAML file is %.1f MiB, more than the %d MiB publish reads", float64(len(data))/(1<<20), MaxSize>>20)
		return nil
	}
	// A byte order mark is invisible in editors; YAML allows it at the start.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line, col := invalidUTF8Position(data)
		ds.ErrorCodef("encoding", model.Position{File: file, Line: line, Col: col}, "invalid UTF-8 byte sequence")
		return nil
	}
	if line, col, r, ok := controlCharacter(data); ok {
		ds.ErrorCodef("encoding", model.Position{File: file, Line: line, Col: col}, "control character U+%04X: YAML allows only printable text (the file looks binary or corrupted)", r)
		return nil
	}
	// Line ends as editors count them: CRLF and a lone CR become LF, so
	// that the parser's line numbers are the editor's.
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if d, deep := checkNesting(file, data); deep {
		ds.Add(d)
		return nil
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		d := syntaxDiagnostic(file, err)
		if strings.Contains(d.Message, "']'") || strings.Contains(d.Message, "'}'") {
			if l, c, ok := unclosedBracket(data, d.Pos.Line, d.Pos.Col); ok {
				d.Pos.Line, d.Pos.Col = l, c
				d.Message += " (this bracket is not closed)"
			}
		}
		d.Pos = clamp(d.Pos, lineLengths(data))
		ds.Add(d)
		return nil
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return &Node{Kind: Null, Pos: model.Position{File: file, Line: 1, Col: 1}}
	}
	first := len(ds.List)
	if len(f.Docs) > 1 {
		p := positionOf(file, tokenOf(f.Docs[1]))
		ds.Errorf(p, "only one YAML document is allowed (remove the second '---')")
	}
	c := converter{file: file, ds: ds}
	root := c.convert(f.Docs[0].Body)
	// The parser places a missing value after the end of its line; keep
	// every position inside the file so that editors can jump to it.
	lines := lineLengths(data)
	clampTree(root, lines)
	for i := first; i < len(ds.List); i++ {
		if ds.List[i].Pos.File == file {
			ds.List[i].Pos = clamp(ds.List[i].Pos, lines)
		}
	}
	return root
}

// lineLengths returns the length in characters of each line of data,
// lines ending at LF, CRLF or CR.
func lineLengths(data []byte) []int {
	var out []int
	n := 0
	for i, r := range string(data) {
		switch {
		case r == '\r' && i+1 < len(data) && data[i+1] == '\n':
		case r == '\n' || r == '\r':
			out = append(out, n)
			n = 0
		default:
			n++
		}
	}
	return append(out, n)
}

func clamp(p model.Position, lines []int) model.Position {
	if p.Line > len(lines) {
		p.Line = len(lines)
		p.Col = lines[p.Line-1] + 1
	}
	if p.Line >= 1 && p.Col > lines[p.Line-1]+1 {
		p.Col = lines[p.Line-1] + 1
	}
	return p
}

func clampTree(n *Node, lines []int) {
	if n == nil {
		return
	}
	n.Pos = clamp(n.Pos, lines)
	for _, list := range [][]*Node{n.Keys, n.Values, n.Items} {
		for _, c := range list {
			clampTree(c, lines)
		}
	}
}

type converter struct {
	file      string
	ds        *model.Diagnostics
	count     int
	aliasSeen bool
}

func (c *converter) convert(n ast.Node) *Node {
	if n == nil {
		return &Node{Kind: Null}
	}
	c.count++
	pos := positionOf(c.file, tokenOf(n))
	if c.count > MaxNodes {
		if c.count == MaxNodes+1 {
			c.ds.Errorf(pos, "file too large: more than %d YAML nodes", MaxNodes)
		}
		return &Node{Kind: Null, Pos: pos}
	}
	switch v := n.(type) {
	case *ast.DocumentNode:
		return c.convert(v.Body)
	case *ast.CommentNode, *ast.CommentGroupNode:
		return &Node{Kind: Null, Pos: pos}
	case *ast.AnchorNode:
		return c.convert(v.Value)
	case *ast.TagNode:
		return c.convert(v.Value)
	case *ast.AliasNode:
		// Reported once: a chain of aliases (the "billion laughs") would
		// otherwise give thousands of lines.
		if !c.aliasSeen {
			c.aliasSeen = true
			c.ds.Errorf(pos, "YAML aliases (*name) are not supported here: write the value out")
		}
		return &Node{Kind: Null, Pos: pos}
	case *ast.MappingNode:
		m := &Node{Kind: Map, Pos: pos}
		if len(v.Values) > 0 && v.Values[0].Key != nil && !v.IsFlowStyle {
			m.Pos = positionOf(c.file, tokenOf(v.Values[0].Key))
		}
		for _, mv := range v.Values {
			c.addEntry(m, mv)
		}
		return m
	case *ast.MappingValueNode:
		m := &Node{Kind: Map, Pos: positionOf(c.file, tokenOf(v.Key))}
		c.addEntry(m, v)
		return m
	case *ast.SequenceNode:
		s := &Node{Kind: Seq, Pos: pos}
		for _, it := range v.Values {
			s.Items = append(s.Items, c.convert(it))
		}
		return s
	case *ast.NullNode:
		return &Node{Kind: Null, Pos: pos}
	case *ast.LiteralNode:
		return &Node{Kind: Scalar, Value: c.checkEscapes(v.Value.Value, pos), Quoted: true, Pos: pos}
	case *ast.StringNode:
		tk := tokenOf(v)
		quoted := tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType)
		return &Node{Kind: Scalar, Value: c.checkEscapes(v.Value, pos), Quoted: quoted, Pos: pos}
	case ast.ScalarNode:
		return &Node{Kind: Scalar, Value: scalarText(n), Pos: pos}
	}
	c.ds.Errorf(pos, "unsupported YAML construct")
	return &Node{Kind: Null, Pos: pos}
}

// checkEscapes refuses control characters that a double-quoted escape
// ("\u0000", "\x07") put in a value: no output format can hold them.
func (c *converter) checkEscapes(s string, pos model.Position) string {
	bad := func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7F || r == 0xFFFE || r == 0xFFFF
	}
	if i := strings.IndexFunc(s, bad); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		c.ds.Errorf(pos, "the value holds control character U+%04X, which no book can print", r)
		return strings.Map(func(r rune) rune {
			if bad(r) {
				return -1
			}
			return r
		}, s)
	}
	return s
}

func scalarText(n ast.Node) string {
	if tk := tokenOf(n); tk != nil {
		return tk.Value
	}
	return strings.TrimSpace(n.String())
}

func (c *converter) addEntry(m *Node, mv *ast.MappingValueNode) {
	if mv.Key == nil {
		return
	}
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		c.ds.Errorf(positionOf(c.file, tokenOf(mv.Key)), "YAML merge keys (<<) are not supported here")
		return
	}
	key := c.convert(mv.Key)
	if key.Kind != Scalar {
		c.ds.Errorf(key.Pos, "a key must be a plain name")
		return
	}
	for _, k := range m.Keys {
		if k.Value == key.Value {
			c.ds.ErrorCodef("syntax", key.Pos, "duplicate key %q (first at line %d)", key.Value, k.Pos.Line)
			return
		}
	}
	m.Keys = append(m.Keys, key)
	m.Values = append(m.Values, c.convert(mv.Value))
}

// tokenOf returns a node's token, or nil: some nodes of an incomplete
// document (a "---" with nothing after it) panic when asked.
func tokenOf(n ast.Node) (tk *token.Token) {
	defer func() {
		if recover() != nil {
			tk = nil
		}
	}()
	if n == nil {
		return nil
	}
	return n.GetToken()
}

func positionOf(file string, tk *token.Token) model.Position {
	if tk == nil || tk.Position == nil {
		return model.Position{File: file, Line: 1, Col: 1}
	}
	return model.Position{File: file, Line: max(tk.Position.Line, 1), Col: max(tk.Position.Column, 1)}
}

type tokenError interface {
	GetToken() *token.Token
	GetMessage() string
}

func syntaxDiagnostic(file string, err error) model.Diagnostic {
	var te tokenError
	if errors.As(err, &te) {
		msg := te.GetMessage()
		return model.Diagnostic{Pos: positionOf(file, te.GetToken()), Severity: model.Error,
			Code: "syntax", Message: "YAML syntax: " + strings.TrimSpace(msg)}
	}
	return model.Diagnostic{Pos: model.Position{File: file, Line: 1, Col: 1}, Severity: model.Error,
		Code: "syntax", Message: fmt.Sprintf("YAML syntax: %v", err)}
}

// controlCharacter finds the first character YAML does not allow in a
// stream (C0 and C1 controls other than tab, line feed, carriage return
// and NEL; DEL; U+FFFE and U+FFFF), with its line and column.
func controlCharacter(data []byte) (line, col int, r rune, found bool) {
	line, col = 1, 1
	for i, r := range string(data) {
		switch {
		case r == '\r' && i+1 < len(data) && data[i+1] == '\n':
			continue
		case r == '\n' || r == '\r':
			line, col = line+1, 1
			continue
		case r == '\t' || r == 0x85:
		case r < 0x20 || r >= 0x7F && r < 0xA0 || r == 0xFFFE || r == 0xFFFF:
			return line, col, r, true
		}
		col++
	}
	return 0, 0, 0, false
}

// invalidUTF8Position returns the line and column of the first invalid
// UTF-8 sequence in data.
func invalidUTF8Position(data []byte) (int, int) {
	line, col := 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		switch {
		case r == '\r' && len(data) > 1 && data[1] == '\n':
		case r == '\n' || r == '\r': // LF, CRLF and a lone CR end a line
			line, col = line+1, 1
		default:
			col++
		}
		data = data[size:]
	}
	return line, col
}

// InvalidUTF8Position returns the line and column (in characters) of the
// first invalid UTF-8 sequence in data; ok is false when data is valid.
func InvalidUTF8Position(data []byte) (line, col int, ok bool) {
	if utf8.Valid(data) {
		return 0, 0, false
	}
	line, col = invalidUTF8Position(data)
	return line, col, true
}
