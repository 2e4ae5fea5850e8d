// Package cachefile writes the files of a build cache (out/.cache): each
// through a temporary file renamed into place, so that a killed build
// leaves no half-written entry, and never when the disk would be left
// with less than Reserve free, so that the cache does not take the space
// the outputs need. A cache that cannot be written only costs time, so
// Write reports without failing.
package cachefile

import (
	"bufio"
	"io"
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
	return write(path, int64(len(data)), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, freeSpace)
}

// WriteFrom stores at path the size bytes that fill writes, through a
// buffer, and reports whether it did: a file made of many pieces (the
// print cache) is not gathered into one array first. Like Write it
// writes nothing when the disk would keep less than Reserve free, and
// nothing at all if fill fails.
func WriteFrom(path string, size int64, fill func(w io.Writer) error) bool {
	return write(path, size, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 256<<10)
		if err := fill(bw); err != nil {
			return err
		}
		return bw.Flush()
	}, freeSpace)
}

// write is WriteFrom without the buffer, with the free-space probe given,
// for the tests; free returns -1 when it cannot tell.
func write(path string, size int64, fill func(w io.Writer) error, free func(dir string) int64) bool {
	dir := filepath.Dir(path)
	if os.MkdirAll(dir, 0o755) != nil {
		return false
	}
	if f := free(dir); f >= 0 && f-size < Reserve {
		return false
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return false
	}
	werr := fill(tmp)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Chmod(tmp.Name(), 0o644) != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
		return false
	}
	return true
}
