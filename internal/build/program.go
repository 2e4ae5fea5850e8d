package build

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/publish-books/publish/internal/cachefile"
)

// programStamp returns a SHA-256 that names the running program's
// executable, which stamps the build cache's set paragraphs (a paragraph
// set by another version of publish may break otherwise), and whether it
// could tell. Where the executable carries the Go build ID the linker
// gave it (an ELF note; its last part is the hash of the executable's
// content), the stamp is the SHA-256 of that ID: reading it costs a
// fraction of a millisecond, and a build into a new output folder does
// not read the 20 MB executable. Elsewhere the stamp is the SHA-256 of the
// executable itself. Hashing the executable takes some milliseconds, so
// that sum is kept in cacheDir/program with the executable's path, size,
// modification time and, where the system tells them, its device, inode
// and status change time (another executable installed at the same path
// with the same size and time has another inode or change time), and
// read from there while they are the same. When
// the sum was computed, keep writes it there: it is called once the
// build may write to the output folder.
func programStamp(cacheDir string) (sum [32]byte, ok bool, keep func()) {
	keep = func() {}
	exe, err := os.Executable()
	if err != nil {
		return sum, false, keep
	}
	info, err := os.Stat(exe)
	if err != nil {
		return sum, false, keep
	}
	if id := goBuildID(exe); goChoseBuildID(id) {
		return sha256.Sum256([]byte("go build ID\n" + id)), true, keep
	}
	return hashedStamp(exe, info, cacheDir)
}

// hashedStamp returns the SHA-256 of the executable exe, from the memo in
// cacheDir when it is there (see programStamp).
func hashedStamp(exe string, info os.FileInfo, cacheDir string) (sum [32]byte, ok bool, keep func()) {
	keep = func() {}
	id := fmt.Sprintf("%s\n%d\n%d\n%s\n", exe, info.Size(), info.ModTime().UnixNano(), fileIdentity(info))
	memo := filepath.Join(cacheDir, "program")
	if data, err := os.ReadFile(memo); err == nil {
		if rest, ok := strings.CutPrefix(string(data), id); ok {
			if b, err := hex.DecodeString(strings.TrimSpace(rest)); err == nil && len(b) == len(sum) {
				copy(sum[:], b)
				return sum, true, keep
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return sum, false, keep
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, false, keep
	}
	h.Sum(sum[:0])
	line := id + hex.EncodeToString(sum[:]) + "\n"
	return sum, true, func() { cachefile.Write(memo, []byte(line)) }
}

// goBuildID returns the Go build ID of the ELF executable exe, from its
// .note.go.buildid note, or "" when it has none (another format, an ID
// removed with -ldflags=-buildid=). The ID's parts are hashes of what the
// executable was linked from and of its content, so two different
// executables have different IDs; the go command's cache relies on it.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil || sec.Size > 4096 {
		return ""
	}
	data, err := sec.Data()
	if err != nil || len(data) < 12 {
		return ""
	}
	// An ELF note: name size, description size, type, then the name and
	// the description, each padded to 4 bytes.
	order := f.ByteOrder
	nameSize, descSize, kind := order.Uint32(data), order.Uint32(data[4:]), order.Uint32(data[8:])
	nameEnd := 12 + (uint64(nameSize)+3)&^3
	const goBuildIDNote = 4
	if kind != goBuildIDNote || nameSize != 4 || nameEnd+uint64(descSize) > uint64(len(data)) ||
		string(data[12:16]) != "Go\x00\x00" {
		return ""
	}
	return string(data[nameEnd : nameEnd+uint64(descSize)])
}

// goChoseBuildID reports whether id has the shape of a build ID the go
// command chose: four parts of 20 base64url characters, hashes of what the
// executable was linked from and of its content. A build ID given with
// -ldflags=-buildid= (Bazel's and Nix's builders link every version with
// "redacted") names no version, and the executable is hashed instead.
func goChoseBuildID(id string) bool {
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) != 20 {
			return false
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
