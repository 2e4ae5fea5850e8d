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
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// CoverSpec describes a typographic cover: the words on it and the font
// they are set in.
type CoverSpec struct {
	Title     string
	Subtitle  string
	Authors   []string
	Publisher string
	// Font is a TrueType or OpenType font; when empty, the Go Regular font
	// of golang.org/x/image is used.
	Font []byte
	// Width and Height default to 1600×2560, the size stores ask for.
	Width, Height int
}

// Cover colours: dark ink-blue ground, warm paper-coloured type, a gilt
// rule.
var (
	coverGround = color.RGBA{0x1d, 0x2b, 0x3a, 0xff}
	coverInk    = color.RGBA{0xf4, 0xee, 0xe2, 0xff}
	coverRule   = color.RGBA{0xc8, 0xa2, 0x5a, 0xff}
)

// WriteCover draws a typographic cover (title, subtitle, authors and
// publisher, centred) and writes it as a JPEG. The same spec always gives
// the same bytes.
func WriteCover(w io.Writer, spec CoverSpec) error {
	if spec.Width == 0 {
		spec.Width = 1600
	}
	if spec.Height == 0 {
		spec.Height = 2560
	}
	if spec.Width < 200 || spec.Height < 200 {
		return fmt.Errorf("cover: size %d×%d is too small", spec.Width, spec.Height)
	}
	fontData := spec.Font
	if len(fontData) == 0 {
		fontData = goregular.TTF
	}
	f, err := opentype.Parse(fontData)
	if err != nil {
		return fmt.Errorf("cover: font: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, spec.Width, spec.Height))
	draw.Draw(img, img.Bounds(), &image.Uniform{coverGround}, image.Point{}, draw.Src)
	W, H := spec.Width, spec.Height
	margin := W / 10
	// A frame of two thin gilt rules.
	frame(img, W/24, max(W/400, 2))
	frame(img, W/24+W/100, max(W/800, 1))

	c := &coverText{img: img, font: f, width: W - 2*margin, left: margin}
	y := H / 5
	y = c.block(spec.Title, float64(W)/11, y, 1.2)
	if spec.Subtitle != "" {
		y += W / 30
		y = c.block(spec.Subtitle, float64(W)/22, y, 1.3)
	}
	// A short rule between the titles and the authors.
	y += W / 16
	ruleW := W / 5
	fill(img, image.Rect((W-ruleW)/2, y, (W+ruleW)/2, y+max(W/400, 2)), coverRule)
	y += W / 12
	if len(spec.Authors) > 0 {
		c.block(strings.Join(spec.Authors, "\n"), float64(W)/22, y, 1.3)
	}
	if spec.Publisher != "" {
		size := float64(W) / 28
		c.block(spec.Publisher, size, H-H/10-int(size), 1.3)
	}
	if c.err != nil {
		return c.err
	}
	if err := jpeg.Encode(w, img, &jpeg.Options{Quality: 90}); err != nil {
		return fmt.Errorf("cover: encode JPEG: %w", err)
	}
	return nil
}

func fill(img *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, &image.Uniform{c}, image.Point{}, draw.Src)
}

func frame(img *image.RGBA, inset, thick int) {
	b := img.Bounds().Inset(inset)
	fill(img, image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+thick), coverRule)
	fill(img, image.Rect(b.Min.X, b.Max.Y-thick, b.Max.X, b.Max.Y), coverRule)
	fill(img, image.Rect(b.Min.X, b.Min.Y, b.Min.X+thick, b.Max.Y), coverRule)
	fill(img, image.Rect(b.Max.X-thick, b.Min.Y, b.Max.X, b.Max.Y), coverRule)
}

type coverText struct {
	img         *image.RGBA
	font        *opentype.Font
	width, left int
	err         error
}

// block sets text centred at the given size from baseline y, breaking it
// into lines that fit the width (explicit newlines start new lines), and
// returns the baseline below the last line.
func (c *coverText) block(text string, size float64, y int, leading float64) int {
	if c.err != nil {
		return y
	}
	face, err := opentype.NewFace(c.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		c.err = fmt.Errorf("cover: font face: %w", err)
		return y
	}
	defer face.Close()
	d := &font.Drawer{Dst: c.img, Src: &image.Uniform{coverInk}, Face: face}
	y += int(size)
	for _, para := range strings.Split(text, "\n") {
		for _, line := range wrapWords(d, strings.Fields(para), c.width) {
			wd := d.MeasureString(line).Round()
			d.Dot = fixed.P(c.left+(c.width-wd)/2, y)
			d.DrawString(line)
			y += int(size * leading)
		}
	}
	return y - int(size*leading) + int(size*0.4)
}

// wrapWords fills lines greedily; a word wider than the line stands alone.
func wrapWords(d *font.Drawer, words []string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && d.MeasureString(try).Round() > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
