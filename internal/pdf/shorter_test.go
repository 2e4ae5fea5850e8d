package pdf

import (
	"bytes"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestShorterTriesBounded makes up the sample book and a long generated
// one with and without the bound on settings a line shorter
// (setPara.mayShorten): the PDFs are byte-identical, and the bound spared
// tries.
func TestShorterTriesBounded(t *testing.T) {
	lay := sampleLayout(t, nil)
	defer func() { boundShorterTries = true }()
	for name, book := range map[string]func() *model.Book{"sample": func() *model.Book { return sampleBook(t) }, "long": func() *model.Book { return longBook(t, 6) }} {
		t.Run(name, func(t *testing.T) {
			boundShorterTries = true
			with, res, _ := render(t, book(), lay)
			boundShorterTries = false
			without, res2, _ := render(t, book(), lay)
			if !bytes.Equal(with, without) {
				t.Errorf("the PDF made up with the bound (%d tries spared) differs from the one made up without", res.ShorterSkipped)
			}
			if res.ShorterSkipped == 0 || res2.ShorterSkipped != 0 {
				t.Errorf("tries spared: %d with the bound, %d without; want some and none", res.ShorterSkipped, res2.ShorterSkipped)
			}
			t.Logf("%d pages, %d tries a line shorter spared", res.Pages, res.ShorterSkipped)
		})
	}
}
