// Package typeset breaks paragraphs into lines: it measures text with the
// font's real advance widths and kerning, hyphenates with TeX patterns and
// chooses line breaks with the Knuth-Plass algorithm over boxes, glue and
// penalties. Its output is positioned text pieces that a renderer draws
// as they are; it knows nothing of PDF.
//
// This file is the contract between the page builder (internal/pdf) and
// the line breaker. Keep these names and meanings stable.
package typeset

// Align says how the lines of a paragraph are set.
type Align int

// The alignments.
const (
	Justify Align = iota
	Left
	Center
	Right
)

// Style is how a run of text is set. Font is the renderer's key for the
// font (for example "serif-italic"); typeset passes it through.
type Style struct {
	Font string
	Face *Face
	Size float64 // points
	Rise float64 // baseline shift in points (superscripts), 0 normally
	// Link is an opaque link target the renderer attaches to the text.
	Link string
	// Strike asks the renderer to draw a line through the text (struck-out
	// text); typeset passes it through.
	Strike bool
}

// Run is a stretch of text in one style.
type Run struct {
	Text  string
	Style Style
	// Uncounted marks text that is not part of the model's visible text
	// (a footnote call's number, for example): it does not advance Offset.
	Uncounted bool
	// NoBreak forbids any line break inside the run.
	NoBreak bool
	// Literal marks text set exactly as written, such as inline code:
	// its spaces keep their natural width (never stretched nor shrunk by
	// justification) and each one counts (two spaces are two spaces); no
	// hyphenation applies and no hyphen is ever added. A line may break
	// at its spaces and, inside a word, only after one of / . - _ = ? & #
	// (three characters at least on each side), as in a web address.
	Literal bool
	// Break makes the run a forced line break (a hard line break, the end
	// of a line of verse): the line before it ends there, set at its
	// natural width (never stretched, as a paragraph's last line), and
	// the text after it starts a new line. The run's Text is counted (a
	// renderer gives it " " when its model counts a line break as a
	// space) but never drawn. Spaces before and after a forced break are
	// dropped, except no-break spaces (U+00A0) at the start of a line,
	// which are kept as an indent of one interword space each, as they
	// are at the start of a paragraph. Two breaks in a row leave an
	// empty line; a break at the paragraph's end adds nothing.
	Break bool
}

// Paragraph is what the page builder asks to set.
type Paragraph struct {
	Runs   []Run
	Width  float64 // the measure in points
	Indent float64 // first-line indent in points
	Align  Align
	// Lang selects the hyphenation patterns ("fr", "en"); "" disables
	// hyphenation.
	Lang string
	// NoHyphenAfter lists line indexes (from 0) that must not end with a
	// hyphen, so a page builder can forbid a hyphen on a page's last line
	// and set the paragraph again.
	NoHyphenAfter []int
	// Looseness asks for that many more (positive) or fewer (negative)
	// lines than the optimum when feasible, added to the setter's own
	// (TeX's \looseness), so that a page builder can make a page full.
	Looseness int
}

// Piece is text drawn at a horizontal position of a line, in one style.
// Kerning and justification are already applied to the positions.
type Piece struct {
	X    float64 // from the line's left edge, in points
	Text string
	// Style is the style of the run the piece comes from, shared by all
	// the pieces of that run (a book keeps every set line until its pages
	// are drawn: a pointer rather than a copy halves a piece's size).
	// It belongs to the Result: the Setter copies the paragraph's runs,
	// so a later change to them does not reach it. Do not change it.
	Style *Style
	// Offset is the rune offset of the piece's first character in the
	// paragraph's counted text (the concatenation of the counted runs).
	Offset int
	// Space is the space character set before this piece on the line
	// (' ', U+00A0, U+2009 …), 0 when the piece follows the previous one
	// directly (a split at a kerning pair, a style change, a narrow
	// no-break space, which is never drawn) or starts the line. Renderers
	// may use it to keep word boundaries in the PDF's text layer.
	Space rune
	// Ligatures is true when the piece was measured with its face's
	// ligatures (every run but a literal one): a renderer draws
	// Style.Face.Ligate(Text), not Text.
	Ligatures bool
}

// Line is one line of a set paragraph.
type Line struct {
	Pieces []Piece
	// Width is the line's width after adjustment, in points.
	Width float64
	// Ratio is the Knuth-Plass adjustment ratio (0 for a natural line,
	// positive when stretched, negative when shrunk, never below -1: a
	// space shrinks by SpaceShrink at most).
	Ratio      float64
	Hyphenated bool
	// Offset is the rune offset (in counted text) where the line starts.
	Offset int
	// Height is the line's tallest size in points, for leading.
	Height float64
}

// Result is a set paragraph.
type Result struct {
	Lines []Line
	// Fallback is true when no feasible Knuth-Plass break sequence existed
	// and lines were filled greedily (the page builder reports it).
	Fallback bool
	// Broken lists the words wider than the measure that had no allowed
	// break and were broken inside (after a punctuation mark where one
	// allows it, else between two characters, no hyphen added), so that
	// no line runs past the margin; the page builder reports them.
	Broken []BrokenWord
	// runs is the paragraph's runs as Set copied them, which the pieces'
	// styles point into (see AppendEncoded).
	runs []Run
}

// BrokenWord is a word broken inside because it is wider than the
// measure (see Result.Broken).
type BrokenWord struct {
	// Text is the word, Offset the rune offset of its first character in
	// the paragraph's counted text.
	Text   string
	Offset int
}
