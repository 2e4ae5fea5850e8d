package corpus

import (
	"sort"
	"strings"
	"unicode"
)

// A real novel has thousands of distinct word forms, most of them rare: in
// 89 000 words of a French novel, 7 511 forms; in the 155 000 words of
// Ainsworth's Jack Sheppard, 11 132, half of them used once
// (docs/performance.md). The small grammar of french.go has a few hundred,
// which makes every word cache of the line breaker look perfect. The
// lexicon adds invented words, built from French (or English) syllables,
// whose frequencies follow Zipf's law as a real vocabulary's do: the
// word of rank k comes about 1/k as often as the most frequent one. They
// are inflected as the grammar needs (gender, number, tense), which gives
// the variety of forms of a real text, and hyphenate like real words
// since they are made of the same syllables.

// lexicon is a vocabulary of invented lemmas, most frequent first.
type lexicon struct {
	nouns []noun
	adjs  []adj
	verbs []string // stems of verbs of the first group ("march" for marcher)
	// English words, for the passages in English.
	enNouns, enAdjs, enVerbs []string
	zipf                     *zipf
}

// lexiconSize is the number of lemmas of each list.
const lexiconSize = 8000

// zipf draws ranks in [0, n) with probability proportional to
// 1/(rank+zipfShift): Zipf–Mandelbrot, the shift flattening the head.
type zipf struct{ cum []float64 }

const zipfShift = 20

func newZipf(n int) *zipf {
	z := &zipf{cum: make([]float64, n)}
	total := 0.0
	for k := range n {
		total += 1 / (float64(k) + zipfShift)
		z.cum[k] = total
	}
	return z
}

// rank returns a rank drawn from r.
func (z *zipf) rank(r *rng) int {
	u := float64(r.next()>>11) / (1 << 53) * z.cum[len(z.cum)-1]
	return sort.SearchFloat64s(z.cum, u)
}

// Syllables of French words: onset, vowel, optional coda.
var (
	frOnsets = []string{"b", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gr", "j", "l", "m", "n", "p", "pl", "pr", "r", "s", "t", "tr", "v", "vr", "qu", "gu"}
	frVowels = []string{"a", "a", "e", "i", "o", "u", "é", "é", "è", "ou", "au", "ai", "eu", "oi", "an", "en", "on", "in"}
	frCodas  = []string{"", "", "", "", "r", "l", "s", "n", "r"}
	// Endings of nouns by gender, of adjectives (masculine, feminine),
	// and of the forms a verb of the first group takes.
	frMascEnds = []string{"ment", "age", "eau", "on", "ier", "ot", "in", "et", "oir", "ail", "isme", "eur"}
	frFemEnds  = []string{"ette", "ure", "ine", "ance", "ise", "elle", "ade", "ière", "ée", "ille", "erie", "ence"}
	frAdjEnds  = [][2]string{{"eux", "euse"}, {"if", "ive"}, {"al", "ale"}, {"ant", "ante"}, {"é", "ée"}, {"in", "ine"}, {"ier", "ière"}, {"el", "elle"}, {"ard", "arde"}, {"ique", "ique"}}
)

// Syllables of English words.
var (
	enOnsets   = []string{"b", "bl", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h", "l", "m", "n", "p", "pl", "pr", "r", "s", "sh", "sl", "st", "t", "th", "tr", "w", "wh"}
	enVowels   = []string{"a", "e", "i", "o", "u", "ea", "oo", "ai", "ou", "ow", "ee"}
	enCodas    = []string{"", "", "n", "r", "t", "ck", "ll", "nd", "st", "m"}
	enNounEnds = []string{"", "er", "ing", "ness", "ton", "ley", "ment", "ock"}
	enAdjEnds  = []string{"y", "ful", "ish", "less", "ous", "en", "ly", "ing"}
)

// newLexicon builds the vocabulary from its own generator, so that the
// words do not depend on the text drawn before them.
func newLexicon(seed uint64) *lexicon {
	r := newRNG(seed ^ 0x1e8_1c0)
	lx := &lexicon{zipf: newZipf(lexiconSize)}
	seen := map[string]bool{}
	// Real words of the grammar are left to it.
	for _, list := range [][]noun{readables, openables, things, places, elements} {
		for _, w := range list {
			seen[w.sg] = true
		}
	}
	word := func(onsets, vowels, codas []string, syllables int) string {
		var b strings.Builder
		for range syllables {
			b.WriteString(pick(r, onsets))
			b.WriteString(pick(r, vowels))
			if r.chance(30) {
				b.WriteString(pick(r, codas))
			}
		}
		return b.String()
	}
	unique := func(make func() string) string {
		for {
			if w := make(); !seen[w] {
				seen[w] = true
				return w
			}
		}
	}
	for range lexiconSize {
		fem := r.chance(50)
		sg := unique(func() string {
			if fem {
				return word(frOnsets, frVowels, frCodas, r.between(1, 2)) + pick(r, frFemEnds)
			}
			return word(frOnsets, frVowels, frCodas, r.between(1, 2)) + pick(r, frMascEnds)
		})
		n := noun{sg: sg, fem: fem}
		if strings.HasSuffix(sg, "eau") || strings.HasSuffix(sg, "ail") {
			n.pl = sg + "x"
		}
		lx.nouns = append(lx.nouns, n)
		end := pick(r, frAdjEnds)
		m := unique(func() string { return word(frOnsets, frVowels, frCodas, r.between(1, 2)) + end[0] })
		lx.adjs = append(lx.adjs, adj{m: m, f: strings.TrimSuffix(m, end[0]) + end[1]})
		lx.verbs = append(lx.verbs, unique(func() string {
			return word(frOnsets, frVowels, frCodas, r.between(1, 2)) + pick(r, []string{"ch", "rt", "ss", "nd", "r", "l", "t", "v", "gn"})
		}))
		lx.enNouns = append(lx.enNouns, unique(func() string { return word(enOnsets, enVowels, enCodas, r.between(1, 2)) + pick(r, enNounEnds) }))
		lx.enAdjs = append(lx.enAdjs, unique(func() string { return word(enOnsets, enVowels, enCodas, r.between(1, 2)) + pick(r, enAdjEnds) }))
		lx.enVerbs = append(lx.enVerbs, unique(func() string { return word(enOnsets, enVowels, enCodas, r.between(1, 2)) }))
	}
	return lx
}

// noun returns an invented noun drawn by frequency.
func (lx *lexicon) noun(r *rng) noun { return lx.nouns[lx.zipf.rank(r)] }

// adj returns an invented adjective drawn by frequency.
func (lx *lexicon) adj(r *rng) adj { return lx.adjs[lx.zipf.rank(r)] }

// verb returns a form of an invented verb of the first group: the past
// historic, the imperfect (singular or plural) or the past participle.
func (lx *lexicon) verb(r *rng, tense string, plural bool) string {
	stem := lx.verbs[lx.zipf.rank(r)]
	switch {
	case tense == "impf" && plural:
		return stem + "aient"
	case tense == "impf":
		return stem + "ait"
	case tense == "pp":
		return stem + "é"
	case plural:
		return stem + "èrent"
	}
	return stem + "a"
}

// englishSentence returns a sentence in English made of invented content
// words and real function words ("The brindle shalloness trooked by the
// old plimton.").
func (lx *lexicon) englishSentence(r *rng) string {
	np := func() string {
		n := lx.enNouns[lx.zipf.rank(r)]
		if r.chance(30) {
			n += "s"
		}
		if r.chance(40) {
			n = lx.enAdjs[lx.zipf.rank(r)] + " " + n
		}
		return pick(r, []string{"the", "the", "a", "his", "her", "our", "that"}) + " " + n
	}
	v := lx.enVerbs[lx.zipf.rank(r)]
	switch r.intn(3) {
	case 0:
		v += "ed"
	case 1:
		v = pick(r, []string{"will", "would", "must", "did not"}) + " " + v
	default:
		v = pick(r, []string{"was", "were"}) + " " + v + "ing"
	}
	s := np() + " " + v + " " + pick(r, []string{"by", "with", "near", "under", "after", "from", "into"}) + " " + np()
	if r.chance(30) {
		s += ", " + pick(r, []string{"and", "but", "so"}) + " " + np() + " " + lx.enVerbs[lx.zipf.rank(r)] + "ed"
	}
	rs := []rune(s)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs) + pick(r, []string{".", ".", "!", "?"})
}
