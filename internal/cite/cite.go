// Package cite is the one citation and credit formatter.
package cite

import "github.com/publish-books/publish/internal/model"

// Apply formats citations, figure credits and the bibliography. TEMPORARY.
func Apply(book *model.Book, ds *model.Diagnostics) {}
