package model

// Inline is an inline node of a paragraph, heading, caption or note. Every
// inline knows where it starts in the manuscript (a zero Position for text
// that a pass generated, such as a formatted citation).
type Inline interface {
	Position() Position
	inline()
}

// Text is plain text.
type Text struct {
	Value string
	Pos   Position
}

// Emphasis is emphasised text (italic).
type Emphasis struct {
	Children []Inline
	Pos      Position
}

// Strong is strongly emphasised text (bold).
type Strong struct {
	Children []Inline
	Pos      Position
}

// Strikeout is struck-out text (pandoc's ~~text~~, HTML <s> or <del>).
type Strikeout struct {
	Children []Inline
	Pos      Position
}

// Code is inline code.
type Code struct {
	Text string
	Pos  Position
}

// Superscript is raised text, such as the letters of an ordinal (1ᵉʳ) or
// pandoc's ^text^.
type Superscript struct {
	Children []Inline
	Pos      Position
}

// Subscript is lowered text (pandoc's ~text~, as in H~2~O).
type Subscript struct {
	Children []Inline
	Pos      Position
}

// SmallCaps is text in small capitals, such as a century in roman numerals.
type SmallCaps struct {
	Children []Inline
	Pos      Position
}

// LineBreak is a hard line break.
type LineBreak struct{ Pos Position }

// Span is a stretch of text in another language, with classes or with an
// id: a bracketed span ([texte]{lang=de}) or an HTML <span>.
type Span struct {
	ID      string
	Lang    string
	Classes []string
	// Index is set when the span marks an index term ([Heim]{.index}):
	// its text stays in the running text, and ID (minted when the author
	// wrote none) is the anchor the index entry points to.
	Index    *IndexMark
	Children []Inline
	Pos      Position
}

// Element is an inline HTML element of the manuscript that the model has
// no node of its own for (<kbd>, <abbr>, <cite>, <q>, <mark> …), kept with
// its tag and its filtered attributes. Its children are model inlines, so
// every pass and renderer reaches its text.
type Element struct {
	Tag      string
	Attrs    [][2]string
	Children []Inline
	Pos      Position
}

// Attr returns the value of an attribute of the element, or "".
func (e *Element) Attr(name string) string {
	for _, a := range e.Attrs {
		if a[0] == name {
			return a[1]
		}
	}
	return ""
}

// Math is TeX math ($…$ or $$…$$). Children hold the formula as text
// (letters in italics, scripts raised or lowered), as pandoc's HTML writer
// sets simple formulas; TeX keeps the source.
type Math struct {
	TeX      string
	Display  bool
	Children []Inline
	Pos      Position
}

// Link is a hyperlink. A link to a place in the book has Internal set to
// the target's ID and Chapter to the ID of the chapter holding it.
type Link struct {
	URL      string
	Title    string
	Internal string
	Chapter  string
	// Ref is set for a cross-reference (@fig-plan, or an empty link
	// [](#id)): the preparation pass writes the target's label (« fig. 2 »)
	// as Children, and the print edition may follow it with the target's
	// page.
	Ref RefKind
	// Capital asks for a capitalised label (@Fig-plan: « Fig. 2 »).
	Capital  bool
	Children []Inline
	Pos      Position
}

// RefKind says what a cross-reference points to.
type RefKind int

// The kinds of cross-reference targets. NoRef is an ordinary link.
const (
	NoRef RefKind = iota
	// AnyRef is an empty link [](#id) before the preparation pass has
	// found what its target is.
	AnyRef
	FigureRef
	TableRef
	SectionRef // a chapter or a heading
	EquationRef
	NoteRefKind
)

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

// RawInline is raw HTML from the manuscript (a void element such as
// <wbr/>, or a `…`{=html} raw inline) converted to safe XHTML nodes. It
// shows in the EPUB; the print edition draws the text it holds.
type RawInline struct {
	Nodes []*HTMLNode
	Pos   Position
}

// Position returns where the text starts.
func (n *Text) Position() Position { return n.Pos }

// Position returns where the emphasis starts.
func (n *Emphasis) Position() Position { return n.Pos }

// Position returns where the strong emphasis starts.
func (n *Strong) Position() Position { return n.Pos }

// Position returns where the struck-out text starts.
func (n *Strikeout) Position() Position { return n.Pos }

// Position returns where the code starts.
func (n *Code) Position() Position { return n.Pos }

// Position returns where the superscript starts.
func (n *Superscript) Position() Position { return n.Pos }

// Position returns where the subscript starts.
func (n *Subscript) Position() Position { return n.Pos }

// Position returns where the small capitals start.
func (n *SmallCaps) Position() Position { return n.Pos }

// Position returns where the line break stands.
func (n *LineBreak) Position() Position { return n.Pos }

// Position returns where the span starts.
func (n *Span) Position() Position { return n.Pos }

// Position returns where the element starts.
func (n *Element) Position() Position { return n.Pos }

// Position returns where the formula starts.
func (n *Math) Position() Position { return n.Pos }

// Position returns where the link starts.
func (n *Link) Position() Position { return n.Pos }

// Position returns where the note call stands.
func (n *NoteRef) Position() Position { return n.Pos }

// Position returns where the citation starts.
func (n *Citation) Position() Position { return n.Pos }

// Position returns where the raw HTML starts.
func (n *RawInline) Position() Position { return n.Pos }

func (*Text) inline()        {}
func (*Emphasis) inline()    {}
func (*Strong) inline()      {}
func (*Strikeout) inline()   {}
func (*Code) inline()        {}
func (*Superscript) inline() {}
func (*Subscript) inline()   {}
func (*SmallCaps) inline()   {}
func (*LineBreak) inline()   {}
func (*Span) inline()        {}
func (*Element) inline()     {}
func (*Math) inline()        {}
func (*Link) inline()        {}
func (*NoteRef) inline()     {}
func (*Citation) inline()    {}
func (*RawInline) inline()   {}

// IsNoteCall reports whether an inline is set as a note call in both
// outputs: a note reference, or a citation the style puts in a note.
func IsNoteCall(in Inline) bool {
	switch n := in.(type) {
	case *NoteRef:
		return n.Note != nil
	case *Citation:
		return n.Note != nil
	}
	return false
}
