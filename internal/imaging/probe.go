// Package imaging inspects, converts and generates the book's images: it
// reads an image's size without decoding it, guards against decompression
// bombs, and prepares copies for the EPUB and the PDF.
package imaging

import (
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // GIF decoder for image.DecodeConfig
	_ "image/jpeg" // JPEG decoder for image.DecodeConfig
	_ "image/png"  // PNG decoder for image.DecodeConfig
	"io"

	_ "golang.org/x/image/tiff" // TIFF decoder for archive scans
	_ "golang.org/x/image/webp" // WebP decoder
)

// DefaultMaxPixels is the largest image (width × height) publish decodes
// unless told otherwise: 200 megapixels, larger than any archive scan
// printed in a book, small enough to refuse a decompression bomb.
const DefaultMaxPixels = 200_000_000

// MaxDecodedBytes is the most memory one image's pixels may take once
// decoded, counted at four bytes a pixel (RGBA), which the conversions
// for print and EPUB may need whatever the file's own depth: 128 MiB, an
// image of 33 megapixels (5 792 × 5 792), a full page of 28 × 28 cm at
// 526 ppi. The build holds an image in several copies (decoded,
// converted, scaled for the EPUB), about 34 bytes a pixel in all: an
// 8 000 × 8 000 PNG took 2.2 GB and a 14 000 × 14 000 one, under the
// pixel limit, 5.9 GB and 70 s. Such images are now refused before
// decoding, with the size to reduce them to.
const MaxDecodedBytes = 128 << 20

// Info is what a quick look at an image file tells.
type Info struct {
	Width, Height int
	Format        string // "jpeg", "png", "gif", "tiff" or "webp"
	ColorModel    string // "gray", "rgb", "cmyk", "paletted" or "other"
}

// Probe reads an image's header and returns its size and format without
// decoding its pixels. It refuses images larger than maxPixels.
func Probe(r io.Reader, maxPixels int) (info Info, err error) {
	defer func() {
		// A decoder that panics on a hostile header must not stop the build.
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable image: decoder failed (%v)", p)
		}
	}()
	cfg, format, err := image.DecodeConfig(r)
	if err != nil {
		if err == image.ErrFormat {
			return Info{}, fmt.Errorf("not an image publish can read (JPEG, PNG, TIFF, GIF or WebP)")
		}
		return Info{}, fmt.Errorf("unreadable image: %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("image has no pixels (%d×%d)", cfg.Width, cfg.Height)
	}
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return Info{}, fmt.Errorf("image is %d×%d pixels, more than the limit of %d pixels (a decompression bomb, or a scan to reduce first)", cfg.Width, cfg.Height, maxPixels)
	}
	if b := int64(cfg.Width) * int64(cfg.Height) * 4; b > MaxDecodedBytes {
		return Info{}, fmt.Errorf("image is %d×%d pixels: decoded, it would take %d MiB, more than the limit of %d MiB (reduce it first: 33 megapixels at most, 5792×5792 or as many)",
			cfg.Width, cfg.Height, b>>20, MaxDecodedBytes>>20)
	}
	return Info{Width: cfg.Width, Height: cfg.Height, Format: format, ColorModel: colorModelName(cfg.ColorModel)}, nil
}

func colorModelName(m color.Model) string {
	switch m {
	case color.GrayModel, color.Gray16Model:
		return "gray"
	case color.RGBAModel, color.RGBA64Model, color.NRGBAModel, color.NRGBA64Model, color.YCbCrModel:
		return "rgb"
	case color.CMYKModel:
		return "cmyk"
	}
	if _, ok := m.(color.Palette); ok {
		return "paletted"
	}
	return "other"
}
