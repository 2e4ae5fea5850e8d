package pdf

import (
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/typeset"
)

// drawer draws on the current PDF page. Coordinates are in points from
// the top left of the MediaBox.
type drawer struct {
	f     *fpdf.Fpdf
	fonts *fontSet
	// links maps an internal target ("#id") to its fpdf link.
	links    map[string]int
	useLinks bool
	// page is the physical page number being drawn (1-based).
	page int
	// anchors records where each model ID lands.
	anchors map[string]anchorPos
	curFont string
	curSize float64
}

type anchorPos struct {
	page int
	y    float64
}

func (d *drawer) setFont(key string, size float64) {
	if d.curFont == key && d.curSize == size {
		return
	}
	style := d.fonts.styles[key]
	d.fonts.use(d.f, style)
	family, fstyle := fpdfFont(style)
	d.f.SetFont(family, fstyle, size)
	d.curFont, d.curSize = key, size
}

// text draws s with its left end at x on baseline y. Characters the font
// lacks are skipped but keep their place (for example a narrow no-break
// space in a font without one), so the text stays where the line breaker
// measured it.
func (d *drawer) text(st typeset.Style, x, y float64, s string) {
	d.setFont(st.Font, st.Size)
	face := st.Face
	start := 0
	for i, r := range s {
		if face.HasGlyph(r) {
			continue
		}
		if start < i {
			d.f.Text(x+face.Measure(s[:start], st.Size), y, s[start:i])
		}
		start = i + utf8.RuneLen(r)
	}
	if start == 0 {
		d.f.Text(x, y, s)
	} else if start < len(s) {
		d.f.Text(x+face.Measure(s[:start], st.Size), y, s[start:])
	}
}

// line draws a set line with its left edge at x and baseline y.
func (d *drawer) line(l typeset.Line, x, y float64) {
	// strikeEnd is where the last struck piece ended (-1 for none), so
	// that the line through struck words runs across the spaces between.
	strikeEnd := -1.0
	for _, p := range l.Pieces {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		text := p.Text
		if p.Ligatures {
			text = p.Style.Face.Ligate(text)
		}
		d.text(p.Style, x+p.X, y-p.Style.Rise, text)
		if p.Style.Strike {
			w := p.Style.Face.Measure(text, p.Style.Size)
			from := x + p.X
			if strikeEnd >= 0 && strikeEnd < from {
				from = strikeEnd
			}
			d.strike(p.Style, from, x+p.X+w, y)
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
	d.f.SetLineWidth(st.Size * 0.05)
	d.f.Line(x0, yy, x1, yy)
}

// link adds a link area; internal targets start with "#".
func (d *drawer) link(target string, x, y, w, h float64) {
	if !d.useLinks || target == "" {
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
