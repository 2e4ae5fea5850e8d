package model

// Block is a block-level node of a chapter.
type Block interface {
	// Position returns where the block starts in the manuscript.
	Position() Position
	block()
}

// BlockBase carries a block's position; it is embedded in every block.
type BlockBase struct{ Pos Position }

// Position returns where the block starts.
func (b *BlockBase) Position() Position { return b.Pos }
func (b *BlockBase) block()             {}

// Paragraph is a paragraph of running text.
type Paragraph struct {
	BlockBase
	Inlines []Inline
}

// Heading is a section heading of level 2 to 6 (level 1 is the chapter
// title, held by the Chapter).
type Heading struct {
	BlockBase
	Level   int
	ID      string
	Classes []string
	Inlines []Inline
}

// FigureBlock places a figure in the flow.
type FigureBlock struct {
	BlockBase
	Figure *Figure
}

// List is a bulleted or numbered list.
type List struct {
	BlockBase
	Ordered bool
	Start   int
	Tight   bool
	Items   []*ListItem
}

// ListItem is one item of a list.
type ListItem struct {
	Pos    Position
	Blocks []Block
}

// BlockQuote is a quotation set off from the text.
type BlockQuote struct {
	BlockBase
	Blocks []Block
}

// CodeBlock is preformatted text.
type CodeBlock struct {
	BlockBase
	Language string
	Text     string
}

// ThematicBreak is a scene break.
type ThematicBreak struct{ BlockBase }

// Table is a simple table: a header row and body rows of cells.
type Table struct {
	BlockBase
	Align  []string // "", "left", "center" or "right" per column
	Header [][]Inline
	Rows   [][][]Inline
}

// HTMLBlock is raw HTML from the manuscript, already converted to safe
// XHTML nodes.
type HTMLBlock struct {
	BlockBase
	Nodes []*HTMLNode
}

// HTMLNode is one node of raw HTML kept in the book: an element with its
// attributes and children, or text when Tag is empty.
type HTMLNode struct {
	Tag      string
	Attrs    [][2]string
	Text     string
	Children []*HTMLNode
	Block    bool // true for block-level elements
}
