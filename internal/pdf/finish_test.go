package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// rawFpdf writes a small document with fpdf as Layout's Write does
// (custom page size, catalog sort, no compression, embedded fonts, a
// bookmark with a child, a link), before finish.
func rawFpdf(t *testing.T) ([]byte, *fontSet, *layout.Print) {
	t.Helper()
	lay := sampleLayout(t, nil)
	m := lay.Bleed + lay.MarkSpace()
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", OrientationStr: "P", Size: fpdf.SizeType{Wd: lay.TrimWidth + 2*m, Ht: lay.TrimHeight + 2*m}})
	f.SetCatalogSort(true)
	f.SetCompression(false)
	f.SetAutoPageBreak(false, 0)
	f.SetCreationDate(time.Unix(0, 0).UTC())
	f.SetModificationDate(time.Unix(0, 0).UTC())
	f.SetTitle("Structure", true)
	f.SetLang("en")
	fonts, err := loadFonts(f, lay)
	if err != nil {
		t.Fatal(err)
	}
	for i, style := range []string{"", "I"} {
		f.AddPage()
		fonts.use(f, style)
		f.SetFont("serif", style, 11)
		f.Bookmark("Chapter", i, 50)
		f.Text(60, 100, "Harbour and forts")
		f.LinkString(60, 90, 50, 12, "https://example.org/")
	}
	if f.Err() {
		t.Fatal(f.Error())
	}
	var raw bytes.Buffer
	if err := output(f, &raw); err != nil {
		t.Fatal(err)
	}
	return raw.Bytes(), fonts, lay
}

// TestFpdfOutputStructure checks the bytes of fpdf's output that finish
// edits, so that an fpdf upgrade that changes them fails here, by name,
// rather than in a printer's preflight: page objects with one
// "/Parent 1 0 R" line, one catalog, font descriptors named utf8serif
// with a /FontFile2, a parent bookmark with "/Count 0>>", the trailer's
// /Root and /Info, startxref.
func TestFpdfOutputStructure(t *testing.T) {
	raw, fonts, lay := rawFpdf(t)
	objs, root, info, err := splitObjects(raw)
	if err != nil {
		t.Fatalf("fpdf's output: %v", err)
	}
	if root == 0 || info == 0 {
		t.Errorf("trailer: /Root %d, /Info %d", root, info)
	}
	pages, catalogs, descriptors, parents := 0, 0, 0, 0
	for _, ob := range objs {
		b := ob.body
		switch {
		case bytes.HasPrefix(b, []byte("<</Type /Page\n")):
			pages++
			if n := bytes.Count(b, []byte("/Parent 1 0 R\n")); n != 1 {
				t.Errorf("page object %d: %d \"/Parent 1 0 R\" lines\n%s", ob.num, n, b)
			}
		case bytes.Contains(b, []byte("/Type /Catalog\n")):
			catalogs++
			if !reEmptyNames.Match(b) {
				t.Errorf("the catalog has no empty /EmbeddedFiles tree in the form finish removes:\n%s", b)
			}
		case bytes.HasPrefix(b, []byte("<</Type /FontDescriptor")):
			descriptors++
			if reFontName.Find(b) == nil || reFontFile.Find(b) == nil {
				t.Errorf("font descriptor %d lacks /FontName /utf8serif… or /FontFile2:\n%s", ob.num, dictPart(b))
			}
		case bytes.HasPrefix(b, []byte("<</Title ")) && bytes.Contains(b, []byte("\n/First ")):
			parents++
			if !bytes.Contains(b, []byte("/Count 0>>")) {
				t.Errorf("parent bookmark %d has no \"/Count 0>>\":\n%s", ob.num, b)
			}
		}
	}
	if pages != 2 || catalogs != 1 || descriptors != 2 || parents != 1 {
		t.Errorf("%d pages, %d catalogs, %d font descriptors, %d parent bookmarks; want 2, 1, 2, 1", pages, catalogs, descriptors, parents)
	}
	fin, err := finish(raw, finishOptions{pages: 2, lay: lay, meta: &model.Metadata{Title: "Structure", Language: "en"}, modTime: time.Unix(0, 0).UTC(), fonts: fonts})
	if err != nil {
		t.Fatalf("finish: %v", err)
	}
	for _, want := range []string{"/TrimBox [", "/BleedBox [", "/OutputIntents [", "/Metadata ", "/Count -1>>"} {
		if !bytes.Contains(fin.data, []byte(want)) {
			t.Errorf("the finished file lacks %q", want)
		}
	}
	if bytes.Contains(fin.data, []byte("/utf8")) || bytes.Contains(fin.data, []byte("/EmbeddedFiles")) {
		t.Error("the finished file keeps fpdf's font names or its empty attachment tree")
	}
}

// TestFinishFailsOnUnknownBytes is the issue's "a replacement that
// matches nothing goes unnoticed": each edit of fpdf's bytes that finds
// nothing (or too much) to change is an error naming it. The changes keep
// the byte length, so that the xref table stays right.
func TestFinishFailsOnUnknownBytes(t *testing.T) {
	raw, fonts, lay := rawFpdf(t)
	opts := finishOptions{pages: 2, lay: lay, meta: &model.Metadata{Title: "Structure", Language: "en"}, modTime: time.Unix(0, 0).UTC(), fonts: fonts}
	for _, tc := range []struct{ old, new, want string }{
		{"/Parent 1 0 R\n", "/Parent  1 0 R", "page object"},
		{"/Type /Catalog\n", "/Type  /Catalog", "the catalog"},
		{"/Count 0>>", "/Count 0 >", "bookmark object"},
		{"/FontName /utf8serif", "/FontName /Utf8serif", "font descriptor"},
		{"/EmbeddedFiles << /Names [", "/EmbeddedFiles <<  /Names[", "/EmbeddedFiles"},
	} {
		if !bytes.Contains(raw, []byte(tc.old)) {
			t.Errorf("fpdf's output has no %q to change", tc.old)
			continue
		}
		changed := bytes.ReplaceAll(raw, []byte(tc.old), []byte(tc.new))
		_, err := finish(changed, opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q changed to %q: finish err = %v, want an error about %s", tc.old, tc.new, err, tc.want)
		}
	}
}

// TestOutputBytesKeepsOneWrite checks outputBytes: the one write is
// kept as given, and a second is refused, as the first buffer may have
// been reused by then.
func TestOutputBytesKeepsOneWrite(t *testing.T) {
	var o outputBytes
	first := []byte("%PDF-1.4\n")
	if n, err := o.Write(first); n != len(first) || err != nil {
		t.Fatalf("first write: %d, %v", n, err)
	}
	if &o.data[0] != &first[0] || string(o.data) != "%PDF-1.4\n" {
		t.Fatalf("the first write was not kept as given: %q", o.data)
	}
	if n, err := o.Write([]byte("1 0 obj\n")); n != 0 || err == nil {
		t.Fatalf("second write: %d, %v; want 0 and an error", n, err)
	}
	if string(o.data) != "%PDF-1.4\n" {
		t.Fatalf("the refused write changed the output: %q", o.data)
	}
}

// TestDocumentID checks the /ID drawn from the file's body: the same body
// gives the same 32 hexadecimal digits, and a change of one byte in
// either half, or of the length, gives another.
func TestDocumentID(t *testing.T) {
	body := make([]byte, 100001)
	for i := range body {
		body[i] = byte(i * 7)
	}
	id := documentID(body)
	if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
		t.Fatalf("documentID = %q, want 32 lower-case hexadecimal digits", id)
	}
	if again := documentID(append([]byte(nil), body...)); again != id {
		t.Errorf("the same body gave %q, then %q", id, again)
	}
	seen := map[string]int{id: -1}
	for _, at := range []int{0, 50000, 50001, 100000} {
		changed := append([]byte(nil), body...)
		changed[at]++
		got := documentID(changed)
		if prev, dup := seen[got]; dup {
			t.Errorf("a byte changed at %d gives the ID of %d: %q", at, prev, got)
		}
		seen[got] = at
	}
	if got := documentID(body[:len(body)-1]); got == id {
		t.Error("a body one byte shorter gives the same ID")
	}
	if got := documentID(nil); len(got) != 32 {
		t.Errorf("documentID(nil) = %q", got)
	}
}
