package pdf

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/typeset"
)

// drawer draws on the current PDF page, or records a page's drawing for
// a later replay on it (record.go). Coordinates are in points from the
// top left of the MediaBox.
type drawer struct {
	// f is the document; nil in a recording drawer, which writes to rec.
	f     *fpdf.Fpdf
	rec   *pageRecord
	fonts *fontSet
	// k and pageH are fpdf's scale (points to user units) and the page's
	// height, the same on every page.
	k, pageH float64
	// links maps an internal target ("#id") to its fpdf link.
	links    map[string]int
	useLinks bool
	// page is the physical page number being drawn (1-based).
	page int
	// anchors records where each model ID lands.
	anchors map[string]anchorPos
	curFont string
	curSize float64
	// shown records the runes drawn by show, per font, for the subsets.
	shown shownRunes
	// pending holds text operators not yet handed to fpdf: a line's are
	// written in one call (batching), flushed before anything fpdf
	// writes itself (a font change, a rule).
	pending  []byte
	batching bool
	// textOpen tells that pending ends inside a text object, after the
	// closing parenthesis of its last string (without its Tj or TJ and
	// ET), whose text line starts at textX, textY, in hundredths of a
	// point as written: the next text on that baseline is placed from
	// there (see show).
	textOpen     bool
	textX, textY int64
	// face is the face of the current font when text set it, nil
	// otherwise: show then knows the widths a PDF reader gives the
	// glyphs (typeset.Face.PDFWidth) and places the pieces of a text
	// object in one TJ array. strAt is where the open text object's
	// first string starts in pending (its '[' goes there when a second
	// string joins it, inArray); pen is where a reader's pen stands
	// after the object's last glyph, from textX, in thousandths of the
	// font size.
	face    *typeset.Face
	strAt   int
	inArray bool
	pen     int64
	// baselineY is the last baseline show placed text on, and
	// baselineCy its hundredths as written (k and pageH do not change).
	baselineY   float64
	baselineCy  int64
	baselineSet bool
	reader      bytes.Reader
	// replayed counts the pages replayed from recordings (record.go).
	replayed int
	// fontAhead, in a recording drawer, adds a font the page uses to
	// the document ahead of the drawing (recorder.addFont); drawnStyles,
	// in the document's drawer, are the fpdf styles it set.
	fontAhead   func(key string)
	drawnStyles map[string]bool
	// chunks, when not nil, keeps the text of replayed pages out of fpdf
	// (contentChunks).
	chunks *contentChunks
}

type anchorPos struct {
	page int
	y    float64
}

// newDrawer returns a drawer on f, with its page geometry.
func newDrawer(f *fpdf.Fpdf, fonts *fontSet, useLinks bool) *drawer {
	d := &drawer{f: f, fonts: fonts, links: map[string]int{}, useLinks: useLinks, anchors: map[string]anchorPos{}}
	d.k = f.GetConversionRatio()
	_, d.pageH = f.GetPageSize()
	return d
}

func (d *drawer) setFont(key string, size float64) {
	if d.curFont == key && d.curSize == size {
		return
	}
	d.flush()
	d.curFont, d.curSize = key, size
	if d.rec != nil {
		d.rec.add(drawOp{kind: opFont, s: key, v: [4]float64{size}})
		if d.fontAhead != nil {
			d.fontAhead(key)
		}
		return
	}
	style := d.fonts.styles[key]
	d.fonts.use(d.f, style)
	if d.drawnStyles != nil {
		d.drawnStyles[style] = true
	}
	family, fstyle := fpdfFont(style)
	d.f.SetFont(family, fstyle, size)
}

// text draws s with its left end at x on baseline y. Characters the font
// lacks are skipped but keep their place (for example a narrow no-break
// space in a font without one), so the text stays where the line breaker
// measured it.
func (d *drawer) text(st typeset.Style, x, y float64, s string) {
	d.setFont(st.Font, st.Size)
	face := st.Face
	d.face = face
	start := 0
	for i, r := range s {
		// fpdf encodes text as UTF-16 without surrogates: a character
		// outside the Basic Multilingual Plane cannot be printed even
		// when the face has it (its Text panicked on one).
		if r <= 0xFFFF && face.HasGlyph(r) {
			continue
		}
		if start < i {
			d.show(x+face.Measure(s[:start], st.Size), y, s[start:i])
		}
		start = i + utf8.RuneLen(r)
	}
	if start == 0 {
		d.show(x, y, s)
	} else if start < len(s) {
		d.show(x+face.Measure(s[:start], st.Size), y, s[start:])
	}
}

// show writes the text-showing operators of s at x, y in the current
// font: the bytes fpdf's Text writes, formatted without fmt (appendFixed2;
// fpdf's Text, with a Sprintf per call, took a fifth of a rebuild). The
// runes are recorded for the font's subset (shown.register). Text fpdf
// would colour apart from the fill, or outside the Basic Multilingual
// Plane (which fpdf's UTF-16 conversion does not encode), goes through
// fpdf.
//
// The pieces of a line (words, parts of words at a kerning pair) on one
// baseline in one font share a text object. The first is placed as fpdf
// places it (BT x y Td (…) Tj). When the drawer knows the face (d.face),
// the next ones join its string in a TJ array, each after the number
// that moves a reader's pen from the end of the glyphs before to where
// the piece starts, in thousandths of the font size (ISO 32000-1 9.4.3):
// BT x y Td [(…)-250(…)] TJ. The number is worked out from where the pen
// stands after every glyph so far (the font's widths as the PDF gives
// them, typeset.Face.PDFWidth), so that each piece starts within half a
// thousandth of the size (0.006 pt at 11 pt) of where its own BT x y Td
// would put it, and the roundings do not add up along the line; a piece
// that starts where the pen stands continues the string. Without a face,
// each next piece moves the start of the text line from where the one
// before started (dx 0 Td (…) Tj), in hundredths of a point from the
// positions written. A text object of one piece is written as fpdf
// writes it. A TJ array takes 35 % fewer bytes than the moves in a
// novel's content streams, and a third less time to compress.
func (d *drawer) show(x, y float64, s string) {
	if !d.plainText() || !inBMP(s) {
		d.flush()
		d.fpdfText(x, y, s)
		return
	}
	k, h := d.k, d.pageH
	cx := fixed2Hundredths(x * k)
	// The pieces of a line share their baseline: its hundredths are
	// worked out once.
	if !d.baselineSet || y != d.baselineY {
		d.baselineY, d.baselineCy, d.baselineSet = y, fixed2Hundredths((h-y)*k), true
	}
	cy := d.baselineCy
	b := d.pending
	face := d.face
	switch {
	case d.textOpen && cy == d.textY && textMoves && face != nil:
		// In the open text object's array: move the pen to the piece.
		adj := int64(math.Round(float64(d.pen) - float64(cx-d.textX)*10/d.curSize))
		if !d.inArray {
			b = append(b, 0)
			copy(b[d.strAt+1:], b[d.strAt:])
			b[d.strAt] = '['
			d.inArray = true
		}
		if adj == 0 {
			b = b[:len(b)-1] // the string goes on
		} else {
			b = strconv.AppendInt(b, adj, 10)
			b = append(b, '(')
		}
		d.pen -= adj
	case d.textOpen && cy == d.textY && textMoves:
		// On the baseline of the open text object: move from the start
		// of its last piece.
		b = d.endShow(b)
		b = append(b, '\n')
		b = appendHundredths(b, cx-d.textX)
		b = append(b, " 0 Td ("...)
		d.textX, d.pen = cx, 0
	default:
		if d.textOpen {
			b = d.endShow(b)
			b = append(b, " ET\n"...)
		}
		b = append(b, "BT "...)
		b = appendFixed2(b, x*k)
		b = append(b, ' ')
		b = appendFixed2(b, (h-y)*k)
		b = append(b, " Td ("...)
		d.strAt, d.inArray = len(b)-1, false
		d.textX, d.textY, d.pen = cx, cy, 0
	}
	var w int64
	for _, r := range s {
		b = appendEscaped(b, byte(r>>8))
		b = appendEscaped(b, byte(r))
		if face != nil {
			w += int64(face.PDFWidth(r))
		}
	}
	d.pen += w
	d.pending = append(b, ')')
	d.textOpen = true
	d.shown.add(d.curFont, s)
	if !d.batching {
		d.flush()
	}
}

// endShow appends the operator that shows the open text object's
// strings: TJ after an array, Tj after one string.
func (d *drawer) endShow(b []byte) []byte {
	if d.inArray {
		d.inArray = false
		return append(b, "] TJ"...)
	}
	return append(b, " Tj"...)
}

// inBMP reports whether every character of s is in the Basic
// Multilingual Plane (UTF-8 sequences of up to three bytes).
func inBMP(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xF0 {
			return false
		}
	}
	return true
}

// textMoves is false in a test that draws every piece in a text object
// of its own, to compare where the pieces land.
var textMoves = true

// hundredthsOf returns the number appendFixed2 wrote in num, in
// hundredths.
func hundredthsOf(num []byte) int64 {
	var n int64
	for _, c := range num {
		if c >= '0' && c <= '9' {
			n = n*10 + int64(c-'0')
		}
	}
	if len(num) > 0 && num[0] == '-' {
		n = -n
	}
	return n
}

// appendHundredths appends n hundredths with two decimals, as
// appendFixed2 writes n/100.
func appendHundredths(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	return append(b, '.', byte('0'+n%100/10), byte('0'+n%10))
}

// flush hands the pending text operators to fpdf, which ends them with a
// newline as it ends each of its own, closing the open text object.
func (d *drawer) flush() {
	if len(d.pending) == 0 {
		return
	}
	if d.textOpen {
		d.pending = append(d.endShow(d.pending), " ET\n"...)
		d.textOpen = false
	}
	if d.rec != nil {
		d.rec.addRaw(d.pending[:len(d.pending)-1])
	} else {
		d.reader.Reset(d.pending[:len(d.pending)-1])
		d.f.RawWriteBuf(&d.reader)
	}
	d.pending = d.pending[:0]
}

// fpdfText draws s with fpdf's Text, for what show does not write
// itself.
func (d *drawer) fpdfText(x, y float64, s string) {
	if d.rec != nil {
		d.rec.add(drawOp{kind: opText, s: s, v: [4]float64{x, y}})
		return
	}
	d.f.Text(x, y, s)
}

// setLineWidth sets the width of the rules drawn next.
func (d *drawer) setLineWidth(w float64) {
	d.flush()
	if d.rec != nil {
		d.rec.add(drawOp{kind: opLineWidth, v: [4]float64{w}})
		return
	}
	d.f.SetLineWidth(w)
}

// rule draws a straight line from x0, y0 to x1, y1.
func (d *drawer) rule(x0, y0, x1, y1 float64) {
	d.flush()
	if d.rec != nil {
		d.rec.add(drawOp{kind: opRule, v: [4]float64{x0, y0, x1, y1}})
		return
	}
	d.f.Line(x0, y0, x1, y1)
}

// frame draws the outline of a rectangle.
func (d *drawer) frame(x, y, w, h float64) {
	d.flush()
	if d.rec != nil {
		d.rec.add(drawOp{kind: opFrame, v: [4]float64{x, y, w, h}})
		return
	}
	d.f.Rect(x, y, w, h, "D")
}

// image draws the image registered as name in the box x, y, w, h.
func (d *drawer) image(name string, x, y, w, h float64) {
	d.flush()
	if d.rec != nil {
		d.rec.add(drawOp{kind: opImage, s: name, v: [4]float64{x, y, w, h}})
		return
	}
	d.f.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{}, 0, "")
}

// bookmark adds an entry of the PDF's outline at y on the current page.
func (d *drawer) bookmark(title string, level int, y float64) {
	d.flush()
	if d.rec != nil {
		d.rec.add(drawOp{kind: opBookmark, s: title, n: level, v: [4]float64{y}})
		return
	}
	d.f.Bookmark(title, level, y)
}

// plainText reports whether fpdf's Text would write text without a colour
// of its own (text colour and fill colour the same). A recording drawer
// assumes so; the replay checks it (record.go).
func (d *drawer) plainText() bool {
	if d.rec != nil {
		return true
	}
	tr, tg, tb := d.f.GetTextColor()
	fr, fg, fb := d.f.GetFillColor()
	return tr == fr && tg == fg && tb == fb
}

// appendEscaped appends c to a PDF literal string as fpdf escapes it.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// line draws a set line with its left edge at x and baseline y.
func (d *drawer) line(l typeset.Line, x, y float64) {
	// strikeEnd is where the last struck piece ended (-1 for none), so
	// that the line through struck words runs across the spaces between.
	strikeEnd := -1.0
	d.batching = true
	defer func() {
		d.batching = false
		d.flush()
	}()
	for _, p := range l.Pieces {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		text := p.Text
		if p.Ligatures {
			text = p.Style.Face.Ligate(text)
		}
		d.text(*p.Style, x+p.X, y-p.Style.Rise, text)
		if p.Style.Strike {
			w := p.Style.Face.Measure(text, p.Style.Size)
			from := x + p.X
			if strikeEnd >= 0 && strikeEnd < from {
				from = strikeEnd
			}
			d.strike(*p.Style, from, x+p.X+w, y)
			strikeEnd = x + p.X + w
		} else {
			strikeEnd = -1
		}
		if p.Style.Link != "" {
			w := p.Style.Face.Measure(text, p.Style.Size)
			d.link(p.Style.Link, x+p.X, y-p.Style.Rise-p.Style.Size*0.8, w, p.Style.Size)
		}
	}
}

// strike draws the line through struck-out text from x0 to x1, a quarter
// of an em above the baseline y (about half the x-height of a book face),
// as thick as a twentieth of the size.
func (d *drawer) strike(st typeset.Style, x0, x1, y float64) {
	yy := y - st.Rise - st.Size*0.25
	d.setLineWidth(st.Size * 0.05)
	d.rule(x0, yy, x1, yy)
}

// link adds a link area; internal targets start with "#".
func (d *drawer) link(target string, x, y, w, h float64) {
	if !d.useLinks || target == "" {
		return
	}
	if d.rec != nil {
		d.rec.add(drawOp{kind: opLink, s: target, v: [4]float64{x, y, w, h}})
		return
	}
	if strings.HasPrefix(target, "#") {
		id, ok := d.links[target]
		if !ok {
			id = d.f.AddLink()
			d.links[target] = id
		}
		d.f.Link(x, y, w, h, id)
		return
	}
	d.f.LinkString(x, y, w, h, target)
}

// anchor records that the model ID id stands at y on the current page.
func (d *drawer) anchor(id string, y float64) {
	if d.rec != nil {
		d.rec.add(drawOp{kind: opAnchor, s: id, v: [4]float64{y}})
		return
	}
	if _, ok := d.anchors[id]; !ok {
		d.anchors[id] = anchorPos{d.page, y}
	}
}

// resolveLinks points every internal link at its anchor.
func (d *drawer) resolveLinks() {
	for target, id := range d.links {
		if a, ok := d.anchors[strings.TrimPrefix(target, "#")]; ok {
			d.f.SetLink(id, a.y, a.page)
		} else {
			d.f.SetLink(id, 0, 1)
		}
	}
}
