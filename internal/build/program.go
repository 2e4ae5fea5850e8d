package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/publish-books/publish/internal/cachefile"
)

// programStamp returns the SHA-256 of the running program's executable,
// which stamps the build cache's set paragraphs (a paragraph set by
// another version of publish may break otherwise), and whether it could
// tell. Hashing the executable takes some milliseconds, so the sum is
// kept in cacheDir/program with the executable's path, size,
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
