package model

import "reflect"

// Node is any node of the chapter tree: a chapter, a note, a block, an
// inline, or one of the items that lists hold.
type Node interface {
	Position() Position
}

// WalkStatus tells Walk how to go on after a node, as goldmark's
// ast.WalkStatus does.
type WalkStatus int

// The walk statuses.
const (
	// WalkContinue goes on into the node's children, then its siblings.
	WalkContinue WalkStatus = iota
	// WalkSkipChildren goes on with the node's siblings.
	WalkSkipChildren
	// WalkStop ends the walk.
	WalkStop
)

// Walker is called for each node twice, entering (before its children)
// and leaving (after them). The status it returns when leaving counts
// only for WalkStop.
type Walker func(n Node, entering bool) WalkStatus

// Walk visits n and its descendants depth-first in reading order: a
// chapter's title, blocks, then notes; a figure's caption, then credit; a
// table's caption, header cells, then body cells; a citation's rendered
// text. A note call does not descend into its note (the chapter holds the
// note). Walk returns WalkStop when fn stopped the walk.
func Walk(n Node, fn Walker) WalkStatus {
	if n == nil {
		return WalkContinue
	}
	switch st := fn(n, true); st {
	case WalkStop:
		return WalkStop
	case WalkSkipChildren:
		return fn(n, false)
	}
	if eachChild(n, func(c Node) bool { return Walk(c, fn) == WalkStop }) {
		return WalkStop
	}
	if fn(n, false) == WalkStop {
		return WalkStop
	}
	return WalkContinue
}

// WalkBook walks every chapter of the book in reading order.
func WalkBook(b *Book, fn Walker) WalkStatus {
	for _, ch := range b.Chapters {
		if Walk(ch, fn) == WalkStop {
			return WalkStop
		}
	}
	return WalkContinue
}

// eachChild calls visit on each child of n in reading order until visit
// returns true (stop); it reports whether visit stopped.
func eachChild(n Node, visit func(Node) bool) bool {
	if isNil(n) {
		return false
	}
	inlines := func(ins []Inline) bool {
		for _, in := range ins {
			if visit(in) {
				return true
			}
		}
		return false
	}
	blocks := func(bs []Block) bool {
		for _, b := range bs {
			if visit(b) {
				return true
			}
		}
		return false
	}
	switch v := n.(type) {
	case *Chapter:
		if inlines(v.Title) || blocks(v.Blocks) {
			return true
		}
		for _, note := range v.Notes {
			if visit(note) {
				return true
			}
		}
	case *Note:
		return blocks(v.Blocks)
	case *ListItem:
		return blocks(v.Blocks)
	case *DefinitionItem:
		if inlines(v.Term) {
			return true
		}
		for _, d := range v.Definitions {
			if blocks(d) {
				return true
			}
		}
	case Block:
		return eachBlockChild(v, visit)
	case Inline:
		return inlines(InlineChildren(v))
	}
	return false
}

// BlockChildren returns the direct children of a block in reading order:
// blocks, list items, or inlines.
func BlockChildren(b Block) []Node {
	var out []Node
	eachBlockChild(b, func(c Node) bool {
		out = append(out, c)
		return false
	})
	return out
}

// eachBlockChild calls visit on each direct child of a block in reading
// order (BlockChildren's) until visit returns true (stop); it reports
// whether visit stopped. The walker visits a block's children without
// making a list of them for each block.
func eachBlockChild(b Block, visit func(Node) bool) bool {
	if isNil(b) {
		return false
	}
	inlines := func(ins []Inline) bool {
		for _, in := range ins {
			if visit(in) {
				return true
			}
		}
		return false
	}
	blocks := func(bs []Block) bool {
		for _, b := range bs {
			if visit(b) {
				return true
			}
		}
		return false
	}
	switch v := b.(type) {
	case *Paragraph:
		return inlines(v.Inlines)
	case *Heading:
		return inlines(v.Inlines)
	case *FigureBlock:
		if v.Figure != nil {
			return inlines(v.Figure.Caption) || inlines(v.Figure.Credit)
		}
	case *List:
		for _, it := range v.Items {
			if it != nil && visit(it) {
				return true
			}
		}
	case *DefinitionList:
		for _, it := range v.Items {
			if it != nil && visit(it) {
				return true
			}
		}
	case *LineBlock:
		for _, l := range v.Lines {
			if inlines(l) {
				return true
			}
		}
	case *BlockQuote:
		return blocks(v.Blocks)
	case *Div:
		return blocks(v.Blocks)
	case *Table:
		if inlines(v.Caption) {
			return true
		}
		for _, c := range v.Header {
			if inlines(c) {
				return true
			}
		}
		for _, row := range v.Rows {
			for _, c := range row {
				if inlines(c) {
					return true
				}
			}
		}
	case *CodeBlock, *ThematicBreak, *HTMLBlock:
	default:
		panic("model: BlockChildren does not know " + typeName(b))
	}
	return false
}

// InlineChildren returns the inlines an inline holds (a citation's
// rendered text), or nil for a leaf.
func InlineChildren(in Inline) []Inline {
	if isNil(in) {
		return nil
	}
	switch v := in.(type) {
	case *Emphasis:
		return v.Children
	case *Strong:
		return v.Children
	case *Strikeout:
		return v.Children
	case *Superscript:
		return v.Children
	case *Subscript:
		return v.Children
	case *SmallCaps:
		return v.Children
	case *Span:
		return v.Children
	case *Element:
		return v.Children
	case *Math:
		return v.Children
	case *Link:
		return v.Children
	case *Citation:
		return v.Rendered
	case *Text, *Code, *LineBreak, *NoteRef, *RawInline:
		return nil
	}
	panic("model: InlineChildren does not know " + typeName(in))
}

// InlineLists returns pointers to the inline lists a block holds directly
// (not those of its child blocks), so that a pass may replace them.
func InlineLists(b Block) []*[]Inline {
	if isNil(b) {
		return nil
	}
	switch v := b.(type) {
	case *Paragraph:
		return []*[]Inline{&v.Inlines}
	case *Heading:
		return []*[]Inline{&v.Inlines}
	case *FigureBlock:
		if v.Figure == nil {
			return nil
		}
		return []*[]Inline{&v.Figure.Caption}
	case *LineBlock:
		out := make([]*[]Inline, len(v.Lines))
		for i := range v.Lines {
			out[i] = &v.Lines[i]
		}
		return out
	case *Table:
		out := []*[]Inline{&v.Caption}
		for i := range v.Header {
			out = append(out, &v.Header[i])
		}
		for _, row := range v.Rows {
			for i := range row {
				out = append(out, &row[i])
			}
		}
		return out
	case *DefinitionList:
		out := make([]*[]Inline, 0, len(v.Items))
		for _, it := range v.Items {
			if it != nil {
				out = append(out, &it.Term)
			}
		}
		return out
	}
	return nil
}

// ChildBlocks returns the block lists a block holds directly.
func ChildBlocks(b Block) [][]Block {
	if isNil(b) {
		return nil
	}
	switch v := b.(type) {
	case *List:
		out := make([][]Block, 0, len(v.Items))
		for _, it := range v.Items {
			if it != nil {
				out = append(out, it.Blocks)
			}
		}
		return out
	case *DefinitionList:
		var out [][]Block
		for _, it := range v.Items {
			if it != nil {
				out = append(out, it.Definitions...)
			}
		}
		return out
	case *BlockQuote:
		return [][]Block{v.Blocks}
	case *Div:
		return [][]Block{v.Blocks}
	}
	return nil
}

// WalkInlines calls fn for every inline list in the chapter (title,
// paragraphs, headings, captions, list items, definition terms, lines of
// line blocks, table captions and cells, and notes), with a pointer so
// that fn may replace the list.
func WalkInlines(ch *Chapter, fn func(ins *[]Inline)) {
	fn(&ch.Title)
	walkBlocks(ch.Blocks, fn)
	for _, n := range ch.Notes {
		walkBlocks(n.Blocks, fn)
	}
}

func walkBlocks(bs []Block, fn func(ins *[]Inline)) {
	for _, b := range bs {
		for _, l := range InlineLists(b) {
			fn(l)
		}
		for _, kids := range ChildBlocks(b) {
			walkBlocks(kids, fn)
		}
	}
}

// SetInlineChildren replaces the children of an inline that has them (a
// citation's rendered text); it does nothing to a leaf.
func SetInlineChildren(in Inline, kids []Inline) {
	switch v := in.(type) {
	case *Emphasis:
		v.Children = kids
	case *Strong:
		v.Children = kids
	case *Strikeout:
		v.Children = kids
	case *Superscript:
		v.Children = kids
	case *Subscript:
		v.Children = kids
	case *SmallCaps:
		v.Children = kids
	case *Span:
		v.Children = kids
	case *Element:
		v.Children = kids
	case *Math:
		v.Children = kids
	case *Link:
		v.Children = kids
	case *Citation:
		v.Rendered = kids
	}
}

// isNil reports whether n is nil or a nil pointer in an interface (a
// model built by hand may hold one; the walker skips it).
func isNil(n any) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
