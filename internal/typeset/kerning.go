package typeset

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
)

// kerning is a font's horizontal pair kerning in font units: the GPOS
// "kern" feature's pair adjustment lookups when the font has them, the
// legacy kern table otherwise.
type kerning struct {
	lookups [][]pairSubtable
	// memo remembers the pairs looked up (nil without lookups): a
	// book's text has a few hundred frequent pairs, and a look-up through
	// the subtables (binary searches among thousands of pairs) took a
	// tenth of the time of measuring a new word.
	memo *kernMemo
}

// kernMemo is a direct-mapped memo of kerning pairs, shared by the
// goroutines that set with the same face: each entry is one word, read
// and written atomically, holding the pair (first<<16 | second) in its
// high half, kernKnown, and the value in its low 16 bits. A pair whose
// entry another pair took is looked up again.
type kernMemo [kernMemoSize]atomic.Uint64

// kernMemoSize is the number of entries of a kernMemo (32 KB).
const kernMemoSize = 4096

// kernKnown marks a kernMemo entry in use.
const kernKnown = 1 << 16

// withMemo returns k with a memo when it has lookups.
func (k kerning) withMemo() kerning {
	if len(k.lookups) > 0 {
		k.memo = new(kernMemo)
		// Written before it is read: see newWordTable.
		for i := range k.memo {
			k.memo[i].Store(0)
		}
	}
	return k
}

// pairSubtable is one pair adjustment subtable: either explicit pairs
// (format 1, or a kern table) or a class matrix (format 2).
type pairSubtable struct {
	pairs *pairTable // explicit pairs; nil for a class matrix
	// class-based subtables
	covered []bool
	class1  []uint16
	class2  []uint16
	n2      int
	values  []int16
}

// pair returns the kerning of glyphs a then b, summed over the lookups;
// inside one lookup the first subtable that applies wins, as in a shaper.
func (k *kerning) pair(a, b uint16) int {
	if k.memo == nil {
		return k.lookUp(a, b)
	}
	key := uint32(a)<<16 | uint32(b)
	slot := &k.memo[(key*0x9E3779B1)>>20&(kernMemoSize-1)]
	if e := slot.Load(); e>>32 == uint64(key) && e&kernKnown != 0 {
		return int(int16(uint16(e)))
	}
	v := k.lookUp(a, b)
	if v == int(int16(v)) {
		slot.Store(uint64(key)<<32 | kernKnown | uint64(uint16(int16(v))))
	}
	return v
}

// lookUp returns the kerning of glyphs a then b from the subtables (see
// pair).
func (k *kerning) lookUp(a, b uint16) int {
	total := 0
	for _, lk := range k.lookups {
		for i := range lk {
			st := &lk[i]
			if st.pairs != nil {
				if v, ok := st.pairs.get(uint32(a)<<16 | uint32(b)); ok {
					total += int(v)
					break
				}
				continue
			}
			if int(a) >= len(st.covered) || !st.covered[a] {
				continue
			}
			c1 := int(st.class1[a])
			c2 := 0
			if int(b) < len(st.class2) {
				c2 = int(st.class2[b])
			}
			if idx := c1*st.n2 + c2; c2 < st.n2 && idx < len(st.values) {
				total += int(st.values[idx])
			}
			break
		}
	}
	return total
}

// pairTable holds explicit kerning pairs, by key first<<16 | second,
// sorted: a font's pairs are read into two arrays, without hashing tens
// of thousands of them into a map on every run (EB Garamond Bold: 2 ms).
type pairTable struct {
	keys []uint32
	vals []int16
}

// add appends a pair in the file's order.
func (t *pairTable) add(key uint32, v int16) {
	t.keys = append(t.keys, key)
	t.vals = append(t.vals, v)
}

// sort orders the pairs by key, keeping of a key given twice its first
// value (firstWins) or its last. Fonts list their pairs in order, so
// mostly there is nothing to do.
func (t *pairTable) sort(firstWins bool) {
	if strictlyIncreasing(t.keys) {
		return
	}
	order := make([]int, len(t.keys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return t.keys[order[i]] < t.keys[order[j]] })
	keys, vals := make([]uint32, 0, len(order)), make([]int16, 0, len(order))
	for _, i := range order {
		switch n := len(keys); {
		case n > 0 && keys[n-1] == t.keys[i] && firstWins:
		case n > 0 && keys[n-1] == t.keys[i]:
			vals[n-1] = t.vals[i]
		default:
			keys, vals = append(keys, t.keys[i]), append(vals, t.vals[i])
		}
	}
	t.keys, t.vals = keys, vals
}

// strictlyIncreasing reports whether keys are sorted and none is given
// twice.
func strictlyIncreasing(keys []uint32) bool {
	for i := 1; i < len(keys); i++ {
		if keys[i] <= keys[i-1] {
			return false
		}
	}
	return true
}

// get returns the value of a pair.
func (t *pairTable) get(key uint32) (int16, bool) {
	i, ok := slices.BinarySearch(t.keys, key)
	if !ok {
		return 0, false
	}
	return t.vals[i], true
}

// table is a located table of the font file.
type table struct{ off, len int }

// reader reads big-endian values, remembering the first out-of-range read
// instead of panicking.
type reader struct {
	b   []byte
	err error
}

var errTruncated = errors.New("table data runs past the end of the file")

func (r *reader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		if r.err == nil {
			r.err = errTruncated
		}
		return 0
	}
	return int(r.b[off])<<8 | int(r.b[off+1])
}

func (r *reader) i16(off int) int { return int(int16(uint16(r.u16(off)))) }

func (r *reader) u32(off int) int {
	return r.u16(off)<<16 | r.u16(off+2)
}

// readTableDirectory returns the font's tables by tag.
func readTableDirectory(ttf []byte) (map[string]table, error) {
	r := &reader{b: ttf}
	n := r.u16(4)
	tables := make(map[string]table, n)
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, fmt.Errorf("table directory: %w", errTruncated)
		}
		tag := string(ttf[rec : rec+4])
		off, ln := r.u32(rec+8), r.u32(rec+12)
		if off+ln > len(ttf) || off < 0 || ln < 0 {
			return nil, fmt.Errorf("table %q: %w", tag, errTruncated)
		}
		tables[tag] = table{off, ln}
	}
	return tables, r.err
}

// parseKerning reads GPOS pair kerning, or the kern table when GPOS has
// no kern feature.
func parseKerning(ttf []byte, tables map[string]table, numGlyphs int) (kerning, error) {
	if t, ok := tables["GPOS"]; ok {
		k, err := parseGPOSKerning(ttf[t.off:t.off+t.len], numGlyphs)
		if err != nil {
			return kerning{}, fmt.Errorf("GPOS: %w", err)
		}
		if len(k.lookups) > 0 {
			return k.withMemo(), nil
		}
	}
	if t, ok := tables["kern"]; ok {
		k, err := parseKernTable(ttf[t.off : t.off+t.len])
		if err != nil {
			return kerning{}, fmt.Errorf("kern table: %w", err)
		}
		return k.withMemo(), nil
	}
	return kerning{}, nil
}

// parseKernTable reads the Microsoft kern table (version 0, format 0
// horizontal subtables); Apple's version 1 tables are ignored.
func parseKernTable(b []byte) (kerning, error) {
	r := &reader{b: b}
	if r.u16(0) != 0 {
		return kerning{}, nil
	}
	n := r.u16(2)
	off := 4
	var k kerning
	for i := 0; i < n && r.err == nil; i++ {
		length, coverage := r.u16(off+2), r.u16(off+4)
		format := coverage >> 8
		if format == 0 && coverage&0x1 != 0 && coverage&0x6 == 0 {
			np := r.u16(off + 6)
			pairs := &pairTable{keys: make([]uint32, 0, np), vals: make([]int16, 0, np)}
			for j := 0; j < np && r.err == nil; j++ {
				p := off + 14 + 6*j
				pairs.add(uint32(r.u16(p))<<16|uint32(r.u16(p+2)), int16(r.i16(p+4)))
			}
			pairs.sort(false) // a pair given twice: the last value, as a map would keep
			st := pairSubtable{pairs: pairs}
			k.lookups = append(k.lookups, []pairSubtable{st})
		}
		if length < 6 {
			break
		}
		off += length
	}
	return k, r.err
}

// parseGPOSKerning reads the lookups of the GPOS "kern" feature (any
// script) that adjust pairs: lookup type 2, directly or through extension
// lookups (type 9), subtable formats 1 and 2. Only the first glyph's
// x-advance adjustment is kept; that is what horizontal kerning uses.
func parseGPOSKerning(b []byte, numGlyphs int) (kerning, error) {
	r := &reader{b: b}
	if major := r.u16(0); major != 1 {
		return kerning{}, fmt.Errorf("unsupported version %d", major)
	}
	featureList, lookupList := r.u16(6), r.u16(8)
	// Every lookup referenced by a feature tagged "kern".
	var idx []int
	seen := map[int]bool{}
	nf := r.u16(featureList)
	for i := 0; i < nf && r.err == nil; i++ {
		rec := featureList + 2 + 6*i
		if rec+4 > len(b) || string(b[rec:rec+4]) != "kern" {
			continue
		}
		ft := featureList + r.u16(rec+4)
		nl := r.u16(ft + 2)
		for j := 0; j < nl; j++ {
			li := r.u16(ft + 4 + 2*j)
			if !seen[li] {
				seen[li] = true
				idx = append(idx, li)
			}
		}
	}
	sort.Ints(idx)
	var k kerning
	nLookups := r.u16(lookupList)
	for _, li := range idx {
		if li >= nLookups {
			return kerning{}, fmt.Errorf("lookup %d out of range", li)
		}
		lt := lookupList + r.u16(lookupList+2+2*li)
		typ, n := r.u16(lt), r.u16(lt+4)
		var subs []pairSubtable
		for j := 0; j < n && r.err == nil; j++ {
			st := lt + r.u16(lt+6+2*j)
			stType := typ
			if typ == 9 {
				if r.u16(st) != 1 {
					continue
				}
				stType = r.u16(st + 2)
				st += r.u32(st + 4)
			}
			if stType != 2 {
				continue
			}
			sub, ok := parsePairPos(r, st, numGlyphs)
			if ok {
				subs = append(subs, sub)
			}
		}
		if len(subs) > 0 {
			k.lookups = append(k.lookups, subs)
		}
	}
	if r.err != nil {
		return kerning{}, r.err
	}
	return k, nil
}

// valueRecordSize returns the size in bytes of a value record of format vf.
func valueRecordSize(vf int) int {
	n := 0
	for vf != 0 {
		n += vf & 1
		vf >>= 1
	}
	return 2 * n
}

// xAdvanceOffset returns where the x-advance sits in a value record of
// format vf, or -1 when the record has none.
func xAdvanceOffset(vf int) int {
	if vf&0x4 == 0 {
		return -1
	}
	return valueRecordSize(vf & 0x3)
}

// parsePairPos reads one PairPos subtable at offset st.
func parsePairPos(r *reader, st, numGlyphs int) (pairSubtable, bool) {
	format, vf1, vf2 := r.u16(st), r.u16(st+4), r.u16(st+6)
	xo := xAdvanceOffset(vf1)
	if xo < 0 {
		return pairSubtable{}, false
	}
	size1, size2 := valueRecordSize(vf1), valueRecordSize(vf2)
	cov := readCoverage(r, st+r.u16(st+2), numGlyphs)
	switch format {
	case 1:
		nsets := r.u16(st + 8)
		pairs := &pairTable{}
		for i := 0; i < nsets && i < len(cov.glyphs) && r.err == nil; i++ {
			first := cov.glyphs[i]
			ps := st + r.u16(st+10+2*i)
			np := r.u16(ps)
			rec := 2 + size1 + size2
			for j := 0; j < np && r.err == nil; j++ {
				p := ps + 2 + rec*j
				pairs.add(uint32(first)<<16|uint32(r.u16(p)), int16(r.i16(p+2+xo)))
			}
		}
		pairs.sort(true) // a pair given twice: the first value, as a shaper finds it
		return pairSubtable{pairs: pairs}, r.err == nil
	case 2:
		n1, n2 := r.u16(st+12), r.u16(st+14)
		if n1 == 0 || n2 == 0 || size1+size2 == 0 || st+16+(size1+size2)*n1*n2 > len(r.b) {
			return pairSubtable{}, false
		}
		sub := pairSubtable{
			covered: cov.set,
			class1:  readClassDef(r, st+r.u16(st+8), numGlyphs),
			class2:  readClassDef(r, st+r.u16(st+10), numGlyphs),
			n2:      n2,
			values:  make([]int16, n1*n2),
		}
		rec := size1 + size2
		for c1 := 0; c1 < n1 && r.err == nil; c1++ {
			for c2 := 0; c2 < n2; c2++ {
				sub.values[c1*n2+c2] = int16(r.i16(st + 16 + rec*(c1*n2+c2) + xo))
			}
		}
		for g, c := range sub.class1 {
			if int(c) >= n1 {
				sub.class1[g] = 0
			}
		}
		for g, c := range sub.class2 {
			if int(c) >= n2 {
				sub.class2[g] = 0
			}
		}
		return sub, r.err == nil
	}
	return pairSubtable{}, false
}

// coverage is a coverage table: its glyphs in coverage order and as a set.
type coverage struct {
	glyphs []uint16
	set    []bool
}

func readCoverage(r *reader, off, numGlyphs int) coverage {
	c := coverage{set: make([]bool, numGlyphs)}
	add := func(g int) {
		c.glyphs = append(c.glyphs, uint16(g))
		if g < numGlyphs {
			c.set[g] = true
		}
	}
	switch r.u16(off) {
	case 1:
		n := r.u16(off + 2)
		for i := 0; i < n && r.err == nil; i++ {
			add(r.u16(off + 4 + 2*i))
		}
	case 2:
		n := r.u16(off + 2)
		for i := 0; i < n && r.err == nil; i++ {
			rec := off + 4 + 6*i
			start, end := r.u16(rec), r.u16(rec+2)
			for g := start; g <= end && len(c.glyphs) <= 0x10000; g++ {
				add(g)
			}
		}
	}
	return c
}

func readClassDef(r *reader, off, numGlyphs int) []uint16 {
	cls := make([]uint16, numGlyphs)
	switch r.u16(off) {
	case 1:
		start, n := r.u16(off+2), r.u16(off+4)
		for i := 0; i < n && r.err == nil; i++ {
			if g := start + i; g < numGlyphs {
				cls[g] = uint16(r.u16(off + 6 + 2*i))
			}
		}
	case 2:
		n := r.u16(off + 2)
		for i := 0; i < n && r.err == nil; i++ {
			rec := off + 4 + 6*i
			start, end, c := r.u16(rec), r.u16(rec+2), r.u16(rec+4)
			for g := start; g <= end && g < numGlyphs; g++ {
				cls[g] = uint16(c)
			}
		}
	}
	return cls
}
