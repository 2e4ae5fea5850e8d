package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"image"
	"os"
	"path/filepath"

	"github.com/publish-books/publish/internal/cachefile"
)

// coverVersion names WriteCover's drawing; it is part of the cache key, so
// bump it whenever the drawing changes.
const coverVersion = "cover-v3"

// CachedCover returns WriteCover's PNG for spec, from cacheDir when an
// earlier build drew the same cover: drawing and encoding a 1600×2560
// cover costs some 15 ms of a core. An empty cacheDir draws it every
// time.
func CachedCover(cacheDir string, spec CoverSpec) ([]byte, error) {
	var path string
	if cacheDir != "" {
		path = coverPath(cacheDir, spec)
		if data, err := os.ReadFile(path); err == nil {
			if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && format == "png" {
				return data, nil
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteCover(&buf, spec); err != nil {
		return nil, err
	}
	if path != "" {
		cachefile.Write(path, buf.Bytes())
	}
	return buf.Bytes(), nil
}

// WarmCover draws the cover CachedCover would return for spec into
// cacheDir, unless an earlier build left it there: a build draws it
// ahead, on a core the print layout leaves idle, so that writing the EPUB
// then reads it. Problems are left for CachedCover to report.
func WarmCover(cacheDir string, spec CoverSpec) {
	if cacheDir == "" {
		return
	}
	path := coverPath(cacheDir, spec)
	if _, err := os.Stat(path); err == nil {
		return
	}
	var buf bytes.Buffer
	if WriteCover(&buf, spec) == nil {
		cachefile.Write(path, buf.Bytes())
	}
}

// coverPath is where the cover for spec is kept in cacheDir.
func coverPath(cacheDir string, spec CoverSpec) string {
	return filepath.Join(cacheDir, "cover-"+coverKey(spec)+".png")
}

func coverKey(spec CoverSpec) string {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field(coverVersion)
	field(spec.Title)
	field(spec.Subtitle)
	for _, a := range spec.Authors {
		field("author:" + a)
	}
	field(spec.Publisher)
	field(string(spec.Font))
	var wh [16]byte
	binary.BigEndian.PutUint64(wh[:8], uint64(spec.Width))
	binary.BigEndian.PutUint64(wh[8:], uint64(spec.Height))
	h.Write(wh[:])
	return hex.EncodeToString(h.Sum(nil))
}
