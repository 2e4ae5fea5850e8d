package typeset

import (
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

// buildNode is a node of the trie while it is built.
type buildNode struct {
	children map[rune]*buildNode
	prios    []priority
	end      bool
}

// newPatternTrie reads patterns in the format of TeX's hyph-utf8 .pat.txt
// files ("1ba", ".ach4", "4m1p"), separated by white space. Like
// speedata/hyphenation, which publish used before, it keeps the last of
// two patterns with the same letters, drops a number written just before
// a final dot (it would stand after the word's last letter, where no
// break is ever made), and matches only patterns of two characters or
// more (see widenSingleLetterPatterns).
func newPatternTrie(data string) *patternTrie {
	root := &buildNode{}
	for _, field := range strings.Fields(data) {
		var letters []rune
		var prios []priority
		level := uint8(0)
		for _, r := range field {
			if unicode.IsDigit(r) {
				level = uint8(r - '0')
				continue
			}
			if r == '.' && len(letters) > 0 {
				level = 0 // a number before the final dot is dropped
			}
			if level > 0 {
				prios = append(prios, priority{gap: uint8(len(letters)), level: level})
			}
			letters = append(letters, r)
			level = 0
		}
		if level > 0 {
			prios = append(prios, priority{gap: uint8(len(letters)), level: level})
		}
		if len(letters) < 2 {
			continue
		}
		n := root
		for _, r := range letters {
			if n.children == nil {
				n.children = map[rune]*buildNode{}
			}
			c, ok := n.children[r]
			if !ok {
				c = &buildNode{}
				n.children[r] = c
			}
			n = c
		}
		n.end, n.prios = true, prios
	}
	t := &patternTrie{}
	// Number the nodes breadth first, so that each node's children are
	// contiguous.
	queue := []*buildNode{root}
	for k := 0; k < len(queue); k++ {
		n := queue[k]
		t.first = append(t.first, int32(len(t.edges)))
		t.value = append(t.value, int32(len(t.prios)))
		if n.end {
			t.prios = append(t.prios, n.prios...)
		}
		runes := make([]rune, 0, len(n.children))
		for r := range n.children {
			runes = append(runes, r)
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		for _, r := range runes {
			t.edges = append(t.edges, trieEdge{r: r, child: int32(len(queue))})
			queue = append(queue, n.children[r])
		}
	}
	t.first = append(t.first, int32(len(t.edges)))
	t.value = append(t.value, int32(len(t.prios)))
	for _, e := range t.edges[t.first[0]:t.first[1]] {
		if e.r >= 0 && e.r < rootDirect {
			t.root[e.r] = e.child
		}
	}
	return t
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
	for s := 0; s < n-1; s++ {
		node := int32(0)
		for i := s; i < n; i++ {
			node = t.child(node, at(i))
			if node == 0 {
				break
			}
			if i == s {
				continue // patterns of one character are not matched
			}
			for _, p := range t.prios[t.value[node]:t.value[node+1]] {
				if g := s + int(p.gap); p.level > lv[g] {
					lv[g] = p.level
				}
			}
		}
	}
	*levels = lv
	// lv[g] is the level before character g of ".word.", that is before
	// letter g-1 of the word.
	for i := 1; i < len(word); i++ {
		if lv[i+1]%2 == 1 {
			dst = append(dst, int32(i))
		}
	}
	return dst
}
