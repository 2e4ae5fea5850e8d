package imaging

import (
	"bytes"
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/draw"
)

// TestScaleGrayMatchesDraw scales gray images with scaleGray and with
// x/image/draw's CatmullRom into an *image.Gray, and requires the same
// bytes: the sample book's archive photographs to the EPUB's size, and
// random and smooth images (a sub-image among them) shrunk and enlarged
// by many ratios, to one pixel, and in one direction only.
func TestScaleGrayMatchesDraw(t *testing.T) {
	var srcs []*image.Gray
	photos, _ := filepath.Glob(filepath.Join("..", "..", "images", "*.jpg"))
	if len(photos) == 0 {
		t.Fatal("no sample photographs in images/")
	}
	for _, p := range photos {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		g, ok := img.(*image.Gray)
		if !ok {
			t.Fatalf("%s decodes to %T, want *image.Gray", p, img)
		}
		srcs = append(srcs, g)
	}
	rng := rand.New(rand.NewPCG(7, 9))
	noise := image.NewGray(image.Rect(0, 0, 97, 61))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(rng.IntN(256))
	}
	smooth := image.NewGray(image.Rect(0, 0, 120, 80))
	for y := 0; y < 80; y++ {
		for x := 0; x < 120; x++ {
			smooth.Pix[y*smooth.Stride+x] = uint8((x*2 + y*3) % 256)
		}
	}
	sub := noise.SubImage(image.Rect(13, 7, 80, 50)).(*image.Gray)
	small := []*image.Gray{noise, smooth, sub}

	check := func(name string, src *image.Gray, w, h int) {
		t.Helper()
		want := image.NewGray(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(want, want.Bounds(), src, src.Bounds(), draw.Src, nil)
		got := scaleGray(src, w, h)
		if !got.Rect.Eq(want.Rect) || !bytes.Equal(got.Pix, want.Pix) {
			diff := 0
			for i := range want.Pix {
				if i < len(got.Pix) && got.Pix[i] != want.Pix[i] {
					diff++
				}
			}
			t.Errorf("%s to %d×%d: %d of %d pixels differ from x/image/draw's", name, w, h, diff, len(want.Pix))
		}
	}
	for i, src := range srcs {
		b := src.Bounds()
		long := max(b.Dx(), b.Dy())
		edge := DefaultEPUBMaxEdge
		check(filepath.Base(photos[i]), src, max(1, (b.Dx()*edge+long/2)/long), max(1, (b.Dy()*edge+long/2)/long))
		check(filepath.Base(photos[i]), src, b.Dx()/3, b.Dy()/7)
	}
	for _, src := range small {
		b := src.Bounds()
		for _, size := range [][2]int{{1, 1}, {b.Dx(), b.Dy() / 2}, {b.Dx() / 2, b.Dy()}, {b.Dx() * 3, b.Dy() * 2},
			{b.Dx()*2 + 1, b.Dy() - 1}, {7, 5}, {b.Dx() - 1, b.Dy() + 1}, {1, b.Dy() * 2}} {
			check("small", src, size[0], size[1])
		}
	}
}
