package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// placedFigure is a figure prepared for a page: its image registered with
// the PDF writer, its printed size and its set caption and credit.
type placedFigure struct {
	fig        *model.Figure
	name       string // the image's name in the PDF writer ("" if unusable)
	w, h       float64
	ppi        float64
	colorSpace string
	caption    []typeset.Line
	credit     []typeset.Line
	capW       float64
	content    float64 // height of image, caption and credit
	// screen is true for a screenshot (imaging.ScreenLike); advice says
	// what the size rule found wrong, after a status word, for the
	// preflight report.
	screen bool
	advice string
	atTop  bool
	// textH is the height of the caption and credit under the image,
	// set in the sizes and leads below.
	textH, capSize, capLead, credSize, credLead float64
}

// figureItem prepares a figure and returns its flow item.
func (b *builder) figureItem(ch *model.Chapter, fig *model.Figure, bi int) *item {
	pf := &placedFigure{fig: fig}
	b.figures = append(b.figures, pf)
	L := b.lead
	capSize := b.lay.CaptionSize
	capLead := math.Round(capSize*1.3*10) / 10
	credSize := capSize - 1
	credLead := math.Round(credSize*1.3*10) / 10

	pf.capW = b.textW * 0.8
	capRuns := []typeset.Run{{Text: b.terms.FigureAbbrev + "\u00a0" + strconv.Itoa(fig.Number) + ". ", Style: b.fonts.style(fontRegular, capSize)}}
	capRuns = append(capRuns, runsOf(b.fonts, capSize, b.links, b.noteCall, fig.Caption, true)...)
	pf.caption = b.setter.Set(typeset.Paragraph{Runs: capRuns, Width: pf.capW, Align: typeset.Center, Lang: b.lang}).Lines
	// The credit line is the citation formatter's (cite.Apply), as in the
	// EPUB; nothing here writes a second version of it.
	credit := fig.Credit
	if len(credit) > 0 {
		pf.credit = b.setter.Set(typeset.Paragraph{Runs: runsOf(b.fonts, credSize, b.links, b.noteCall, credit, false),
			Width: pf.capW, Align: typeset.Center, Lang: b.lang}).Lines
	}
	textH := 6 + float64(len(pf.caption))*capLead + float64(len(pf.credit))*credLead
	// The notes of the caption and credit go with the figure's page: the
	// figure leaves them room at the foot.
	notes := b.claimNotes(pf, map[*model.Note]bool{}, append(append([]typeset.Line(nil), pf.caption...), pf.credit...)...)
	noteLines := 0
	for _, n := range notes {
		noteLines += len(b.noteLines(n))
	}
	roomH := b.capacity - b.footHeight(noteLines)

	gray := b.lay.Color == "gray"
	if fig.ImagePath != "" {
		pi, err := loadImage(fig.ImagePath, gray)
		if err != nil {
			b.ds.Errorf(fig.Pos, "figure %s: %v", fig.ID, err)
		} else {
			pf.name = "fig-" + strconv.Itoa(fig.Number)
			pf.colorSpace = pi.ColorSpace
			b.docMu.Lock()
			b.f.RegisterImageOptionsReader(pf.name, fpdf.ImageOptions{ImageType: pi.Type}, bytes.NewReader(pi.Data))
			imgErr := b.f.Error()
			b.f.ClearError()
			b.docMu.Unlock()
			if imgErr != nil {
				b.ds.Errorf(fig.Pos, "figure %s: the PDF library cannot read the image: %v", fig.ID, imgErr)
				pf.name = ""
			} else {
				rule := imaging.SizeRule{Measure: b.textW, MinPPI: b.lay.MinPPI, ScreenPPI: b.lay.ScreenPPI, Upscale: b.lay.Upscale}
				size := imaging.FigureWidth(pi.Width, pi.Screen, fig.Width, rule)
				w := size.Width
				h := w * float64(pi.Height) / float64(pi.Width)
				maxH := b.capacity - textH - 0.6*L
				if noteLines > 0 {
					// The figure's slot (rounded up to the grid) and its
					// notes share the page.
					maxH = roomH - textH - 0.8*L
				}
				if h > maxH {
					w, h = w*maxH/h, maxH
				}
				// A figure a little taller than half a page is brought to
				// half a page, so that two share a page instead of each
				// leaving half a page empty, when it keeps three quarters
				// of its width; not a screenshot, whose text would shrink.
				half := math.Floor(b.capacity/2/L)*L - textH - 0.8*L
				if h > half && half*w/h >= 0.75*w && !pi.Screen {
					w, h = w*half/h, half
				}
				pf.w, pf.h = w, h
				pf.ppi = float64(pi.Width) / (w / 72)
				pf.screen = pi.Screen
				// Made smaller to fit the page, a photograph prints at a
				// higher resolution: the rule judges its final width.
				if w < size.Width-eps && !pi.Screen {
					size = imaging.FigureWidth(pi.Width, false, w/b.textW, rule)
				}
				if size.Advice != "" {
					code, status := "figure-size", "SMALL TEXT"
					switch {
					case size.Low:
						code, status = "figure-low-resolution", "LOW RESOLUTION"
					case size.Raised:
						status = "WIDENED"
					}
					pf.advice = status + ": " + size.Advice
					msg := fmt.Sprintf("figure %s (%s) %s", fig.ID, fig.Image, size.Advice)
					if size.Small && !size.Raised {
						// It may be a drawing, which prints well small;
						// but a width= not kept is always a warning.
						b.ds.Add(model.Diagnostic{Pos: fig.Pos, Severity: model.Suggestion, Code: code, Message: msg})
					} else {
						b.ds.WarnCodef(code, fig.Pos, "%s", msg)
					}
				}
			}
		}
	}
	if pf.name == "" {
		pf.w, pf.h = b.textW*0.6, b.textW*0.4
	}
	pf.content = pf.h + textH
	pf.textH, pf.capSize, pf.capLead, pf.credSize, pf.credLead = textH, capSize, capLead, credSize, credLead
	return b.figureSlot(pf, notes, bi)
}

// figureSlot makes the flow item of a prepared figure: its slot is whole
// lines of the grid.
func (b *builder) figureSlot(pf *placedFigure, notes []*model.Note, bi int) *item {
	L := b.lead
	fig := pf.fig
	slot := math.Ceil((pf.content+0.8*L)/L) * L
	it := &item{kind: itemFigure, height: slot, block: bi, breakOK: true, figure: pf, anchors: []string{fig.ID},
		dump: fmt.Sprintf("figure %s %.0fx%.0fpt %.0fppi", fig.ID, pf.w, pf.h, pf.ppi)}
	it.notes = notes
	it.draw = func(d *drawer, x, y float64) {
		top := y
		if !pf.atTop {
			top = y + (slot-pf.content)/2
		}
		ix := x + (b.textW-pf.w)/2
		if pf.name != "" {
			d.image(pf.name, ix, top, pf.w, pf.h)
		} else {
			d.setLineWidth(0.5)
			d.frame(ix, top, pf.w, pf.h)
		}
		cy := top + pf.h + 6
		cx := x + (b.textW-pf.capW)/2
		for _, l := range pf.caption {
			d.line(l, cx, cy+pf.capSize)
			cy += pf.capLead
		}
		for _, l := range pf.credit {
			d.line(l, cx, cy+pf.credSize)
			cy += pf.credLead
		}
	}
	return it
}

// minFigureScale is the least a figure is made smaller to stay on the
// page of its call when nothing but figures follows it in its section
// (otherwise a page would hold it alone, most of it empty).
const minFigureScale = 0.8

// shrunkFigure returns figure item it made smaller to fit in room (its
// slot whole lines), or nil when it would lose more than minFigureScale
// of its size or is a screenshot, whose text would shrink. The item
// itself is not changed: the page builder may undo a make-up.
func (b *builder) shrunkFigure(it *item, room float64) *item {
	pf := it.figure
	if pf == nil || pf.screen || pf.h <= 0 {
		return nil
	}
	h := math.Floor(room/b.lead)*b.lead - 0.8*b.lead - pf.textH
	scale := h / pf.h
	if scale >= 1 || scale < minFigureScale {
		return nil
	}
	small := *pf
	small.w, small.h = pf.w*scale, pf.h*scale
	small.ppi = pf.ppi / scale
	small.content = small.h + pf.textH
	out := b.figureSlot(&small, it.notes, it.block)
	out.offset = it.offset
	out.dump += " (made smaller to stay with its text)"
	if out.height > room+eps {
		return nil
	}
	return out
}

func loadImage(path string, gray bool) (imaging.PrintImage, error) {
	f, err := os.Open(path)
	if err != nil {
		return imaging.PrintImage{}, err
	}
	defer f.Close()
	return imaging.PrepareForPrint(f, gray, imaging.DefaultMaxPixels)
}
