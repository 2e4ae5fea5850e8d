package typeset

// Face is a parsed font: advance widths and kerning in font units.
// TEMPORARY outline; the line-breaking work fills it in.
type Face struct {
	UnitsPerEm int
}
