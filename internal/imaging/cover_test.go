package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
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

// TestCoverMatchesFullColourDrawing draws covers the ordinary way, in
// full colour with image/draw (ground, frame, type glyph over whatever is
// under it, rule), and compares them with WriteCover's palette: every
// pixel must be within one step of the ink from the full-colour one, so
// that a line set in the wrong place, cut at its bounds, laid in the wrong
// step, or over the wrong colour fails. The covers have lines whose accents
// reach into the line above (their coverage adds up) and a word wider than
// the frame (type over the gilt rule), in Go Regular and in EB Garamond.
func TestCoverMatchesFullColourDrawing(t *testing.T) {
	garamond, err := os.ReadFile(filepath.Join("..", "..", "fonts", "EBGaramond12-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	stacked := CoverSpec{Title: "gjpqy ẪỖẤỸ gjpqy ẪỖẤỸ gjpqy ẪỖẤỸ gjpqy ẪỖẤỸ", Subtitle: "Jack Sheppard, a Romance of Newgate",
		Authors: []string{"William Harrison Ainsworth", "George Cruikshank"}, Publisher: "Éditions du Détroit"}
	wide := CoverSpec{Title: "Donaudampfschifffahrtsgesellschaftskapitän", Subtitle: "« épreuve » ffi — Åjg",
		Authors: []string{"Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"}}
	for _, tc := range []struct {
		name string
		spec CoverSpec
		font []byte
	}{
		{"stacked accents, Go Regular", stacked, nil},
		{"stacked accents, EB Garamond", stacked, garamond},
		{"a word wider than the frame, Go Regular", wide, nil},
		{"a word wider than the frame, EB Garamond", wide, garamond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := tc.spec
			spec.Font = tc.font
			var buf bytes.Buffer
			if err := WriteCover(&buf, spec); err != nil {
				t.Fatal(err)
			}
			got, _, err := image.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			pal, ok := got.(*image.Paletted)
			if !ok || len(pal.Palette) != 2+2*inkSteps {
				t.Fatalf("cover is a %T, want a palette of %d colours", got, 2+2*inkSteps)
			}
			ref := fullColourCover(t, spec)
			// One step of the ink over the ground or the rule, in the
			// widest channel, and a little for two lines' coverage added
			// up from steps.
			step := 0
			for _, base := range []color.RGBA{coverGround, coverRule} {
				for _, c := range [][2]uint8{{base.R, coverInk.R}, {base.G, coverInk.G}, {base.B, coverInk.B}} {
					step = max(step, (int(c[1])-int(c[0]))/inkSteps+1)
				}
			}
			overRule, inked, worst, worstAt := 0, 0, 0, image.Point{}
			for y := 0; y < ref.Rect.Dy(); y++ {
				for x := 0; x < ref.Rect.Dx(); x++ {
					g := color.RGBAModel.Convert(pal.At(x, y)).(color.RGBA)
					r := ref.RGBAAt(x, y)
					if r != coverGround && r != coverRule {
						inked++
						if i := pal.ColorIndexAt(x, y); i > inkOverRule {
							overRule++
						}
					}
					for _, d := range []int{int(g.R) - int(r.R), int(g.G) - int(r.G), int(g.B) - int(r.B)} {
						if d = max(d, -d); d > worst {
							worst, worstAt = d, image.Pt(x, y)
						}
					}
				}
			}
			if inked < 20000 {
				t.Fatalf("the reference drawing inked only %d pixels: it does not draw the cover's type", inked)
			}
			if worst > step+1 {
				t.Errorf("pixel %v of the cover differs by %d from the full-colour drawing, more than one step of the ink (%d)", worstAt, worst, step)
			}
			if strings.Contains(tc.name, "wider") && overRule == 0 {
				t.Error("no type was laid over the frame's rule: the case does not test it")
			}
		})
	}
}

// fullColourCover draws what WriteCover draws, in the same order, with
// image/draw in RGBA.
func fullColourCover(t *testing.T, spec CoverSpec) *image.RGBA {
	t.Helper()
	fontData := spec.Font
	if len(fontData) == 0 {
		fontData = goregular.TTF
	}
	f, err := opentype.Parse(fontData)
	if err != nil {
		t.Fatal(err)
	}
	W, H := 1600, 2560
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	paint := func(r image.Rectangle, c color.RGBA) {
		draw.Draw(img, r, &image.Uniform{c}, image.Point{}, draw.Src)
	}
	paint(img.Rect, coverGround)
	for _, fr := range [][2]int{{W / 24, max(W/400, 2)}, {W/24 + W/100, max(W/800, 1)}} {
		b := img.Rect.Inset(fr[0])
		thick := fr[1]
		paint(image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+thick), coverRule)
		paint(image.Rect(b.Min.X, b.Max.Y-thick, b.Max.X, b.Max.Y), coverRule)
		paint(image.Rect(b.Min.X, b.Min.Y, b.Min.X+thick, b.Max.Y), coverRule)
		paint(image.Rect(b.Max.X-thick, b.Min.Y, b.Max.X, b.Max.Y), coverRule)
	}
	block := func(text string, size float64, y int, leading float64) int {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			t.Fatal(err)
		}
		d := &font.Drawer{Dst: img, Src: &image.Uniform{coverInk}, Face: face}
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
	if spec.Subtitle != "" {
		y = block(spec.Subtitle, float64(W)/22, y+W/30, 1.3)
	}
	y += W / 16
	ruleW := W / 5
	paint(image.Rect((W-ruleW)/2, y, (W+ruleW)/2, y+max(W/400, 2)), coverRule)
	y += W / 12
	if len(spec.Authors) > 0 {
		block(strings.Join(spec.Authors, "\n"), float64(W)/22, y, 1.3)
	}
	if spec.Publisher != "" {
		size := float64(W) / 28
		block(spec.Publisher, size, H-H/10-int(size), 1.3)
	}
	return img
}
