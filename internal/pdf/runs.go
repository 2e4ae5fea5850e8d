package pdf

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// runBuilder turns model inlines into the line breaker's runs. The
// concatenated text of the counted runs equals model.PlainText of the
// same inlines, so that offsets in the set lines are offsets in the
// model's visible text.
type runBuilder struct {
	fonts *fontSet
	size  float64
	// links says whether links become PDF links.
	links bool
	// noteCall returns the link target of a note call (or ""); when it
	// is nil, note calls are left out (lists, credits, contents).
	noteCall func(n *model.Note) string
	// inlineAddresses prints links' addresses in parentheses even when
	// the layout puts them in footnotes: in a note's own text.
	inlineAddresses bool
	runs            []typeset.Run
}

type inlineState struct {
	italic, bold, smallCaps, sup, sub, strike bool
	// code sets text in the monospaced face, as literal text (inline
	// code, <kbd>, <samp>, web addresses).
	code bool
	// scale multiplies the size (0 means 1): <small>.
	scale float64
	// quotes is the depth of <q> elements.
	quotes int
	link   string
}

func (b *runBuilder) key(st inlineState) string {
	switch {
	case st.code:
		return fontMono
	case b.trueSmallCaps(st):
		return fontSmallCaps
	case st.italic && st.bold:
		return fontBoldItalic
	case st.italic:
		return fontItalic
	case st.bold:
		return fontBold
	}
	return fontRegular
}

func (b *runBuilder) add(text string, st inlineState, uncounted bool) {
	if text == "" {
		return
	}
	size := b.size
	if st.scale > 0 {
		size *= st.scale
	}
	if st.code && b.fonts.codeScale > 0 {
		size *= b.fonts.codeScale
	}
	s := b.fonts.style(b.key(st), size)
	s.Link = st.link
	s.Strike = st.strike
	switch {
	case st.sup && !st.code:
		if sup, ok := superiorLetters(s.Face, text); ok {
			// The font's own superior letters (1ᵉʳ): drawn at the
			// text size on the baseline, they have the weight of the
			// text, which letters scaled down lack. One rune for one
			// rune, so offsets stay those of the model's text.
			text = sup
			break
		}
		s.Size = size * 0.68
		s.Rise = size * 0.36
	case st.sup:
		s.Size = size * 0.68
		s.Rise = size * 0.36
	case st.sub:
		s.Size = size * 0.68
		s.Rise = -size * 0.16
	}
	if st.smallCaps && !b.trueSmallCaps(st) {
		// Without a small-caps face (or in italic or bold, which it
		// lacks), small capitals are drawn as capitals at 80 %: one rune
		// for one rune, so offsets stay those of the model's text.
		text = strings.Map(unicode.ToUpper, text)
		s.Size *= 0.8
	}
	b.runs = append(b.runs, typeset.Run{Text: text, Style: s, Uncounted: uncounted, Literal: st.code})
}

// superiors maps the letters of French ordinals (1er, 2e, 1res, 2d) to the
// Unicode modifier letters that fonts such as EB Garamond draw as superior
// letters; the PDF's ToUnicode maps them back to the letters
// (ligatureCMapRanges), so copied text reads "1er".
var superiors = map[rune]rune{'e': '\u1D49', 'r': '\u02B3', 's': '\u02E2', 'd': '\u1D48'}

// superiorLetters returns text in the face's superior letters when every
// rune of it has one, and whether it does.
func superiorLetters(face *typeset.Face, text string) (string, bool) {
	if face == nil || text == "" {
		return "", false
	}
	out := make([]rune, 0, len(text))
	for _, r := range text {
		sr, ok := superiors[r]
		if !ok || !face.HasGlyph(sr) {
			return "", false
		}
		out = append(out, sr)
	}
	return string(out), true
}

// trueSmallCaps reports whether text in state st is set in the layout's
// small-caps face: roman small capitals, when the layout has the face. As
// CSS's font-variant: small-caps, its capitals stay capitals and its
// lower-case letters are drawn as small capitals.
func (b *runBuilder) trueSmallCaps(st inlineState) bool {
	return st.smallCaps && !st.code && !st.italic && !st.bold && b.fonts != nil && b.fonts.faces[fontSmallCaps] != nil
}

// forcedBreak adds a forced line break counting text (a line break is a
// space in the model's text; a display formula's breaks count nothing).
func (b *runBuilder) forcedBreak(text string, st inlineState) {
	s := b.fonts.style(b.key(st), b.size)
	b.runs = append(b.runs, typeset.Run{Text: text, Style: s, Break: true})
}

// lineHasText reports whether text was added since the last forced break.
func (b *runBuilder) lineHasText() bool {
	for i := len(b.runs) - 1; i >= 0; i-- {
		if b.runs[i].Break {
			return false
		}
		if strings.TrimSpace(b.runs[i].Text) != "" {
			return true
		}
	}
	return false
}

func (b *runBuilder) inlines(ins []model.Inline, st inlineState) {
	for i, in := range ins {
		if i > 0 && model.IsNoteCall(ins[i-1]) && model.IsNoteCall(in) && b.noteCall != nil {
			b.callSeparator(st)
		}
		switch n := in.(type) {
		case *model.Text:
			b.add(n.Value, st, false)
		case *model.Code:
			s := st
			s.code = true
			b.add(n.Text, s, false)
		case *model.Emphasis:
			s := st
			s.italic = !st.italic
			b.inlines(n.Children, s)
		case *model.Strong:
			s := st
			s.bold = true
			b.inlines(n.Children, s)
		case *model.Strikeout:
			s := st
			s.strike = true
			b.inlines(n.Children, s)
		case *model.Superscript:
			s := st
			s.sup, s.sub = true, false
			b.inlines(n.Children, s)
		case *model.Subscript:
			s := st
			s.sub, s.sup = true, false
			b.inlines(n.Children, s)
		case *model.SmallCaps:
			s := st
			s.smallCaps = true
			b.inlines(n.Children, s)
		case *model.Span:
			b.inlines(n.Children, st)
		case *model.Element:
			b.element(n, st)
		case *model.Math:
			b.math(n, st)
		case *model.RawInline:
			b.add(model.HTMLText(n.Nodes), st, false)
		case *model.Link:
			b.link(n, st)
		case *model.LineBreak:
			b.forcedBreak(" ", st)
		case *model.NoteRef:
			b.call(n.Note, st)
		case *model.Citation:
			if n.Note != nil {
				// A citation turned into a note prints its call only.
				b.call(n.Note, st)
			} else {
				b.inlines(n.Rendered, st)
			}
		default:
			b.fonts.unknown(in)
			b.add(model.PlainText([]model.Inline{in}), st, false)
		}
	}
}

// link sets a link's text, with its web address as the layout asks
// (see addresses.go): a call to the note that holds it, or the address in
// parentheses; an address is set as literal text in the monospaced face.
// With PDF links, the text stays clickable.
func (b *runBuilder) link(n *model.Link, st inlineState) {
	s := st
	if b.links {
		switch {
		case n.Internal != "":
			s.link = "#" + n.Internal
		case n.URL != "":
			s.link = n.URL
		}
	}
	addr := linkAddress(n)
	if addr != "" && showsAddress(n) {
		s.code = true // printed once, as an address
	}
	b.inlines(n.Children, s)
	if n.Ref != model.NoRef && n.Internal != "" && b.fonts.refPage != nil {
		// A cross-reference's page (« , p. 6 »): not the model's text.
		b.add(b.fonts.refPage(n.Internal), st, true)
	}
	a := b.fonts.addresses
	if addr == "" || a == nil || showsAddress(n) {
		return
	}
	if b.noteCall == nil && !b.inlineAddresses {
		// A text printed again (contents, list of illustrations, credits,
		// running heads): the address stands where the text first does.
		return
	}
	switch note := a.byLink[n]; {
	case a.mode == "footnote" && !b.inlineAddresses && note != nil:
		b.call(note, st)
	case a.mode == "inline" || a.mode == "footnote":
		// (A link the footnote pass did not see prints its address
		// here rather than lose it.)
		// Not the model's text: uncounted.
		b.add(" (", st, true)
		as := s
		as.code = true
		b.add(addr, as, true)
		b.add(")", st, true)
	}
}

// element sets an inline HTML element by its tag.
func (b *runBuilder) element(n *model.Element, st inlineState) {
	s := st
	switch strings.ToLower(n.Tag) {
	case "cite", "dfn", "var", "i", "em":
		s.italic = !st.italic
	case "b", "strong":
		s.bold = true
	case "s", "del", "strike":
		s.strike = true
	case "sup":
		s.sup, s.sub = true, false
	case "sub":
		s.sub, s.sup = true, false
	case "small":
		s.scale = 0.85
		if st.scale > 0 {
			s.scale = st.scale * 0.85
		}
	case "q":
		// The marks are not in the model's text: uncounted.
		q := b.fonts.quotes
		open, closing := q[0], q[1]
		if st.quotes%2 == 1 {
			open, closing = q[2], q[3]
		}
		s.quotes++
		b.add(open, st, true)
		b.inlines(n.Children, s)
		b.add(closing, st, true)
		return
	default:
		// <kbd>, <samp>, <code>, <tt> are set as inline code is:
		// monospaced, literal.
		s.code = st.code || literalTag(n.Tag)
	}
	// abbr, mark, u, span and the others as plain text.
	b.inlines(n.Children, s)
}

// math sets a formula from its children (the formula as text, with its
// italics and scripts). A display formula stands on a line of its own,
// indented: forced breaks before and after it, counting nothing.
func (b *runBuilder) math(n *model.Math, st inlineState) {
	if !n.Display {
		b.inlines(n.Children, st)
		return
	}
	if b.lineHasText() {
		b.forcedBreak("", st)
	}
	b.add(displayIndent, st, true)
	b.inlines(n.Children, st)
	b.forcedBreak("", st)
}

// displayIndent indents a display formula: no-break spaces opening a line
// are kept as an indent of one interword space each (about 2 em). The
// page builder centres the formula's line when it draws it (displayShift);
// where it does not (notes, table cells), the indent stays.
var displayIndent = strings.Repeat("\u00a0", 8)

// displayStarts returns the counted offsets where display formulas start
// in runs (after their indent), nil when there is none.
func displayStarts(runs []typeset.Run) map[int]bool {
	if !slices.ContainsFunc(runs, func(r typeset.Run) bool { return r.Uncounted && r.Text == displayIndent }) {
		return nil // most paragraphs: their text is not counted
	}
	var m map[int]bool
	off := 0
	for _, r := range runs {
		if r.Uncounted {
			if r.Text == displayIndent {
				if m == nil {
					m = map[int]bool{}
				}
				m[off] = true
			}
			continue
		}
		off += utf8.RuneCountInString(r.Text)
	}
	return m
}

// displayShift returns how far to move a display formula's line so that
// its text, without the indent before it, is centred on the measure;
// a formula wider than the measure starts at the measure's left edge.
func displayShift(l typeset.Line, width float64) float64 {
	lead := l.Pieces[0].X
	content := l.Width - lead
	return max(0, (width-content)/2) - lead
}

func (b *runBuilder) call(n *model.Note, st inlineState) {
	if n == nil || b.noteCall == nil {
		return
	}
	s := st
	s.sup = true
	s.italic, s.bold, s.smallCaps = false, false, false
	s.link = b.noteCall(n)
	s.code = false
	b.add(b.fonts.noteLabel(n), s, true)
}

// callSeparator adds the superior comma between two adjacent note calls,
// so that calls 4 and 5 read ⁴,⁵ and not forty-five (the EPUB writes the
// same comma).
func (b *runBuilder) callSeparator(st inlineState) {
	s := st
	s.sup = true
	s.italic, s.bold, s.smallCaps, s.code = false, false, false, false
	s.link = ""
	b.add(",", s, true)
}

// runsOf builds the runs of inlines at a size. With a nil noteCall the
// inlines' note calls are left out: a caption in the list of
// illustrations or on the credits page, a heading in the contents, are
// drawn without the call of a note that is printed elsewhere.
func runsOf(fonts *fontSet, size float64, links bool, noteCall func(*model.Note) string, ins []model.Inline, italic bool) []typeset.Run {
	b := &runBuilder{fonts: fonts, size: size, links: links, noteCall: noteCall}
	b.inlines(ins, inlineState{italic: italic})
	return b.runs
}

// noteRunsOf builds the runs of a note's text: its own note calls left
// out, links' web addresses in parentheses (a note has no foot of its own).
func noteRunsOf(fonts *fontSet, size float64, links bool, ins []model.Inline) []typeset.Run {
	b := &runBuilder{fonts: fonts, size: size, links: links, inlineAddresses: true}
	b.inlines(ins, inlineState{})
	return b.runs
}

// spaceBreaks turns forced line breaks into spaces, for text that is not
// broken as written: an entry of the contents or of the list of
// illustrations (a title's hard break is a space there, as in the EPUB's
// navigation).
func spaceBreaks(runs []typeset.Run) []typeset.Run {
	for i := range runs {
		if runs[i].Break {
			runs[i].Break, runs[i].Text = false, " "
		}
	}
	return runs
}

// plainRuns returns runs for plain text in one style.
func plainRuns(fonts *fontSet, key string, size float64, text string) []typeset.Run {
	return []typeset.Run{{Text: text, Style: fonts.style(key, size)}}
}

// keepCompounds splits runs at spaces and marks words with a hyphen
// (Boulogne-sur-Mer) as unbreakable, for titles, which are better broken
// between words than at a compound's hyphen.
func keepCompounds(runs []typeset.Run) []typeset.Run {
	var out []typeset.Run
	for _, r := range runs {
		words := strings.SplitAfter(r.Text, " ")
		for _, w := range words {
			if w == "" {
				continue
			}
			nr := r
			nr.Text = w
			nr.NoBreak = strings.Contains(strings.TrimSpace(w), "-")
			out = append(out, nr)
		}
	}
	return out
}

// balanced sets centred title lines no wider than maxW, then narrows the
// measure as far as the line count allows, so that a title breaks into
// lines of even length rather than a full line and a lone word.
func balanced(s lineSetter, runs []typeset.Run, maxW float64, lang string) []typeset.Line {
	p := typeset.Paragraph{Runs: runs, Width: maxW, Align: typeset.Center, Lang: lang}
	best := s.Set(p).Lines
	n := len(best)
	if n < 2 {
		return best
	}
	lo, hi := maxW/float64(n), maxW
	for range 12 {
		mid := (lo + hi) / 2
		p.Width = mid
		ls := s.Set(p).Lines
		if len(ls) == n && !overfull(ls, mid) {
			hi, best = mid, ls
		} else {
			lo = mid
		}
	}
	return best
}

func overfull(ls []typeset.Line, w float64) bool {
	for _, l := range ls {
		if l.Width > w+0.5 {
			return true
		}
	}
	return false
}
