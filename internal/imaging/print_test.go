package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func printEncode(t *testing.T, img image.Image, format string, progressive bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPrepareForPrint(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 40, 30))
	rgba := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			gray.SetGray(x, y, color.Gray{Y: uint8(x * 6)})
			rgba.Set(x, y, color.RGBA{R: 200, G: 0, B: 0, A: uint8(y * 8)})
		}
	}
	grayJPEG := printEncode(t, gray, "jpeg", false)
	tests := []struct {
		name      string
		data      []byte
		gray      bool
		typ, cs   string
		converted bool
	}{
		{"gray JPEG passes through", grayJPEG, true, "JPG", "DeviceGray", false},
		{"RGB JPEG to gray", printEncode(t, rgba, "jpeg", false), true, "JPG", "DeviceGray", true},
		{"RGB JPEG kept in a color book", printEncode(t, rgba, "jpeg", false), false, "JPG", "DeviceRGB", false},
		{"PNG with alpha to gray PNG", printEncode(t, rgba, "png", false), true, "PNG", "DeviceGray", true},
		{"PNG with alpha flattened in a color book", printEncode(t, rgba, "png", false), false, "PNG", "DeviceRGB", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := PrepareForPrint(bytes.NewReader(tc.data), tc.gray, 0)
			if err != nil {
				t.Fatal(err)
			}
			if img.Type != tc.typ || img.ColorSpace != tc.cs || img.Converted != tc.converted || img.Width != 40 || img.Height != 30 {
				t.Errorf("got %s %s converted=%v %d×%d", img.Type, img.ColorSpace, img.Converted, img.Width, img.Height)
			}
			if !tc.converted && !bytes.Equal(img.Data, tc.data) {
				t.Error("passed-through image changed")
			}
			dec, _, err := image.Decode(bytes.NewReader(img.Data))
			if err != nil {
				t.Fatal(err)
			}
			if tc.gray {
				if _, ok := dec.ColorModel().(interface{ Convert(color.Color) color.Color }); !ok || dec.ColorModel() != color.GrayModel {
					t.Errorf("gray output decodes as %T", dec.ColorModel())
				}
			} else if _, _, _, a := dec.At(0, 0).RGBA(); a != 0xffff {
				t.Error("transparency kept")
			}
			again, _ := PrepareForPrint(bytes.NewReader(tc.data), tc.gray, 0)
			if !bytes.Equal(again.Data, img.Data) {
				t.Error("not deterministic")
			}
		})
	}
	if _, err := PrepareForPrint(bytes.NewReader([]byte("not an image")), true, 0); err == nil {
		t.Error("garbage accepted")
	}
}

func TestProgressive(t *testing.T) {
	base := printEncode(t, image.NewGray(image.Rect(0, 0, 8, 8)), "jpeg", false)
	if progressive(base) {
		t.Error("baseline JPEG seen as progressive")
	}
	// Turn the SOF0 marker into SOF2.
	p := append([]byte(nil), base...)
	i := bytes.Index(p, []byte{0xFF, 0xC0})
	p[i+1] = 0xC2
	if !progressive(p) {
		t.Error("SOF2 JPEG not seen as progressive")
	}
}
