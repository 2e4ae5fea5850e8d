package pdf

import (
	"encoding/binary"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/publish-books/publish/internal/genmap"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/typeset"
)

// Cache keeps, across the builds of one process (publish watch), what a
// build of the print edition computed and the next may reuse: the parsed
// faces, the line breaker with its word cache (measurements and
// hyphenations), the set paragraphs keyed by everything the line breaker
// reads (its tolerance, the runs, styles, measure, indent, alignment,
// language, looseness, the lines that must not end with a hyphen), and
// the compressed content streams
// keyed by their plain bytes. A result depends only on its key, so a
// build with a cache makes the same PDF as a build without one.
//
// Entries that two builds in a row did not use are dropped, so that the
// cache holds about two builds' worth whatever the number of edits. A
// Cache may be shared by builds that run one after the other; builds that
// run at the same time are also safe, only less well served.
type Cache struct {
	mu sync.Mutex
	// faces interns faces by their font file's bytes, so that a face
	// keeps its pointer (the word cache's and the paragraph keys'
	// identity of a font) from one build to the next.
	faces  map[string]*typeset.Face
	faceID map[*typeset.Face]uint32
	// lastFace is the last id given; ids are never reused.
	lastFace uint32
	// setter is the line breaker of the last build, for the hyphenation
	// exceptions setterKey.
	setter    *typeset.Setter
	setterKey string
	// tolerant holds the siblings of setter with another tolerance (the
	// page builder's looseness), by tolerance.
	tolerant map[float64]*typeset.Setter
	paras    *genmap.Map[string, typeset.Result]
	streams  *genmap.Map[string, []byte] // compressed bodies by plain body
	// Hits and misses of the last build, for tests and publish -v;
	// looseHits and looseMisses count, among paraHits and paraMisses,
	// the paragraphs set by a breaker of another tolerance (the page
	// builder's, a line longer or shorter).
	paraHits, paraMisses, streamHits, streamMisses int
	looseHits, looseMisses                         int
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{faces: map[string]*typeset.Face{}, faceID: map[*typeset.Face]uint32{},
		paras: genmap.New[string, typeset.Result](), streams: genmap.New[string, []byte]()}
}

// CacheStats counts what the last build found in a cache. LooseHits and
// LooseMisses count, among the paragraph hits and misses, the paragraphs
// the page builder set a line longer or shorter to make up its pages.
type CacheStats struct {
	ParagraphHits, ParagraphMisses, StreamHits, StreamMisses int
	LooseHits, LooseMisses                                   int
}

// Stats returns what the last build found in c.
func (c *Cache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{c.paraHits, c.paraMisses, c.streamHits, c.streamMisses, c.looseHits, c.looseMisses}
}

// begin starts a build: entries the two builds before did not use are
// dropped, and the counts restart.
func (c *Cache) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.paras.Next()
	c.streams.Next()
	c.paraHits, c.paraMisses, c.streamHits, c.streamMisses = 0, 0, 0, 0
	c.looseHits, c.looseMisses = 0, 0
}

// parseFace returns the face parsed from data in an earlier build, else
// parses it (internFaces keeps it for the next build). A nil cache parses.
func (c *Cache) parseFace(data []byte) (*typeset.Face, error) {
	if c != nil {
		c.mu.Lock()
		f, ok := c.faces[string(data)]
		c.mu.Unlock()
		if ok {
			return f, nil
		}
	}
	return typeset.ParseFace(data)
}

// internFaces replaces the faces of fs by those of an earlier build made
// from the same font bytes. Faces no longer used are forgotten.
func (c *Cache) internFaces(fs *fontSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	used := map[*typeset.Face]bool{}
	for _, k := range slices.Sorted(maps.Keys(fs.faces)) {
		data, ok := fs.data[fs.styles[k]]
		if !ok || fs.faces[k] == nil {
			continue
		}
		if f, ok := c.faces[string(data)]; ok {
			fs.faces[k] = f
			used[f] = true
			continue
		}
		c.faces[string(data)] = fs.faces[k]
		used[fs.faces[k]] = true
		c.lastFace++
		c.faceID[fs.faces[k]] = c.lastFace
	}
	for data, f := range c.faces {
		if !used[f] {
			delete(c.faces, data)
			delete(c.faceID, f)
		}
	}
}

// lineSetter returns the line breaker for lay: the last build's when its
// hyphenation exceptions are the same, with the paragraph cache in front.
func (c *Cache) lineSetter(lay *layout.Print) lineSetter {
	key := strings.Join(lay.HyphenExceptions, "\n")
	c.mu.Lock()
	if c.setter == nil || c.setterKey != key {
		c.setter = typeset.NewSetter(typeset.SetterOptions{Exceptions: lay.HyphenExceptions})
		c.setterKey = key
		c.tolerant = nil
		// Paragraphs set with other exceptions may be hyphenated
		// otherwise.
		c.paras.Clear()
	}
	s := c.setter
	c.mu.Unlock()
	return &cachedSetter{inner: s, cache: c}
}

// tolerantSetter returns the sibling of s with tolerance, the one of
// the builds before when s is the cache's line breaker.
func (c *Cache) tolerantSetter(s *typeset.Setter, tolerance float64) *typeset.Setter {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s != c.setter {
		return s.SiblingTolerance(tolerance)
	}
	t, ok := c.tolerant[tolerance]
	if !ok {
		t = s.SiblingTolerance(tolerance)
		if c.tolerant == nil {
			c.tolerant = map[float64]*typeset.Setter{}
		}
		c.tolerant[tolerance] = t
	}
	return t
}

// cachedSetter answers a paragraph from the cache, else sets it with
// inner and keeps the result.
type cachedSetter struct {
	inner lineSetter
	cache *Cache
	// tolerance is inner's tolerance when not the layout's (0), part of
	// the key: the same paragraph may break otherwise.
	tolerance float64
	key       []byte // buffer of paragraphKey
}

// withTolerance returns a cachedSetter in front of a line breaker for
// lay that sets paragraphs within tolerance (see looseTolerance), sharing
// s's word cache.
func (s *cachedSetter) withTolerance(lay *layout.Print, tolerance float64) lineSetter {
	var inner lineSetter
	if ts, ok := s.inner.(*typeset.Setter); ok {
		inner = s.cache.tolerantSetter(ts, tolerance)
	} else {
		inner = typeset.NewSetter(typeset.SetterOptions{Exceptions: lay.HyphenExceptions, Tolerance: tolerance})
	}
	return &cachedSetter{inner: inner, cache: s.cache, tolerance: tolerance}
}

// holds reports whether the cache keeps p's setting already.
func (s *cachedSetter) holds(p typeset.Paragraph) bool {
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	key, ok := c.paragraphKey(s.key[:0], s.tolerance, &p)
	s.key = key
	if !ok {
		return false
	}
	_, hit := c.paras.Get(string(key))
	return hit
}

// Set returns the lines of p, as inner would set them.
func (s *cachedSetter) Set(p typeset.Paragraph) typeset.Result {
	c := s.cache
	c.mu.Lock()
	key, ok := c.paragraphKey(s.key[:0], s.tolerance, &p)
	s.key = key
	if !ok {
		c.mu.Unlock()
		return s.inner.Set(p)
	}
	loose := s.tolerance != 0
	if res, hit := c.paras.Get(string(key)); hit {
		c.paraHits++
		if loose {
			c.looseHits++
		}
		c.mu.Unlock()
		return res
	}
	c.paraMisses++
	if loose {
		c.looseMisses++
	}
	c.mu.Unlock()
	res := s.inner.Set(p)
	c.mu.Lock()
	c.paras.Put(string(key), res)
	c.mu.Unlock()
	return res
}

// paragraphKey appends to buf the line breaker's tolerance and
// everything it reads of p. It reports false when a run's face is not one
// of the cache's (such a paragraph is not cached). Called with c.mu held.
func (c *Cache) paragraphKey(buf []byte, tolerance float64, p *typeset.Paragraph) ([]byte, bool) {
	return appendParagraphKey(buf, tolerance, p, c.faceID)
}

// appendParagraphKey appends to buf the line breaker's tolerance and
// everything it reads of p, each face by its number in faceID. It reports
// false when a run's face has no number.
func appendParagraphKey(buf []byte, tolerance float64, p *typeset.Paragraph, faceID map[*typeset.Face]uint32) ([]byte, bool) {
	f64 := func(v float64) { buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v)) }
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	f64(tolerance)
	f64(p.Width)
	f64(p.Indent)
	buf = binary.AppendVarint(buf, int64(p.Looseness))
	buf = binary.AppendVarint(buf, int64(p.Align))
	str(p.Lang)
	buf = binary.AppendUvarint(buf, uint64(len(p.NoHyphenAfter)))
	for _, n := range p.NoHyphenAfter {
		buf = binary.AppendVarint(buf, int64(n))
	}
	buf = binary.AppendUvarint(buf, uint64(len(p.Runs)))
	for i := range p.Runs {
		r := &p.Runs[i]
		id := uint32(0)
		if r.Style.Face != nil {
			var ok bool
			if id, ok = faceID[r.Style.Face]; !ok {
				return buf, false
			}
		}
		buf = binary.AppendUvarint(buf, uint64(id))
		str(r.Text)
		str(r.Style.Font)
		f64(r.Style.Size)
		f64(r.Style.Rise)
		str(r.Style.Link)
		var flags byte
		for j, b := range []bool{r.Style.Strike, r.Uncounted, r.NoBreak, r.Literal, r.Break} {
			if b {
				flags |= 1 << j
			}
		}
		buf = append(buf, flags)
	}
	return buf, true
}

// sibling returns a cachedSetter for another goroutine, in front of a
// sibling of the inner line breaker.
func (s *cachedSetter) sibling(lay *layout.Print) lineSetter {
	return &cachedSetter{inner: siblingSetter(s.inner, lay), cache: s.cache, tolerance: s.tolerance}
}

// compressed returns the compressed body kept for a plain stream body,
// or nil. A nil cache has none.
func (c *Cache) compressed(plain []byte) ([]byte, streamRef) {
	if c == nil {
		return nil, streamRef{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if body, ok := c.streams.Get(string(plain)); ok {
		c.streamHits++
		return body, streamRef{}
	}
	c.streamMisses++
	return nil, streamRef{}
}

// keepCompressed remembers the compressed body of a plain stream body.
func (c *Cache) keepCompressed(plain []byte, _ streamRef, body []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.streams.Put(string(plain), body)
}
