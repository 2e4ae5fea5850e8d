package cachefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestReserve checks that a cache write that would leave less than
// Reserve free is not made, and that one that fits is made whole.
func TestReserve(t *testing.T) {
	dir := t.TempDir()
	data := []byte("converted image")
	fill := func(w io.Writer) error { _, err := w.Write(data); return err }
	p := filepath.Join(dir, "cache", "entry")
	if write(p, int64(len(data)), fill, func(string) int64 { return Reserve + int64(len(data)) - 1 }) {
		t.Error("a write that eats into the reserve was made")
	}
	if _, err := os.Stat(p); err == nil {
		t.Error("the refused entry exists")
	}
	if !write(p, int64(len(data)), fill, func(string) int64 { return Reserve + int64(len(data)) }) {
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

// TestWriteFrom checks that a file written in pieces holds them all, and
// that a fill that fails leaves nothing: neither the entry nor a
// temporary file.
func TestWriteFrom(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "entry")
	piece := make([]byte, 100<<10)
	for i := range piece {
		piece[i] = byte(i)
	}
	if !WriteFrom(p, 5*int64(len(piece)), func(w io.Writer) error {
		for range 5 {
			if _, err := w.Write(piece); err != nil {
				return err
			}
		}
		return nil
	}) {
		t.Fatal("WriteFrom failed")
	}
	if got, err := os.ReadFile(p); err != nil || len(got) != 5*len(piece) || got[len(got)-1] != piece[len(piece)-1] {
		t.Errorf("entry of %d bytes (%v), want %d", len(got), err, 5*len(piece))
	}
	q := filepath.Join(dir, "failed")
	if WriteFrom(q, 10, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("no more")
	}) {
		t.Error("a failed fill was reported written")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want the first entry alone", len(entries))
	}
}
