package pdf

import (
	"fmt"
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// preflight writes the report a printer's preflight would give: pages,
// trim and bleed, fonts, images with their effective resolution and
// colour space, the PDF/X claim, and warnings.
// printed holds the figures as the pages print them, by ID: a figure made
// smaller on its page (shrunkFigure) is reported at the size it is
// printed (Write collects them as it draws, before it drops the pages).
func (b *builder) preflight(mk *makeup, fin *finished, ds *model.Diagnostics, printed map[string]*placedFigure) string {
	lay := b.lay
	mm := func(pt float64) string {
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", pt*25.4/72), "0"), ".")
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "Preflight: %s\n\n", b.book.Meta.Title)
	fmt.Fprintf(&sb, "Pages:        %d (%s)\n", len(mk.pages), evenOdd(len(mk.pages)))
	fmt.Fprintf(&sb, "Trim:         %s × %s mm", mm(lay.TrimWidth), mm(lay.TrimHeight))
	if lay.TrimName != "" {
		fmt.Fprintf(&sb, " (%s)", lay.TrimName)
	}
	sb.WriteString("\n")
	fmt.Fprintf(&sb, "Bleed:        %s mm on every side (BleedBox and TrimBox on every page)\n", mm(lay.Bleed))
	m := lay.Bleed + lay.MarkSpace()
	fmt.Fprintf(&sb, "MediaBox:     %s × %s mm", mm(lay.TrimWidth+2*m), mm(lay.TrimHeight+2*m))
	if lay.CropMarks {
		sb.WriteString(" (with crop marks)")
	} else {
		sb.WriteString(" (no crop marks)")
	}
	sb.WriteString("\n")
	fmt.Fprintf(&sb, "Text block:   %s × %s mm, %d lines of %.1f/%.1f pt\n", mm(b.textW), mm(lay.TextHeight()), lay.LinesPerPage(), lay.Size, lay.Leading)
	sb.WriteString(b.notesSummary(mk))
	if fin.pdfx != "" {
		fmt.Fprintf(&sb, "PDF/X:        %s, output intent %s (%s), gray only, no annotations\n", fin.pdfx, lay.OutputCondition, lay.OutputConditionInfo())
	} else {
		fmt.Fprintf(&sb, "PDF/X:        none (pdf-x: none, or a color book); links from the contents and lists\n")
	}
	sb.WriteString("\nFonts (TrueType, embedded as subsets):\n")
	for _, n := range fin.fonts {
		fmt.Fprintf(&sb, "  %s  embedded: yes\n", n)
	}
	sb.WriteString("\nImages:\n")
	if len(b.figures) == 0 {
		sb.WriteString("  none\n")
	}
	seen := map[string]bool{}
	for _, pf := range b.figures {
		if seen[pf.fig.ID] {
			continue
		}
		seen[pf.fig.ID] = true
		if p, ok := printed[pf.fig.ID]; ok {
			pf = p
		}
		status := "ok"
		switch {
		case pf.name == "":
			status = "MISSING"
		case pf.advice != "":
			status = pf.advice
		}
		kind := "photograph or scan"
		if pf.screen {
			kind = "screenshot"
		}
		fmt.Fprintf(&sb, "  fig. %d %s (%s): %d×%d px printed %s×%s mm = %.0f ppi, %s, %s, page %s — %s\n",
			pf.fig.Number, pf.fig.ID, pf.fig.Image, pf.fig.PixelWidth, pf.fig.PixelHeight, mm(pf.w), mm(pf.h), pf.ppi,
			kind, pf.colorSpace, mk.pagination.FigurePages[pf.fig.ID], status)
	}
	// The warnings in the order of the files, lines and columns (sorted
	// as text, line 102 came before line 26).
	var warned model.Diagnostics
	for _, d := range ds.List {
		if d.Severity >= model.Warning {
			warned.Add(d)
		}
	}
	warned.Sort()
	var warns []string
	for _, d := range warned.List {
		warns = append(warns, d.String())
	}
	if b.fallbacks > 0 {
		warns = append(warns, fmt.Sprintf("%d paragraph(s) could not be justified within tolerance and were set line by line", b.fallbacks))
	}
	sb.WriteString("\nWarnings:\n")
	if len(warns) == 0 {
		sb.WriteString("  none\n")
	}
	for _, w := range warns {
		fmt.Fprintf(&sb, "  %s\n", w)
	}
	return sb.String()
}

func evenOdd(n int) string {
	if n%2 == 0 {
		return "even"
	}
	return "ODD"
}

// notesSummary says how the notes are set: footnotes with how many pages
// hold them and how many are continued overleaf, or endnotes.
func (b *builder) notesSummary(mk *makeup) string {
	if !b.footnotes() {
		return "Notes:        endnotes (after each chapter)\n"
	}
	notes, pages, split := 0, 0, 0
	for _, p := range mk.pages {
		if p.kind != pageSection || len(p.sec.pages[p.idx].foot) == 0 {
			continue
		}
		foot := p.sec.pages[p.idx].foot
		pages++
		for _, fl := range foot {
			if fl.idx == 0 {
				notes++
			}
		}
		if last := foot[len(foot)-1]; last.idx < last.n-1 {
			split++
		}
	}
	return fmt.Sprintf("Notes:        footnotes: %d at the foot of %d pages, %d continued overleaf\n", notes, pages, split)
}
