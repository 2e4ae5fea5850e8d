package cli

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestFitMemoryLimit: a long manuscript raises the soft memory limit in
// proportion to its Markdown (hidden folders and other files not
// counted), a short one keeps the default, and GOMEMLIMIT wins.
func TestFitMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	dir := t.TempDir()
	write := func(name string, n int) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("a", n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ch1.md", 3<<20)
	write("part/ch2.markdown", 1<<20)
	write("images/big.png", 50<<20)
	write(".cache/old.md", 50<<20)

	debug.SetMemoryLimit(136 << 20)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	if !fitMemoryLimit(dir) {
		t.Error("the limit was raised, yet fitMemoryLimit says not")
	}
	if got, want := debug.SetMemoryLimit(-1), int64(4<<20)*memoryPerManuscriptByte; got != want {
		t.Errorf("limit %d MiB, want %d MiB", got>>20, want>>20)
	}

	debug.SetMemoryLimit(1 << 40)
	if fitMemoryLimit(dir) {
		t.Error("a limit already higher: fitMemoryLimit says it raised it")
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("a higher limit was lowered to %d MiB", got>>20)
	}

	debug.SetMemoryLimit(136 << 20)
	t.Setenv("GOMEMLIMIT", "100MiB")
	if fitMemoryLimit(dir) {
		t.Error("GOMEMLIMIT set: fitMemoryLimit says it raised the limit")
	}
	if got := debug.SetMemoryLimit(-1); got != 136<<20 {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d MiB", got>>20)
	}
}

// TestRoomForCache: publish watch gets twice the limit, unless
// GOMEMLIMIT sets it.
func TestRoomForCache(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	debug.SetMemoryLimit(136 << 20)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	roomForCache()
	if got := debug.SetMemoryLimit(-1); got != 272<<20 {
		t.Errorf("limit %d MiB, want 272", got>>20)
	}
	debug.SetMemoryLimit(136 << 20)
	t.Setenv("GOMEMLIMIT", "100MiB")
	roomForCache()
	if got := debug.SetMemoryLimit(-1); got != 136<<20 {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d MiB", got>>20)
	}
}

// TestCollectAtLimit: a one-shot build's collector waits for the memory
// limit, unless GOGC or GOMEMLIMIT is set or there is no limit, and
// collectAtLimit says which.
func TestCollectAtLimit(t *testing.T) {
	old := debug.SetGCPercent(200)
	oldLimit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(old); debug.SetMemoryLimit(oldLimit) })
	for _, c := range []struct {
		gogc, gomemlimit string
		limit            int64
		want             int
	}{
		{"", "", 116 << 20, -1},
		{"150", "", 116 << 20, 200},
		{"", "300MiB", 116 << 20, 200},
		{"", "", math.MaxInt64, 200},
	} {
		debug.SetGCPercent(200)
		debug.SetMemoryLimit(c.limit)
		for name, v := range map[string]string{"GOGC": c.gogc, "GOMEMLIMIT": c.gomemlimit} {
			t.Setenv(name, v)
			if v == "" {
				os.Unsetenv(name)
			}
		}
		waits := collectAtLimit()
		if got := debug.SetGCPercent(200); got != c.want {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: GC percent %d, want %d", c.gogc, c.gomemlimit, got, c.want)
		}
		if waits != (c.want < 0) {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: collectAtLimit says the collector waits for the limit: %v", c.gogc, c.gomemlimit, waits)
		}
	}
}
