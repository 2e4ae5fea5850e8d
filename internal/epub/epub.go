// Package epub writes a book as an EPUB 3 file.
package epub

import (
	"errors"
	"io"
	"time"

	"github.com/publish-books/publish/internal/model"
)

// Font is a font file to embed, as the layout names it.
type Font struct {
	Family string
	Path   string // absolute path of the TTF/OTF file
	Italic bool
	Bold   bool
}

// Options say how to write the EPUB.
type Options struct {
	LayoutDir    string // holds epub.css
	Fonts        []Font
	Pagination   *model.Pagination // nil: no page-list
	ModTime      time.Time
	MaxImageEdge int    // default 2000
	CacheDir     string // converted image cache; "" for none
}

// Write writes the EPUB of book to w. TEMPORARY: replaced by the EPUB work.
func Write(w io.Writer, book *model.Book, opts Options, ds *model.Diagnostics) error {
	return errors.New("epub: not implemented yet")
}
