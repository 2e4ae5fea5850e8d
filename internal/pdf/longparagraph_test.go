package pdf

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/cputime"
	"github.com/publish-books/publish/internal/model"
)

// TestLongParagraphLinear renders books of one paragraph of 25 000 and
// 200 000 words (the words of the sample book, over and over): the time
// and the memory allocated must grow about eight times, not with the
// square of the length (within a factor of 20 for time, 12 for memory).
// The time is the process's processor time where the system tells it:
// go test runs the other packages' tests side by side, and a wall time
// of 2.7 s instead of 0.7 made it fail once.
// A paragraph of 1 MB took 9.4 s and 461 MB when the page builder set it
// again for each page whose last line ended with a hyphen.
func TestLongParagraphLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 225 000 words")
	}
	sample := sampleBook(t)
	var all []string
	for _, ch := range sample.Chapters {
		for _, blk := range ch.Blocks {
			if p, ok := blk.(*model.Paragraph); ok {
				all = append(all, strings.Fields(model.PlainText(p.Inlines))...)
			}
		}
	}
	lay := sampleLayout(t, nil)
	measure := func(words int) (time.Duration, uint64, int) {
		ws := make([]string, 0, words)
		for len(ws) < words {
			ws = append(ws, all[:min(len(all), words-len(ws))]...)
		}
		book := &model.Book{Meta: sample.Meta, Dir: sample.Dir}
		book.Chapters = []*model.Chapter{{ID: "long", Matter: model.BodyMatter,
			Title:  []model.Inline{&model.Text{Value: "Un paragraphe"}},
			Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: strings.Join(ws, " ")}}}}}}
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start, cpu := time.Now(), cputime.Process()
		_, res, _ := render(t, book, lay)
		d := time.Since(start)
		if cpu > 0 {
			d = cputime.Process() - cpu
		}
		runtime.ReadMemStats(&m1)
		return d, m1.TotalAlloc - m0.TotalAlloc, len(res.Pagination.Pages)
	}
	smallT, smallA, smallP := measure(25000)
	largeT, largeA, largeP := measure(200000)
	t.Logf("25 000 words: %d pages, %v, %d MB allocated; 200 000 words: %d pages, %v, %d MB allocated",
		smallP, smallT, smallA>>20, largeP, largeT, largeA>>20)
	if r := float64(largeT) / float64(smallT); r > 20 {
		t.Errorf("eight times the words take %.1f times as long: not linear", r)
	}
	if r := float64(largeA) / float64(smallA); r > 12 {
		t.Errorf("eight times the words allocate %.1f times the memory: not linear", r)
	}
}
