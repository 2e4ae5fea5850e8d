// Package typo applies the typographic rules of the book's language.
package typo

import "github.com/publish-books/publish/internal/model"

// Apply applies the language rules to every text of the book. TEMPORARY.
func Apply(book *model.Book, ds *model.Diagnostics) {}
