package epub

import (
	"archive/zip"
	"fmt"
	"io"
	"time"
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
func writeContainer(w io.Writer, opf []byte, items []*item, modTime time.Time) error {
	z := zip.NewWriter(w)
	date, clock := dosTime(modTime)
	put := func(name string, data []byte, method uint16) error {
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
