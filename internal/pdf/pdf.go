// Package pdf lays out and writes the print edition as a PDF.
package pdf

import (
	"errors"
	"io"
	"time"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// Options say how to render the PDF.
type Options struct {
	Layout  *layout.Print
	ModTime time.Time
	// Dump, when not nil, receives the text dump of the line breaker and
	// page builder (publish build -v).
	Dump io.Writer
}

// Result is what the layout computed.
type Result struct {
	Pagination *model.Pagination
	Pages      int
	Preflight  string
}

// Render lays out book and writes the PDF to w. TEMPORARY.
func Render(w io.Writer, book *model.Book, opts Options, ds *model.Diagnostics) (*Result, error) {
	return nil, errors.New("pdf: not implemented yet")
}
