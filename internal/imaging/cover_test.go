package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

func TestWriteCover(t *testing.T) {
	spec := CoverSpec{Title: "La Libération de Boulogne-sur-Mer et de Calais", Subtitle: "Septembre 1944",
		Authors: []string{"Service éducatif des Archives du Pas-de-Calais"}, Publisher: "Éditions du Détroit"}
	var a, b bytes.Buffer
	if err := WriteCover(&a, spec); err != nil {
		t.Fatal(err)
	}
	if err := WriteCover(&b, spec); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same spec gave different bytes")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(a.Bytes()))
	if err != nil || format != "png" || cfg.Width < 1600 || cfg.Height < 2560 {
		t.Errorf("cover = %s %d×%d (%v), want a PNG of at least 1600×2560", format, cfg.Width, cfg.Height, err)
	}
	// The title is drawn: the cover is not a plain ground.
	img, _, _ := image.Decode(bytes.NewReader(a.Bytes()))
	light := 0
	for y := 400; y < 900; y += 4 {
		for x := 160; x < 1440; x += 4 {
			if r, _, _, _ := img.At(x, y).RGBA(); r > 0xc000 {
				light++
			}
		}
	}
	if light < 500 {
		t.Errorf("only %d light pixels where the title should be", light)
	}
	if err := WriteCover(&a, CoverSpec{Title: "x", Font: []byte("not a font")}); err == nil {
		t.Error("no error for a broken font")
	}
}

// TestCoverMatchesFullColourDrawing draws the cover's type the ordinary
// way, glyph over ground in full colour (image/draw), and compares it
// with WriteCover's palette: every pixel must be within one step of the
// ink's 63 from the full-colour one, so that a line set in the wrong
// place, cut at its bounds or laid in the wrong step fails.
func TestCoverMatchesFullColourDrawing(t *testing.T) {
	spec := CoverSpec{Title: "Jack Sheppard, a Romance of Newgate", Subtitle: "Quelques lignes: « épreuve » ffi — Åjg",
		Authors: []string{"William Harrison Ainsworth", "George Cruikshank"}, Publisher: "Éditions du Détroit"}
	var buf bytes.Buffer
	if err := WriteCover(&buf, spec); err != nil {
		t.Fatal(err)
	}
	got, _, err := image.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	pal, ok := got.(*image.Paletted)
	if !ok || len(pal.Palette) != 2+inkSteps {
		t.Fatalf("cover is a %T, want a palette of %d colours", got, 2+inkSteps)
	}

	// The reference: the same layout, drawn with image/draw in RGBA.
	W, H := 1600, 2560
	ref := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(ref, ref.Bounds(), &image.Uniform{coverGround}, image.Point{}, draw.Src)
	for i := range pal.Pix {
		if pal.Pix[i] == indexRule {
			ref.Pix[4*i], ref.Pix[4*i+1], ref.Pix[4*i+2] = coverRule.R, coverRule.G, coverRule.B
		}
	}
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	block := func(text string, size float64, y int, leading float64) int {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			t.Fatal(err)
		}
		d := &font.Drawer{Dst: ref, Src: &image.Uniform{coverInk}, Face: face}
		width, left := W-2*(W/10), W/10
		y += int(size)
		for _, para := range strings.Split(text, "\n") {
			for _, line := range wrapWords(d, strings.Fields(para), width) {
				wd := d.MeasureString(line).Round()
				d.Dot = fixed.P(left+(width-wd)/2, y)
				d.DrawString(line)
				y += int(size * leading)
			}
		}
		return y - int(size*leading) + int(size*0.4)
	}
	y := block(spec.Title, float64(W)/11, H/5, 1.2)
	y = block(spec.Subtitle, float64(W)/22, y+W/30, 1.3)
	y += W/16 + W/12
	block(strings.Join(spec.Authors, "\n"), float64(W)/22, y, 1.3)
	size := float64(W) / 28
	block(spec.Publisher, size, H-H/10-int(size), 1.3)

	// One step of the ink over the ground, in the widest channel.
	step := 0
	for _, c := range [][2]uint8{{coverGround.R, coverInk.R}, {coverGround.G, coverInk.G}, {coverGround.B, coverInk.B}} {
		step = max(step, (int(c[1])-int(c[0]))/inkSteps+1)
	}
	inked, worst := 0, 0
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			g := color.RGBAModel.Convert(pal.At(x, y)).(color.RGBA)
			r := ref.RGBAAt(x, y)
			if r != coverGround && r != coverRule {
				inked++
			}
			for _, d := range []int{int(g.R) - int(r.R), int(g.G) - int(r.G), int(g.B) - int(r.B)} {
				worst = max(worst, d, -d)
			}
		}
	}
	if inked < 20000 {
		t.Fatalf("the reference drawing inked only %d pixels: it does not draw the cover's type", inked)
	}
	if worst > step {
		t.Errorf("a pixel of the cover differs by %d from the full-colour drawing, more than one step of the ink (%d)", worst, step)
	}
}
