package typeset

import (
	"sync"
)

// SetterOptions tune the line breaker. A zero value takes TeX's (LaTeX's)
// defaults, so SetterOptions{} is a sound setting.
type SetterOptions struct {
	// Tolerance is the largest badness (100·ratio³, TeX's \tolerance)
	// accepted in the passes that hyphenate; 0 means 200. When no break
	// sequence fits, the emergency passes follow (see EmergencyStretch).
	Tolerance float64
	// PreTolerance is the badness limit of a first pass that adds no
	// hyphen (it breaks between words, after explicit hyphens and inside
	// addresses), as TeX's \pretolerance pass: a paragraph that sets well
	// without hyphenation gets none.
	// 0 means 100, a negative value skips the pass.
	PreTolerance float64
	// Looseness asks for that many more (positive) or fewer (negative)
	// lines than the optimum, when feasible (TeX's \looseness).
	Looseness int
	// LinePenalty is added to every line's badness (TeX's
	// \linepenalty); 0 means 10.
	LinePenalty float64
	// HyphenPenalty is the penalty of a break at an inserted hyphen;
	// 0 means 300, a negative value means 0. With TeX's 50 the breaker
	// hyphenated 7.4% of the lines of an English novel (Katrine), 11% of
	// another's (Jack Sheppard); 200 hyphenated 5.6% and 7.7%, above
	// xelatex's 7.3% on issue 15's novels; 300 hyphenates 5.0% and 6.8%
	// (a French reader: 4.5%) with the p95 gap at most 0.320 em, under
	// xelatex's 0.333 em.
	HyphenPenalty float64
	// NameHyphenPenalty is the penalty of a hyphen inside a capitalised
	// word that does not open a sentence (a name: Bou-logne), which French
	// typography avoids: such a break is only tried in the emergency
	// passes, after the others found nothing; 0 means 400, a negative
	// value means 0.
	NameHyphenPenalty float64
	// ExHyphenPenalty is the penalty of a break after an explicit hyphen
	// (Boulogne-sur-Mer); 0 means 50, a negative value means 0.
	ExHyphenPenalty float64
	// DoubleHyphenDemerits are added for two hyphenated lines in a row;
	// 0 means 10000.
	DoubleHyphenDemerits float64
	// FinalHyphenDemerits are added when the last full line is
	// hyphenated; 0 means 5000.
	FinalHyphenDemerits float64
	// AdjDemerits are added when adjacent lines' fitness classes are not
	// neighbours (a tight line after a loose one); 0 means 10000.
	AdjDemerits float64
	// MaxHyphenLines is the most consecutive lines that may end with a
	// hyphen (enforced, not only discouraged); 0 means 2.
	MaxHyphenLines int
	// Exceptions are a book's own hyphenations in "hy-phen-ation" form
	// ("Bou-logne"; a word without hyphen is never hyphenated). They
	// apply to every language and take precedence over the patterns.
	Exceptions []string
	// LeftMin and RightMin override the language's minimum number of
	// letters before and after an inserted hyphen (French and English:
	// 2 and 3) when > 0.
	LeftMin, RightMin int
	// SpaceStretch and SpaceShrink are the interword space's stretch and
	// shrink as fractions of the space width; 0 means 1/2 and 1/3 (the
	// values XeTeX gives a font).
	SpaceStretch, SpaceShrink float64
	// EmergencyStretch is added, in em of the paragraph's size, to the
	// stretch of every line when the passes within Tolerance find no
	// breaks (TeX's \emergencystretch; pandoc's LaTeX sets 3em): the
	// lines may then be looser than Tolerance allows, never tighter than
	// the shrink limit. Unlike TeX's, it only widens which lines are
	// feasible; their demerits count their real looseness. 0 means 3,
	// a negative value disables the pass.
	EmergencyStretch float64
	// ShortLastDemerits are added when a paragraph's last line holds a
	// single word (or the end of a hyphenated one) narrower than a
	// quarter of the measure, so that a re-set that avoids such a line
	// is preferred when it costs less; 0 means 10000, a negative value
	// means 0.
	ShortLastDemerits float64
	// RaggedStretch is the stretch, in em of the paragraph's first run,
	// at the ragged side of Left, Right and Center lines; 0 means 3.
	RaggedStretch float64
}

// Setter breaks paragraphs into lines. It remembers word measurements and
// hyphenations between calls, so one Setter should set a whole book. A
// Setter may be used from several goroutines; calls are serialised.
type Setter struct {
	mu   sync.Mutex
	opts SetterOptions
	hy   *hyphenator
	// memo holds the words this setter has measured or taken from
	// shared, the word cache of its siblings, face by face, so
	// that a word is measured and hyphenated once however many setters
	// meet it, while a setter's own look-ups stay free of locks.
	memo   map[faceKey]*faceMemo
	shared *wordCache
	// lastMemo is the memo of the face last measured.
	lastMemo *faceMemo
	// work buffers reused between paragraphs
	items []item
	segs  []segment
	// langTag is the last paragraph's language, lang its key.
	langTag, lang string
	// long remembers the windows of the last long paragraph (long.go),
	// window is the buffer of a window's items.
	long   *longMemo
	window []item
	// pieces is the array the lines of a paragraph are built in (Set
	// copies them out), kept for the next one up to maxKeptPieces.
	pieces []Piece
	kp     breaker
	// itemsOf is the paragraph (with the runs the items point into) whose
	// items and segments are in items and segs, when itemsKept.
	itemsOf   Paragraph
	itemsKept bool
}

// NewSetter returns a Setter with opts, defaults filled in.
func NewSetter(opts SetterOptions) *Setter {
	def := func(v *float64, d float64) {
		switch {
		case *v == 0:
			*v = d
		case *v < 0:
			*v = 0
		}
	}
	def(&opts.Tolerance, 200)
	def(&opts.PreTolerance, 100)
	def(&opts.LinePenalty, 10)
	def(&opts.HyphenPenalty, 300)
	def(&opts.ExHyphenPenalty, 50)
	def(&opts.NameHyphenPenalty, 400)
	def(&opts.DoubleHyphenDemerits, 10000)
	def(&opts.FinalHyphenDemerits, 5000)
	def(&opts.AdjDemerits, 10000)
	def(&opts.SpaceStretch, 0.5)
	def(&opts.SpaceShrink, 1.0/3)
	def(&opts.EmergencyStretch, 3)
	def(&opts.ShortLastDemerits, 10000)
	def(&opts.RaggedStretch, 3)
	if opts.MaxHyphenLines <= 0 {
		opts.MaxHyphenLines = 2
	}
	return &Setter{
		opts:   opts,
		hy:     newHyphenator(opts.Exceptions, opts.LeftMin, opts.RightMin),
		shared: newWordCache(),
		kp:     breaker{},
	}
}

// Sibling returns a new Setter with s's options that shares s's word
// cache (measurements and hyphenations): two setters used on two
// goroutines, each setting its own paragraphs, then measure and hyphenate
// the book's vocabulary once. The results are those of s.
func (s *Setter) Sibling() *Setter {
	return &Setter{
		opts:   s.opts,
		hy:     newHyphenator(s.opts.Exceptions, s.opts.LeftMin, s.opts.RightMin),
		shared: s.shared,
		kp:     breaker{},
	}
}

// SiblingTolerance is Sibling with another Tolerance: a breaker for
// paragraphs that may be set looser (a page builder's looseness), sharing
// the word cache.
func (s *Setter) SiblingTolerance(tolerance float64) *Setter {
	t := s.Sibling()
	t.opts.Tolerance = tolerance
	return t
}

// Release lets go of the words s measured and hyphenated, and of its work
// buffers, for a setter that has little left to set: s gets a word cache
// of its own, empty (its siblings keep theirs), so that the book's
// vocabulary, 16 to 18 MB for a long novel, is not kept live, and marked
// by the collector, while the pages are drawn. What s sets afterwards is
// the same; only the words it meets are measured again.
func (s *Setter) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memo, s.lastMemo = nil, nil
	s.shared = newWordCache()
	s.dropBuffers()
	s.pieces, s.long = nil, nil
}

// maxKeptPieces is the largest array of pieces a Setter keeps for the
// next paragraph (a few pages of lines).
const maxKeptPieces = 1 << 14

// Set breaks p into lines.
func (s *Setter) Set(p Paragraph) Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The pieces point at the styles of the runs (Piece.Style): the
	// result gets runs of its own (itemsFor), which the caller cannot
	// change (the results of one paragraph's tries share them).
	s.itemsFor(&p)
	if len(s.segs) == 0 {
		return Result{runs: p.Runs}
	}
	var breaks []int
	var ratios []float64
	var ok bool
	if len(s.items) > longParagraphItems {
		breaks, ratios, ok = s.setLong(&p)
		s.kp.sum(s.items) // the lines are built from the whole paragraph's sums
	} else {
		breaks, ratios, ok = s.kp.run(s, &p, s.items)
	}
	fallback := false
	if !ok {
		breaks, ratios = s.greedy(&p)
		fallback = true
	}
	res := Result{Lines: make([]Line, 0, len(breaks)), Fallback: fallback, Broken: s.brokenWords(breaks), runs: p.Runs}
	// The lines' pieces are built in the setter's own array (sized for a
	// split or two per word), then copied into one of their exact length
	// that the lines share (each line's slice capped so that appends
	// cannot overlap): the page builder keeps every line of the book
	// until its pages are drawn, and an array sized ahead for every
	// paragraph took 14 MB of a novel's build. A long paragraph's array
	// is not kept for the next one: its lines keep it, unless the
	// estimate left a quarter of it unused.
	if cap(s.pieces) < len(s.segs)+8 {
		s.pieces = make([]Piece, 0, len(s.segs)*3/2+8)
	}
	s.pieces = s.pieces[:0]
	start := 0
	for i, b := range breaks {
		res.Lines = append(res.Lines, s.buildLine(&p, start, b, ratios[i]))
		start = s.lineStart(b)
	}
	if long := cap(s.pieces) > maxKeptPieces; !long || len(s.pieces) < cap(s.pieces)*3/4 {
		exact := make([]Piece, len(s.pieces))
		copy(exact, s.pieces)
		at := 0
		for i := range res.Lines {
			n := len(res.Lines[i].Pieces)
			res.Lines[i].Pieces = exact[at : at+n : at+n]
			at += n
		}
	}
	if cap(s.pieces) > maxKeptPieces {
		s.pieces = nil
	}
	s.dropLongBuffers()
	return res
}

// itemsFor makes s.items and s.segs those of p, with runs of their own
// (p.Runs is set to them): the pieces point at the styles of the runs,
// and a caller cannot change them. The same paragraph met again, with
// another looseness or other lines without a hyphen (a page builder's
// tries), keeps the items of the last one, which depend on its runs,
// measure, indent, alignment and language only. Called with s.mu held.
func (s *Setter) itemsFor(p *Paragraph) {
	if s.itemsKept && sameItems(&s.itemsOf, p) {
		p.Runs = s.itemsOf.Runs
		return
	}
	p.Runs = append([]Run(nil), p.Runs...)
	s.itemsKept = false // until the items are whole
	s.buildItems(p)
	s.itemsOf = Paragraph{Runs: p.Runs, Width: p.Width, Indent: p.Indent, Align: p.Align, Lang: p.Lang}
	s.itemsKept = len(s.items) <= longParagraphItems
}

// dropLongBuffers lets go of the work buffers after a long paragraph:
// kept for the next ones, they would hold hundreds of megabytes after a
// paragraph of megabytes. Called with s.mu held.
func (s *Setter) dropLongBuffers() {
	if len(s.items) > longParagraphItems {
		s.dropBuffers()
	}
}

// dropBuffers lets go of the items, segments, window and line breaker's
// buffers, and so of the items kept for the last paragraph. Called with
// s.mu held.
func (s *Setter) dropBuffers() {
	s.items, s.segs, s.window = nil, nil, nil
	s.kp = breaker{}
	s.itemsOf, s.itemsKept = Paragraph{}, false
}
