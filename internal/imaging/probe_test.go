package imaging

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// TestProbeRefusesImagesTooLargeToDecode gives Probe the header of a
// 14 000 × 14 000 PNG, under the pixel limit but 748 MiB once decoded (the
// build took 5.9 GB to convert such an image): it is refused with its
// size, having allocated next to nothing. An image at the limit passes.
func TestProbeRefusesImagesTooLargeToDecode(t *testing.T) {
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	_, err := Probe(bytes.NewReader(pngHeader(14000, 14000)), 0)
	runtime.ReadMemStats(&m1)
	if err == nil {
		t.Fatal("a 14000×14000 image was accepted")
	}
	want := "image is 14000×14000 pixels: decoded, it would take 747 MiB, more than the limit of 128 MiB"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start with %q", err, want)
	}
	if a := m1.TotalAlloc - m0.TotalAlloc; a > 1<<20 {
		t.Errorf("refusing the image allocated %d bytes", a)
	}
	if _, err := Probe(bytes.NewReader(pngHeader(5792, 5792)), 0); err != nil {
		t.Errorf("an image of 5792×5792 pixels: %v", err)
	}
	if _, err := Probe(bytes.NewReader(pngHeader(5793, 5793)), 0); err == nil {
		t.Errorf("an image of 5793×5793 pixels was accepted")
	}
}
