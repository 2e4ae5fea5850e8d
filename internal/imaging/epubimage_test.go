package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/tiff"
)

func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x*3 + y*5) % 256), 0xff})
		}
	}
	return img
}

// noisyPhoto is photo with the grain of a real photograph (a fixed
// pseudo-random noise), which PNG cannot compress as it does a smooth
// gradient.
func noisyPhoto(w, h int) *image.RGBA {
	img := photo(w, h)
	seed := uint32(1)
	for i := range img.Pix {
		if i%4 == 3 {
			continue
		}
		seed = seed*1664525 + 1013904223
		img.Pix[i] = uint8(min(255, max(0, int(img.Pix[i])+int(seed>>28)-8)))
	}
	return img
}

// screenshot is a screen capture's kind of image: a flat background with
// antialiased text, hundreds of gray levels at the letters' edges.
func screenshot(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0xf0, 0xf0, 0xf0, 0xff}
			if y%20 >= 6 && y%20 < 16 && x%9 < 6 {
				// a letter: dark stem, edges in many grays
				v := uint8((x*37 + y*91) % 200)
				c = color.RGBA{v, v, uint8(v / 2), 0xff}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func lineArt(w, h int) *image.Paletted {
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White, color.Black})
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if x%50 < 3 || y%50 < 3 {
				img.SetColorIndex(x, y, 1)
			}
		}
	}
	return img
}

func encode(t *testing.T, format string, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	case "png":
		err = png.Encode(&b, img)
	case "gif":
		err = gif.Encode(&b, img, nil)
	case "tiff":
		err = tiff.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPrepareEPUBImage(t *testing.T) {
	cases := []struct {
		name          string
		format        string
		img           image.Image
		maxEdge       int
		wantFormat    string
		wantW, wantH  int
		wantUnchanged bool
	}{
		{"large photograph JPEG is scaled", "jpeg", photo(3000, 2000), 0, "jpeg", 2000, 1333, false},
		{"small JPEG is shipped as is", "jpeg", photo(800, 600), 0, "jpeg", 800, 600, true},
		{"portrait scaled by its height", "jpeg", photo(1000, 2500), 0, "jpeg", 800, 2000, false},
		{"configurable edge", "jpeg", photo(1200, 900), 600, "jpeg", 600, 450, false},
		{"line-art PNG stays PNG", "png", lineArt(3000, 1000), 0, "png", 2000, 667, false},
		{"small paletted PNG shipped as is", "png", lineArt(400, 300), 0, "png", 400, 300, true},
		{"photograph PNG becomes JPEG", "png", noisyPhoto(1000, 800), 0, "jpeg", 1000, 800, false},
		{"smooth PNG smaller than its JPEG stays as is", "png", photo(1000, 800), 0, "png", 1000, 800, true},
		{"screenshot PNG stays as is", "png", screenshot(815, 500), 0, "png", 815, 500, true},
		{"large screenshot PNG is scaled as PNG", "png", screenshot(2400, 600), 0, "png", 2000, 500, false},
		{"TIFF scan becomes JPEG", "tiff", photo(2400, 1600), 0, "jpeg", 2000, 1333, false},
		{"line-art TIFF becomes PNG", "tiff", lineArt(500, 500), 0, "png", 500, 500, false},
		{"GIF is converted to PNG", "gif", lineArt(300, 200), 0, "png", 300, 200, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := encode(t, c.format, c.img)
			im, err := PrepareEPUBImageData(data, EPUBImageOptions{MaxEdge: c.maxEdge})
			if err != nil {
				t.Fatal(err)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(im.Data))
			if err != nil {
				t.Fatalf("result does not decode: %v", err)
			}
			if format != c.wantFormat || im.Format != c.wantFormat {
				t.Errorf("format = %s (says %s), want %s", format, im.Format, c.wantFormat)
			}
			if cfg.Width != c.wantW || cfg.Height != c.wantH || im.Width != c.wantW || im.Height != c.wantH {
				t.Errorf("size = %d×%d (says %d×%d), want %d×%d", cfg.Width, cfg.Height, im.Width, im.Height, c.wantW, c.wantH)
			}
			if got := bytes.Equal(im.Data, data); got != c.wantUnchanged {
				t.Errorf("original shipped unchanged = %v, want %v", got, c.wantUnchanged)
			}
		})
	}
}

func TestPrepareEPUBImageGrayStaysGray(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 2600, 1000))
	for y := 0; y < 1000; y++ {
		for x := 0; x < 2600; x++ {
			g.SetGray(x, y, color.Gray{uint8(x*y) % 200})
		}
	}
	im, err := PrepareEPUBImageData(encode(t, "tiff", g), EPUBImageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := image.Decode(bytes.NewReader(im.Data))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.(*image.Gray); !ok || im.Format != "jpeg" {
		t.Errorf("a gray scan gave %T %s, want a gray JPEG", out, im.Format)
	}
}

func TestPrepareEPUBImageCache(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "scan.tif")
	if err := os.WriteFile(src, encode(t, "tiff", photo(2200, 1500)), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	first, err := PrepareEPUBImage(src, EPUBImageOptions{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	second, err := PrepareEPUBImage(src, EPUBImageOptions{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if first.Cached || !second.Cached || !bytes.Equal(first.Data, second.Data) {
		t.Errorf("cache: first cached %v, second cached %v, same bytes %v", first.Cached, second.Cached, bytes.Equal(first.Data, second.Data))
	}
	// Other settings are another cache entry.
	third, err := PrepareEPUBImage(src, EPUBImageOptions{CacheDir: cache, MaxEdge: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if third.Cached || third.Width != 1000 {
		t.Errorf("other settings: cached %v width %d", third.Cached, third.Width)
	}
	// A damaged cache entry is converted again.
	entries, _ := os.ReadDir(cache)
	for _, e := range entries {
		os.WriteFile(filepath.Join(cache, e.Name()), []byte("damaged"), 0o644)
	}
	fourth, err := PrepareEPUBImage(src, EPUBImageOptions{CacheDir: cache})
	if err != nil || fourth.Cached || !bytes.Equal(fourth.Data, first.Data) {
		t.Errorf("damaged cache: err %v cached %v", err, fourth.Cached)
	}
}

func TestPrepareEPUBImageRejectsBadData(t *testing.T) {
	if _, err := PrepareEPUBImageData([]byte("not an image"), EPUBImageOptions{}); err == nil {
		t.Error("no error for data that is not an image")
	}
	if _, err := PrepareEPUBImageData(encode(t, "jpeg", photo(100, 100)), EPUBImageOptions{MaxPixels: 5000}); err == nil {
		t.Error("no error for an image over the pixel limit")
	}
}
