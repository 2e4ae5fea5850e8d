package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
)

// PrintImage is an image prepared for the print PDF.
type PrintImage struct {
	Data []byte
	// Type is "JPG" or "PNG" (the PDF library's names).
	Type string
	// ColorSpace is "DeviceGray", "DeviceRGB" or "DeviceCMYK".
	ColorSpace    string
	Width, Height int
	// Converted is true when the pixels were decoded and encoded again.
	Converted bool
	// Screen is true for a screenshot or screen line art: ScreenLike,
	// and pixels that are not photographic (see photographic).
	Screen bool
}

// PrepareForPrint reads an image and returns it as the PDF library takes
// it: a gray JPEG or PNG when gray is true (a black-and-white book), else
// an RGB or gray one. A JPEG that already fits is passed through
// untouched; other images are decoded (refusing more than maxPixels),
// flattened on white when they have transparency, and encoded again:
// JPEG (quality 92) for JPEG sources, lossless PNG for the others (line
// art). The same input always gives the same bytes.
func PrepareForPrint(r io.Reader, gray bool, maxPixels int) (img PrintImage, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable image: decoder failed (%v)", p)
		}
	}()
	data, err := io.ReadAll(r)
	if err != nil {
		return PrintImage{}, fmt.Errorf("read image: %w", err)
	}
	info, err := Probe(bytes.NewReader(data), maxPixels)
	if err != nil {
		return PrintImage{}, err
	}
	img.Width, img.Height = info.Width, info.Height
	img.Screen = ScreenLike(info.Format, data)
	if info.Format == "jpeg" && (info.ColorModel == "gray" || (!gray && info.ColorModel == "rgb")) && !progressive(data) {
		img.Data, img.Type = data, "JPG"
		img.ColorSpace = "DeviceGray"
		if info.ColorModel == "rgb" {
			img.ColorSpace = "DeviceRGB"
		}
		return img, nil
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return PrintImage{}, fmt.Errorf("decode image: %w", err)
	}
	// A PNG whose pixels are a photograph's (an archive's scan saved as
	// PNG at screen density) is held to min-ppi as a photograph.
	img.Screen = img.Screen && !photographic(src)
	b := src.Bounds()
	var out image.Image
	if gray {
		g := image.NewGray(b)
		flattenInto(g, src)
		out = g
		img.ColorSpace = "DeviceGray"
	} else {
		c := image.NewRGBA(b)
		draw.Draw(c, b, image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.Draw(c, b, src, b.Min, draw.Over)
		out = opaqueRGB{c}
		img.ColorSpace = "DeviceRGB"
	}
	var buf bytes.Buffer
	if info.Format == "jpeg" || info.Format == "webp" {
		err = jpeg.Encode(&buf, out, &jpeg.Options{Quality: 92})
		img.Type = "JPG"
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, out)
		img.Type = "PNG"
	}
	if err != nil {
		return PrintImage{}, fmt.Errorf("encode image: %w", err)
	}
	img.Data, img.Converted = buf.Bytes(), true
	return img, nil
}

// flattenInto converts src to gray over a white background (luminance by
// the Go color model, ITU-R BT.601 weights).
func flattenInto(dst *image.Gray, src image.Image) {
	b := src.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := src.At(x, y).RGBA()
			// Composite over white: c + (1-a) * white.
			w := 0xffff - a
			c := color.RGBA64{R: uint16(r + w), G: uint16(g + w), B: uint16(bl + w), A: 0xffff}
			dst.Set(x, y, color.GrayModel.Convert(c))
		}
	}
}

// opaqueRGB reports itself opaque so that the PNG encoder writes RGB
// without an alpha channel.
type opaqueRGB struct{ *image.RGBA }

func (o opaqueRGB) Opaque() bool { return true }

// progressive reports whether a JPEG is progressive (SOF2), which PDF
// readers before 1.3 and some RIPs handle badly; such files are encoded
// again as baseline.
func progressive(data []byte) bool {
	for i := 2; i+3 < len(data); {
		if data[i] != 0xFF {
			return false
		}
		m := data[i+1]
		switch {
		case m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE:
			return true
		case m == 0xC0 || m == 0xC1 || m == 0xDA:
			return false
		case m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7):
			i += 2
			continue
		}
		i += 2 + int(data[i+2])<<8 + int(data[i+3])
	}
	return false
}
