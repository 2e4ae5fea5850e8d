package typeset

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// patternTrie holds a language's TeX hyphenation patterns (Liang's
// algorithm) in a packed trie: matching a word walks the trie once from
// each of its positions, reading only the patterns that occur there,
// instead of looking every substring up in a map.
//
// Nodes are numbered from 0 (the root). The children of node n are
// edges[first[n]:first[n+1]], sorted by rune; a node that ends a pattern
// has its priorities in prios[value[n]:value[n+1]] — only the non-zero
// ones, each with its gap.
type patternTrie struct {
	first []int32
	edges []trieEdge
	// root maps the runes below rootDirect straight to a child of the
	// root (0 for none): most words start every walk there.
	root  [rootDirect]int32
	value []int32
	prios []priority
	// nodes, when the patterns use at most maxSymbols characters (both
	// languages do: English 27, French 40), holds each node's children
	// as a set of symbols (see symbolOf), so that a step down the trie
	// reads one node instead of its range of edges, which a word's walks
	// found out of the processor's cache as a book was set (1.5 µs a word
	// there, against 0.6 in a benchmark). nil otherwise: child reads the
	// edges.
	nodes []trieNode
	// sym numbers the characters below rootDirect that the patterns use,
	// in the order of their code points (-1 for the others); symExtra
	// lists the others (French's ’), in order, numbered from symExtraFrom.
	sym          [rootDirect]int8
	symExtra     []rune
	symExtraFrom int
}

// maxSymbols is the most characters a trie's patterns may use for its
// nodes to hold their children as bit sets.
const maxSymbols = 64

// trieNode is a node of a trie whose patterns use at most maxSymbols
// characters: the symbols of its children and the first of them (the
// children of a node are numbered one after the other, in the order of
// their characters).
type trieNode struct {
	children uint64
	first    int32
}

// rootDirect bounds the runes the root looks up in an array (Latin,
// Latin-1 and Latin Extended-A: French and English letters).
const rootDirect = 0x180

// trieEdge is a child of a trie node.
type trieEdge struct {
	r     rune
	child int32
}

// priority is a pattern's number between two characters: gap is the
// count of pattern characters before it (the word's leading dot
// included), level the number itself.
type priority struct {
	gap   uint8
	level uint8
}

// pattern is a hyphenation pattern as read: its characters (the word's
// dots included) and its numbers, one more than the characters: digits[i]
// stands before letters[i], the last after them. The patterns of a file
// share two arrays.
type pattern struct {
	letters []rune
	digits  []uint8
}

// parsePatterns reads patterns in the format of TeX's hyph-utf8 .pat.txt
// files ("1ba", ".ach4", "4m1p"), separated by white space. A number
// written just before a final dot is dropped: it would stand after the
// word's last letter, where no break is ever made.
func parsePatterns(data string) []pattern {
	n := strings.Count(data, "\n") + 1
	pats := make([]pattern, 0, n)
	letters := make([]rune, 0, len(data))
	digits := make([]uint8, 0, len(data)+n)
	from := -1 // the start of the pattern being read in letters, -1 between patterns
	var level uint8
	end := func() {
		if from < 0 {
			return
		}
		digits = append(digits, level)
		pats = append(pats, pattern{
			letters: letters[from:len(letters):len(letters)],
			digits:  digits[from+len(pats) : len(digits) : len(digits)],
		})
		from, level = -1, 0
	}
	for _, r := range data {
		switch {
		case unicode.IsSpace(r):
			end()
			continue
		case from < 0:
			from = len(letters)
		}
		if r >= '0' && r <= '9' {
			level = uint8(r - '0')
			continue
		}
		if r == '.' && len(letters) > from {
			level = 0 // a number before the final dot is dropped
		}
		letters = append(letters, r)
		digits = append(digits, level)
		level = 0
	}
	end()
	return pats
}

// newPatternTrie reads patterns (see parsePatterns) into a trie.
func newPatternTrie(data string) *patternTrie {
	return buildPatternTrie(parsePatterns(data))
}

// buildPatternTrie makes the trie of pats. Like speedata/hyphenation,
// which publish used before, it keeps the last of two patterns with the
// same letters and matches only patterns of two characters or more (see
// widenSinglePatterns).
//
// The patterns are sorted by their characters, so that the patterns below
// a node are a range of them, those that end there first; the nodes are
// numbered breadth first, so that each node's children are contiguous,
// in the order of their characters.
func buildPatternTrie(pats []pattern) *patternTrie {
	order := make([]int32, 0, len(pats))
	for i := range pats {
		if len(pats[i].letters) >= 2 {
			order = append(order, int32(i))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int { return slices.Compare(pats[a].letters, pats[b].letters) })
	// A node is the range order[lo:hi] of the patterns that begin with
	// its characters, depth of them.
	type span struct{ lo, hi, depth int32 }
	t := &patternTrie{}
	queue := []span{{0, int32(len(order)), 0}}
	for k := 0; k < len(queue); k++ {
		sp := queue[k]
		t.first = append(t.first, int32(len(t.edges)))
		t.value = append(t.value, int32(len(t.prios)))
		lo := sp.lo
		for lo < sp.hi && int32(len(pats[order[lo]].letters)) == sp.depth {
			lo++
		}
		if lo > sp.lo && sp.depth > 0 {
			// The patterns ending here: the last one read is kept.
			last := pats[order[lo-1]]
			for gap, level := range last.digits {
				if level > 0 {
					t.prios = append(t.prios, priority{gap: uint8(gap), level: level})
				}
			}
		}
		for lo < sp.hi {
			r := pats[order[lo]].letters[sp.depth]
			hi := lo + 1
			for hi < sp.hi && pats[order[hi]].letters[sp.depth] == r {
				hi++
			}
			t.edges = append(t.edges, trieEdge{r: r, child: int32(len(queue))})
			queue = append(queue, span{lo, hi, sp.depth + 1})
			lo = hi
		}
	}
	t.first = append(t.first, int32(len(t.edges)))
	t.value = append(t.value, int32(len(t.prios)))
	for _, e := range t.edges[t.first[0]:t.first[1]] {
		if e.r >= 0 && e.r < rootDirect {
			t.root[e.r] = e.child
		}
	}
	t.numberNodes()
	return t
}

// numberNodes fills t.nodes and the symbols when the patterns use at most
// maxSymbols characters.
func (t *patternTrie) numberNodes() {
	var used [rootDirect]bool
	var extra []rune
	count := 0
	for _, e := range t.edges {
		switch {
		case e.r >= 0 && e.r < rootDirect:
			if !used[e.r] {
				used[e.r] = true
				count++
			}
		case !slices.Contains(extra, e.r):
			extra = append(extra, e.r)
			count++
		}
		if count > maxSymbols {
			return
		}
	}
	for i := range t.sym {
		t.sym[i] = -1
	}
	next := 0
	for r, ok := range used {
		if ok {
			t.sym[r] = int8(next)
			next++
		}
	}
	slices.Sort(extra)
	t.symExtra, t.symExtraFrom = extra, next
	t.nodes = make([]trieNode, len(t.first)-1)
	for n := range t.nodes {
		edges := t.edges[t.first[n]:t.first[n+1]]
		if len(edges) > 0 {
			t.nodes[n].first = edges[0].child
		}
		for _, e := range edges {
			t.nodes[n].children |= 1 << uint(t.symbolOf(e.r))
		}
	}
}

// symbolOf returns the symbol of r in a trie with nodes, -1 when the
// patterns do not use r.
func (t *patternTrie) symbolOf(r rune) int {
	if r >= 0 && r < rootDirect {
		return int(t.sym[r])
	}
	if i, ok := slices.BinarySearch(t.symExtra, r); ok {
		return t.symExtraFrom + i
	}
	return -1
}

// child returns the child of node n along r, or 0.
func (t *patternTrie) child(n int32, r rune) int32 {
	if n == 0 {
		if r >= 0 && r < rootDirect {
			return t.root[r]
		}
	}
	edges := t.edges[t.first[n]:t.first[n+1]]
	if len(edges) > 8 {
		i := sort.Search(len(edges), func(i int) bool { return edges[i].r >= r })
		if i < len(edges) && edges[i].r == r {
			return edges[i].child
		}
		return 0
	}
	for _, e := range edges {
		if e.r == r {
			return e.child
		}
		if e.r > r {
			break
		}
	}
	return 0
}

// hyphenate appends to dst the rune indexes of word (lower case, at most
// maxHyphenatedWord runes, given as runes) before which the patterns
// allow a hyphen, from index 1 to len(word)-1, and returns it. levels is
// scratch space, reused between calls.
func (t *patternTrie) hyphenate(dst []int32, word []rune, levels *[]uint8) []int32 {
	// The word between its dots: ".word.".
	n := len(word) + 2
	at := func(i int) rune {
		if i == 0 || i == n-1 {
			return '.'
		}
		return word[i-1]
	}
	lv := (*levels)[:0]
	for range n + 1 {
		lv = append(lv, 0)
	}
	if t.nodes != nil {
		t.walkNodes(word, lv)
	} else {
		for s := 0; s < n-1; s++ {
			node := int32(0)
			for i := s; i < n; i++ {
				node = t.child(node, at(i))
				if node == 0 {
					break
				}
				if i > s { // patterns of one character are not matched
					t.raise(lv, s, node)
				}
			}
		}
	}
	*levels = lv
	return appendOddLevels(dst, lv, len(word))
}

// raise raises lv to the priorities of the pattern that ends at node,
// found from position s of ".word.".
func (t *patternTrie) raise(lv []uint8, s int, node int32) {
	for _, p := range t.prios[t.value[node]:t.value[node+1]] {
		if g := s + int(p.gap); p.level > lv[g] {
			lv[g] = p.level
		}
	}
}

// appendOddLevels appends to dst the letters of a word of n letters
// before which the level lv is odd: lv[g] is the level before character g
// of ".word.", that is before letter g-1 of the word.
func appendOddLevels(dst []int32, lv []uint8, n int) []int32 {
	for i := 1; i < n; i++ {
		if lv[i+1]%2 == 1 {
			dst = append(dst, int32(i))
		}
	}
	return dst
}

// walkNodes raises lv (one level per character of ".word.", and one
// after) to the priorities of the patterns found in ".word.", walking
// t.nodes from each position.
func (t *patternTrie) walkNodes(word []rune, lv []uint8) {
	// The symbols of ".word.", each found once; a character the
	// patterns do not use ends every walk that reaches it.
	var buf [maxHyphenatedWord + 2]int8
	syms := buf[:0]
	if len(word)+2 > len(buf) {
		syms = make([]int8, 0, len(word)+2)
	}
	syms = syms[:len(word)+2]
	dot := int8(t.symbolOf('.'))
	syms[0], syms[len(syms)-1] = dot, dot
	for i, r := range word {
		syms[i+1] = int8(t.symbolOf(r))
	}
	nodes := t.nodes
	for s := 0; s < len(syms)-1; s++ {
		node := int32(0)
		for i := s; i < len(syms); i++ {
			sym := syms[i]
			if sym < 0 {
				break
			}
			nd := &nodes[node]
			bit := uint64(1) << uint(sym)
			if nd.children&bit == 0 {
				break
			}
			node = nd.first + int32(bits.OnesCount64(nd.children&(bit-1)))
			if i > s { // patterns of one character are not matched
				t.raise(lv, s, node)
			}
		}
	}
}
