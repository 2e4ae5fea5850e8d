package imaging

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"golang.org/x/image/tiff"
)

// fuzzLimit is the pixel limit the fuzz target uses: small, so that the
// target also checks images just over it.
const fuzzLimit = 1 << 16

// seedImages returns small images in every format Probe reads, and
// headers that lie about their size.
func seedImages(t testing.TB) [][]byte {
	gray := image.NewGray(image.Rect(0, 0, 8, 6))
	rgb := image.NewRGBA(image.Rect(0, 0, 5, 7))
	cmyk := image.NewCMYK(image.Rect(0, 0, 4, 4))
	pal := image.NewPaletted(image.Rect(0, 0, 3, 3), color.Palette{color.Black, color.White})
	var out [][]byte
	enc := func(f func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		out = append(out, b.Bytes())
	}
	enc(func(b *bytes.Buffer) error { return png.Encode(b, gray) })
	enc(func(b *bytes.Buffer) error { return png.Encode(b, pal) })
	enc(func(b *bytes.Buffer) error { return jpeg.Encode(b, rgb, nil) })
	enc(func(b *bytes.Buffer) error { return jpeg.Encode(b, cmyk, nil) })
	enc(func(b *bytes.Buffer) error { return gif.Encode(b, pal, nil) })
	enc(func(b *bytes.Buffer) error { return tiff.Encode(b, rgb, &tiff.Options{Compression: tiff.Deflate}) })
	enc(func(b *bytes.Buffer) error { return tiff.Encode(b, gray, nil) })
	out = append(out, pngHeader(100000, 100000), pngHeader(300, 300), webpLossless(2, 3), webpLossless(16384, 16384))
	return out
}

// pngHeader returns a PNG signature and IHDR chunk claiming w×h pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8] = 8
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.WriteString("IHDR")
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	return b.Bytes()
}

// webpLossless returns the header of a lossless WebP of w×h pixels.
func webpLossless(w, h uint32) []byte {
	bits := (w - 1) | (h-1)<<14
	chunk := []byte{0x2f, byte(bits), byte(bits >> 8), byte(bits >> 16), byte(bits >> 24), 0, 0, 0}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+len(chunk)))
	b.WriteString("WEBPVP8L")
	binary.Write(&b, binary.LittleEndian, uint32(len(chunk)))
	b.Write(chunk)
	return b.Bytes()
}

// TestProbeSeeds checks the seeds: real images are read, lying headers
// over the limit are refused before any decoding.
func TestProbeSeeds(t *testing.T) {
	want := []string{"png 8×6 gray", "png 3×3 paletted", "jpeg 5×7 rgb", "jpeg 4×4 rgb", "gif 3×3 paletted",
		"tiff 5×7 rgb", "tiff 8×6 gray",
		"error: image is 100000×100000 pixels, more than the limit of 65536 pixels (a decompression bomb, or a scan to reduce first)",
		"error: image is 300×300 pixels, more than the limit of 65536 pixels (a decompression bomb, or a scan to reduce first)",
		"webp 2×3 rgb",
		"error: image is 16384×16384 pixels, more than the limit of 65536 pixels (a decompression bomb, or a scan to reduce first)"}
	for i, data := range seedImages(t) {
		info, err := Probe(bytes.NewReader(data), fuzzLimit)
		got := fmt.Sprintf("%s %d×%d %s", info.Format, info.Width, info.Height, info.ColorModel)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != want[i] {
			t.Errorf("seed %d: got %s, want %s", i, got, want[i])
		}
	}
}

// FuzzProbe reads any bytes as an image: Probe must answer quickly, never
// report more pixels than the limit, and agree with a full decode.
func FuzzProbe(f *testing.F) {
	for _, s := range seedImages(f) {
		f.Add(s)
		f.Add(s[:len(s)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Probe hangs on %q", data)) })
		defer watchdog.Stop()
		info, err := Probe(bytes.NewReader(data), fuzzLimit)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if info.Width <= 0 || info.Height <= 0 || int64(info.Width)*int64(info.Height) > fuzzLimit {
			t.Fatalf("Probe accepted %d×%d pixels (limit %d)", info.Width, info.Height, fuzzLimit)
		}
		switch info.Format {
		case "jpeg", "png", "gif", "tiff", "webp":
		default:
			t.Fatalf("unknown format %q", info.Format)
		}
		// A small image that decodes must have the size Probe said.
		if info.Width*info.Height > 4096 {
			return
		}
		img, _, derr := func() (img image.Image, format string, err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("decoder panic: %v", p)
				}
			}()
			return image.Decode(bytes.NewReader(data))
		}()
		if derr == nil {
			b := img.Bounds()
			if info.Format == "gif" {
				// A GIF's first frame may be smaller than its logical
				// screen, which is the size Probe reports.
				if b.Max.X > info.Width || b.Max.Y > info.Height {
					t.Fatalf("Probe says %d×%d, the first frame reaches %v", info.Width, info.Height, b.Max)
				}
			} else if b.Dx() != info.Width || b.Dy() != info.Height {
				t.Fatalf("Probe says %d×%d, decoding gives %d×%d", info.Width, info.Height, b.Dx(), b.Dy())
			}
		}
	})
}
