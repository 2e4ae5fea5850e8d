package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"image"
	"io"
	"os"
	"path/filepath"

	"github.com/publish-books/publish/internal/cachefile"
)

// coverVersion names WriteCover's drawing; it is part of the cache key, so
// bump it whenever the drawing changes.
const coverVersion = "cover-v3"

// CoverFolders are the folders where generated covers are kept: the
// build's cache (Own, out/.cache) and the folder all the user's builds
// share (Shared, as for the fonts' checks and streams), tried first; ""
// for none. A cover depends on its spec only, so a book built into a new
// output folder finds the one an earlier build drew.
type CoverFolders struct {
	Own, Shared string
}

// CachedCover returns WriteCover's PNG for spec, from one of dirs when an
// earlier build drew the same cover: drawing and encoding a 1600×2560
// cover costs some 10 ms of a core. With no folder it is drawn every
// time.
func CachedCover(dirs CoverFolders, spec CoverSpec) ([]byte, error) {
	if data := keptCover(dirs, spec); data != nil {
		return data, nil
	}
	var buf bytes.Buffer
	if err := WriteCover(&buf, spec); err != nil {
		return nil, err
	}
	keepCover(dirs, spec, buf.Bytes())
	return buf.Bytes(), nil
}

// WarmCover draws the cover CachedCover would return for spec into one
// of dirs, unless an earlier build left it there: a build draws it ahead,
// on a core the print layout leaves idle, so that writing the EPUB then
// reads it. Problems are left for CachedCover to report.
func WarmCover(dirs CoverFolders, spec CoverSpec) {
	if dirs.Own == "" && dirs.Shared == "" || keptCover(dirs, spec) != nil {
		return
	}
	var buf bytes.Buffer
	if WriteCover(&buf, spec) == nil {
		keepCover(dirs, spec, buf.Bytes())
	}
}

// keptCover returns the cover for spec kept in the shared folder, else in
// the build's own, nil when neither holds a PNG under its name.
func keptCover(dirs CoverFolders, spec CoverSpec) []byte {
	name := coverName(spec)
	for _, dir := range []string{dirs.Shared, dirs.Own} {
		if dir == "" {
			continue
		}
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && format == "png" {
				return data
			}
		}
	}
	return nil
}

// keepCover writes a cover into the shared folder, else (none, or it
// cannot be written) into the build's own.
func keepCover(dirs CoverFolders, spec CoverSpec, data []byte) {
	name := coverName(spec)
	if dirs.Shared != "" && cachefile.Write(filepath.Join(dirs.Shared, name), data) {
		return
	}
	if dirs.Own != "" {
		cachefile.Write(filepath.Join(dirs.Own, name), data)
	}
}

// coverName is the file name of the cover for spec in a cache folder.
func coverName(spec CoverSpec) string {
	return "cover-" + coverKey(spec) + ".png"
}

// coverKey is the SHA-256, in hexadecimal, of what the cover for spec
// depends on: WriteCover's version, the texts, the font (its length and
// SHA-256) and the size, each field preceded by its length.
func coverKey(spec CoverSpec) string {
	h := sha256.New()
	length := func(n int) {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(n))
		h.Write(b[:])
	}
	field := func(s string) {
		length(len(s))
		io.WriteString(h, s)
	}
	field(coverVersion)
	field(spec.Title)
	field(spec.Subtitle)
	for _, a := range spec.Authors {
		field("author:" + a)
	}
	field(spec.Publisher)
	// The font by its SHA-256, which the caller may know (FontSum): the
	// same font gives the same key either way.
	var font [32]byte
	if spec.FontSum != nil {
		font = *spec.FontSum
	} else {
		font = sha256.Sum256(spec.Font)
	}
	length(len(spec.Font))
	h.Write(font[:])
	var wh [16]byte
	binary.BigEndian.PutUint64(wh[:8], uint64(spec.Width))
	binary.BigEndian.PutUint64(wh[8:], uint64(spec.Height))
	h.Write(wh[:])
	return hex.EncodeToString(h.Sum(nil))
}
