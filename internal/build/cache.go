package build

import (
	"github.com/publish-books/publish/internal/epub"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/pdf"
	"github.com/publish-books/publish/internal/typo"
)

// Cache keeps, in memory, what a build computed that the next build of
// the same process may reuse (publish watch): the print edition's set
// paragraphs, word measurements and hyphenations, and compressed page
// streams (pdf.Cache), the EPUB's compressed entries (epub.Cache), the
// typographic rules' results for each paragraph and title (typo.Cache),
// and the Markdown parser's tree of each chapter file
// (manuscript.ParseCache).
// Each is keyed by everything its result depends on, so the outputs are
// byte for byte those of a build without a cache. Builds using one Cache
// should run one after the other.
type Cache struct {
	pdf  *pdf.Cache
	epub *epub.Cache
	typo *typo.Cache
	read *manuscript.ParseCache
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{pdf: pdf.NewCache(), epub: epub.NewCache(), typo: typo.NewCache(),
		read: manuscript.NewParseCache()}
}

// pdfCache returns the print edition's cache, nil for a nil Cache.
func (c *Cache) pdfCache() *pdf.Cache {
	if c == nil {
		return nil
	}
	return c.pdf
}

// epubCache returns the EPUB's cache, nil for a nil Cache.
func (c *Cache) epubCache() *epub.Cache {
	if c == nil {
		return nil
	}
	return c.epub
}

// typoCache returns the typographic rules' cache, nil for a nil Cache.
func (c *Cache) typoCache() *typo.Cache {
	if c == nil {
		return nil
	}
	return c.typo
}

// parseCache returns the Markdown parser's cache, nil for a nil Cache.
func (c *Cache) parseCache() *manuscript.ParseCache {
	if c == nil {
		return nil
	}
	return c.read
}
