package imaging

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

// TestCoverFolders checks where generated covers are kept: in the folder
// the user's builds share when there is one (a build into a new output
// folder reads it there and writes nothing), else in the build's own
// cache, which also takes them when the shared folder cannot be written;
// and that a cover read from a folder is the one drawn anew.
func TestCoverFolders(t *testing.T) {
	spec := CoverSpec{Title: "Jack Sheppard", Subtitle: "A Romance", Authors: []string{"William Harrison Ainsworth"}}
	drawn, err := CachedCover(CoverFolders{}, spec)
	if err != nil {
		t.Fatal(err)
	}
	files := func(dir string) []string {
		m, _ := filepath.Glob(filepath.Join(dir, "cover-*.png"))
		return m
	}
	shared, own := t.TempDir(), t.TempDir()
	WarmCover(CoverFolders{Own: own, Shared: shared}, spec)
	if len(files(shared)) != 1 || len(files(own)) != 0 {
		t.Fatalf("warmed: %d covers in the shared folder, %d in the build's: want 1 and 0", len(files(shared)), len(files(own)))
	}
	// A second book's build into a new output folder reads the shared
	// file and writes nothing: a rewrite would be another file (or, its
	// inode reused, a later modification time).
	before, err := os.Stat(files(shared)[0])
	if err != nil {
		t.Fatal(err)
	}
	unchanged := func(step string) {
		t.Helper()
		after, err := os.Stat(files(shared)[0])
		if err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
			t.Errorf("%s wrote the shared cover again (%v): the shared folder was not read", step, err)
		}
	}
	second := t.TempDir()
	got, err := CachedCover(CoverFolders{Own: second, Shared: shared}, spec)
	if err != nil || !bytes.Equal(got, drawn) {
		t.Fatalf("from the shared folder: %d bytes (%v), want the %d drawn", len(got), err, len(drawn))
	}
	unchanged("CachedCover")
	WarmCover(CoverFolders{Own: second, Shared: shared}, spec)
	unchanged("WarmCover")
	if len(files(second)) != 0 {
		t.Error("a cover was written into the build's cache though the shared folder has it")
	}
	// A cover whose file is not a PNG is drawn again.
	if err := os.WriteFile(files(shared)[0], []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := CachedCover(CoverFolders{Shared: shared}, spec); err != nil || !bytes.Equal(got, drawn) {
		t.Errorf("over a damaged file: %d bytes (%v), want the %d drawn", len(got), err, len(drawn))
	}
	// A shared folder that cannot be written: the build's cache.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	third := t.TempDir()
	WarmCover(CoverFolders{Own: third, Shared: filepath.Join(blocked, "checked")}, spec)
	if len(files(third)) != 1 {
		t.Errorf("with a shared folder that cannot be written, %d covers in the build's cache, want 1", len(files(third)))
	}
}

// TestCoverKeyTakesTheFontSum: a cover's file is named after its font's
// SHA-256, given (CoverSpec.FontSum) or computed, the same either way;
// another sum given names another file, so the given one is used.
func TestCoverKeyTakesTheFontSum(t *testing.T) {
	font, err := os.ReadFile("../../fonts/EBGaramond12-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	spec := CoverSpec{Title: "Dracula", Authors: []string{"Bram Stoker"}, Font: font}
	computed := coverKey(spec)
	sum := sha256.Sum256(font)
	spec.FontSum = &sum
	if given := coverKey(spec); given != computed {
		t.Errorf("the cover's key with the font's sum given is %s, computed %s", given, computed)
	}
	other := sum
	other[31]++
	spec.FontSum = &other
	if coverKey(spec) == computed {
		t.Error("another sum given gives the same key: the sum given is not used")
	}
	spec.FontSum = nil
	spec.Font = append(append([]byte(nil), font...), 0)
	if coverKey(spec) == computed {
		t.Error("another font gives the same key")
	}
}
