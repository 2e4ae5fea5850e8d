package cputime

import (
	"runtime"
	"testing"
)

// TestProcessGrows checks that work done shows in the processor time,
// where the system tells it.
func TestProcessGrows(t *testing.T) {
	start := Process()
	if start == 0 && runtime.GOOS == "windows" {
		t.Skip("the processor time is not measured on this system")
	}
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if d := Process() - start; d <= 0 {
		t.Errorf("50 million additions took %v of processor time (x=%d)", d, x)
	}
}
