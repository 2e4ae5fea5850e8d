package build

import (
	"errors"

	"github.com/publish-books/publish/internal/manuscript"
)

// Slug returns the base name of the outputs of the book in bookDir,
// derived from its title, without reading the chapters.
func Slug(bookDir string) (string, error) {
	meta, ds := manuscript.ReadMetadata(bookDir)
	if ds.HasErrors() {
		return "", errors.New(ds.List[0].String())
	}
	return manuscript.Slug(meta.Title, "book"), nil
}
