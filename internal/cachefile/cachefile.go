// Package cachefile writes the files of a build cache (out/.cache): each
// through a temporary file renamed into place, so that a killed build
// leaves no half-written entry, and never when the disk would be left
// with less than Reserve free, so that the cache does not take the space
// the outputs need. A cache that cannot be written only costs time, so
// Write reports without failing.
package cachefile

import (
	"os"
	"path/filepath"
)

// Reserve is the free space a cache write must leave on the disk: the
// outputs of a book come first, and a new output set is written beside
// the old one before it replaces it.
const Reserve = 64 << 20

// Write stores data at path and reports whether it did. It writes nothing
// when the disk holding path's folder would keep less than Reserve free.
func Write(path string, data []byte) bool {
	return write(path, data, freeSpace)
}

// write is Write with the free-space probe given, for the tests; free
// returns -1 when it cannot tell.
func write(path string, data []byte, free func(dir string) int64) bool {
	dir := filepath.Dir(path)
	if os.MkdirAll(dir, 0o755) != nil {
		return false
	}
	if f := free(dir); f >= 0 && f-int64(len(data)) < Reserve {
		return false
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return false
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Chmod(tmp.Name(), 0o644) != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
		return false
	}
	return true
}
