package imaging

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
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
	// FontSum, when not nil, is the SHA-256 of Font as the caller
	// computed it: the cover kept in a cache folder is named after it
	// (coverKey) without hashing the font again.
	FontSum *[32]byte
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

// inkSteps is the number of steps in which the type's coverage of a pixel
// is kept, from its ground to ink: 64 steps cannot be told apart at a
// 1600-pixel width, and the ink's steps over the ground and over the rule,
// with those two, fit a PNG palette (128 colours).
const inkSteps = 63

// Palette indexes of the cover's colours (coverPalette): the ground, the
// rule, then the ink's steps over the ground (inkOverGround+1 …
// inkOverGround+inkSteps), then over the rule (inkOverRule+1 …).
const (
	indexGround   = 0
	indexRule     = 1
	inkOverGround = 1
	inkOverRule   = inkOverGround + inkSteps
)

// coverPalette returns the cover's colours: the ground, the rule, then the
// ink laid over the ground at 1/inkSteps … inkSteps/inkSteps of coverage,
// then over the rule.
func coverPalette() color.Palette {
	pal := color.Palette{coverGround, coverRule}
	mix := func(g, i uint8, step int) uint8 {
		return uint8((int(g)*(inkSteps-step) + int(i)*step + inkSteps/2) / inkSteps)
	}
	for _, base := range []color.RGBA{coverGround, coverRule} {
		for step := 1; step <= inkSteps; step++ {
			pal = append(pal, color.RGBA{mix(base.R, coverInk.R, step), mix(base.G, coverInk.G, step),
				mix(base.B, coverInk.B, step), 0xff})
		}
	}
	return pal
}

// inked returns the palette index of a pixel of index old once the type
// covers a further a/255 of it: the coverage adds up as image/draw's
// Over does (a + old·(1−a)), over the ground or the rule the pixel had.
func inked(old uint8, a uint8) uint8 {
	base, step := uint8(inkOverGround), 0
	switch {
	case old == indexRule:
		base = inkOverRule
	case old > inkOverRule:
		base, step = inkOverRule, int(old-inkOverRule)
	case old > inkOverGround:
		step = int(old - inkOverGround)
	}
	had := (step*255 + inkSteps/2) / inkSteps // in 255ths
	cover := int(a) + had*(255-int(a))/255
	step = (cover*inkSteps + 127) / 255
	if step == 0 {
		return old
	}
	return base + uint8(step)
}

// WriteCover draws a typographic cover (title, subtitle, authors and
// publisher, centred) and writes it as a PNG. The same spec always gives
// the same bytes.
//
// The cover is drawn in a palette of 128 colours (coverPalette), straight
// into the indexes: a 1600×2560 cover is then one byte a pixel, mostly one
// colour, which PNG keeps exactly (type without JPEG's blur at its edges)
// in about a third of the bytes and time of a JPEG at quality 90 of the
// same drawing drawn in full colour.
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
	img := image.NewPaletted(image.Rect(0, 0, spec.Width, spec.Height), coverPalette()) // all ground
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
	fill(img, image.Rect((W-ruleW)/2, y, (W+ruleW)/2, y+max(W/400, 2)), indexRule)
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
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("cover: encode PNG: %w", err)
	}
	return nil
}

// fill sets the pixels of r to the colour at index.
func fill(img *image.Paletted, r image.Rectangle, index uint8) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]
		for i := range row {
			row[i] = index
		}
	}
}

func frame(img *image.Paletted, inset, thick int) {
	b := img.Bounds().Inset(inset)
	fill(img, image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+thick), indexRule)
	fill(img, image.Rect(b.Min.X, b.Max.Y-thick, b.Max.X, b.Max.Y), indexRule)
	fill(img, image.Rect(b.Min.X, b.Min.Y, b.Min.X+thick, b.Max.Y), indexRule)
	fill(img, image.Rect(b.Max.X-thick, b.Min.Y, b.Max.X, b.Max.Y), indexRule)
}

type coverText struct {
	img         *image.Paletted
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
	d := &font.Drawer{Src: image.Opaque, Face: face}
	y += int(size)
	for _, para := range strings.Split(text, "\n") {
		for _, line := range wrapWords(d, strings.Fields(para), c.width) {
			wd := d.MeasureString(line).Round()
			c.line(d, line, fixed.P(c.left+(c.width-wd)/2, y))
			y += int(size * leading)
		}
	}
	return y - int(size*leading) + int(size*0.4)
}

// line draws one line of type from dot: its glyphs' coverage is drawn
// into a mask the size of the line's bounds, then laid on the cover in
// the ink's steps (inked), over what earlier lines and rules left there;
// a pixel the type does not touch keeps its colour.
func (c *coverText) line(d *font.Drawer, text string, dot fixed.Point26_6) {
	d.Dot = dot
	bounds, _ := d.BoundString(text) // drawn from d.Dot
	r := image.Rect(bounds.Min.X.Floor(), bounds.Min.Y.Floor(), bounds.Max.X.Ceil(), bounds.Max.Y.Ceil()).
		Inset(-1).Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	mask := image.NewAlpha(r)
	d.Dst = mask
	d.DrawString(text)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		cover := mask.Pix[mask.PixOffset(r.Min.X, y):mask.PixOffset(r.Max.X, y)]
		dst := c.img.Pix[c.img.PixOffset(r.Min.X, y):c.img.PixOffset(r.Max.X, y)]
		for i, a := range cover {
			if a != 0 {
				dst[i] = inked(dst[i], a)
			}
		}
	}
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
