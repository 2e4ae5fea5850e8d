package pdf

import (
	"math"
	"strconv"
)

// appendFixed2 appends v with two decimals: the bytes of
// strconv.AppendFloat(b, v, 'f', 2, 64), which fpdf's "%.2f" writes, at a
// fraction of its cost (formatting the drawer's coordinates took a
// twentieth of a rebuild). v×100 is rounded to the nearest integer; where
// it lies too near a half for the product's rounding error to be ruled
// out (an exact half among them, which strconv rounds to even), and for
// values out of the range of ordinary coordinates, strconv does it.
func appendFixed2(b []byte, v float64) []byte {
	if !(math.Abs(v) < 1e9) {
		return strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	h := math.Abs(v) * 100
	n := math.Floor(h)
	if frac := h - n; math.Abs(frac-0.5) < 1e-6 {
		return strconv.AppendFloat(b, v, 'f', 2, 64)
	} else if frac > 0.5 {
		n++
	}
	if math.Signbit(v) {
		b = append(b, '-')
	}
	i := int64(n)
	b = strconv.AppendInt(b, i/100, 10)
	return append(b, '.', byte('0'+i%100/10), byte('0'+i%10))
}

// fixed2Hundredths returns the number appendFixed2 writes for v, in hundredths
// (hundredthsOf of its bytes), without writing it: the drawer needs a
// piece's place on every piece, and writes it on the first of a line
// only.
func fixed2Hundredths(v float64) int64 {
	h := math.Abs(v) * 100
	n := math.Floor(h)
	frac := h - n
	if !(math.Abs(v) < 1e9) || math.Abs(frac-0.5) < 1e-6 {
		// Beyond the quick path, or a half whose rounding appendFixed2
		// leaves to strconv.
		var buf [64]byte
		return hundredthsOf(appendFixed2(buf[:0], v))
	}
	if frac > 0.5 {
		n++
	}
	if math.Signbit(v) {
		return -int64(n)
	}
	return int64(n)
}
