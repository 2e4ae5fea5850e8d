package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
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

// TestScaleYCbCrMatchesDraw is TestScaleGrayMatchesDraw for colour: JPEG
// photographs in each chroma subsampling, a sub-image among them, scaled
// by scaleYCbCr and by x/image/draw's CatmullRom into an *image.RGBA,
// must give the same bytes.
func TestScaleYCbCrMatchesDraw(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var srcs []*image.YCbCr
	// A colour photograph through Go's JPEG encoder (4:2:0).
	photo := image.NewRGBA(image.Rect(0, 0, 301, 203))
	for y := 0; y < 203; y++ {
		for x := 0; x < 301; x++ {
			photo.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y * 2), uint8((x * y) % 256), 0xff})
		}
	}
	for i := 0; i < 2000; i++ { // specks: sharp edges, where the kernel rings
		photo.SetRGBA(rng.IntN(301), rng.IntN(203), color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0, 0xff})
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, photo, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	decoded, err := jpeg.Decode(&jb)
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, decoded.(*image.YCbCr))
	// Random samples in every subsampling, and a sub-image.
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410} {
		m := image.NewYCbCr(image.Rect(0, 0, 83, 59), ratio)
		for _, plane := range [][]byte{m.Y, m.Cb, m.Cr} {
			for i := range plane {
				plane[i] = uint8(rng.IntN(256))
			}
		}
		srcs = append(srcs, m)
	}
	srcs = append(srcs, srcs[3].SubImage(image.Rect(5, 3, 70, 50)).(*image.YCbCr))
	for _, src := range srcs {
		b := src.Bounds()
		for _, size := range [][2]int{{1, 1}, {b.Dx() / 2, b.Dy() / 3}, {b.Dx() * 2, b.Dy() + 7}, {b.Dx() - 1, b.Dy() / 2}, {9, b.Dy() * 3}} {
			want := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
			draw.CatmullRom.Scale(want, want.Bounds(), src, b, draw.Src, nil)
			got := scaleYCbCr(src, size[0], size[1])
			if !got.Rect.Eq(want.Rect) || !bytes.Equal(got.Pix, want.Pix) {
				diff := 0
				for i := range want.Pix {
					if i < len(got.Pix) && got.Pix[i] != want.Pix[i] {
						diff++
					}
				}
				t.Errorf("%v %v to %d×%d: %d of %d bytes differ from x/image/draw's", src.SubsampleRatio, b, size[0], size[1], diff, len(want.Pix))
			}
		}
	}
}

// TestScaleToFitEmptySource checks that an image with a side of zero
// pixels goes to x/image/draw, which draws nothing, rather than to
// scaleGray or scaleYCbCr, whose weights would not be defined.
func TestScaleToFitEmptySource(t *testing.T) {
	for _, src := range []image.Image{image.NewGray(image.Rect(0, 0, 0, 3000)), image.NewYCbCr(image.Rect(0, 0, 3000, 0), image.YCbCrSubsampleRatio420)} {
		var pix []uint8
		switch g := scaleToFit(src, 2000, false).(type) {
		case *image.Gray:
			pix = g.Pix
		case *image.RGBA:
			pix = g.Pix
		default:
			t.Fatalf("%T scaled to a %T", src, g)
		}
		for _, p := range pix {
			if p != 0 {
				t.Fatalf("%T %v: drew %d where the library draws nothing", src, src.Bounds(), p)
			}
		}
	}
}
