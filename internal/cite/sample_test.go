package cite

import (
	"testing"

	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
)

func TestSampleDump(t *testing.T) {
	book, ds := manuscript.Read(manuscript.Options{BookDir: "../../book"})
	Apply(book, &ds)
	t.Log(ds.String())
	for _, ch := range book.Chapters {
		for _, n := range ch.Notes {
			t.Logf("%s %d %s", n.ID, n.Number, model.PlainText(n.Blocks[0].(*model.Paragraph).Inlines))
		}
	}
	for _, f := range book.Figures {
		t.Logf("%s: %s", f.ID, model.PlainText(f.Credit))
	}
	for _, g := range book.Bibliography {
		t.Logf("## %s", g.Title)
		for _, e := range g.Entries {
			t.Logf("  %s", model.PlainText(e.Inlines))
		}
	}
}
