package pdf

import (
	"regexp"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/index"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// TestIndexTermInANote marks a term inside the sample's last note and
// prints the book with footnotes and with endnotes: the index gives the
// page where the note's text is printed (the call's page for a
// footnote, the notes after the chapter for an endnote).
func TestIndexTermInANote(t *testing.T) {
	for _, notes := range []string{"footnotes", "endnotes"} {
		t.Run(notes, func(t *testing.T) {
			book := sampleBook(t)
			var note *model.Note
			for _, ch := range book.Chapters {
				if len(ch.Notes) > 0 {
					note = ch.Notes[len(ch.Notes)-1]
				}
			}
			if note == nil {
				t.Fatal("the sample has no note")
			}
			par := note.Blocks[0].(*model.Paragraph)
			par.Inlines = append(par.Inlines, &model.Text{Value: " "},
				&model.Span{Index: &model.IndexMark{Index: model.SubjectsIndex}, Children: []model.Inline{&model.Text{Value: "Zanzibar"}}})
			var ds model.Diagnostics
			index.Build(book, &ds)
			book.PlanGenerated()
			data, res, _ := render(t, book, sampleLayout(t, func(p *layout.Print) { p.Notes = notes }))
			pages := strings.Split(pdfText(t, data), "\f")
			// The label of each page, from the layout dump ("page 9 [5]").
			labels := rePage.FindAllStringSubmatch(res.Dump, -1)
			if len(labels) != res.Pages {
				t.Fatalf("dump lists %d pages, want %d", len(labels), res.Pages)
			}
			entry := regexp.MustCompile(`Zanzibar, (\d+)`)
			var listed, printedOn string
			for i, p := range pages {
				if m := entry.FindStringSubmatch(p); m != nil {
					listed = m[1]
					continue
				}
				if strings.Contains(p, "Zanzibar") && i < len(labels) {
					printedOn = labels[i][2]
				}
			}
			if listed == "" || printedOn == "" || listed != printedOn {
				t.Errorf("the index lists Zanzibar on page %q; it is printed on page %q", listed, printedOn)
			}
		})
	}
}
