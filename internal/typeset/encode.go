package typeset

import (
	"encoding/binary"
	"errors"
	"math"
	"unicode/utf8"
)

// A set paragraph can be written as bytes and read back (a build cache
// keeps the paragraphs of the last build on disk): the lines, their
// pieces and the broken words, every number as the line breaker made it
// (floats by their bits), each piece's style by the index of its run in
// the paragraph. Read back against the same paragraph, the result is the
// one Set returned, its pieces pointing at a copy of the paragraph's runs
// of its own, as Set's do.

// encodingVersion is the first byte of an encoded result; a result in
// another version is not read.
const encodingVersion = 1

// errEncoded is returned for bytes that are not a result encoded against
// the paragraph given.
var errEncoded = errors.New("typeset: not an encoded result of this paragraph")

// AppendEncoded appends the encoding of r to buf. It reports false when r
// does not come from Set (a piece's style is not one of its runs').
func (r Result) AppendEncoded(buf []byte) ([]byte, bool) {
	// Most paragraphs have a few runs: a map only for many.
	var runOf map[*Style]int
	if len(r.runs) > 8 {
		runOf = make(map[*Style]int, len(r.runs))
		for i := range r.runs {
			runOf[&r.runs[i].Style] = i
		}
	}
	runIndex := func(st *Style) (int, bool) {
		if runOf != nil {
			i, ok := runOf[st]
			return i, ok
		}
		for i := range r.runs {
			if &r.runs[i].Style == st {
				return i, true
			}
		}
		return 0, false
	}
	f64 := func(v float64) { buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v)) }
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	flag := func(b bool) {
		if b {
			buf = append(buf, 1)
		} else {
			buf = append(buf, 0)
		}
	}
	buf = append(buf, encodingVersion)
	buf = binary.AppendUvarint(buf, uint64(len(r.runs)))
	flag(r.Fallback)
	buf = binary.AppendUvarint(buf, uint64(len(r.Broken)))
	for _, w := range r.Broken {
		str(w.Text)
		buf = binary.AppendVarint(buf, int64(w.Offset))
	}
	buf = binary.AppendUvarint(buf, uint64(len(r.Lines)))
	for i := range r.Lines {
		l := &r.Lines[i]
		f64(l.Width)
		f64(l.Ratio)
		f64(l.Height)
		flag(l.Hyphenated)
		buf = binary.AppendVarint(buf, int64(l.Offset))
		buf = binary.AppendUvarint(buf, uint64(len(l.Pieces)))
		for j := range l.Pieces {
			pc := &l.Pieces[j]
			run, ok := runIndex(pc.Style)
			if !ok {
				return buf, false
			}
			f64(pc.X)
			str(pc.Text)
			buf = binary.AppendUvarint(buf, uint64(run))
			buf = binary.AppendVarint(buf, int64(pc.Offset))
			buf = binary.AppendVarint(buf, int64(pc.Space))
			flag(pc.Ligatures)
		}
	}
	return buf, true
}

// DecodeResult reads a result that AppendEncoded wrote for paragraph p
// (or for one with the same runs). It returns an error, never panics,
// on bytes that are not such a result.
func DecodeResult(p Paragraph, data []byte) (Result, error) {
	d := decoder{data: data}
	if d.byte() != encodingVersion {
		return Result{}, errEncoded
	}
	if d.uvarint() != uint64(len(p.Runs)) || d.err {
		return Result{}, errEncoded
	}
	runs := append([]Run(nil), p.Runs...)
	// Offsets are rune offsets in the paragraph's counted text: one past
	// its end is the most a damaged encoding may give.
	counted := 0
	for i := range runs {
		if !runs[i].Uncounted {
			counted += utf8.RuneCountInString(runs[i].Text)
		}
	}
	offset := func() int {
		v := d.varint()
		if v < 0 || v > int64(counted) {
			d.fail()
			return 0
		}
		return int(v)
	}
	res := Result{runs: runs, Fallback: d.flag()}
	if n := d.count(2); n > 0 {
		res.Broken = make([]BrokenWord, n)
		for i := range res.Broken {
			res.Broken[i] = BrokenWord{Text: d.str(), Offset: offset()}
		}
	}
	nLines := d.count(27)
	res.Lines = make([]Line, nLines)
	var pieces []Piece
	for i := range res.Lines {
		l := &res.Lines[i]
		l.Width, l.Ratio, l.Height = d.f64(), d.f64(), d.f64()
		l.Hyphenated = d.flag()
		l.Offset = offset()
		n := d.count(13)
		if d.err {
			break
		}
		if cap(pieces)-len(pieces) < n {
			// One array for the lines' pieces, as Set makes them.
			pieces = make([]Piece, 0, max(n, len(d.data)/20))
		}
		at := len(pieces)
		for range n {
			pc := Piece{X: d.f64(), Text: d.str()}
			run := d.uvarint()
			if run >= uint64(len(runs)) {
				return Result{}, errEncoded
			}
			pc.Style = &runs[run].Style
			pc.Offset = offset()
			pc.Space = rune(d.varint())
			pc.Ligatures = d.flag()
			pieces = append(pieces, pc)
		}
		l.Pieces = pieces[at:len(pieces):len(pieces)]
	}
	if d.err || len(d.data) != 0 {
		return Result{}, errEncoded
	}
	return res, nil
}

// decoder reads the encoding of a result; after a read past the end, or
// of a malformed number, err is set and every read returns zero.
type decoder struct {
	data []byte
	err  bool
}

// fail marks the encoding as damaged: what follows is not read.
func (d *decoder) fail() {
	d.err = true
	d.data = nil
}

func (d *decoder) byte() byte {
	if len(d.data) < 1 {
		d.fail()
		return 0
	}
	b := d.data[0]
	d.data = d.data[1:]
	return b
}

func (d *decoder) flag() bool { return d.byte() == 1 }

func (d *decoder) f64() float64 {
	if len(d.data) < 8 {
		d.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.data))
	d.data = d.data[8:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[n:]
	return v
}

// varint reads what binary.AppendVarint wrote: the zig-zag encoding of
// the number as an unsigned varint.
func (d *decoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a number of elements each at least min bytes long, and
// fails when the bytes left cannot hold them (so that a damaged count
// does not make a huge allocation).
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.data)/min) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.data)) {
		d.fail()
		return ""
	}
	s := string(d.data[:n])
	d.data = d.data[n:]
	return s
}
