// Package genmap is the map the rebuild caches keep their entries in: an
// entry is dropped once two builds in a row did not use it, so that a
// cache holds about two builds' worth whatever the number of edits.
package genmap

// Map maps keys to values and remembers the build that last used each
// entry. It is not safe for concurrent use: its owner locks it.
type Map[K comparable, V any] struct {
	entries map[K]*entry[V]
	gen     uint64
}

type entry[V any] struct {
	value V
	gen   uint64
}

// New returns an empty Map.
func New[K comparable, V any]() *Map[K, V] {
	return &Map[K, V]{entries: map[K]*entry[V]{}}
}

// Next starts a build: the entries the two builds before did not use are
// dropped.
func (m *Map[K, V]) Next() {
	m.gen++
	for k, e := range m.entries {
		if e.gen+2 < m.gen {
			delete(m.entries, k)
		}
	}
}

// Get returns the value kept for k, marking it used by this build.
func (m *Map[K, V]) Get(k K) (V, bool) {
	if e, ok := m.entries[k]; ok {
		e.gen = m.gen
		return e.value, true
	}
	var zero V
	return zero, false
}

// Put keeps v for k, used by this build.
func (m *Map[K, V]) Put(k K, v V) {
	m.entries[k] = &entry[V]{value: v, gen: m.gen}
}

// Clear drops every entry.
func (m *Map[K, V]) Clear() { clear(m.entries) }

// Len returns the number of entries kept.
func (m *Map[K, V]) Len() int { return len(m.entries) }
