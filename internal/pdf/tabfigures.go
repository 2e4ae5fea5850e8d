package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"golang.org/x/image/font/sfnt"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// Tables set their figures as tabular lining figures, so that the digits
// of a column line up and match its capitals. A book face such as EB
// Garamond draws old-style proportional figures by default and keeps the
// others as alternate glyphs that only OpenType features (tnum, lnum)
// reach; the PDF library draws a character through the font's character
// map and applies no feature. So publish makes, in memory, a copy of the
// face whose character map sends the digits 0–9 to those alternates, and
// sets tables in it: nothing else of the font changes, and the PDF's text
// still reads "0"–"9".

// figureSuffixes are the glyph name suffixes of figure sets, best first:
// tabular lining (EB Garamond 12's ".tablining", Google Fonts' ".tf"),
// then proportional lining (".lf", ".lnum"), still better than old-style
// in a table.
var figureSuffixes = []string{".tablining", ".tf", ".tnum", ".lf", ".lnum"}

var digitNames = [10]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// errNoFigures says that a font has no alternate figures publish can use.
var errNoFigures = errors.New("no tabular or lining figures")

// tabularFigures returns a copy of the TrueType font ttf whose character
// map draws the digits with the font's tabular lining figures (or, when
// it has none, its proportional lining ones), with the suffix of the set
// used; errNoFigures when the font has neither.
func tabularFigures(ttf []byte) (out []byte, suffix string, err error) {
	defer func() {
		// The sfnt package may panic on a damaged font.
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("unreadable font (%v)", p)
		}
	}()
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, "", err
	}
	var buf sfnt.Buffer
	byName := map[string]uint16{}
	for g := 0; g < f.NumGlyphs(); g++ {
		name, err := f.GlyphName(&buf, sfnt.GlyphIndex(g))
		if err == nil && name != "" {
			byName[name] = uint16(g)
		}
	}
	var digits [10]uint16
	for _, s := range figureSuffixes {
		ok := true
		for i, d := range digitNames {
			g, found := byName[d+s]
			ok = ok && found
			digits[i] = g
		}
		if ok {
			suffix = s
			break
		}
	}
	if suffix == "" {
		return nil, "", errNoFigures
	}
	// The font's map of the Basic Multilingual Plane, the only one the
	// PDF library reads, with the digits changed.
	cmap := map[rune]uint16{}
	for r := rune(0); r < 0xFFFF; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			cmap[r] = uint16(g)
		}
	}
	for i, g := range digits {
		cmap['0'+rune(i)] = g
	}
	out, err = replaceTable(ttf, "cmap", cmapFormat4(cmap))
	return out, suffix, err
}

// cmapFormat4 writes a cmap table holding one Windows Unicode BMP
// subtable (platform 3, encoding 1, format 4) for m: one segment per run
// of consecutive characters whose glyph ids are consecutive too.
func cmapFormat4(m map[rune]uint16) []byte {
	runes := make([]rune, 0, len(m))
	for r := range m {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for _, r := range runes {
		c, g := uint16(r), m[r]
		if n := len(segs); n > 0 && segs[n-1].end+1 == c && segs[n-1].delta == g-c {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, segment{start: c, end: c, delta: g - c})
	}
	segs = append(segs, segment{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	searchRange, entrySelector := 2, 0
	for searchRange*2 <= n*2 {
		searchRange *= 2
		entrySelector++
	}
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(2*n-searchRange))
	ends, starts := 14, 16+2*n
	deltas, offsets := starts+2*n, starts+4*n
	for i, s := range segs {
		be.PutUint16(sub[ends+2*i:], s.end)
		be.PutUint16(sub[starts+2*i:], s.start)
		be.PutUint16(sub[deltas+2*i:], s.delta)
		be.PutUint16(sub[offsets+2*i:], 0)
	}
	table := make([]byte, 12, 12+len(sub))
	be.PutUint16(table[2:], 1) // one subtable
	be.PutUint16(table[4:], 3) // Windows
	be.PutUint16(table[6:], 1) // Unicode BMP
	be.PutUint32(table[8:], 12)
	return append(table, sub...)
}

// replaceTable returns a copy of the TrueType font ttf with its table tag
// replaced by data: the tables are written again in their order, each on
// a four-byte boundary with its checksum, and the head table's
// checkSumAdjustment is computed anew.
func replaceTable(ttf []byte, tag string, data []byte) ([]byte, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errors.New("font too short")
	}
	n := int(be.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errors.New("font table directory too short")
	}
	type rec struct {
		tag  string
		data []byte
	}
	recs := make([]rec, n)
	found := false
	for i := range recs {
		r := ttf[12+16*i:]
		t := string(r[:4])
		off, ln := int(be.Uint32(r[8:])), int(be.Uint32(r[12:]))
		if off < 0 || ln < 0 || off+ln > len(ttf) {
			return nil, fmt.Errorf("font table %q out of the file", t)
		}
		recs[i] = rec{t, ttf[off : off+ln]}
		if t == tag {
			recs[i].data, found = data, true
		}
	}
	if !found {
		return nil, fmt.Errorf("font has no %q table", tag)
	}
	out := make([]byte, 12+16*n)
	copy(out, ttf[:12])
	headAt := -1
	for i, r := range recs {
		off := len(out)
		if r.tag == "head" {
			headAt = off
		}
		out = append(out, r.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		d := out[12+16*i:]
		copy(d, r.tag)
		be.PutUint32(d[8:], uint32(off))
		be.PutUint32(d[12:], uint32(len(r.data)))
	}
	if headAt >= 0 && headAt+12 <= len(out) {
		be.PutUint32(out[headAt+8:], 0)
	}
	for i, r := range recs {
		d := out[12+16*i:]
		off := int(be.Uint32(d[8:]))
		be.PutUint32(d[4:], checksum(out[off:off+(len(r.data)+3)&^3]))
	}
	if headAt >= 0 && headAt+12 <= len(out) {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

// checksum is the TrueType table checksum: the sum of big-endian 32-bit
// words (the data padded with zeros).
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// The font keys of the tabular-figure copies of the regular and italic
// faces, and their fpdf styles (in the "serif" family).
const (
	fontTabular       = "serif-tabular"
	fontTabularItalic = "serif-tabular-italic"
	tabularStyle      = "T"
	tabularItalic     = "TI"
)

// addTabular adds the tabular-figure copies of the regular and italic
// faces when the book has a table; a face without alternate figures is
// used as it is. It runs before the page builder starts, since the font
// maps are read from several goroutines afterwards.
func (fs *fontSet) addTabular(book *model.Book) error {
	hasTable := false
	model.WalkBook(book, func(n model.Node, entering bool) model.WalkStatus {
		if _, ok := n.(*model.Table); ok {
			hasTable = true
			return model.WalkStop
		}
		return model.WalkContinue
	})
	if !hasTable {
		return nil
	}
	made := map[string]string{} // fpdf style of a face -> style of its copy
	for _, c := range []struct{ key, tkey, tstyle string }{
		{fontRegular, fontTabular, tabularStyle},
		{fontItalic, fontTabularItalic, tabularItalic},
	} {
		style := fs.styles[c.key]
		fs.faces[c.tkey], fs.styles[c.tkey], fs.files[c.tkey] = fs.faces[c.key], style, fs.files[c.key]
		if t, ok := made[style]; ok {
			fs.faces[c.tkey], fs.styles[c.tkey] = fs.faces[fs.keyOfStyle(t)], t
			continue
		}
		data, _, err := tabularFigures(fs.data[style]) // reads them only: the new font is a new array
		if errors.Is(err, errNoFigures) {
			made[style] = style
			continue
		}
		if err != nil {
			return fmt.Errorf("pdf: tabular figures of %s: %w", fs.paths[style], err)
		}
		face, err := typeset.ParseFace(data)
		if err != nil {
			return fmt.Errorf("pdf: tabular figures of %s: %w", fs.paths[style], err)
		}
		fs.faces[c.tkey], fs.styles[c.tkey] = face, c.tstyle
		fs.data[c.tstyle], fs.paths[c.tstyle], fs.names[c.tstyle] = data, fs.paths[style]+tabularSuffix, fs.names[style]
		made[style] = c.tstyle
	}
	return nil
}

// keyOfStyle returns a font key whose fpdf style is style.
func (fs *fontSet) keyOfStyle(style string) string {
	for _, k := range []string{fontTabular, fontTabularItalic, fontRegular, fontItalic, fontBold, fontBoldItalic} {
		if fs.styles[k] == style && fs.faces[k] != nil {
			return k
		}
	}
	return fontRegular
}

// tabularRuns sets the regular and italic runs of a table cell in the
// tabular-figure faces.
func (fs *fontSet) tabularRuns(runs []typeset.Run) []typeset.Run {
	for i := range runs {
		st := &runs[i].Style
		var key string
		switch st.Font {
		case fontRegular:
			key = fontTabular
		case fontItalic:
			key = fontTabularItalic
		default:
			continue
		}
		if face := fs.faces[key]; face != nil {
			st.Font, st.Face = key, face
		}
	}
	return runs
}

// tabularSuffix ends the path of a copy of a font with tabular figures:
// what the messages name, and how the print cache knows it for a copy.
const tabularSuffix = " (tabular figures)"
