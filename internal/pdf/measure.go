package pdf

import (
	"fmt"
	"strings"
)

// MakeupReport says how well the laid-out pages are made up: how many
// pages of running text stop short of the text block's foot, whether
// facing pages end on the same baseline, and how many widows and orphans
// the pages hold. It is measured on the page builder's own pages, so
// that a test or a tool can judge a real book without reading the PDF.
type MakeupReport struct {
	// TextPages counts the pages of a chapter that are not its last
	// page (a chapter's end may run short); the generated divisions
	// (contents, lists, index), made of entries off the text's grid, are
	// not running text and are left out. Short counts those whose
	// text and notes stop above the text block's foot, ShortLines the
	// body lines they leave empty in all, Long those run one line long.
	TextPages, Short, ShortLines, Long int
	// ShortFigure counts the short pages that hold a figure.
	ShortFigure int
	// Spreads counts the facing pairs (verso, recto) of running text,
	// neither a section's last page; Misaligned those whose pages end
	// on different baselines.
	Spreads, Misaligned int
	// Widows counts pages that start with a paragraph's last line,
	// Orphans pages that end with a paragraph's first line, and
	// HyphenFoot pages whose last line ends with a hyphen.
	Widows, Orphans, HyphenFoot int
	// Figures counts the figures printed in chapters; FarFigures those
	// printed more than one page after the page where the text reaches
	// them (their call: the place of the figure in the manuscript).
	Figures, FarFigures int
	// Details names the short pages, misaligned spreads, widows and
	// orphans by page label.
	Details []string
}

// String prints the report's figures on one line.
func (r MakeupReport) String() string {
	pct := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return 100 * float64(n) / float64(of)
	}
	return fmt.Sprintf("text pages %d, short %d (%.1f%%, %d lines; %d with a figure), run long %d; spreads %d, misaligned %d; widows %d, orphans %d, hyphen at a page's foot %d; figures %d, more than a page after their call %d",
		r.TextPages, r.Short, pct(r.Short, r.TextPages), r.ShortLines, r.ShortFigure, r.Long, r.Spreads, r.Misaligned, r.Widows, r.Orphans, r.HyphenFoot, r.Figures, r.FarFigures)
}

// Makeup measures the laid-out pages (see MakeupReport).
func (l *Laid) Makeup() MakeupReport {
	b, mk := l.b, l.mk
	var r MakeupReport
	// bottom returns where a section page's content ends, from the text
	// block's top, and whether the page counts as running text.
	bottom := func(p *page) (float64, bool) {
		if p.kind != pageSection {
			return 0, false
		}
		fp := p.sec.pages[p.idx]
		off := 0.0
		if p.idx == 0 {
			off = b.capacity - fp.capacity + fp.run
		}
		return off + fp.used, !fp.final
	}
	for i, p := range mk.pages {
		if p.kind != pageSection {
			continue
		}
		fp := p.sec.pages[p.idx]
		if first := firstFlowItem(fp); first != nil && first.paraLines > 0 && first.line > 0 && first.line == int(first.paraLines)-1 {
			r.Widows++
			r.Details = append(r.Details, "widow at the top of page "+p.label)
		}
		if last := lastFlowLine(fp); last != nil && !fp.final {
			if last.paraLines > 1 && last.line == 0 {
				r.Orphans++
				r.Details = append(r.Details, "orphan at the foot of page "+p.label)
			}
			if last.hyphen {
				r.HyphenFoot++
			}
		}
		if p.sec.chapter != nil {
			for _, pl := range fp.placed {
				if pl.it.figure == nil {
					continue
				}
				r.Figures++
				if d := p.idx - callPage(p.sec, pl.it); d > 1 {
					r.FarFigures++
					r.Details = append(r.Details, fmt.Sprintf("figure %s on page %s, %d pages after its call", pl.it.figure.fig.ID, p.label, d))
				}
			}
		}
		end, text := bottom(p)
		if !text {
			continue
		}
		switch {
		case p.sec.chapter == nil:
			// A generated division's page: only its spread is judged.
		case end < b.capacity-eps:
			r.TextPages++
			r.Short++
			n := int((b.capacity - end + eps) / b.lead)
			r.ShortLines += n
			if hasFigure(fp) {
				r.ShortFigure++
			}
			what := ""
			if p.idx == 0 {
				what = " (a section's opening)"
			}
			r.Details = append(r.Details, fmt.Sprintf("page %s%s short by %.1f lines", p.label, what, (b.capacity-end)/b.lead))
		case end > b.capacity+eps:
			r.TextPages++
			r.Long++
		default:
			r.TextPages++
		}
		// A recto (odd page number, from 1) faces the verso before it.
		if (i+1)%2 == 1 && i > 0 {
			vEnd, vText := bottom(mk.pages[i-1])
			if vText {
				r.Spreads++
				if abs(vEnd-end) > eps {
					r.Misaligned++
					r.Details = append(r.Details, fmt.Sprintf("spread %s–%s ends %.1f and %.1f lines down", mk.pages[i-1].label, p.label, vEnd/b.lead, end/b.lead))
				}
			}
		}
	}
	return r
}

// callPage returns the index, among its section's pages, of the page
// where the text reaches figure item it: the last page that starts at or
// before its place in the flow.
func callPage(s *section, it *item) int {
	call := 0
	for j, fp := range s.pages {
		if j > 0 && (fp.startBlock < it.block || fp.startBlock == it.block && fp.startOffset <= it.offset) {
			call = j
		}
	}
	return call
}

// firstFlowItem returns the first item of a page that came from the flow
// (not a figure from the float queue), skipping a continued table's head.
func firstFlowItem(fp *flowPage) *item {
	for _, p := range fp.placed {
		if p.fromQueue || p.it.kind == itemFigure {
			continue
		}
		return p.it
	}
	return nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// DetailsString lists the report's details, one a line.
func (r MakeupReport) DetailsString() string { return strings.Join(r.Details, "\n") }
