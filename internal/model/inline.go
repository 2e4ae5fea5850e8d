package model

// Inline is an inline node of a paragraph, heading, caption or note.
type Inline interface{ inline() }

// Text is plain text.
type Text struct{ Value string }

// Emphasis is emphasised text (italic).
type Emphasis struct{ Children []Inline }

// Strong is strongly emphasised text (bold).
type Strong struct{ Children []Inline }

// Code is inline code.
type Code struct{ Text string }

// Superscript is raised text, such as the letters of an ordinal (1ᵉʳ).
type Superscript struct{ Children []Inline }

// SmallCaps is text in small capitals, such as a century in roman numerals.
type SmallCaps struct{ Children []Inline }

// LineBreak is a hard line break.
type LineBreak struct{}

// Span is a stretch of text in another language or with classes.
type Span struct {
	Lang     string
	Classes  []string
	Children []Inline
}

// Link is a hyperlink. A link to a place in the book has Internal set to
// the target's ID and Chapter to the ID of the chapter holding it.
type Link struct {
	URL      string
	Title    string
	Internal string
	Chapter  string
	Children []Inline
	Pos      Position
}

// NoteRef is a footnote call.
type NoteRef struct {
	Note *Note
	Pos  Position
}

// Citation is a pandoc-style citation: one or more cited sources. After
// the citation pass, Rendered holds its formatted text (for author-date
// styles) or Note holds the footnote that replaced it (for notes styles).
type Citation struct {
	Items    []CitationItem
	Rendered []Inline
	Note     *Note
	Pos      Position
}

// CitationItem is one source in a citation, with what surrounds it.
type CitationItem struct {
	Key            string
	Prefix         string
	Locator        string // as written, e.g. "p. 12" or "12-14"
	Suffix         string
	SuppressAuthor bool
	Pos            Position
}

// RawInline is inline raw HTML converted to safe XHTML nodes.
type RawInline struct {
	Nodes []*HTMLNode
	Pos   Position
}

func (*Text) inline()        {}
func (*Emphasis) inline()    {}
func (*Strong) inline()      {}
func (*Code) inline()        {}
func (*Superscript) inline() {}
func (*SmallCaps) inline()   {}
func (*LineBreak) inline()   {}
func (*Span) inline()        {}
func (*Link) inline()        {}
func (*NoteRef) inline()     {}
func (*Citation) inline()    {}
func (*RawInline) inline()   {}
