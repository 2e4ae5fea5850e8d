package typeset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is a parsed TrueType font reduced to what line breaking needs:
// the character map, advance widths, kerning pairs and vertical metrics.
// A Face is immutable once parsed and safe for concurrent use.
type Face struct {
	upem    int
	ascent  float64 // em
	descent float64 // em, negative below the baseline
	// gid maps the runes below denseRunes to glyph ids; others use cmap.
	gid  []uint16
	font *sfnt.Font
	// adv holds every glyph's advance width in font units.
	adv []float64
	// pdfWidth holds every glyph's advance in thousandths of an em,
	// rounded as a PDF's font widths give it (PDFWidth).
	pdfWidth []int32
	// kern holds the font's horizontal kerning.
	kern kerning
	// space is the width of U+0020 in em.
	space float64
	// ligs holds the glyphs of the ligatures ff, fi, fl, ffi, ffl
	// (U+FB00–FB04), 0 where the font lacks one.
	ligs [5]uint16
}

// The ligatures a face may draw, at their code points in the font's
// character map (Unicode's compatibility ligatures).
const (
	ligFF  = '\uFB00'
	ligFI  = '\uFB01'
	ligFL  = '\uFB02'
	ligFFI = '\uFB03'
	ligFFL = '\uFB04'
)

// denseRunes is the size of the rune table cached at parse time.
const denseRunes = 0x2400

// ErrNotTrueType is returned by ParseFace for fonts whose outlines are not
// TrueType (CFF-flavoured OpenType, collections) and for data that is not
// a font at all.
var ErrNotTrueType = errors.New("not a TrueType font")

// ParseFace parses a TrueType font file. OpenType fonts with CFF outlines,
// font collections and data that is not a font are rejected with an error
// wrapping ErrNotTrueType; a damaged font gives an error, never a panic.
func ParseFace(ttf []byte) (face *Face, err error) {
	// The sfnt package indexes some tables without checking their bounds
	// (a damaged GPOS lookup list, found by FuzzParseFace).
	defer func() {
		if p := recover(); p != nil {
			face, err = nil, fmt.Errorf("typeset: parse font: the font file is damaged (%v)", p)
		}
	}()
	return parseFace(ttf)
}

// parseFace is ParseFace without the guard against the sfnt package's
// panics.
func parseFace(ttf []byte) (*Face, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("typeset: parse font: %w (only %d bytes)", ErrNotTrueType, len(ttf))
	}
	switch tag := binary.BigEndian.Uint32(ttf); tag {
	case 0x00010000, 0x74727565: // TrueType, "true"
	case 0x4f54544f: // "OTTO"
		return nil, fmt.Errorf("typeset: parse font: %w: OpenType with CFF outlines is not supported, use the TTF version", ErrNotTrueType)
	case 0x74746366: // "ttcf"
		return nil, fmt.Errorf("typeset: parse font: %w: font collections (.ttc) are not supported", ErrNotTrueType)
	default:
		return nil, fmt.Errorf("typeset: parse font: %w: unknown signature %q", ErrNotTrueType, ttf[:4])
	}
	tables, err := readTableDirectory(ttf)
	if err != nil {
		return nil, fmt.Errorf("typeset: parse font: %w", err)
	}
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("typeset: parse font: %w", err)
	}
	face := &Face{font: f, upem: int(f.UnitsPerEm())}
	if face.upem <= 0 {
		return nil, fmt.Errorf("typeset: parse font: units per em is %d", face.upem)
	}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(face.upem << 6)
	n := f.NumGlyphs()
	face.adv = make([]float64, n)
	for g := 0; g < n; g++ {
		a, err := f.GlyphAdvance(&buf, sfnt.GlyphIndex(g), ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("typeset: parse font: advance of glyph %d: %w", g, err)
		}
		face.adv[g] = float64(a) / 64
	}
	// Rounded as fpdf writes a font's /W array: the scale first, then
	// the product (utf8FontFile.parseHMTXTable), so that a tie rounds
	// the same way.
	face.pdfWidth = make([]int32, n)
	scale := 1000.0 / float64(face.upem)
	for g, a := range face.adv {
		face.pdfWidth[g] = int32(math.Round(scale * a))
	}
	face.gid = make([]uint16, denseRunes)
	for r := rune(0); r < denseRunes; r++ {
		g, err := f.GlyphIndex(&buf, r)
		if err == nil && int(g) < n {
			face.gid[r] = uint16(g)
		}
	}
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("typeset: parse font: metrics: %w", err)
	}
	face.ascent = float64(m.Ascent) / 64 / float64(face.upem)
	face.descent = -float64(m.Descent) / 64 / float64(face.upem)
	if face.kern, err = parseKerning(ttf, tables, n); err != nil {
		return nil, fmt.Errorf("typeset: parse font: kerning: %w", err)
	}
	for k := range face.ligs {
		face.ligs[k] = face.cmapGlyph(ligFF + rune(k))
	}
	if g := face.glyph(' '); g != 0 {
		face.space = face.adv[g] / float64(face.upem)
	} else {
		face.space = 0.25
	}
	return face, nil
}

// glyph returns the glyph id of r, 0 (.notdef) when the font lacks it.
func (f *Face) glyph(r rune) uint16 {
	if r >= 0 && r < denseRunes {
		return f.gid[r]
	}
	if r >= ligFF && r <= ligFFL {
		// Asked for each ligature drawn: the character map's answer,
		// kept at parse time.
		return f.ligs[r-ligFF]
	}
	return f.cmapGlyph(r)
}

// cmapGlyph looks r up in the font's character map. A map that parsed but
// is damaged gives .notdef, not a panic of the sfnt package.
func (f *Face) cmapGlyph(r rune) (gid uint16) {
	defer func() {
		if recover() != nil {
			gid = 0
		}
	}()
	var buf sfnt.Buffer
	g, err := f.font.GlyphIndex(&buf, r)
	if err != nil || int(g) >= len(f.adv) {
		return 0
	}
	return uint16(g)
}

// UnitsPerEm returns the font's design units per em.
func (f *Face) UnitsPerEm() int { return f.upem }

// Ascent returns the font's ascender in em (positive).
func (f *Face) Ascent() float64 { return f.ascent }

// Descent returns the font's descender in em (negative, below the baseline).
func (f *Face) Descent() float64 { return f.descent }

// HasGlyph reports whether the font maps r to a glyph.
func (f *Face) HasGlyph(r rune) bool { return f.glyph(r) != 0 }

// Advance returns the advance width of r in em; a rune the font lacks
// measures as the .notdef glyph the renderer would draw.
func (f *Face) Advance(r rune) float64 {
	return f.adv[f.glyph(r)] / float64(f.upem)
}

// PDFWidth returns the advance of r in thousandths of an em, rounded to
// a whole number as the widths of a PDF font (/W) give it: where a PDF
// reader's pen moves after drawing r, at any size. The PDF writer rounds
// the same advances so (pdf's shownRunes.register checks that every rune
// drawn agrees), which lets the drawer place the next piece of a line
// with a TJ adjustment in these units instead of a move.
func (f *Face) PDFWidth(r rune) int {
	return int(f.pdfWidth[f.glyph(r)])
}

// Kern returns the kerning adjustment between a and b in em (negative
// when the pair is set tighter), 0 when the font has none for the pair.
func (f *Face) Kern(a, b rune) float64 {
	return float64(f.kern.pair(f.glyph(a), f.glyph(b))) / float64(f.upem)
}

// SpaceWidth returns the advance of the space character in em.
func (f *Face) SpaceWidth() float64 { return f.space }

// HasLigatures reports whether the font maps at least one of the
// ligatures ff, fi, fl, ffi, ffl.
func (f *Face) HasLigatures() bool {
	return f.ligs != [5]uint16{}
}

// ligature returns the ligature that starts with a, b, c (three runes of a
// word, 0 past its end) and how many runes it takes, or 0, 0. The longest
// ligature the font has wins: ffi, ffl, then ff, fi, fl.
func (f *Face) ligature(a, b, c rune) (rune, int) {
	if a != 'f' {
		return 0, 0
	}
	switch b {
	case 'f':
		if c == 'i' && f.ligs[ligFFI-ligFF] != 0 {
			return ligFFI, 3
		}
		if c == 'l' && f.ligs[ligFFL-ligFF] != 0 {
			return ligFFL, 3
		}
		if f.ligs[0] != 0 {
			return ligFF, 2
		}
	case 'i':
		if f.ligs[ligFI-ligFF] != 0 {
			return ligFI, 2
		}
	case 'l':
		if f.ligs[ligFL-ligFF] != 0 {
			return ligFL, 2
		}
	}
	return 0, 0
}

// Ligate returns s with the letters ff, fi, fl, ffi, ffl replaced by the
// font's ligatures (U+FB00–FB04), as the line breaker measured them in a
// run that is not literal. A renderer draws a piece's text through it;
// the ligature's code maps back to its letters in the PDF's text layer.
func (f *Face) Ligate(s string) string {
	if !f.HasLigatures() || !strings.ContainsRune(s, 'f') {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		if lig, n := f.ligature(rs[i], runeOr0(rs, i+1), runeOr0(rs, i+2)); n > 0 {
			out = append(out, lig)
			i += n - 1
			continue
		}
		out = append(out, rs[i])
	}
	return string(out)
}

// runeOr0 returns rs[i], or 0 past the end.
func runeOr0(rs []rune, i int) rune {
	if i < len(rs) {
		return rs[i]
	}
	return 0
}

// Measure returns the width of s set at size points, kerning applied.
func (f *Face) Measure(s string, size float64) float64 {
	var w float64
	prev := uint16(0)
	first := true
	for _, r := range s {
		g := f.glyph(r)
		w += f.adv[g]
		if !first {
			w += float64(f.kern.pair(prev, g))
		}
		prev, first = g, false
	}
	return w / float64(f.upem) * size
}
