package imaging

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"
)

// The sample layout's measure: 114 mm.
const measure = 114 / 25.4 * 72

func mmOf(pt float64) float64 { return math.Round(pt/72*25.4*10) / 10 }

// TestFigureWidth checks the size rule on issue 14's screenshots: an
// 815-pixel screenshot and a 247-pixel dialog printed 69 and 21 mm wide
// (at 300 ppi, their text at 2–3 pt) with "ok" in the preflight.
func TestFigureWidth(t *testing.T) {
	rule := SizeRule{Measure: measure, MinPPI: 300, ScreenPPI: 150}
	cases := []struct {
		name    string
		px      int
		screen  bool
		frac    float64
		upscale bool
		wantMM  float64
		flag    string // "", "low", "raised", "small"
		advice  string
	}{
		{"photograph at min-ppi", 815, false, 0, false, 69, "", ""},
		{"screenshot at screen resolution, up to the measure", 815, true, 0, false, 114, "", ""},
		{"dialog at screen resolution", 247, true, 0, false, 41.8, "", ""},
		{"dialog asked too small is widened", 247, true, 0.2, false, 31.4, "raised", "width=20%"},
		{"dialog asked across the measure is low", 247, true, 1, false, 114, "low", "width=36%"},
		{"full screen needs cropping", 1920, true, 0, false, 114, "small", "crop"},
		{"large screenshot asked narrow is widened to the measure, and says so", 1011, true, 0.6, false, 114, "raised", "width=60% would print it at 375 ppi"},
		{"large screenshot asked narrow: crop advice too", 1011, true, 0.6, false, 114, "raised", "crop it"},
		{"photograph asked wider than its pixels", 600, false, 1, false, 114, "low", "width=44%"},
		{"photograph upscaled is low", 600, false, 0, true, 114, "low", "at least 1347 pixels"},
		{"large photograph fits the measure", 3000, false, 0, false, 114, "", ""},
		{"photograph at a share of the measure", 3000, false, 0.5, false, 57, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rule
			r.Upscale = c.upscale
			s := FigureWidth(c.px, c.screen, c.frac, r)
			if got := mmOf(s.Width); math.Abs(got-c.wantMM) > 0.15 {
				t.Errorf("width %.1f mm, want %.1f", got, c.wantMM)
			}
			flag := ""
			switch {
			case s.Low:
				flag = "low"
			case s.Raised:
				flag = "raised"
			case s.Small:
				flag = "small"
			}
			if flag != c.flag {
				t.Errorf("flag %q, want %q (advice %q)", flag, c.flag, s.Advice)
			}
			if (c.advice == "") != (s.Advice == "") || !strings.Contains(s.Advice, c.advice) {
				t.Errorf("advice %q, want one with %q", s.Advice, c.advice)
			}
		})
	}
}

// withDensity returns a PNG of w×h pixels recording ppi in a pHYs chunk
// (0: no chunk).
func withDensity(t *testing.T, ppi float64) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if ppi == 0 {
		return data
	}
	chunk := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(chunk, 9)
	copy(chunk[4:], "pHYs")
	perMetre := uint32(math.Round(ppi / 0.0254))
	binary.BigEndian.PutUint32(chunk[8:], perMetre)
	binary.BigEndian.PutUint32(chunk[12:], perMetre)
	chunk[16] = 1
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
	// After the signature and IHDR (8 + 25 bytes).
	return append(append(append([]byte(nil), data[:33]...), chunk...), data[33:]...)
}

func TestScreenLike(t *testing.T) {
	for _, c := range []struct {
		ppi  float64
		want bool
	}{{0, true}, {72, true}, {96, true}, {144, true}, {300, false}, {600, false}} {
		data := withDensity(t, c.ppi)
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			t.Fatalf("test PNG at %g ppi does not decode: %v", c.ppi, err)
		}
		if got := ScreenLike("png", data); got != c.want {
			d, _ := PNGDensity(data)
			t.Errorf("PNG at %g ppi (read %g): screen-like %v, want %v", c.ppi, d, got, c.want)
		}
	}
	if ScreenLike("jpeg", nil) || !ScreenLike("gif", nil) {
		t.Error("JPEG is never screen-like, GIF always")
	}
}

// TestPrintScreenKind: a screenshot saved as PNG prints as a screenshot;
// a photograph saved as PNG at screen density (an archive's download)
// is held to min-ppi as a photograph.
func TestPrintScreenKind(t *testing.T) {
	for _, c := range []struct {
		name string
		img  image.Image
		want bool
	}{
		{"screenshot", screenshot(400, 300), true},
		{"photograph as PNG", noisyPhoto(400, 300), false},
	} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, c.img); err != nil {
			t.Fatal(err)
		}
		pi, err := PrepareForPrint(bytes.NewReader(buf.Bytes()), true, 0)
		if err != nil {
			t.Fatal(err)
		}
		if pi.Screen != c.want {
			t.Errorf("%s: screen %v, want %v", c.name, pi.Screen, c.want)
		}
	}
}
