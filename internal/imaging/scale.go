package imaging

import (
	"image"
	"math"

	"golang.org/x/image/draw"
)

// scaleGray returns src scaled to w×h with draw.CatmullRom, pixel for
// pixel what draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(),
// draw.Src, nil) gives into a new *image.Gray (TestScaleGrayMatchesDraw),
// in about a fifth of its time and memory: x/image/draw has no path for a
// gray destination and works through RGBA64 colours, four channels of
// float64 a pixel and a call per pixel, which took some 160 ms for each
// 2400×1600 archive photograph of the sample book.
//
// The arithmetic is the library's, in its order: the same kernel weights
// over the same source pixels (taps), a horizontal pass into float64 rows
// scaled to [0, 1], a vertical pass, the same rounding to 16 bits and the
// same conversion to 8-bit gray. Only the vertical pass runs row by row
// instead of column by column, which changes no value.
func scaleGray(src *image.Gray, w, h int) *image.Gray {
	sb := src.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	across := kernelTaps(draw.CatmullRom, w, sw)
	down := kernelTaps(draw.CatmullRom, h, sh)

	// Horizontal pass: each source row, w samples, as x/image/draw keeps
	// them (16-bit values times the weights, over 0xffff).
	var level [256]float64 // a gray level as the library widens it
	for i := range level {
		level[i] = float64(uint32(i) * 0x101)
	}
	rows := make([]float64, sh*w)
	for y := 0; y < sh; y++ {
		off := (sb.Min.Y+y-src.Rect.Min.Y)*src.Stride + (sb.Min.X - src.Rect.Min.X)
		line := src.Pix[off : off+sw]
		out := rows[y*w : (y+1)*w]
		for x, t := range across.dst {
			var v float64
			for _, c := range across.taps[t.from:t.to] {
				v += float64(level[line[c.at]] * c.weight)
			}
			out[x] = v * t.inverseFFFF
		}
	}

	// Vertical pass. The library also keeps the gray at or below the sum
	// of the weights (a gray pixel's alpha, 1, weighed); that sum times its
	// inverse rounds to 0xffff, where unitTo16 stops anyway, so it is left
	// out.
	dst := image.NewGray(image.Rect(0, 0, w, h))
	sumRows(rows, w, down, func(y int, sums []float64, inverse float64) {
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		for x, v := range sums {
			g16 := uint32(unitTo16(v * inverse))
			out[x] = uint8((19595*g16 + 38470*g16 + 7471*g16 + 1<<15) >> 24)
		}
	})
	return dst
}

// sumRows is the vertical pass of scaleGray and scaleYCbCr: for each
// destination row y, the weighed sum of the horizontal pass's rows (each
// rowLen samples long) that make it, in the library's order, handed to
// emit with the inverse of the weights' sum. sums is reused from row to
// row.
func sumRows(rows []float64, rowLen int, down tapSet, emit func(y int, sums []float64, inverse float64)) {
	sums := make([]float64, rowLen)
	for y, t := range down.dst {
		clear(sums)
		for _, c := range down.taps[t.from:t.to] {
			row := rows[c.at*rowLen : (c.at+1)*rowLen]
			for i, v := range row {
				sums[i] += float64(v * c.weight)
			}
		}
		emit(y, sums, t.inverse)
	}
}

// unitTo16 rounds a value in [0, 1] to 16 bits as x/image/draw does.
func unitTo16(f float64) uint16 {
	i := int32(float64(0xffff*f) + 0.5)
	switch {
	case i > 0xffff:
		return 0xffff
	case i > 0:
		return uint16(i)
	}
	return 0
}

// tapSet lists, for each destination column (or row), the source pixels
// it is made of and their weights.
type tapSet struct {
	dst  []tapRange
	taps []tap
}

// tapRange is one destination pixel's taps, taps[from:to], and the
// inverse of their weights' sum (and that over 0xffff).
type tapRange struct {
	from, to             int
	inverse, inverseFFFF float64
}

// tap is a source pixel's weight in a destination pixel.
type tap struct {
	at     int
	weight float64
}

// kernelTaps places n destination pixels over m source pixels with
// kernel q as x/image/draw does: each destination pixel's centre maps to
// a source position; the kernel, widened by the ratio when shrinking so
// that every source pixel counts, weighs the source pixels around it
// (those past the edges are left out), and the weights are normalised.
func kernelTaps(q *draw.Kernel, n, m int) tapSet {
	ratio := float64(m) / float64(n)
	reach, argScale := q.Support, 1.0
	if ratio > 1 {
		reach *= ratio
		argScale = 1 / ratio
	}
	ts := tapSet{dst: make([]tapRange, n)}
	for x := range ts.dst {
		centre := float64((float64(x)+0.5)*ratio) - 0.5
		lo := max(int(math.Floor(centre-reach)), 0)
		hi := int(math.Ceil(centre + reach))
		if hi > m {
			hi = max(m, lo)
		}
		from := len(ts.taps)
		sum := 0.0
		for at := lo; at < hi; at++ {
			d := math.Abs((centre - float64(at)) * argScale)
			if d >= q.Support {
				continue
			}
			weight := q.At(d)
			if weight == 0 {
				continue
			}
			sum += weight
			ts.taps = append(ts.taps, tap{at, weight})
		}
		inv := 1 / sum
		ts.dst[x] = tapRange{from: from, to: len(ts.taps), inverse: inv, inverseFFFF: inv / 0xffff}
	}
	return ts
}

// scaleYCbCr returns src (a JPEG's colours) scaled to w×h with
// draw.CatmullRom into a new *image.RGBA, pixel for pixel what
// draw.CatmullRom.Scale gives (TestScaleYCbCrMatchesDraw), in less time
// and memory: the library turns a source pixel into RGB once for each
// destination pixel that weighs it (about five times when shrinking a
// photograph to the EPUB's size) and keeps four float64 channels a
// sample; here each source pixel is turned into RGB once
// (color.YCbCr.RGBA, the conversion the library inlines), and three
// channels are kept. The sums, their order and the rounding are the
// library's, as in scaleGray.
func scaleYCbCr(src *image.YCbCr, w, h int) *image.RGBA {
	sb := src.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	across := kernelTaps(draw.CatmullRom, w, sw)
	down := kernelTaps(draw.CatmullRom, h, sh)

	// Horizontal pass: each source row in 16-bit RGB, then w samples of
	// each channel, over 0xffff.
	rows := make([]float64, sh*w*3)
	rgb := make([]float64, sw*3)
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			r, g, b, _ := src.YCbCrAt(sb.Min.X+x, sb.Min.Y+y).RGBA()
			rgb[3*x], rgb[3*x+1], rgb[3*x+2] = float64(r), float64(g), float64(b)
		}
		out := rows[y*w*3 : (y+1)*w*3]
		for x, t := range across.dst {
			var r, g, b float64
			for _, c := range across.taps[t.from:t.to] {
				p := rgb[3*c.at : 3*c.at+3]
				r += float64(p[0] * c.weight)
				g += float64(p[1] * c.weight)
				b += float64(p[2] * c.weight)
			}
			out[3*x], out[3*x+1], out[3*x+2] = r*t.inverseFFFF, g*t.inverseFFFF, b*t.inverseFFFF
		}
	}

	// Vertical pass; the alpha, 1 weighed and normalised, rounds to 0xff,
	// and caps the channels no lower than unitTo16 does (see scaleGray).
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sumRows(rows, 3*w, down, func(y int, sums []float64, inverse float64) {
		out := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
		for x := 0; x < w; x++ {
			out[4*x] = uint8(unitTo16(sums[3*x]*inverse) >> 8)
			out[4*x+1] = uint8(unitTo16(sums[3*x+1]*inverse) >> 8)
			out[4*x+2] = uint8(unitTo16(sums[3*x+2]*inverse) >> 8)
			out[4*x+3] = 0xff
		}
	})
	return dst
}
