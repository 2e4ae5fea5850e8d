package pdf

import (
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestAdjacentNoteCalls: two calls side by side print as ⁴,⁵ (a superior
// comma between them), never as forty-five; a single call gets no comma.
func TestAdjacentNoteCalls(t *testing.T) {
	n4, n5, n6 := longNote("n4", 4, 1), longNote("n5", 5, 1), longNote("n6", 6, 1)
	book := notesBook(t, func(ch *model.Chapter) {
		ch.Notes = append(ch.Notes, n4, n5, n6)
		ch.Blocks = append(ch.Blocks, &model.Paragraph{Inlines: []model.Inline{
			&model.Text{Value: "Il revint en 1947."}, &model.NoteRef{Note: n4}, &model.NoteRef{Note: n5},
			&model.Text{Value: " Puis en 1948."}, &model.NoteRef{Note: n6},
		}})
	})
	data, _ := renderKinds(t, book)
	flat := strings.Join(strings.Fields(pdfText(t, data)), " ")
	if !strings.Contains(flat, "1947.4,5 Puis en 1948.6") {
		t.Errorf("pdftotext does not read the calls as 4,5 and 6:\n%s", flat)
	}
}
