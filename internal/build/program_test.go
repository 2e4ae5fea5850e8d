package build

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestProgramStampMemo checks the memo of the executable's SHA-256: it is
// read back while the executable is the same file, and not when the file
// at the same path, of the same size and modification time, is another
// one (another inode or change time: install -p, a package manager).
func TestProgramStampMemo(t *testing.T) {
	cache := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("the executable cannot be found here")
	}
	info, err := os.Stat(exe)
	if err != nil {
		t.Skip("the executable cannot be read here")
	}
	stamp := func(cache string) ([32]byte, bool, func()) { return hashedStamp(exe, info, cache) }
	sum, ok, keep := stamp(cache)
	if !ok {
		t.Skip("the executable cannot be read here")
	}
	keep()
	data, err := os.ReadFile(filepath.Join(cache, "program"))
	if err != nil {
		t.Fatalf("the memo was not written: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 5 || lines[4] != fmt.Sprintf("%x", sum) {
		t.Fatalf("memo %q", data)
	}
	fake := strings.Repeat("ab", 32)
	write := func(identity string) {
		memo := strings.Join(append(lines[:3:3], identity, fake), "\n") + "\n"
		if err := os.WriteFile(filepath.Join(cache, "program"), []byte(memo), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The same file: the memo is trusted (the fake sum comes back).
	write(lines[3])
	if got, _, _ := stamp(cache); fmt.Sprintf("%x", got) != fake {
		t.Errorf("the memo of the same executable was not read: %x", got)
	}
	if lines[3] == "" {
		if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
			t.Fatal("the memo names no inode or change time")
		}
		t.Skip("this system tells no inode or change time")
	}
	// Another file at the same path, size and time: hashed again.
	write(lines[3] + "0")
	if got, _, _ := stamp(cache); got != sum {
		t.Errorf("the memo of another file was trusted: %x, want %x", got, sum)
	}
}

// TestGoBuildID reads the test executable's Go build ID as the go command
// does (go tool buildid), and none from a file that is not an ELF
// executable or whose note was changed.
func TestGoBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the build ID is read from ELF executables only")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if !goChoseBuildID(id) {
		// Linked with -ldflags=-buildid=… (Bazel, Nix): the stamp is
		// the executable's hash, which TestProgramStampMemo covers.
		t.Skipf("the test executable's build ID %q was not chosen by the go command", id)
	}
	if out, err := exec.Command("go", "tool", "buildid", exe).Output(); err != nil {
		t.Logf("go tool buildid: %v (not compared)", err)
	} else if want := strings.TrimSpace(string(out)); id != want {
		t.Errorf("build ID %q, go tool buildid says %q", id, want)
	}
	if sum, ok, _ := programStamp(t.TempDir()); !ok || sum != sha256.Sum256([]byte("go build ID\n"+id)) {
		t.Errorf("the program's stamp is not that of its build ID")
	}
	for _, other := range []string{"redacted", "", "a/b", id + "/x", strings.Replace(id, "/", "+", 1), id[1:], id[:len(id)-1] + "="} {
		if goChoseBuildID(other) {
			t.Errorf("%q taken for a build ID the go command chose", other)
		}
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	at := bytes.Index(data, []byte(id))
	if at < 0 {
		t.Fatal("the build ID is not in the executable")
	}
	other := bytes.Clone(data)
	other[at+len(id)-1] ^= 1 // another content hash
	for name, content := range map[string][]byte{"other": other, "text": []byte("#!/bin/sh\necho publish\n"), "short": data[:100]} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o755); err != nil {
			t.Fatal(err)
		}
		got := goBuildID(path)
		switch {
		case name == "other" && (got == id || len(got) != len(id)):
			t.Errorf("an executable with another build ID: %q", got)
		case name != "other" && got != "":
			t.Errorf("%s: build ID %q", name, got)
		}
	}
}

// TestFileIdentityTellsFilesApart installs another file of the same size
// and modification time over a file, as install -p does (written beside
// it, then renamed over it): its identity must change.
func TestFileIdentityTellsFilesApart(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("this system tells no inode or change time")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "publish")
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	write := func(p string) {
		if err := os.WriteFile(p, []byte("same bytes"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	identity := func() string {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() != 10 || !info.ModTime().Equal(when) {
			t.Fatalf("size %d, time %v", info.Size(), info.ModTime())
		}
		return fileIdentity(info)
	}
	write(path)
	before := identity()
	if before == "" || identity() != before {
		t.Fatalf("identity %q, then %q, of one file", before, identity())
	}
	write(path + ".new")
	if err := os.Rename(path+".new", path); err != nil {
		t.Fatal(err)
	}
	if after := identity(); after == before {
		t.Errorf("another file at the same path, size and time has the same identity %q", after)
	}
}
