package epub

import (
	"bytes"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/publish-books/publish/internal/genmap"
)

// Cache keeps, across the builds of one process (publish watch), the
// compressed form of the container's entries keyed by their bytes and
// level: an unchanged chapter, style sheet or font is not compressed
// again. A compressed stream depends on its input only, so the EPUB is the
// same with or without a cache. Entries the last two builds did not use
// are dropped.
type Cache struct {
	mu      sync.Mutex
	entries *genmap.Map[cacheKey, []byte] // raw deflate streams
	// hits and misses of the last build.
	hits, misses int
}

type cacheKey struct {
	data  string
	level int
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: genmap.New[cacheKey, []byte]()} }

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
	c.entries.Next()
	c.hits, c.misses = 0, 0
}

// lookup returns the raw deflate stream kept for data at level, or nil.
func (c *Cache) lookup(data []byte, level int) []byte {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if comp, ok := c.entries.Get(cacheKey{string(data), level}); ok {
		c.hits++
		return comp
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
	c.entries.Put(cacheKey{string(data), level}, comp)
}

// zipLevel is the deflate level of the container's entries, with
// klauspost/compress's compressor: for the corpus novel's chapters and
// the EB Garamond fonts it is three times as fast as Go's compress/flate
// at archive/zip's level (5) and default level (6), for entries 1 to 3 %
// larger; its level 6 gains under 1 % more, level 4 loses 4 to 9 %.
const zipLevel = 5

// deflateTag names the compressor and level in the names of the deflate
// streams kept in the cache folder, so that a stream another compressor
// or level made (an earlier version's) is not taken for this one's: a
// cached build must give the bytes of a cold one. It holds the version of
// klauspost/compress pinned in go.mod (checked by a test).
const deflateTag = "klauspost-v1.18.4-5"

// deflater compresses entries at zipLevel, reusing one flate writer
// (whose tables take about a megabyte) for a whole container, as
// archive/zip does with its pool of writers. Its output depends on the
// bytes it is given only, not on what it compressed before.
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
	comp, err := d.compress(data)
	if err != nil {
		return nil, err
	}
	d.cache.keep(data, zipLevel, comp)
	return comp, nil
}

// compress deflates data at zipLevel into a new slice.
func (d *deflater) compress(data []byte) ([]byte, error) {
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
	return bytes.Clone(d.buf.Bytes()), nil
}
