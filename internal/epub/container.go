package epub

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/publish-books/publish/internal/cachefile"
)

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="` + pkgDir + `package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`

// writeContainer writes the OCF zip container: mimetype first and stored,
// then META-INF/container.xml, the package document and the publication's
// files in manifest order, every entry stamped with modTime (in MS-DOS
// form only, so that no extra field makes the bytes depend on anything
// else).
//
// Deflated entries are compressed here (zipLevel, klauspost/compress's
// deflate) and written raw, so that entries (kept in cache, when not nil) are not
// compressed again by a later build of the same process.
func writeContainer(w io.Writer, opf []byte, items []*item, modTime time.Time, cacheDir string, cache *Cache) error {
	cache.begin()
	z := zip.NewWriter(w)
	date, clock := dosTime(modTime)
	d := &deflater{cache: cache}
	raw := func(name string, data, comp []byte) error {
		fw, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock,
			CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(len(comp)), UncompressedSize64: uint64(len(data))})
		if err == nil {
			_, err = fw.Write(comp)
		}
		if err != nil {
			return fmt.Errorf("epub: zip %s: %w", name, err)
		}
		return nil
	}
	put := func(name string, data []byte, method uint16) error {
		if method == zip.Deflate {
			comp, err := d.deflate(data)
			if err != nil {
				return fmt.Errorf("epub: zip %s: %w", name, err)
			}
			return raw(name, data, comp)
		}
		fw, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: method, ModifiedDate: date, ModifiedTime: clock})
		if err != nil {
			return fmt.Errorf("epub: zip %s: %w", name, err)
		}
		if _, err := fw.Write(data); err != nil {
			return fmt.Errorf("epub: zip %s: %w", name, err)
		}
		return nil
	}
	if err := put("mimetype", []byte("application/epub+zip"), zip.Store); err != nil {
		return err
	}
	if err := put("META-INF/container.xml", []byte(containerXML), zip.Deflate); err != nil {
		return err
	}
	if err := put(pkgDir+"package.opf", opf, zip.Deflate); err != nil {
		return err
	}
	for _, it := range items {
		if strings.HasPrefix(it.mediaType, "font/") {
			// Fonts are the largest entries and the same from build to
			// build: their deflate streams are kept in the cache.
			comp := cache.lookup(it.data, zipLevel)
			if comp == nil {
				var err error
				if comp, err = d.deflated(it.data, cacheDir); err != nil {
					return fmt.Errorf("epub: zip %s: %w", it.href, err)
				}
				cache.keep(it.data, zipLevel, comp)
			}
			if err := raw(pkgDir+it.href, it.data, comp); err != nil {
				return err
			}
			continue
		}
		method := zip.Deflate
		if it.mediaType == "image/jpeg" || it.mediaType == "image/png" {
			method = zip.Store // already compressed
		}
		if err := put(pkgDir+it.href, it.data, method); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("epub: close zip: %w", err)
	}
	return nil
}

// dosTime converts t (in UTC) to the MS-DOS date and time of a zip entry.
// Times before 1980, which the format cannot hold, become 1980-01-01.
func dosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	clock = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return date, clock
}

// deflated returns data as a raw deflate stream at zipLevel, from
// cacheDir when an earlier build compressed the same bytes with the same
// compressor (deflateTag). The stream depends on data only, so the EPUB
// is the same with or without the cache.
func (d *deflater) deflated(data []byte, cacheDir string) ([]byte, error) {
	path := deflatedPath(cacheDir, data)
	if path != "" {
		if file, err := os.ReadFile(path); err == nil {
			if comp, ok := checkedStream(file); ok {
				return comp, nil
			}
		}
	}
	comp, err := d.compress(data)
	if err != nil {
		return nil, err
	}
	if path != "" {
		cachefile.Write(path, withChecksum(comp))
	}
	return comp, nil
}

// deflatedPath returns where cacheDir keeps data's deflate stream, or ""
// when there is no cache folder.
func deflatedPath(cacheDir string, data []byte) string {
	if cacheDir == "" {
		return ""
	}
	sum := sha256.Sum256(data)
	return filepath.Join(cacheDir, "deflate-"+deflateTag+"-crc-"+hex.EncodeToString(sum[:]))
}

// warmDeflated writes data's deflate stream into cacheDir unless it is
// there already, for deflated to read.
func warmDeflated(data []byte, cacheDir string) {
	path := deflatedPath(cacheDir, data)
	if path == "" {
		return
	}
	if _, err := os.Stat(path); err == nil {
		return
	}
	var d deflater
	if comp, err := d.compress(data); err == nil {
		cachefile.Write(path, withChecksum(comp))
	}
}

// A deflate stream kept in the cache folder ends with the CRC-32C of the
// stream (4 bytes, little-endian): a file damaged or cut short is not
// trusted, without inflating the stream to compare it with the entry's
// bytes (which took a fifteenth of a small book's build). The file's name
// is the SHA-256 of the bytes it was deflated from, and it is written
// whole or not at all (cachefile), so a sound file holds the stream of
// those bytes.

// castagnoli is the table of the cache files' CRC-32C.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// withChecksum returns comp followed by its CRC-32C.
func withChecksum(comp []byte) []byte {
	out := make([]byte, len(comp), len(comp)+4)
	copy(out, comp)
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(comp, castagnoli))
}

// checkedStream returns the stream a cache file holds, and whether its
// checksum holds.
func checkedStream(file []byte) ([]byte, bool) {
	if len(file) < 4 {
		return nil, false
	}
	comp := file[:len(file)-4]
	return comp, crc32.Checksum(comp, castagnoli) == binary.LittleEndian.Uint32(file[len(comp):])
}
