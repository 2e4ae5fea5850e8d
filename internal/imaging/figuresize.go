package imaging

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// DefaultScreenPPI is the resolution a screenshot prints at unless the
// layout says otherwise: a 12-pixel menu font prints at about 6 pt.
const DefaultScreenPPI = 150

// printDensity is the pixel density, in pixels per inch, from which an
// image's own metadata says it was made for print (a scan) rather than
// for a screen.
const printDensity = 200

// ScreenLike reports whether an image is a screenshot or screen line art
// rather than a photograph or a scan: a PNG or GIF whose pixel density,
// when it records one, is under printDensity (72, 96 or 144 ppi say
// "screen"; a 300 or 600 ppi PNG is a scan of line art). JPEG and other
// photographic formats are never screen-like: cameras record 72 ppi in
// every photograph.
func ScreenLike(format string, data []byte) bool {
	switch format {
	case "png":
		if ppi, ok := PNGDensity(data); ok && ppi >= printDensity {
			return false
		}
		return true
	case "gif":
		return true
	}
	return false
}

// PNGDensity returns the pixel density a PNG records in its pHYs chunk,
// in pixels per inch, and whether it records one in metres (a pHYs
// without a unit only gives the pixels' aspect ratio).
func PNGDensity(data []byte) (float64, bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(data, []byte(sig)) {
		return 0, false
	}
	for i := len(sig); i+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if n < 0 || i+12+n > len(data) {
			return 0, false
		}
		switch typ {
		case "pHYs":
			if n < 9 || data[i+8+8] != 1 {
				return 0, false
			}
			perMetre := binary.BigEndian.Uint32(data[i+8:])
			if perMetre == 0 {
				return 0, false
			}
			return float64(perMetre) * 0.0254, true
		case "IDAT", "IEND":
			return 0, false
		}
		i += 12 + n
	}
	return 0, false
}

// SizeRule is what decides a figure's printed width.
type SizeRule struct {
	Measure   float64 // the text block's width, in points
	MinPPI    float64 // the resolution under which a photograph is warned
	ScreenPPI float64 // the resolution a screenshot prints at
	Upscale   bool    // a photograph may print larger than its MinPPI size
}

// PrintSize is a figure's printed width and what the rule has to say
// about it.
type PrintSize struct {
	Width float64 // points
	PPI   float64 // the resolution it prints at
	// Low is set when the figure prints under the resolution its kind
	// asks for (MinPPI for a photograph, two thirds of ScreenPPI for a
	// screenshot, whose pixels then show); Raised when a screenshot
	// prints wider than its width= asked, so that its text stays
	// legible; Small when a screenshot, even across the measure, prints
	// its text at less than three quarters of its screen size (a
	// suggestion only: the image may be a drawing, whose lines do not
	// suffer from it). Raised and Small may both be set: a width= was
	// overridden, and even the whole measure is too narrow.
	Low, Raised, Small bool
	// Advice says what to do about it, for the warning and the preflight
	// report ("" when all is well).
	Advice string
}

// FigureWidth applies the one rule for a figure's size in print, with
// the EPUB's counterpart in its style sheet: width=NN% asks for a share
// of the measure; without it a figure is as wide as its pixels allow,
// never wider than the measure.
//
//   - A photograph or scan prints at MinPPI (the measure at most), or at
//     the measure when Upscale is set, or at the width asked for; under
//     MinPPI it prints with a warning.
//   - A screenshot or screen line art (see ScreenLike) prints at
//     ScreenPPI (the measure at most), so that its text keeps about the
//     size it had on screen: a 247-pixel dialog prints 42 mm wide, not
//     21. A width= that would print it above 4/3 of ScreenPPI (its text
//     then too small to read) is widened to that, with a note; one that
//     prints it under 2/3 of ScreenPPI (its pixels show) is warned, and
//     so is one too wide for the measure to print it under 4/3 of
//     ScreenPPI (it should be cropped).
//
// px is the image's width in pixels; frac the figure's width= as a
// fraction of the measure, 0 when not given.
func FigureWidth(px int, screen bool, frac float64, r SizeRule) PrintSize {
	if px <= 0 || r.Measure <= 0 {
		return PrintSize{Width: r.Measure}
	}
	if r.MinPPI <= 0 {
		r.MinPPI = 300
	}
	if r.ScreenPPI <= 0 {
		r.ScreenPPI = DefaultScreenPPI
	}
	at := func(ppi float64) float64 { return float64(px) / ppi * 72 }
	ppiOf := func(w float64) float64 { return float64(px) / (w / 72) }
	asked := frac * r.Measure
	var s PrintSize
	if !screen {
		switch {
		case frac > 0:
			s.Width = asked
		case r.Upscale:
			s.Width = r.Measure
		default:
			s.Width = min(at(r.MinPPI), r.Measure)
		}
		s.PPI = ppiOf(s.Width)
		if s.PPI < r.MinPPI-0.5 {
			s.Low = true
			s.Advice = fmt.Sprintf("prints %s mm wide at %.0f ppi, under min-ppi %.0f: give a scan of at least %d pixels across, or %s",
				mmText(s.Width), s.PPI, r.MinPPI, int(math.Ceil(s.Width/72*r.MinPPI)), smallerWidth(at(r.MinPPI), r.Measure))
		}
		return s
	}
	most := r.ScreenPPI * 4 / 3  // above it, the screen's text is too small
	least := r.ScreenPPI * 2 / 3 // under it, the screen's pixels show
	if frac > 0 {
		s.Width = asked
		if ppiOf(asked) > most && asked < r.Measure {
			s.Width = min(at(most), r.Measure)
			s.Raised = true
			s.Advice = fmt.Sprintf("is a screenshot: width=%.0f%% would print it at %.0f ppi, its text at %.0f%% of its size at %.0f ppi; printed %s mm wide (%.0f%% of the measure, %.0f ppi) instead",
				frac*100, ppiOf(asked), r.ScreenPPI/ppiOf(asked)*100, r.ScreenPPI, mmText(s.Width), s.Width/r.Measure*100, ppiOf(s.Width))
		}
	} else {
		s.Width = min(at(r.ScreenPPI), r.Measure)
	}
	s.PPI = ppiOf(s.Width)
	if s.PPI > most+0.5 && s.Width >= r.Measure-0.01 {
		s.Small = true
		small := fmt.Sprintf("is %d pixels wide: across the whole measure it prints at %.0f ppi; if it is a screenshot, its text prints at %.0f%% of its size at %.0f ppi: crop it to the part the text is about (%d pixels across fit the measure)",
			px, s.PPI, r.ScreenPPI/s.PPI*100, r.ScreenPPI, int(r.Measure/72*r.ScreenPPI))
		if s.Raised {
			// The width= the author asked for was not kept: say so.
			small = s.Advice + "; it " + small
		}
		s.Advice = small
	}
	if s.PPI < least-0.5 {
		s.Low = true
		s.Advice = fmt.Sprintf("is a screenshot printed %s mm wide at %.0f ppi, under %.0f ppi: its pixels show; give a larger capture (%d pixels across) or %s",
			mmText(s.Width), s.PPI, least, int(math.Ceil(s.Width/72*r.ScreenPPI)), smallerWidth(at(r.ScreenPPI), r.Measure))
	}
	return s
}

// smallerWidth advises the width= at which an image prints well.
func smallerWidth(good, measure float64) string {
	pct := math.Floor(good / measure * 100)
	if pct < 1 {
		return "a larger image: at any width it is too small"
	}
	return fmt.Sprintf("a smaller width (width=%.0f%% prints it well)", pct)
}

// mmText formats points as millimetres.
func mmText(pt float64) string { return fmt.Sprintf("%.0f", pt/72*25.4) }
