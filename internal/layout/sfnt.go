package layout

import (
	"encoding/binary"
	"fmt"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// checkTrueType reports why data is not a TrueType font the PDF library
// can embed: the PDF library (fpdf) reads TrueType outlines only and
// panics later on OpenType/CFF or collections, so the layout refuses
// them up front.
func checkTrueType(data []byte) error {
	if len(data) < 12 {
		return fmt.Errorf("not a font file (too short)")
	}
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return fmt.Errorf("OpenType font with CFF outlines: the PDF library embeds TrueType (glyf) outlines only; use the .ttf version of the typeface")
	case "ttcf":
		return fmt.Errorf("font collection (.ttc): give one TrueType font file per style")
	case "wOFF", "wOF2":
		return fmt.Errorf("web font (WOFF): give the TrueType (.ttf) file")
	default:
		return fmt.Errorf("not a TrueType font (file starts with %q)", tag)
	}
	n := int(binary.BigEndian.Uint16(data[4:6]))
	if 12+16*n > len(data) {
		return fmt.Errorf("damaged TrueType font: table directory runs past the end of the file")
	}
	need := map[string]bool{"cmap": false, "glyf": false, "head": false, "hhea": false, "hmtx": false, "loca": false, "maxp": false}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int64(binary.BigEndian.Uint32(rec[8:12]))
		length := int64(binary.BigEndian.Uint32(rec[12:16]))
		if off+length > int64(len(data)) {
			return fmt.Errorf("damaged TrueType font: table %q runs past the end of the file", tag)
		}
		if _, ok := need[tag]; ok {
			need[tag] = true
		}
	}
	for _, tag := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"} {
		if !need[tag] {
			return fmt.Errorf("TrueType font without a %q table", tag)
		}
	}
	return checkGlyphs(data)
}

// checkGlyphs reads every glyph outline of the font, so that a damaged
// file is refused here, with the position of its name in print.yaml,
// rather than when the PDF library embeds it.
func checkGlyphs(data []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("damaged TrueType font (%v)", p)
		}
	}()
	f, err := sfnt.Parse(data)
	if err != nil {
		return fmt.Errorf("damaged TrueType font: %v", err)
	}
	var buf sfnt.Buffer
	for i := 0; i < f.NumGlyphs(); i++ {
		if _, err := f.LoadGlyph(&buf, sfnt.GlyphIndex(i), fixed.I(1000), nil); err != nil {
			return fmt.Errorf("damaged TrueType font: glyph %d: %v", i, err)
		}
	}
	return nil
}
