package build

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// gcCycles returns the number of collections the process has completed.
func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestCollectBeforeDrawing: the build collects before drawing only when
// the heap holds more than half the soft memory limit beyond what the
// last collection found live, and never without a limit.
func TestCollectBeforeDrawing(t *testing.T) {
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(oldPercent); debug.SetMemoryLimit(oldLimit) })
	runtime.GC()
	held := make([][]byte, 0, 64)
	for range 64 {
		held = append(held, make([]byte, 1<<20)) // 64 MiB live
	}
	for _, c := range []struct {
		limit int64
		want  bool
	}{
		{math.MaxInt64, false},
		{1 << 30, false},   // 64 MiB is less than half a GiB,
		{150 << 20, false}, // and than half of 150 MiB,
		{100 << 20, true},  // but more than half of 100 MiB
	} {
		debug.SetMemoryLimit(c.limit)
		before := gcCycles()
		got := collectBeforeDrawing()
		ran := gcCycles() > before
		if got != c.want || ran != c.want {
			t.Errorf("64 MiB held under a limit of %d MiB: collectBeforeDrawing says %v and collected %v, want %v", c.limit>>20, got, ran, c.want)
		}
	}
	// Collected, the 64 MiB are what the collection found live: with
	// nothing allocated since, another call does not collect again,
	// though they are more than half the limit; with more than half the
	// limit of garbage besides, it does (a limit of 300 MiB, so that the
	// runtime does not collect the garbage itself first).
	debug.SetMemoryLimit(100 << 20)
	before := gcCycles()
	if collectBeforeDrawing() || gcCycles() != before {
		t.Error("collectBeforeDrawing collected again right after a collection that found the heap live")
	}
	debug.SetMemoryLimit(300 << 20)
	for range 160 {
		sink = make([]byte, 1<<20) // 160 MiB of garbage
	}
	if !collectBeforeDrawing() || gcCycles() == before {
		t.Error("collectBeforeDrawing did not collect 160 MiB of garbage over 64 MiB live under a limit of 300 MiB")
	}
	runtime.KeepAlive(held)
}

// sink keeps the test's garbage from being optimised away.
var sink []byte
