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
func writeContainer(w io.Writer, opf []byte, items []*item, modTime time.Time, folders streamFolders, cache *Cache) error {
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
				sum := it.sum
				if sum == nil {
					s := sha256.Sum256(it.data)
					sum = &s
				}
				if comp, err = d.deflated(it.data, *sum, folders); err != nil {
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

// streamFolders are the folders where what the EPUB prepares is kept:
// the output folder's cache (the generated cover; the fonts' deflate
// streams when there is no shared folder), and the one all the user's
// builds share (Options.SharedCacheDir: the fonts' streams); either may
// be "".
type streamFolders struct {
	own, shared string
}

// streamFoldersOf returns the folders where opts keep the fonts' streams.
func streamFoldersOf(opts Options) streamFolders {
	return streamFolders{own: opts.CacheDir, shared: opts.SharedCacheDir}
}

// kept returns the stream kept for the bytes of SHA-256 sum in one of the
// folders, nil when there is none (or none sound).
func (f streamFolders) kept(sum [32]byte) []byte {
	name := streamName(sum)
	for _, dir := range [...]string{f.own, f.shared} {
		if dir == "" {
			continue
		}
		if file, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			if comp, ok := checkedStream(file, sum); ok {
				return comp
			}
		}
	}
	return nil
}

// keep writes comp, the stream of the bytes of SHA-256 sum, into the
// shared folder, where it serves the user's other books and output
// folders; into the output folder's cache when there is no shared folder
// or it cannot be written (a read-only home).
func (f streamFolders) keep(sum [32]byte, comp []byte) {
	name, file := streamName(sum), withChecksum(sum, comp)
	if f.shared != "" && cachefile.Write(filepath.Join(f.shared, name), file) {
		return
	}
	if f.own != "" {
		cachefile.Write(filepath.Join(f.own, name), file)
	}
}

// deflated returns data, whose SHA-256 is sum, as a raw deflate stream at
// zipLevel, from the folders when an earlier build compressed the same
// bytes with the same compressor (deflateTag). The stream depends on data
// only, so the EPUB is the same with or without them.
func (d *deflater) deflated(data []byte, sum [32]byte, folders streamFolders) ([]byte, error) {
	if comp := folders.kept(sum); comp != nil {
		return comp, nil
	}
	comp, err := d.compress(data)
	if err != nil {
		return nil, err
	}
	folders.keep(sum, comp)
	return comp, nil
}

// streamName is the name of the file that keeps the deflate stream of the
// bytes of SHA-256 sum.
func streamName(sum [32]byte) string {
	return "deflate-" + deflateTag + "-crc2-" + hex.EncodeToString(sum[:])
}

// warmDeflated keeps data's deflate stream in the folders unless it is
// there already, for deflated to read; sum is the SHA-256 of data.
func warmDeflated(data []byte, sum [32]byte, folders streamFolders) {
	if folders.own == "" && folders.shared == "" {
		return
	}
	var d deflater
	d.deflated(data, sum, folders)
}

// A deflate stream kept in a cache folder ends with the CRC-32C of the
// SHA-256 of the bytes it was deflated from (which also names the file)
// followed by the stream (4 bytes, little-endian): a file damaged or cut
// short, or another stream's file under this name, is not trusted,
// without inflating the stream to compare it with the entry's bytes
// (which took a fifteenth of a small book's build). It is written whole
// or not at all (cachefile), so a sound file holds the stream of those
// bytes.

// castagnoli is the table of the cache files' CRC-32C.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// withChecksum returns comp, the stream of the bytes of SHA-256 sum,
// followed by its checksum.
func withChecksum(sum [32]byte, comp []byte) []byte {
	out := make([]byte, len(comp), len(comp)+4)
	copy(out, comp)
	return binary.LittleEndian.AppendUint32(out, streamChecksum(sum, comp))
}

// streamChecksum is the CRC-32C of sum followed by comp.
func streamChecksum(sum [32]byte, comp []byte) uint32 {
	return crc32.Update(crc32.Checksum(sum[:], castagnoli), castagnoli, comp)
}

// checkedStream returns the stream a cache file holds, and whether its
// checksum holds for the bytes of SHA-256 sum.
func checkedStream(file []byte, sum [32]byte) ([]byte, bool) {
	if len(file) < 4 {
		return nil, false
	}
	comp := file[:len(file)-4]
	return comp, streamChecksum(sum, comp) == binary.LittleEndian.Uint32(file[len(comp):])
}
