package typeset

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// itemKind is the kind of a Knuth-Plass item.
type itemKind uint8

const (
	boxItem itemKind = iota
	glueItem
	penaltyItem
)

// infPenalty is TeX's infinite penalty: a break there is forbidden (or,
// negative, forced).
const infPenalty = 10000

// item is a box, glue or penalty of the paragraph, in points.
type item struct {
	kind    itemKind
	flagged bool // a penalty at a hyphen
	hyphen  bool // a hyphen is drawn when breaking here
	nobreak bool // glue that is not a legal break
	name    bool // a penalty at a hyphen inside a proper name
	// emergency marks a penalty inside a word wider than the measure
	// (see emergencyBreaks).
	emergency bool
	space     rune // the space character of a glue
	width     float64
	stretch   float64
	fil       float64 // infinite stretch (parfillskip)
	shrink    float64
	penalty   float64
	// post, for a penalty, is how much wider the line that starts at
	// this break is drawn than its items measure: a line that starts
	// inside a ligature draws the rest of its letters on their own
	// (remnantShift). The breaker counts it, so that such a line fits.
	post float64
	// seg, from and to locate a box's text: runes [from, to) of segment
	// seg; for a hyphen penalty, seg is the segment whose style draws it.
	seg      int32
	from, to int32
}

// segment is the part of one word inside one run.
type segment struct {
	run    int
	text   string
	info   *segInfo
	style  *Style
	offset int // counted rune offset of the segment's first rune
	// counted is false for a run that does not advance offsets.
	counted bool
	// ligatures is true when the segment is measured and drawn with its
	// face's ligatures (not in a literal run).
	ligatures bool
}

// segInfo is a measured piece of a word, in em, independent of size.
type segInfo struct {
	n      int       // runes
	cum    []float64 // x of each rune boundary, kerning included before the rune
	byteAt []int32   // byte index of each rune boundary
	// split lists rune boundaries where a drawn piece must end: a kern
	// pair, or a rune that is not drawn (no-break spaces, soft hyphens).
	split  []int32
	hidden []bool // runes not drawn; nil when none
	// lig marks the runes drawn as one ligature glyph with the rune
	// before them (the i of fi); nil when the segment has no ligature.
	// The boundaries inside a ligature sit where the letters would, so
	// that a hyphen there breaks the ligature and measures the f alone.
	lig   []bool
	first rune
	last  rune
	// fixed lists the breaks that need no patterns: after an explicit
	// or a soft hyphen, or inside a web address (url).
	fixed []brk
	// lit holds the breaks of the segment in a literal run, computed
	// once; like pats it may be shared by sibling setters, so it is
	// stored whole and never changed.
	lit atomic.Pointer[[]brk]
	// pats caches the pattern hyphenation, per language. A measurement
	// may be shared by setters on several goroutines (Sibling): entries
	// are added by compare-and-swap and never changed.
	pats atomic.Pointer[patBreaks]
	// core is the rune range of the letters (with inner apostrophes and
	// hyphens); coreClean is false when the segment has other
	// characters between letters.
	coreFrom, coreTo int32
	url              bool
	// name is true for a capitalised word (see hyphenatable).
	name        bool
	letters     bool
	coreClean   bool
	sentenceEnd bool // ends with . ! ? … (closing quotes aside)
	// The fields are in this order so that a measurement takes 192
	// bytes: a book measures tens of thousands of words.
}

// narrowSpace returns the width in em of U+202F in f: the font's glyph when
// it is between 1/8 and 1/6 em, 1/8 em otherwise.
func narrowSpace(f *Face) float64 {
	if f != nil && f.HasGlyph('\u202f') {
		if w := f.Advance('\u202f'); w >= 1.0/8 && w <= 1.0/6 {
			return w
		}
	}
	return 1.0 / 8
}

// measure returns the memoised measurement of text in face: from the
// setter's front (its most frequent words), else from the word cache it
// shares with its siblings, else measured and added to both.
func (s *Setter) measure(face *Face, text string, lig bool) *segInfo {
	fm := s.memoOf(face, lig)
	h := wordHash(text)
	// The book's most frequent words are found in the front, a small
	// table whose entries hold their word: most look-ups read one entry
	// instead of the shared table and the word's bytes where the table
	// keeps them, two reads from memory in a table of thousands of words.
	var slot *frontEntry
	if len(text) <= frontWord {
		slot = &fm.front[int(h^h>>32)&(frontSize-1)]
		if slot.si != nil && int(slot.n) == len(text) && string(slot.word[:slot.n]) == text {
			return slot.si
		}
	}
	si := fm.words.table.Load().lookup(text, h)
	if si == nil {
		// Measured outside the lock; a sibling that measured the same
		// word meanwhile got the same measurement, and the first one
		// stored is kept.
		si = s.shared.put(fm.words, text, h, measureSegment(face, text, lig))
	}
	if slot != nil {
		slot.n = uint8(copy(slot.word[:], text))
		slot.si = si
	}
	return si
}

// wordHash is the FNV-1a hash of a word: it places the word in the shared
// table (wordTable) and in a setter's front.
func wordHash(text string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(text); i++ {
		h = (h ^ uint64(text[i])) * 1099511628211
	}
	return h
}

// frontWord is the longest word the front of a face memo holds, and
// frontSize its number of entries.
const (
	frontWord = 15
	frontSize = 512
)

// frontEntry is an entry of a face memo's front: a word and its
// measurement.
type frontEntry struct {
	n    uint8
	word [frontWord]byte
	si   *segInfo
}

// faceMemo is a setter's memo of the words of one face, with or without
// its ligatures: its front, and the words its siblings share.
type faceMemo struct {
	face  *Face
	lig   bool
	words *faceWords
	// front holds the words last looked up, one per entry (measure).
	front [frontSize]frontEntry
}

// memoOf returns the setter's memo of face with or without ligatures: a
// paragraph's words mostly share one face, and a book has a few.
func (s *Setter) memoOf(face *Face, lig bool) *faceMemo {
	if l := s.lastMemo; l != nil && l.face == face && l.lig == lig {
		return l
	}
	key := faceKey{face, lig}
	fm := s.memo[key]
	if fm == nil {
		fm = &faceMemo{face: face, lig: lig, words: s.shared.wordsOf(key)}
		if s.memo == nil {
			s.memo = map[faceKey]*faceMemo{}
		}
		s.memo[key] = fm
	}
	s.lastMemo = fm
	return fm
}

// faceKey names a face with or without its ligatures.
type faceKey struct {
	face *Face
	lig  bool
}

// wordCache is the word cache that sibling setters share: the measured
// words of each face, with or without its ligatures. The setters look
// words up without a lock (wordTable); one that measured a new word adds
// it under the cache's lock. Before, each setter kept a map of the words
// it had met, in front of a map of the cache's under its lock: the page
// builder's setter and the warmer's each looked up in both every word new
// to them, a third of the time of measuring words (docs/performance.md,
// item 33).
type wordCache struct {
	mu    sync.Mutex
	faces map[faceKey]*faceWords
}

func newWordCache() *wordCache { return &wordCache{faces: map[faceKey]*faceWords{}} }

// faceWords are a wordCache's words of one face with or without its
// ligatures: the table the setters read, and how many words it holds.
type faceWords struct {
	table atomic.Pointer[wordTable]
	count int // under wordCache.mu
}

// wordsOf returns the cache's words of a face with or without ligatures.
func (c *wordCache) wordsOf(key faceKey) *faceWords {
	c.mu.Lock()
	defer c.mu.Unlock()
	fw := c.faces[key]
	if fw == nil {
		fw = &faceWords{}
		fw.table.Store(newWordTable(minWordTable))
		c.faces[key] = fw
	}
	return fw
}

// put stores the measurement si of text (whose wordHash is h) in fw
// unless a measurement is there already, and returns the one stored.
func (c *wordCache) put(fw *faceWords, text string, h uint64, si *segInfo) *segInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := fw.table.Load()
	if old := t.lookup(text, h); old != nil {
		return old
	}
	fw.count++
	e := &wordEntry{hash: h, text: text, si: si}
	if fw.count*4 > len(t.slots)*3 {
		// Three quarters full: a table twice as large, with every
		// entry, replaces it; a setter that still reads the old one
		// and misses a word finds it here, under the lock.
		t = t.doubled()
		t.add(e)
		fw.table.Store(t)
		return si
	}
	t.add(e)
	return si
}

// wordTable is an open-addressing hash table of measured words, read
// without a lock: an entry, once stored in a slot, never changes, and
// only the holder of the wordCache's lock stores one.
type wordTable struct {
	slots []atomic.Pointer[wordEntry]
	mask  uint64
}

// minWordTable is the number of slots of a face's first table.
const minWordTable = 1 << 12

// wordEntry is a measured word.
type wordEntry struct {
	hash uint64
	text string
	si   *segInfo
}

// doubled returns a table twice as large as t, with its entries.
func (t *wordTable) doubled() *wordTable {
	n := 2 * len(t.slots)
	d := newWordTable(n)
	for i := range t.slots {
		if e := t.slots[i].Load(); e != nil {
			d.add(e)
		}
	}
	return d
}

// newWordTable returns an empty table of n slots (a power of two), its
// memory written. Memory fresh from the system is mapped on first use:
// add reads a slot before it writes one, and a page first read is mapped
// to the system's shared zero page, then copied on the first write, which
// interrupts every other core running the build to flush its view of the
// page (a sixth of the 830 such faults of a 380-page novel's build, each
// costing tens of microseconds in a virtual machine). Written first, a
// page faults once.
func newWordTable(n int) *wordTable {
	t := &wordTable{slots: make([]atomic.Pointer[wordEntry], n), mask: uint64(n - 1)}
	clear(t.slots)
	return t
}

// add stores e in the first free slot from its hash's.
func (t *wordTable) add(e *wordEntry) {
	for i := e.hash & t.mask; ; i = (i + 1) & t.mask {
		if t.slots[i].Load() == nil {
			t.slots[i].Store(e)
			return
		}
	}
}

// lookup returns the measurement of text, whose wordHash is h, or nil.
func (t *wordTable) lookup(text string, h uint64) *segInfo {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := t.slots[i].Load()
		if e == nil {
			return nil
		}
		if e.hash == h && e.text == text {
			return e.si
		}
	}
}

// measureSegment measures text in face; with lig, the letters ff, fi, fl,
// ffi, ffl are measured as the face's ligatures (kerned as one glyph), as
// Face.Ligate draws them. An address is never ligated.
func measureSegment(face *Face, text string, lig bool) *segInfo {
	n := utf8.RuneCountInString(text)
	si := newSegInfo(n)
	url := isURL(text)
	var rs []rune // the runes, when the segment may hold a ligature
	if lig && face != nil && face.HasLigatures() && strings.Contains(text, "f") && !url {
		rs = []rune(text)
	}
	ligEnd := 0             // rune index where the current ligature ends
	ligX, plain := 0.0, 0.0 // where it starts, and its letters' width so far
	x := 0.0
	i := 0
	var prev rune
	var prevG uint16
	coreFrom, coreTo := int32(-1), int32(-1)
	// unclean is the first rune after the first letter that may not stand
	// between letters in a clean core (see coreClean), -1 for none.
	unclean := int32(-1)
	// The hyphen positions found while measuring, and whether each is
	// a soft hyphen.
	var explicit []int32
	var soft []bool
	for b, r := range text {
		si.byteAt[i] = int32(b)
		hidden := hiddenRune(r)
		var adv float64
		var g uint16
		if face != nil {
			g = face.glyph(r)
		}
		inLig, ligStart := i < ligEnd, false
		if rs != nil && !inLig && !hidden {
			if l, k := face.ligature(r, runeOr0(rs, i+1), runeOr0(rs, i+2)); k > 0 {
				g, ligEnd, ligStart = face.glyph(l), i+k, true
			}
		}
		switch {
		case inLig:
			adv = 0 // drawn by the ligature's glyph
		case r == '\u202f':
			adv = narrowSpace(face)
		case hidden:
			adv = 0
		case face != nil:
			adv = face.adv[g] / float64(face.upem)
		default:
			adv = 0.5
		}
		if inLig {
			if si.lig == nil {
				si.lig = make([]bool, n)
			}
			si.lig[i] = true
		}
		if i > 0 && face != nil && !hidden && !inLig && (si.hidden == nil || !si.hidden[i-1]) {
			if k := face.kern.pair(prevG, g); k != 0 {
				x += float64(k) / float64(face.upem)
				si.split = append(si.split, int32(i))
			}
		}
		if hidden {
			if si.hidden == nil {
				si.hidden = make([]bool, n)
			}
			si.hidden[i] = true
			si.split = append(si.split, int32(i), int32(i+1))
		}
		if inLig {
			si.cum[i] = ligX + plain
			plain += face.Advance(r)
		} else {
			si.cum[i] = x
		}
		if ligStart {
			ligX, plain = x, face.Advance(r)
		}
		x += adv
		if i == 0 {
			si.first = r
		}
		if unicode.IsLetter(r) {
			if coreFrom < 0 {
				coreFrom = int32(i)
			}
			coreTo = int32(i + 1)
			si.letters = true
		} else if coreFrom >= 0 && unclean < 0 && !isApostrophe(r) && !isHyphen(r) && r != '\u00ad' {
			unclean = int32(i)
		}
		if r == '\u00ad' && i > 0 {
			explicit = append(explicit, int32(i+1))
			soft = append(soft, true)
		}
		if isHyphen(r) && i >= 2 && unicode.IsLetter(prev) {
			explicit = append(explicit, int32(i+1))
			soft = append(soft, false)
		}
		prev = r
		if !inLig {
			prevG = g
		}
		i++
	}
	si.cum[n] = x
	si.byteAt[n] = int32(len(text))
	si.last = prev
	// Explicit hyphen breaks need two letters after them, and two before
	// since the previous hyphen ("a-t-il" does not break).
	var keep []int32
	var keepSoft []bool
	lastBreak := int32(0)
	for k, p := range explicit {
		if p-lastBreak >= 3 && int(p)+2 <= n && p < int32(n) && unicode.IsLetter(runeAt(text, si.byteAt, p)) {
			keep = append(keep, p)
			keepSoft = append(keepSoft, soft[k])
			lastBreak = p
		}
	}
	explicit, soft = keep, keepSoft
	if coreFrom >= 0 {
		// The core runs from the first letter to the last: the first rune
		// after the first letter that is no letter, apostrophe or hyphen
		// lies inside it when it comes before the last letter.
		si.coreFrom, si.coreTo = coreFrom, coreTo
		si.coreClean = unclean < 0 || unclean >= coreTo
	}
	for j := n - 1; j >= 0; j-- {
		r := runeAt(text, si.byteAt, int32(j))
		if r == '.' || r == '!' || r == '?' || r == '…' {
			si.sentenceEnd = true
			break
		}
		if !unicode.Is(unicode.Pe, r) && !unicode.Is(unicode.Pf, r) && r != '"' && r != '\'' && r != '\u202f' {
			break
		}
	}
	if coreFrom >= 0 {
		_, _, si.name, _ = hyphenatable(text[si.byteAt[coreFrom]:si.byteAt[coreTo]])
	}
	for k, p := range explicit {
		si.fixed = append(si.fixed, breakAt(face, text, si, p, soft[k], false))
	}
	if url {
		// An address breaks at its own points only: never after a
		// hyphen with a hyphen implied, never by the patterns.
		si.url = true
		si.fixed = si.fixed[:0]
		for _, p := range urlBreaks(text, si) {
			si.fixed = append(si.fixed, breakAt(face, text, si, p, false, false))
		}
	}
	return si
}

// hiddenRune reports whether r is measured but not drawn as a glyph: the
// narrow no-break space (its width is the space's, see narrowSpace), the
// soft hyphen (drawn as a hyphen only at a line's end), the zero-width
// joiner, the word joiner and the zero-width no-break space U+FEFF, which
// Unicode deprecates for U+2060 but a text converted from a file that
// began with a byte order mark may still hold. A font's glyph for one of
// the last three is empty, and a PDF reader reads it as a character: a
// hidden rune ends a piece and leaves the text layer.
func hiddenRune(r rune) bool {
	return r == '\u202f' || r == '\u00ad' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

// segInfoSmall and segInfoShort are a measurement and its per-rune
// arrays in one allocation, for segments of up to 8 and 16 runes (most
// words): one allocation instead of three for each new word, in the
// same size classes as the three took.
type segInfoSmall struct {
	si     segInfo
	cum    [9]float64
	byteAt [9]int32
}

type segInfoShort struct {
	si     segInfo
	cum    [17]float64
	byteAt [17]int32
}

// newSegInfo returns a measurement of n runes with its cum and byteAt
// arrays (n+1 boundaries).
func newSegInfo(n int) *segInfo {
	switch {
	case n <= 8:
		m := &segInfoSmall{}
		return m.si.sized(n, m.cum[:], m.byteAt[:])
	case n <= 16:
		m := &segInfoShort{}
		return m.si.sized(n, m.cum[:], m.byteAt[:])
	}
	return new(segInfo).sized(n, make([]float64, n+1), make([]int32, n+1))
}

// sized makes si a measurement of n runes on the arrays cum and byteAt
// (of n+1 elements at least), and returns it.
func (si *segInfo) sized(n int, cum []float64, byteAt []int32) *segInfo {
	si.n, si.cum, si.byteAt = n, cum[:n+1], byteAt[:n+1]
	return si
}

func runeAt(text string, byteAt []int32, i int32) rune {
	r, _ := utf8.DecodeRuneInString(text[byteAt[i]:])
	return r
}

// spaceKind classifies a character as a space.
type spaceKind uint8

const (
	notSpace spaceKind = iota
	breakSpace
	noBreakSpace
	zeroSpace // zero-width break opportunity
)

func classify(r rune) spaceKind {
	switch r {
	case ' ', '\t', '\n', '\r', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2008', '\u2009', '\u200a', '\u205f', '\u3000':
		return breakSpace
	case '\u00a0', '\u2007':
		return noBreakSpace
	case '\u200b':
		return zeroSpace
	}
	return notSpace
}

// noBreakBefore lists the characters a line must not start with.
func noBreakBefore(r rune) bool {
	switch r {
	case ';', ':', '!', '?', '»', '›', ',', '.', ')', ']', '…', '%', '\u202f', '\u00a0':
		return true
	}
	return false
}

// noBreakAfter lists the characters a line must not end with.
func noBreakAfter(r rune) bool { return r == '«' || r == '‹' || r == '(' || r == '[' }

// wordPart is a segment of the word being collected.
type wordPart struct {
	run        int
	start, end int // bytes in the run's text
	offset     int
}

// buildItems turns p into boxes, glue and penalties in s.items and the
// word segments in s.segs.
func (s *Setter) buildItems(p *Paragraph) {
	s.items = s.items[:0]
	s.segs = s.segs[:0]
	if s.langTag != p.Lang {
		s.langTag, s.lang = p.Lang, langKey(p.Lang)
	}
	mainSize := paragraphSize(p)
	ragged := p.Align != Justify
	if p.Indent != 0 {
		s.items = append(s.items, item{kind: boxItem, width: p.Indent, seg: -1})
	}
	var word [8]wordPart
	parts := word[:0]
	offset := 0
	sentenceStart := true
	// Pending space between words.
	pending := notSpace
	var pendingRune rune
	var pendingRun = -1
	// pendingN counts the spaces of a literal run's pending space, each
	// of which keeps its width.
	pendingN := 0
	var prevLast rune // last character of the previous word
	// lineStart is true at the start of the paragraph and after a forced
	// break, until a word comes; leadNB counts the no-break spaces seen
	// there, kept as an indent (leadRun is the run of the first).
	lineStart := true
	leadNB, leadRun := 0, -1
	// boxes counts the boxes since the last forced break.
	boxes := 0
	flushWord := func() {
		if len(parts) == 0 {
			return
		}
		first := -1
		for i, wp := range parts {
			seg := segment{run: wp.run, text: p.Runs[wp.run].Text[wp.start:wp.end], style: &p.Runs[wp.run].Style,
				offset: wp.offset, counted: !p.Runs[wp.run].Uncounted, ligatures: !p.Runs[wp.run].Literal}
			seg.info = s.measure(seg.style.Face, seg.text, seg.ligatures)
			s.segs = append(s.segs, seg)
			if i == 0 {
				first = len(s.segs) - 1
			}
		}
		firstRune := s.segs[first].info.first
		switch {
		case lineStart:
			// Spaces opening a line are dropped, but for no-break
			// spaces: an indent (verse, a line block's indented line).
			if leadNB > 0 {
				s.items = append(s.items, item{kind: boxItem, width: float64(leadNB) * spaceWidth(&p.Runs[leadRun].Style, mainSize), seg: -1})
			}
		case pending != notSpace && len(s.items) > 0:
			s.addSpace(p, pending, pendingRune, pendingRun, pendingN, prevLast, firstRune, ragged, mainSize)
		}
		pending = notSpace
		lineStart, leadNB = false, 0
		boxes++
		s.addWord(p, first, sentenceStart)
		last := &s.segs[len(s.segs)-1]
		prevLast = last.info.last
		sentenceStart = last.info.sentenceEnd
		parts = parts[:0]
	}
	// forcedBreak ends the line: TeX's \hfil\break, as at the paragraph's
	// end. An empty line gets an empty box, so that it is a line.
	forcedBreak := func() {
		if boxes == 0 {
			s.items = append(s.items, item{kind: boxItem, seg: -1})
		}
		s.items = append(s.items,
			item{kind: penaltyItem, penalty: infPenalty, seg: -1},
			item{kind: glueItem, fil: 1, seg: -1, nobreak: true},
			item{kind: penaltyItem, penalty: -infPenalty, seg: -1})
		boxes = 0
		pending = notSpace
		lineStart, leadNB = true, 0
		sentenceStart = true
	}
	for ri := range p.Runs {
		run := &p.Runs[ri]
		if run.Break {
			flushWord()
			forcedBreak()
			if !run.Uncounted {
				offset += utf8.RuneCountInString(run.Text)
			}
			continue
		}
		start := -1
		for b, r := range run.Text {
			k := classify(r)
			if lineStart && len(parts) == 0 && k == noBreakSpace && r == '\u00a0' {
				if leadNB == 0 {
					leadRun = ri
				}
				leadNB++
			}
			if k == notSpace {
				if start < 0 {
					start = b
					parts = append(parts, wordPart{run: ri, start: b, offset: offset})
				}
			} else {
				if start >= 0 {
					parts[len(parts)-1].end = b
					start = -1
				}
				flushWord()
				switch {
				case run.Literal && pending != notSpace && pendingRun == ri && k != zeroSpace:
					pendingN++
				case pending == notSpace || k == noBreakSpace || pending == zeroSpace:
					pending, pendingRune, pendingRun, pendingN = k, r, ri, 1
				}
				if run.NoBreak && pending == breakSpace {
					pending = noBreakSpace
				}
			}
			if !run.Uncounted {
				offset++
			}
		}
		if start >= 0 {
			parts[len(parts)-1].end = len(run.Text)
		}
	}
	flushWord()
	if len(s.segs) == 0 {
		s.items = s.items[:0]
		return
	}
	// A forced break at the end adds nothing: the paragraph's end breaks.
	for boxes == 0 {
		n := len(s.items)
		switch {
		case n >= 3 && s.items[n-1].kind == penaltyItem && s.items[n-1].penalty <= -infPenalty:
			s.items = s.items[:n-3]
		case n >= 1 && s.items[n-1].kind == boxItem && s.items[n-1].seg < 0 && s.items[n-1].width == 0:
			s.items = s.items[:n-1]
		default:
			boxes = 1
		}
	}
	s.emergencyBreaks(p)
	s.ligatureRemnants()
	// Final line: no break, parfillskip, forced break.
	s.items = append(s.items,
		item{kind: penaltyItem, penalty: infPenalty, seg: -1},
		item{kind: glueItem, fil: 1, seg: -1, nobreak: true},
		item{kind: penaltyItem, penalty: -infPenalty, seg: -1})
}

// ligatureRemnants sets the post width of every break inside a ligature:
// the line after it starts with the rest of the ligature's letters.
func (s *Setter) ligatureRemnants() {
	items := s.items
	for i := 0; i+1 < len(items); i++ {
		pen, box := &items[i], &items[i+1]
		if pen.kind != penaltyItem || pen.penalty >= infPenalty || box.kind != boxItem || box.seg < 0 {
			continue
		}
		seg := &s.segs[box.seg]
		if si := seg.info; si.lig != nil && si.lig[box.from] {
			pen.post = s.remnantShift(seg, box.from, min(ligatureEnd(si, box.from), box.to))
		}
	}
}

// paragraphSize returns the size of the paragraph's first sized run.
func paragraphSize(p *Paragraph) float64 {
	for i := range p.Runs {
		if p.Runs[i].Style.Size > 0 {
			return p.Runs[i].Style.Size
		}
	}
	return 10
}

// spaceWidth returns the natural interword space of a style in points.
func spaceWidth(st *Style, mainSize float64) float64 {
	size := st.Size
	if size <= 0 {
		size = mainSize
	}
	if st.Face != nil {
		return st.Face.space * size
	}
	return 0.25 * size
}

// addSpace appends the glue between two words: n spaces of a literal
// run keep n times their width, without stretch or shrink.
func (s *Setter) addSpace(p *Paragraph, k spaceKind, r rune, run, n int, before, after rune, ragged bool, mainSize float64) {
	st := &p.Runs[run].Style
	size := st.Size
	if size <= 0 {
		size = mainSize
	}
	nobreak := k == noBreakSpace || noBreakBefore(after) || noBreakAfter(before) || p.Runs[run].NoBreak
	if k == zeroSpace {
		if !nobreak {
			s.items = append(s.items, item{kind: penaltyItem, seg: -1})
		}
		return
	}
	w := 0.25
	if st.Face != nil {
		w = st.Face.space
	}
	switch r {
	case '\u2009':
		w = w / 2
	case '\u2002':
		w = 0.5
	case '\u2003':
		w = 1
	case '\u200a':
		w = w / 4
	}
	w *= size
	g := item{kind: glueItem, width: w, stretch: w * s.opts.SpaceStretch, shrink: w * s.opts.SpaceShrink,
		nobreak: nobreak, space: r, seg: -1}
	if p.Runs[run].Literal {
		g.width *= float64(max(n, 1))
		g.stretch, g.shrink = 0, 0
	}
	if ragged {
		g.stretch, g.shrink = 0, 0
	}
	s.items = append(s.items, g)
}

// addWord appends the boxes and hyphenation penalties of the word whose
// segments start at s.segs[first].
func (s *Setter) addWord(p *Paragraph, first int, sentenceStart bool) {
	segs := s.segs[first:]
	// The word may be hyphenated when exactly one segment holds letters,
	// cleanly, and the runs allow it.
	hyphSeg := -1
	for i := range segs {
		if segs[i].info.letters {
			if hyphSeg >= 0 {
				hyphSeg = -2
				break
			}
			hyphSeg = i
		}
	}
	var pats []brk
	name := false
	if hyphSeg >= 0 && s.lang != "" {
		sg := &segs[hyphSeg]
		if si := sg.info; si.coreClean && len(si.fixed) == 0 && !si.url && !p.Runs[sg.run].NoBreak && !p.Runs[sg.run].Literal {
			pats = s.patternBreaks(sg)
			name = si.name && !sentenceStart
		}
	}
	for i := range segs {
		sg := &segs[i]
		si := sg.info
		size := sg.style.Size
		segIdx := int32(first + i)
		var bps []brk
		lit := p.Runs[sg.run].Literal
		if !p.Runs[sg.run].NoBreak {
			if lit {
				bps = literalBreaks(sg.style.Face, sg.text, si)
			} else if i == hyphSeg && len(pats) > 0 {
				bps = pats
			} else {
				bps = si.fixed
			}
		}
		from := int32(0)
		for _, bp := range bps {
			s.items = append(s.items, item{kind: boxItem, width: (si.cum[bp.pos] - si.cum[from]) * size, seg: segIdx, from: from, to: bp.pos})
			pen := item{kind: penaltyItem, seg: segIdx, flagged: !si.url && !lit, width: bp.width * size, hyphen: bp.soft}
			switch {
			case bp.pattern && name:
				pen.penalty = s.opts.NameHyphenPenalty
				pen.name = true
			case bp.soft:
				pen.penalty = s.opts.HyphenPenalty
			default:
				pen.penalty = s.opts.ExHyphenPenalty
			}
			s.items = append(s.items, pen)
			from = bp.pos
		}
		w := (si.cum[si.n] - si.cum[from]) * size
		if i+1 < len(segs) {
			nx := &segs[i+1]
			if face := sg.style.Face; face != nil && nx.style.Face == face && nx.style.Size == size && nx.style.Rise == sg.style.Rise {
				w += face.Kern(si.last, nx.info.first) * size
			}
		}
		s.items = append(s.items, item{kind: boxItem, width: w, seg: segIdx, from: from, to: int32(si.n)})
	}
}

// brk is a break opportunity inside a measured segment: before rune pos,
// with the width in em the break adds (a hyphen, less the kerning
// across pos that the break removes).
type brk struct {
	pos     int32
	width   float64
	soft    bool // a hyphen is drawn (pattern or soft hyphen)
	pattern bool // found by the hyphenation patterns
}

// breakAt returns a break before rune pos of si in face.
func breakAt(face *Face, text string, si *segInfo, pos int32, soft, pattern bool) brk {
	b := brk{pos: pos, soft: soft, pattern: pattern}
	if face == nil {
		return b
	}
	b.width = -(si.cum[pos] - si.cum[pos-1] - face.advanceOf(runeAt(text, si.byteAt, pos-1), si, pos-1))
	if si.lig != nil && si.lig[pos-1] && (int(pos) == si.n || !si.lig[pos]) {
		// After a ligature's last letter: the kern after the ligature
		// glyph is what a break there takes away.
		st := pos - 1
		for st > 0 && si.lig[st] {
			st--
		}
		rs := []rune(text[si.byteAt[st]:si.byteAt[pos]])
		l, _ := face.ligature(rs[0], runeOr0(rs, 1), runeOr0(rs, 2))
		b.width = -(si.cum[pos] - si.cum[st] - face.Advance(l))
	}
	if soft {
		b.width += face.Advance('-')
	}
	return b
}

// patBreaks is the pattern hyphenation of a measured segment in one
// language, in a list of the languages met.
type patBreaks struct {
	lang string
	pat  []brk
	next *patBreaks
}

// patternBreaks returns the hyphenation points of a segment in the
// paragraph's language, remembered in the segment's measurement.
func (s *Setter) patternBreaks(sg *segment) []brk {
	si := sg.info
	head := si.pats.Load()
	for p := head; p != nil; p = p.next {
		if p.lang == s.lang {
			return p.pat
		}
	}
	var pat []brk
	core := sg.text[si.byteAt[si.coreFrom]:si.byteAt[si.coreTo]]
	if part, off, _, ok := hyphenatable(core); ok {
		for _, q := range s.hy.points(s.lang, part) {
			pat = append(pat, breakAt(sg.style.Face, sg.text, si, si.coreFrom+int32(off)+q, true, true))
		}
	}
	// Another setter may have added a language meanwhile; the points of
	// a language are the same whoever computes them.
	for e := (&patBreaks{lang: s.lang, pat: pat, next: head}); !si.pats.CompareAndSwap(head, e); {
		head = si.pats.Load()
		e.next = head
	}
	return pat
}

// advanceOf returns the advance in em of rune r at index i of a measured
// segment (narrow no-break spaces and hidden runes included).
func (f *Face) advanceOf(r rune, si *segInfo, i int32) float64 {
	if si.hidden != nil && si.hidden[i] {
		if r == '\u202f' {
			return narrowSpace(f)
		}
		return 0
	}
	return f.Advance(r)
}

// urlBreakAfter lists the characters after which an address may break.
const urlBreakAfter = "/.-_=?&#"

// literalBreaks returns the breaks of a word of a literal run (see
// Run.Literal), remembered in its measurement.
func literalBreaks(face *Face, text string, si *segInfo) []brk {
	if lit := si.lit.Load(); lit != nil {
		return *lit
	}
	var lit []brk
	for _, p := range urlBreaks(text, si) {
		lit = append(lit, breakAt(face, text, si, p, false, false))
	}
	// Two setters may compute the same breaks at once; either result
	// is the same.
	si.lit.Store(&lit)
	return lit
}

// isURL reports whether a word looks like a web address or an e-mail.
func isURL(w string) bool {
	return strings.Contains(w, "://") || strings.IndexByte(w, '@') >= 0 ||
		len(w) > 4 && (w[:4] == "www." || w[:4] == "WWW.")
}

// urlBreaks returns where a web address, an e-mail address or a word of
// literal text may break, with no hyphen added: after one of / . - _ = ?
// & # (after the last of a run of them, so "://" stays whole), keeping
// at least three characters on each side.
func urlBreaks(text string, si *segInfo) []int32 {
	var bps []int32
	last := int32(0)
	for i := int32(1); i < int32(si.n)-2; i++ {
		prev, cur := runeAt(text, si.byteAt, i-1), runeAt(text, si.byteAt, i)
		ok := strings.ContainsRune(urlBreakAfter, prev) && !strings.ContainsRune(urlBreakAfter, cur) && cur != ':'
		if ok && i-last >= 3 {
			bps = append(bps, i)
			last = i
		}
	}
	return bps
}
