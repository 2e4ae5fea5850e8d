// Package layout reads layout/print.yaml, the print edition's page and
// type settings.
package layout

import "github.com/publish-books/publish/internal/model"

// Print is the print layout. TEMPORARY: replaced by the print work.
type Print struct {
	Fonts []FontFile
}

// FontFile is one font file of the layout.
type FontFile struct {
	Family string
	Path   string // absolute
	Italic bool
	Bold   bool
}

// Load reads dir/print.yaml (defaults when it is missing).
func Load(dir string, ds *model.Diagnostics) *Print { return &Print{} }
