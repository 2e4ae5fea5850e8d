package manuscript

import (
	"bytes"
	"slices"
	"sync"

	"github.com/yuin/goldmark/ast"
)

// ParseCache keeps, across the reads of one process (publish watch), the
// Markdown parser's tree of each chapter file. The tree depends on the
// file's bytes and on the book's headings (which links may name by their
// text) only: a chapter whose bytes and the book's headings are those of
// the last read is not parsed again. What the reader makes of the tree
// (the chapter's model, its ids, numbers and diagnostics) is made again on
// every read, from the tree, which that conversion only reads; so a read
// with the cache gives the book and the diagnostics of a read without it.
// Reads sharing a cache must run one after the other.
type ParseCache struct {
	// mu guards the cache while the files of one read are parsed side by
	// side (reader.parseFiles).
	mu      sync.Mutex
	entries map[string]*parsedFile
	// hits and misses of the last read.
	hits, misses int
}

// parsedFile is the parser's tree of one chapter file with what it was
// made from.
type parsedFile struct {
	src  []byte // the file's bytes as read
	refs []headerRef
	doc  ast.Node
	used bool
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache { return &ParseCache{entries: map[string]*parsedFile{}} }

// Stats returns how many chapter files the last read found parsed in c,
// and how many it parsed.
func (c *ParseCache) Stats() (hits, misses int) {
	if c == nil {
		return 0, 0
	}
	return c.hits, c.misses
}

// begin starts a read. A nil cache does nothing.
func (c *ParseCache) begin() {
	if c == nil {
		return
	}
	c.hits, c.misses = 0, 0
	for _, e := range c.entries {
		e.used = false
	}
}

// end finishes a read: the files it did not parse or find are dropped.
func (c *ParseCache) end() {
	if c == nil {
		return
	}
	for k, e := range c.entries {
		if !e.used {
			delete(c.entries, k)
		}
	}
}

// lookup returns the tree kept for absFile when it was made from raw
// (the file's bytes as read) and refs, else nil.
func (c *ParseCache) lookup(absFile string, raw []byte, refs []headerRef) ast.Node {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[absFile]
	if e == nil || !bytes.Equal(e.src, raw) || !slices.Equal(e.refs, refs) {
		c.misses++
		return nil
	}
	e.used = true
	c.hits++
	return e.doc
}

// keep remembers the tree of absFile made from raw and refs.
func (c *ParseCache) keep(absFile string, raw []byte, refs []headerRef, doc ast.Node) {
	if c == nil || doc == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[absFile] = &parsedFile{src: raw, refs: slices.Clone(refs), doc: doc, used: true}
}
