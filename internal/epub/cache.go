package epub

import (
	"bytes"
	"compress/flate"
	"sync"
)

// Cache keeps, across the builds of one process (publish watch), the
// compressed form of the container's entries keyed by their bytes and
// level: an unchanged chapter, style sheet or font is not compressed
// again. A compressed stream depends on its input only, so the EPUB is the
// same with or without a cache. Entries the last two builds did not use
// are dropped.
type Cache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[cacheKey]*cachedEntry
	// hits and misses of the last build.
	hits, misses int
}

type cacheKey struct {
	data  string
	level int
}

type cachedEntry struct {
	comp []byte
	gen  uint64
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[cacheKey]*cachedEntry{}} }

// Stats returns how many entries the last build found in c, and how many
// it compressed.
func (c *Cache) Stats() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// begin starts a build: entries the two builds before did not use are
// dropped. A nil cache does nothing.
func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k, e := range c.entries {
		if e.gen+2 < c.gen {
			delete(c.entries, k)
		}
	}
	c.hits, c.misses = 0, 0
}

// lookup returns the raw deflate stream kept for data at level, or nil.
func (c *Cache) lookup(data []byte, level int) []byte {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[cacheKey{string(data), level}]; ok {
		e.gen = c.gen
		c.hits++
		return e.comp
	}
	c.misses++
	return nil
}

// keep remembers the raw deflate stream of data at level.
func (c *Cache) keep(data []byte, level int, comp []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[cacheKey{string(data), level}] = &cachedEntry{comp: comp, gen: c.gen}
}

// zipLevel is the level of archive/zip's own Deflate method.
const zipLevel = 5

// deflater compresses entries at archive/zip's level, reusing one
// flate writer (whose tables take about a megabyte) for a whole container,
// as archive/zip does with its pool of writers.
type deflater struct {
	cache *Cache
	buf   bytes.Buffer
	fw    *flate.Writer
}

// deflate returns data as a raw deflate stream at zipLevel, from the cache
// when an earlier build compressed the same bytes.
func (d *deflater) deflate(data []byte) ([]byte, error) {
	if comp := d.cache.lookup(data, zipLevel); comp != nil {
		return comp, nil
	}
	d.buf.Reset()
	if d.fw == nil {
		fw, err := flate.NewWriter(&d.buf, zipLevel)
		if err != nil {
			return nil, err
		}
		d.fw = fw
	} else {
		d.fw.Reset(&d.buf)
	}
	if _, err := d.fw.Write(data); err != nil {
		return nil, err
	}
	if err := d.fw.Close(); err != nil {
		return nil, err
	}
	comp := bytes.Clone(d.buf.Bytes())
	d.cache.keep(data, zipLevel, comp)
	return comp, nil
}
