package imaging

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// PlaceholderSpec describes a placeholder image that stands in for a scan
// the book does not have yet.
type PlaceholderSpec struct {
	Width, Height int
	// Lines are printed in the middle of the image (for example the
	// caption and the archive that holds the original).
	Lines []string
	// Font is a TrueType or OpenType font used for the lines.
	Font []byte
}

// WritePlaceholder draws a grey placeholder, plainly marked as such, with
// a frame, crossing diagonals and the given lines, and writes it as a
// grayscale JPEG. The same spec always gives the same bytes.
func WritePlaceholder(w io.Writer, spec PlaceholderSpec) error {
	if spec.Width < 16 || spec.Height < 16 {
		return fmt.Errorf("placeholder: size %d×%d is too small", spec.Width, spec.Height)
	}
	img := image.NewGray(image.Rect(0, 0, spec.Width, spec.Height))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.Gray{Y: 0xd8}}, image.Point{}, draw.Src)
	ink := color.Gray{Y: 0x70}
	border := max(spec.Width/150, 3)
	for y := 0; y < spec.Height; y++ {
		for x := 0; x < spec.Width; x++ {
			if x < border || y < border || x >= spec.Width-border || y >= spec.Height-border {
				img.SetGray(x, y, ink)
			}
		}
	}
	// The two diagonals, a few pixels thick.
	steps := max(spec.Width, spec.Height) * 2
	for i := 0; i <= steps; i++ {
		x := i * (spec.Width - 1) / steps
		y := i * (spec.Height - 1) / steps
		for d := -border / 2; d <= border/2; d++ {
			setGray(img, x+d, y, color.Gray{Y: 0xb0})
			setGray(img, spec.Width-1-x+d, y, color.Gray{Y: 0xb0})
		}
	}
	if len(spec.Font) > 0 && len(spec.Lines) > 0 {
		if err := drawLines(img, spec); err != nil {
			return err
		}
	}
	if err := jpeg.Encode(w, img, &jpeg.Options{Quality: 85}); err != nil {
		return fmt.Errorf("placeholder: encode JPEG: %w", err)
	}
	return nil
}

func setGray(img *image.Gray, x, y int, c color.Gray) {
	if image.Pt(x, y).In(img.Rect) {
		img.SetGray(x, y, c)
	}
}

func drawLines(img *image.Gray, spec PlaceholderSpec) error {
	f, err := opentype.Parse(spec.Font)
	if err != nil {
		return fmt.Errorf("placeholder: font: %w", err)
	}
	size := float64(spec.Width) / 28
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return fmt.Errorf("placeholder: font face: %w", err)
	}
	defer face.Close()
	lineHeight := int(size * 1.5)
	total := lineHeight * len(spec.Lines)
	y := (spec.Height-total)/2 + int(size)
	// A pale band behind the text keeps it readable over the diagonals.
	band := image.Rect(spec.Width/12, y-int(size*1.3), spec.Width-spec.Width/12, y+total-int(size*0.6))
	draw.Draw(img, band, &image.Uniform{color.Gray{Y: 0xee}}, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: &image.Uniform{color.Gray{Y: 0x20}}, Face: face}
	for _, line := range spec.Lines {
		line = strings.TrimSpace(line)
		wdt := d.MeasureString(line).Round()
		d.Dot = fixed.P((spec.Width-wdt)/2, y)
		d.DrawString(line)
		y += lineHeight
	}
	return nil
}
