package cachefile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReserve checks that a cache write that would leave less than
// Reserve free is not made, and that one that fits is made whole.
func TestReserve(t *testing.T) {
	dir := t.TempDir()
	data := []byte("converted image")
	p := filepath.Join(dir, "cache", "entry")
	if write(p, data, func(string) int64 { return Reserve + int64(len(data)) - 1 }) {
		t.Error("a write that eats into the reserve was made")
	}
	if _, err := os.Stat(p); err == nil {
		t.Error("the refused entry exists")
	}
	if !write(p, data, func(string) int64 { return Reserve + int64(len(data)) }) {
		t.Fatal("a write that leaves the reserve free was refused")
	}
	if got, err := os.ReadFile(p); err != nil || string(got) != string(data) {
		t.Errorf("entry holds %q (%v)", got, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("%d files in the cache folder, want the entry alone (no temporary file)", len(entries))
	}
	if freeSpace(dir) == 0 {
		t.Error("the free space of the test folder reads as 0")
	}
}
