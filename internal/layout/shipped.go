package layout

import (
	"bytes"
	"io"
	"io/fs"
	"sync"

	"github.com/publish-books/publish/fonts"
)

// The fonts publish ships (package fonts, embedded in the program) are
// checked glyph by glyph by TestShippedFontsAreSound whenever publish is
// tested: a font file with exactly their bytes needs no check at run time,
// even in a build that has no verdict kept yet (the first build on a
// machine, a cache folder that cannot be written). Any other font, a
// shipped one changed by a single byte among them, is checked as before.

// shippedSizes maps a byte length to the shipped fonts of that length.
var shippedSizes = sync.OnceValue(func() map[int64][]string {
	out := map[int64][]string{}
	entries, err := fs.Glob(fonts.Files, "*.ttf")
	if err != nil {
		return out
	}
	for _, name := range entries {
		if info, err := fs.Stat(fonts.Files, name); err == nil {
			out[info.Size()] = append(out[info.Size()], name)
		}
	}
	return out
})

// isShippedFont reports whether data is, byte for byte, one of the fonts
// publish ships.
func isShippedFont(data []byte) bool {
	for _, name := range shippedSizes()[int64(len(data))] {
		if sameAsEmbedded(name, data) {
			return true
		}
	}
	return false
}

// sameAsEmbedded compares data with the embedded font name, a block at a
// time (the embedded file is not copied whole).
func sameAsEmbedded(name string, data []byte) bool {
	f, err := fonts.Files.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	var buf [32 << 10]byte
	for off := 0; ; {
		n, err := f.Read(buf[:])
		if n > 0 {
			if off+n > len(data) || !bytes.Equal(buf[:n], data[off:off+n]) {
				return false
			}
			off += n
		}
		if err == io.EOF {
			return off == len(data)
		}
		if err != nil {
			return false
		}
	}
}
