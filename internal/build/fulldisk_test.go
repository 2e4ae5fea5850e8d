package build

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFullDisk is the issue's "the cache filled a small disk before the
// outputs were written": on a 4 MiB disk (a tmpfs, mounted when the test
// runs as root) the cache takes nothing, a build that runs out of space
// fails with the error and leaves the old set whole and nothing else,
// and the same build succeeds once there is room.
func TestFullDisk(t *testing.T) {
	disk := t.TempDir()
	if os.Geteuid() != 0 {
		t.Skip("NOT RUN: mounting a small tmpfs needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk).CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount a 4 MiB tmpfs: %v\n%s", err, out)
		}
		t.Skipf("NOT RUN: cannot mount a 4 MiB tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", disk).Run() })
	dir := t.TempDir()
	a := writeVariant(t, filepath.Join(dir, "a"), "A")
	b := writeVariant(t, filepath.Join(dir, "b"), "B")
	out := filepath.Join(disk, "out")
	if _, err := Run(Options{BookDir: a, LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true}); err != nil {
		t.Fatalf("first build on the small disk: %v", err)
	}
	old := setOf(t, out)
	if entries, _ := os.ReadDir(filepath.Join(out, ".cache")); len(entries) > 0 {
		t.Errorf("the cache took space on a disk with less than %d MiB free: %d files", 64, len(entries))
	}

	// Fill the disk but for 200 KiB: the new set does not fit.
	var st syscall.Statfs_t
	if err := syscall.Statfs(disk, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	filler := filepath.Join(disk, "filler")
	if err := os.WriteFile(filler, make([]byte, max(free-200<<10, 0)), 0o644); err != nil {
		t.Fatalf("fill the disk: %v", err)
	}
	_, err := Run(Options{BookDir: b, LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("build on a full disk: err = %v, want no space left on device", err)
	}
	if got := setOf(t, out); !maps.Equal(got, old) {
		t.Errorf("a build that failed on a full disk changed the outputs: %v, was %v", got, old)
	}
	assertNoLeftovers(t, out)

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{BookDir: b, LayoutDir: "../../layout", OutDir: out, EPUB: true, PDF: true}); err != nil {
		t.Fatalf("build once there is room: %v", err)
	}
	if maps.Equal(setOf(t, out), old) {
		t.Error("the build once there is room did not replace the outputs")
	}
}
