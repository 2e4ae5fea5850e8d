package pdf

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// shownRunes records the runes drawn by drawer.show, per font. fpdf
// subsets a font to the runes its own text calls recorded; text written
// with RawWriteStr is not seen, so the runes are recorded here and handed
// to fpdf once, before the document is written (register).
type shownRunes struct {
	fonts   map[string]*runeSet
	lastKey string
	last    *runeSet
}

// runeSet is a set of runes of the Basic Multilingual Plane, a bit each.
type runeSet [65536 / 64]uint64

// newRuneSet returns an empty set, its memory written: add reads a word
// of the set before it writes it, and a fresh page read before it is
// written faults twice, the second time flushing it from every other core
// (see typeset's newWordTable); a novel's build took 170 of its 830 such
// faults here.
func newRuneSet() *runeSet {
	set := new(runeSet)
	clear(set[:])
	return set
}

// add records the runes of s as drawn in the font with key key.
func (sr *shownRunes) add(key, s string) {
	set := sr.last
	if set == nil || key != sr.lastKey {
		if sr.fonts == nil {
			sr.fonts = map[string]*runeSet{}
		}
		set = sr.fonts[key]
		if set == nil {
			set = newRuneSet()
			sr.fonts[key] = set
		}
		sr.lastKey, sr.last = key, set
	}
	for _, r := range s {
		if r <= 0xFFFF {
			set[r>>6] |= 1 << (uint(r) & 63)
		}
	}
}

// merge adds the runes of o to sr.
func (sr *shownRunes) merge(o *shownRunes) {
	for key, set := range o.fonts {
		if sr.fonts == nil {
			sr.fonts = map[string]*runeSet{}
		}
		dst := sr.fonts[key]
		if dst == nil {
			dst = newRuneSet()
			sr.fonts[key] = dst
		}
		for i, w := range set {
			dst[i] |= w
		}
	}
}

// runes returns the runes of the set in increasing order.
func (rs *runeSet) runes() []rune {
	var out []rune
	for w, word := range rs {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			out = append(out, rune(w*64+b))
			word &^= 1 << uint(b)
		}
	}
	return out
}

// register records the shown runes of every font as used in f, so that
// the font subsets fpdf writes hold their glyphs. fpdf records a rune
// only when one of its text calls draws it; a template is such a call
// that draws nothing on the document's pages (it is written only where it
// is used, and it is never used), and it shares the document's fonts and
// their used runes. TestShownRunesInSubset checks that the glyphs reach
// the subsets.
//
// It also checks that fpdf gives every rune drawn the width the drawer
// placed the pieces of a TJ array by (typeset.Face.PDFWidth, see
// drawer.show): a font whose widths fpdf reads otherwise would leave
// words a little off their place, silently, so the build fails instead.
func (sr *shownRunes) register(f *fpdf.Fpdf, fonts *fontSet) error {
	keys := make([]string, 0, len(sr.fonts))
	for k := range sr.fonts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		style, ok := fonts.styles[key]
		if !ok {
			return fmt.Errorf("record the glyphs drawn: no font %q", key)
		}
		text := string(sr.fonts[key].runes())
		if text == "" {
			continue
		}
		family, fstyle := fpdfFont(style)
		face := fonts.faces[key]
		var terr error
		f.CreateTemplate(func(t *fpdf.Tpl) {
			t.SetFont(family, fstyle, 10)
			t.Text(0, 0, text)
			if terr = t.Error(); terr != nil || face == nil {
				return
			}
			for _, r := range text {
				if got, want := t.GetStringSymbolWidth(string(r)), face.PDFWidth(r); got != want {
					terr = fmt.Errorf("the PDF library gives U+%04X a width of %d thousandths of an em, the typesetter %d: the words after it would be misplaced", r, got, want)
					return
				}
			}
		})
		if terr != nil {
			return fmt.Errorf("record the glyphs drawn in %s: %w", strings.TrimSpace(family+" "+fstyle), terr)
		}
	}
	return nil
}
