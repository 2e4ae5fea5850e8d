package typo

import (
	"strings"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// cell is one character of an inline list laid out as a stream, with the
// text node (piece) it belongs to. The rules read the stream across node
// boundaries (« in one node, the word in an emphasis) and write each
// character back into its node.
type cell struct {
	r     rune
	piece int32 // index in stream.pieces; -1 for an atom or a line break
	flags uint8
}

const (
	// fProtected marks characters of a URL or an e-mail address: no rule
	// changes them.
	fProtected uint8 = 1 << iota
	// fSup marks the letters of an ordinal, set as a superscript.
	fSup
	// fSmallCaps marks the numeral of a century, set in small capitals.
	fSmallCaps
	// fCode marks the atom of a code span (or a literal element such as
	// <kbd>): a straight quote touching it is left straight.
	fCode
)

// piece is one text node of the list, with its language.
type piece struct {
	text *model.Text
	lang lang
	sup  bool // inside a Superscript already
	sc   bool // inside SmallCaps already
}

// stream is the flattened form of one inline list, and scratch space
// reused from list to list.
type stream struct {
	cells  []cell
	spare  []cell
	pieces []piece
	notes  []*model.Note
	runes  []rune
	buf    []byte
	stack  []quoteOpen
	ins    []insertion
	ranges [][2]int32
	// inSmallCaps counts the SmallCaps nodes flatten is inside.
	inSmallCaps int
	// record, when not nil, receives what writePiece did to each piece;
	// replay, when not nil, is what it does instead of reading the cells
	// (the typographic cache, cache.go).
	record *[]pieceResult
	replay []pieceResult
}

// maxDepth bounds the nesting followed in inlines; deeper nodes are left as
// they are.
const maxDepth = 100

// flatten lays out ins as cells.
func (s *stream) flatten(ins []model.Inline, lg lang, sup, protect bool, depth int) {
	var flags uint8
	if protect {
		flags = fProtected
	}
	for _, in := range ins {
		if depth > maxDepth {
			s.cells = append(s.cells, cell{r: atomRune, piece: -1})
			continue
		}
		switch n := in.(type) {
		case *model.Text:
			if n == nil {
				continue
			}
			idx := int32(len(s.pieces))
			s.pieces = append(s.pieces, piece{text: n, lang: lg, sup: sup, sc: s.inSmallCaps > 0})
			for _, r := range n.Value {
				s.cells = append(s.cells, cell{r: r, piece: idx, flags: flags})
			}
		case *model.Superscript:
			s.flatten(n.Children, lg, true, protect, depth+1)
		case *model.Span:
			s.flatten(n.Children, parseLang(n.Lang, lg), sup, protect, depth+1)
		case *model.Element:
			if literalElement(n) {
				s.cells = append(s.cells, cell{r: atomRune, piece: -1, flags: fCode})
				break
			}
			s.flatten(n.Children, parseLang(n.Attr("lang"), lg), sup, protect, depth+1)
		case *model.SmallCaps:
			s.inSmallCaps++
			s.flatten(n.Children, lg, sup, protect, depth+1)
			s.inSmallCaps--
		case *model.Emphasis, *model.Strong, *model.Strikeout, *model.Subscript:
			s.flatten(model.InlineChildren(n), lg, sup, protect, depth+1)
		case *model.Link:
			s.flatten(n.Children, lg, sup, protect || linkShowsURL(n), depth+1)
		case *model.Citation:
			if n.Note != nil {
				s.notes = append(s.notes, n.Note)
			}
			if len(n.Rendered) > 0 {
				s.flatten(n.Rendered, lg, sup, protect, depth+1)
			} else {
				s.cells = append(s.cells, cell{r: atomRune, piece: -1})
			}
		case *model.NoteRef:
			if n.Note != nil {
				s.notes = append(s.notes, n.Note)
			}
			s.cells = append(s.cells, cell{r: atomRune, piece: -1})
		case *model.LineBreak:
			s.cells = append(s.cells, cell{r: lineRune, piece: -1})
		case *model.Code:
			s.cells = append(s.cells, cell{r: atomRune, piece: -1, flags: fCode})
		default: // Math, RawInline: never changed
			s.cells = append(s.cells, cell{r: atomRune, piece: -1})
		}
	}
}

// literalElement reports whether an HTML element holds text that is typed
// as it must be read (keys, program output, code, variables): the rules
// leave it alone, as they leave code.
func literalElement(e *model.Element) bool {
	switch e.Tag {
	case "kbd", "samp", "code", "var", "tt":
		return true
	}
	return false
}

// linkShowsURL reports whether a link's text is its address (an autolink),
// which must be kept character for character.
func linkShowsURL(l *model.Link) bool {
	if l.URL == "" {
		return false
	}
	t := strings.TrimSpace(model.PlainText(l.Children))
	return t == l.URL || "mailto:"+t == l.URL || "tel:"+t == l.URL
}

// rebuild writes the cells back into the nodes of ins, in the order
// flatten visited them; next counts the pieces used so far. It returns the
// new list (ins itself when no node was added or removed).
func (s *stream) rebuild(ins []model.Inline, next *int, depth int) []model.Inline {
	var out []model.Inline // nil while the list is unchanged
	for i, in := range ins {
		if depth > maxDepth {
			if out != nil {
				out = append(out, in)
			}
			continue
		}
		var repl []model.Inline
		replaced := false
		switch n := in.(type) {
		case *model.Text:
			if n == nil {
				break
			}
			repl, replaced = s.writePiece(*next)
			*next++
		case *model.Element:
			if !literalElement(n) {
				n.Children = s.rebuild(n.Children, next, depth+1)
			}
		case *model.Emphasis, *model.Strong, *model.Strikeout, *model.Subscript, *model.SmallCaps,
			*model.Superscript, *model.Span, *model.Link:
			model.SetInlineChildren(n, s.rebuild(model.InlineChildren(n), next, depth+1))
		case *model.Citation:
			if len(n.Rendered) > 0 {
				n.Rendered = s.rebuild(n.Rendered, next, depth+1)
			}
		}
		if replaced && out == nil {
			out = make([]model.Inline, 0, len(ins)+2)
			out = append(out, ins[:i]...)
		}
		switch {
		case replaced:
			out = append(out, repl...)
		case out != nil:
			out = append(out, in)
		}
	}
	if out == nil {
		return ins
	}
	return out
}

// writePiece sets the text of piece p from its cells. When the piece
// gained superscript letters or became empty it returns the inlines that
// replace its node and true.
func (s *stream) writePiece(p int) ([]model.Inline, bool) {
	if p < 0 || p >= len(s.pieces) {
		return nil, false
	}
	if p < len(s.replay) {
		return s.replay[p].apply(s.pieces[p].text)
	}
	out, replaced := s.computePiece(p)
	if s.record != nil {
		*s.record = append(*s.record, resultOf(s.pieces[p].text, out, replaced))
	}
	return out, replaced
}

// computePiece is writePiece from the cells.
func (s *stream) computePiece(p int) ([]model.Inline, bool) {
	pc := s.pieces[p]
	lo, hi := s.pieceRange(p)
	if s.unchanged(p, lo, hi) {
		return nil, false
	}
	hasSup := false
	buf := s.buf[:0]
	for i := lo; i < hi; i++ {
		c := s.cells[i]
		if int(c.piece) != p {
			continue
		}
		if c.flags&fSup != 0 && !pc.sup || c.flags&fSmallCaps != 0 && !pc.sc {
			hasSup = true
		}
		buf = utf8.AppendRune(buf, c.r)
	}
	s.buf = buf
	if !hasSup {
		if len(buf) == 0 {
			return nil, true // the text became empty: drop the node
		}
		pc.text.Value = string(buf)
		return nil, false
	}
	// Split the piece into runs of text, superscript and small capitals.
	var out []model.Inline
	buf = buf[:0]
	kind := uint8(0)
	for i := lo; i <= hi; i++ {
		if i < hi && int(s.cells[i].piece) != p {
			continue
		}
		k := uint8(0)
		if i < hi {
			k = s.cells[i].flags & (fSup | fSmallCaps)
		}
		if i == hi || k != kind {
			if len(buf) > 0 {
				t := &model.Text{Value: string(buf), Pos: pc.text.Pos}
				switch kind {
				case fSup:
					out = append(out, &model.Superscript{Children: []model.Inline{t}})
				case fSmallCaps:
					out = append(out, &model.SmallCaps{Children: []model.Inline{t}, Pos: pc.text.Pos})
				default:
					out = append(out, t)
				}
			}
			buf = buf[:0]
			if i == hi {
				break
			}
			kind = k
		}
		buf = utf8.AppendRune(buf, s.cells[i].r)
	}
	s.buf = buf
	return out, true
}

// unchanged reports whether the cells of piece p spell its text as it was
// and mark no superscript, so that the node is left alone.
func (s *stream) unchanged(p, lo, hi int) bool {
	pc := s.pieces[p]
	v := pc.text.Value
	k := 0
	for i := lo; i < hi; i++ {
		c := s.cells[i]
		if int(c.piece) != p {
			continue
		}
		if c.flags&fSup != 0 && !pc.sup || c.flags&fSmallCaps != 0 && !pc.sc {
			return false
		}
		r, size := utf8.DecodeRuneInString(v[k:])
		if size == 0 || r != c.r {
			return false
		}
		k += size
	}
	return k == len(v)
}

// computeRanges records, for every piece, the first cell holding it and
// the cell after its last one.
func (s *stream) computeRanges() {
	s.ranges = s.ranges[:0]
	for range s.pieces {
		s.ranges = append(s.ranges, [2]int32{-1, -1})
	}
	for i, c := range s.cells {
		if c.piece < 0 || int(c.piece) >= len(s.ranges) {
			continue
		}
		r := &s.ranges[c.piece]
		if r[0] < 0 {
			r[0] = int32(i)
		}
		r[1] = int32(i + 1)
	}
}

// pieceRange returns the part of the cells that holds piece p.
func (s *stream) pieceRange(p int) (int, int) {
	r := s.ranges[p]
	if r[0] < 0 {
		return 0, 0
	}
	return int(r[0]), int(r[1])
}
