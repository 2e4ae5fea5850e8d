package corpus

import (
	"fmt"
	"strings"
)

// generator writes the chapters of one book in order, from one stream of
// pseudo-random numbers.
type generator struct {
	spec   Spec
	p      *prose
	stats  Stats
	images []imageSpec
	figure int // figures written so far
	// graphics counts the figures credited to an archive source.
	graphics int
}

// citedKeys returns the keys of the sources cited so far.
func (g *generator) citedKeys() map[string]bool {
	cited := map[string]bool{}
	for i := 0; i < min(g.stats.Citations, len(citeKeys)); i++ {
		cited[citeKeys[i]] = true
	}
	return cited
}

func countWords(s string) int { return len(strings.Fields(s)) }

// chapter returns the Markdown of chapter i (from 1).
func (g *generator) chapter(i int) string {
	r := g.p.r
	var b strings.Builder
	title := chapterTitles[(i-1)%len(chapterTitles)]
	if i > len(chapterTitles) {
		title += fmt.Sprintf(" (%d)", (i-1)/len(chapterTitles)+1)
	}
	fmt.Fprintf(&b, "# %s {#ch-%02d}\n\n", title, i)

	// Figures of this chapter: an even share of the book's.
	figs := g.spec.Figures*i/g.spec.Chapters - g.spec.Figures*(i-1)/g.spec.Chapters
	target := g.spec.WordsPerChapter
	// Notes and citations go on chosen narrative paragraphs; the list is
	// filled as paragraphs are written.
	var notes []string
	words, placedFigs, pars := 0, 0, 0
	notesLeft, citesLeft := g.spec.NotesPerChapter, g.spec.CitationsPerChapter
	g.p.last = nil
	for words < target {
		var out []string
		switch {
		case g.spec.Kind == Illustrated && pars > 0 && pars%7 == 0:
			out = append(out, "## "+strings.TrimSuffix(g.p.histSentenceShort(), "."))
			fallthrough
		case g.spec.Kind == Illustrated:
			out = append(out, g.p.histParagraph(3, 8))
		case pars > 0 && r.chance(4):
			out = append(out, "* * *")
			g.p.last = nil
		case pars > 0 && r.chance(32):
			out = append(out, g.p.dialogue()...)
		default:
			out = append(out, g.p.paragraph(3, 8))
		}
		last := len(out) - 1
		if strings.HasSuffix(out[last], ".") && !strings.HasPrefix(out[last], "—") && !strings.HasPrefix(out[last], "«") {
			// Spread the notes and citations over the chapter.
			progress := words * (g.spec.NotesPerChapter + 1) / target
			if notesLeft > 0 && progress >= g.spec.NotesPerChapter-notesLeft+1 {
				num := len(notes) + 1
				out[last] = strings.TrimSuffix(out[last], ".") + fmt.Sprintf("[^%d].", num)
				notes = append(notes, fmt.Sprintf("[^%d]: %s", num, pick(r, noteTexts)))
				notesLeft--
				g.stats.Notes++
			} else if citesLeft > 0 && words*(g.spec.CitationsPerChapter+1)/target >= g.spec.CitationsPerChapter-citesLeft+1 {
				key := citeKeys[g.stats.Citations%len(citeKeys)]
				cit := fmt.Sprintf(" [@%s, p. %d]", key, r.between(9, 320))
				if r.chance(30) {
					cit = fmt.Sprintf(" [voir @%s]", key)
				}
				out[last] = strings.TrimSuffix(out[last], ".") + cit + "."
				citesLeft--
				g.stats.Citations++
			}
		}
		for _, par := range out {
			b.WriteString(par)
			b.WriteString("\n\n")
			words += countWords(par)
			pars++
		}
		if placedFigs < figs && words >= (placedFigs+1)*target/(figs+1) {
			b.WriteString(g.figureMarkdown())
			b.WriteString("\n\n")
			placedFigs++
		}
	}
	for placedFigs < figs {
		b.WriteString(g.figureMarkdown())
		b.WriteString("\n\n")
		placedFigs++
	}
	for _, n := range notes {
		b.WriteString(n)
		b.WriteString("\n\n")
	}
	g.stats.Words += words
	g.stats.Paragraphs += pars
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// histSentenceShort returns a short heading-like phrase.
func (p *prose) histSentenceShort() string {
	return capitalize(pick(p.r, histObjects)) + " " + pick(p.r, figDates)
}

// Image sizes at print resolution (300 ppi): landscape, a wide scan and a
// portrait, so that the EPUB writer has images to reduce.
var imageSizes = [][2]int{{2400, 1600}, {1800, 1200}, {1500, 2100}, {3000, 2000}}

// figureMarkdown returns the next figure and records its image.
func (g *generator) figureMarkdown() string {
	g.figure++
	g.stats.Figures++
	num := g.figure
	r := g.p.r
	caption := g.p.caption()
	size := imageSizes[(num-1)%len(imageSizes)]
	file := fmt.Sprintf("images/fig-%03d.jpg", num)
	g.images = append(g.images, imageSpec{file: file, width: size[0], height: size[1], number: num})
	alt := "Image grise de remplacement portant le numéro " + fmt.Sprint(num) + " ; elle tient lieu de : " +
		strings.ReplaceAll(strings.TrimSuffix(caption, "."), "*", "") + "."
	credit := fmt.Sprintf("credit=%q", pick(r, creditTexts))
	if r.chance(40) {
		// Archive sources in turn, so that each one is used.
		g.graphics++
		credit = fmt.Sprintf("source=fonds-%02d", (g.graphics-1)%graphicSources+1)
	}
	return fmt.Sprintf("![%s](%s){#fig-%03d alt=\"%s\" %s}", caption, file, num, alt, credit)
}
