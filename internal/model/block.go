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

// ListStyle is how the items of an ordered list are numbered.
type ListStyle int

// The numbering styles (pandoc's fancy_lists and example_lists).
const (
	Decimal ListStyle = iota
	LowerAlpha
	UpperAlpha
	LowerRoman
	UpperRoman
)

// ListDelim is what follows (or surrounds) an ordered list's number.
type ListDelim int

// The delimiters: "1.", "1)" and "(1)".
const (
	Period ListDelim = iota
	OneParen
	TwoParens
)

// List is a bulleted or numbered list.
type List struct {
	BlockBase
	Ordered bool
	Start   int
	Tight   bool
	Style   ListStyle
	Delim   ListDelim
	Items   []*ListItem
}

// TaskState says whether a list item is a task (pandoc's task_lists) and
// whether it is done.
type TaskState int

// The task states of a list item.
const (
	NoTask TaskState = iota
	TaskOpen
	TaskDone
)

// ListItem is one item of a list.
type ListItem struct {
	Pos    Position
	Task   TaskState
	Blocks []Block
}

// Position returns where the item starts.
func (it *ListItem) Position() Position { return it.Pos }

// DefinitionList is a list of terms and their definitions (pandoc's
// definition_lists).
type DefinitionList struct {
	BlockBase
	Items []*DefinitionItem
}

// DefinitionItem is one term with its definitions, each a list of blocks.
type DefinitionItem struct {
	Pos         Position
	Term        []Inline
	Definitions [][]Block
}

// Position returns where the term starts.
func (it *DefinitionItem) Position() Position { return it.Pos }

// LineBlock is a block whose line breaks and leading spaces are kept:
// verse, addresses (pandoc's line_blocks, lines starting with "| ").
type LineBlock struct {
	BlockBase
	Lines [][]Inline
}

// BlockQuote is a quotation set off from the text.
type BlockQuote struct {
	BlockBase
	Blocks []Block
}

// Div is a block container with an id, classes, a language or other
// attributes: pandoc's fenced div (::: epigraph) or a raw HTML container
// element (<div class="alert">, <section>, <aside>) whose content is read
// as Markdown. Tag is the HTML element ("div" for a fenced div).
type Div struct {
	BlockBase
	Tag     string
	ID      string
	Lang    string
	Classes []string
	// Attrs holds the other attributes, already filtered for XHTML.
	Attrs  [][2]string
	Blocks []Block
}

// HasClass reports whether the div has the class.
func (d *Div) HasClass(c string) bool {
	for _, k := range d.Classes {
		if k == c {
			return true
		}
	}
	return false
}

// CodeBlock is preformatted text.
type CodeBlock struct {
	BlockBase
	Language string
	Text     string
}

// ThematicBreak is a scene break.
type ThematicBreak struct{ BlockBase }

// Table is a simple table: a header row and body rows of cells, with an
// optional caption (pandoc's "Table: …" line).
type Table struct {
	BlockBase
	ID string
	// Number is the table's number in the book (from 1) when it has a
	// caption, 0 for a table without one, which is not numbered.
	Number  int
	Caption []Inline
	Align   []string // "", "left", "center" or "right" per column
	// Widths are the columns' relative widths from a pipe table's dashes
	// (summing to 1), or nil when the dashes say nothing.
	Widths []float64
	Header [][]Inline
	Rows   [][][]Inline
}

// HasHeader reports whether the table has a header row with any text.
func (t *Table) HasHeader() bool {
	for _, c := range t.Header {
		if len(c) > 0 {
			return true
		}
	}
	return false
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
