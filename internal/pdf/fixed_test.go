package pdf

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFixed2MatchesStrconv compares appendFixed2 with strconv, and
// fixed2Hundredths with what appendFixed2 writes, on coordinates of every
// scale, halves, negative zero and values strconv must take over.
func TestAppendFixed2MatchesStrconv(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		if got, want := string(appendFixed2(nil, v)), strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Fatalf("%v (%b): %q, strconv %q", v, math.Float64bits(v), got, want)
		}
		if got, want := fixed2Hundredths(v), hundredthsOf(appendFixed2(nil, v)); got != want {
			t.Fatalf("%v (%b): fixed2Hundredths gives %d, appendFixed2 writes %d", v, math.Float64bits(v), got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), -0.001, 0.005, 0.015, 0.125, 0.375, 1.005, 2.675, 12.345,
		-12.345, 99.995, 595.275, 841.89, 1e9, -1e9, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), 4.4999999, 0.0049999999} {
		check(v)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2_000_000; i++ {
		switch i % 4 {
		case 0:
			check((r.Float64() - 0.2) * 1000)
		case 1:
			check(float64(r.IntN(200000)-1000) / 200) // exact halves of a hundredth and neighbours
		case 2:
			check(math.Nextafter(float64(r.IntN(100000))/1000, math.Inf(1)))
		default:
			check(r.NormFloat64() * math.Pow(10, float64(r.IntN(12)-3)))
		}
	}
}

// FuzzAppendFixed2 compares appendFixed2 with strconv on any float.
func FuzzAppendFixed2(f *testing.F) {
	f.Add(0.125)
	f.Add(-0.001)
	f.Add(595.275)
	f.Fuzz(func(t *testing.T, v float64) {
		if got, want := string(appendFixed2(nil, v)), strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Fatalf("%v: %q, strconv %q", v, got, want)
		}
	})
}
