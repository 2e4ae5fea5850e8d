// Package prepare runs the passes over the model that stand between
// reading a manuscript and rendering it: citations and credits, the
// labels of cross-references, then the typographic rules, then the ids
// that those passes make necessary (notes and their calls, bibliography
// entries, index terms) and the generated pages (indexes among them). The pipeline
// and every test that renders a book call Book, so that no test renders a
// model the pipeline would not.
package prepare

import (
	"context"
	"fmt"

	"github.com/publish-books/publish/internal/cite"
	"github.com/publish-books/publish/internal/index"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typo"
	"github.com/publish-books/publish/internal/xref"
)

// Book prepares a book read by the manuscript reader for the renderers,
// adding its problems to ds. It returns ctx's error when the build was
// cancelled between passes.
func Book(ctx context.Context, b *model.Book, ds *model.Diagnostics) error {
	return BookWith(ctx, b, ds, Options{})
}

// Options say what the passes may reuse from earlier builds.
type Options struct {
	// Typo, when not nil, keeps the typographic rules' results across the
	// builds of one process (publish watch); the prepared book is the same
	// with or without it.
	Typo *typo.Cache
}

// BookWith is Book with options.
func BookWith(ctx context.Context, b *model.Book, ds *model.Diagnostics, opts Options) error {
	cite.Apply(b, ds)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("prepare: after citations: %w", err)
	}
	xref.Apply(b, ds)
	typo.ApplyCached(b, ds, opts.Typo)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("prepare: after typography: %w", err)
	}
	b.MintNoteIDs()
	b.MintBibliographyIDs()
	index.Build(b, ds)
	b.PlanGenerated()
	return nil
}
