package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// containerItems returns publication files of real data: the sample
// book's chapters as documents, the same text in one document, the three
// fonts the EPUB embeds, a JPEG and an empty style sheet.
func containerItems(t *testing.T) []*item {
	t.Helper()
	root := repoRoot(t)
	var items []*item
	var all []byte
	chapters, err := filepath.Glob(filepath.Join(root, "book", "*.md"))
	if err != nil || len(chapters) == 0 {
		t.Fatalf("no chapter of the sample book found: %v", err)
	}
	for _, c := range chapters {
		data, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, data...)
		items = append(items, &item{href: "text/" + filepath.Base(c) + ".xhtml", mediaType: "application/xhtml+xml", data: data})
	}
	items = append(items, &item{href: "text/all.xhtml", mediaType: "application/xhtml+xml", data: all})
	for _, f := range testFonts(t) {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, &item{href: "fonts/" + filepath.Base(f.Path), mediaType: "font/ttf", data: data})
	}
	jpeg, err := os.ReadFile(filepath.Join(root, "images", "port-calais.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	items = append(items, &item{href: "images/a.jpg", mediaType: "image/jpeg", data: jpeg})
	items = append(items, &item{href: "css/empty.css", mediaType: "text/css", data: nil})
	return items
}

// TestContainerEntriesInflate writes a container and reads it back: the
// mimetype stored first, every other entry deflated (the JPEG stored) and
// giving back, through Go's archive/zip (which checks each entry's CRC-32
// and size) and through flate's reader on the raw data, exactly the bytes
// it was given; `unzip -t` finds no error. The bytes are the same without
// a cache, with the in-memory cache (empty, then full) and with the cache
// folder (empty, then full, then holding damaged streams).
func TestContainerEntriesInflate(t *testing.T) {
	items := containerItems(t)
	opf := []byte("<package/>\n")
	modTime := time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)
	write := func(cacheDir string, cache *Cache) []byte {
		var buf bytes.Buffer
		if err := writeContainer(&buf, opf, items, modTime, streamFolders{own: cacheDir}, cache); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	data := write("", nil)

	want := map[string][]byte{"mimetype": []byte("application/epub+zip"), "META-INF/container.xml": []byte(containerXML), pkgDir + "package.opf": opf}
	for _, it := range items {
		want[pkgDir+it.href] = it.data
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(want) {
		t.Errorf("%d entries, want %d", len(zr.File), len(want))
	}
	if zr.File[0].Name != "mimetype" || zr.File[0].Method != zip.Store {
		t.Errorf("first entry %q, method %d: want mimetype, stored", zr.File[0].Name, zr.File[0].Method)
	}
	var plainSize, compSize uint64
	deflated := 0
	for _, f := range zr.File {
		plain, ok := want[f.Name]
		if !ok {
			t.Errorf("unexpected entry %s", f.Name)
			continue
		}
		wantMethod := zip.Deflate
		if f.Name == "mimetype" || strings.HasSuffix(f.Name, ".jpg") {
			wantMethod = zip.Store
		}
		if f.Method != wantMethod {
			t.Errorf("%s: method %d, want %d", f.Name, f.Method, wantMethod)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		got, err := io.ReadAll(rc)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(got, plain) {
			t.Errorf("%s: %d bytes read, %d written", f.Name, len(got), len(plain))
		}
		if f.Method == zip.Deflate {
			raw, err := f.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			comp, _ := io.ReadAll(raw)
			got, err := io.ReadAll(flate.NewReader(bytes.NewReader(comp)))
			if err != nil || !bytes.Equal(got, plain) {
				t.Errorf("%s: the raw stream inflates to %d bytes (%v), %d written", f.Name, len(got), err, len(plain))
			}
			deflated++
			plainSize += uint64(len(plain))
			compSize += uint64(len(comp))
		}
	}
	if compSize*3 > plainSize*2 {
		t.Errorf("%d plain bytes deflated to %d: less than a third off", plainSize, compSize)
	}
	t.Logf("%d deflated entries: %d → %d bytes", deflated, plainSize, compSize)

	if unzip, err := exec.LookPath("unzip"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("unzip is missing and CI=true")
		}
		t.Log("SKIP unzip -t: unzip is not installed")
	} else {
		path := filepath.Join(t.TempDir(), "c.epub")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(unzip, "-t", path).CombinedOutput(); err != nil || !bytes.Contains(out, []byte("No errors detected")) {
			t.Errorf("unzip -t: %v\n%s", err, out)
		}
	}

	cache := NewCache()
	dir := t.TempDir()
	for _, step := range []struct {
		name     string
		cacheDir string
		cache    *Cache
	}{
		{"empty in-memory cache", "", cache},
		{"full in-memory cache", "", cache},
		{"empty cache folder", dir, nil},
		{"full cache folder", dir, nil},
	} {
		if got := write(step.cacheDir, step.cache); !bytes.Equal(got, data) {
			t.Errorf("%s: other bytes than without a cache", step.name)
		}
	}
	if hits, misses := cache.Stats(); hits != deflated || misses != 0 {
		t.Errorf("the full in-memory cache served %d entries and missed %d, want %d and 0", hits, misses, deflated)
	}
	cached, _ := filepath.Glob(filepath.Join(dir, "deflate-"+deflateTag+"-*"))
	if len(cached) != 3 {
		t.Fatalf("%d font streams in the cache folder, want 3", len(cached))
	}
	// A file cut short, a byte changed, a file that is not a stream,
	// another font's stream under this font's name: each is compressed
	// again, and the EPUB is the same.
	other := func(f string) string { return cached[(slices.Index(cached, f)+1)%len(cached)] }
	for _, damage := range []struct {
		name string
		bad  func(f string, b []byte) []byte
	}{
		{"cut short", func(_ string, b []byte) []byte { return b[:len(b)-1] }},
		{"a byte changed", func(_ string, b []byte) []byte { b[len(b)/2] ^= 0x20; return b }},
		{"not a deflate stream", func(string, []byte) []byte { return []byte("not a deflate stream") }},
		{"swapped", func(f string, _ []byte) []byte {
			b, err := os.ReadFile(other(f))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
	} {
		bad := map[string][]byte{}
		for _, f := range cached {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			bad[f] = damage.bad(f, b)
		}
		for f, b := range bad {
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := write(dir, nil); !bytes.Equal(got, data) {
			t.Errorf("cache folder with its streams %s: other bytes than without a cache", damage.name)
		}
		for _, f := range cached {
			if b, err := os.ReadFile(f); err != nil {
				t.Fatal(err)
			} else if _, ok := checkedStream(b, sumOfStreamFile(t, f)); !ok {
				t.Errorf("%s: the damaged stream %s was not written again", damage.name, filepath.Base(f))
			}
		}
	}

	// With a folder shared by the user's builds, the streams are kept
	// there only; a build into a new output folder reads them from there
	// and writes nothing.
	shared := t.TempDir()
	writeShared := func(own string) []byte {
		var buf bytes.Buffer
		if err := writeContainer(&buf, opf, items, modTime, streamFolders{own: own, shared: shared}, nil); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first, second := t.TempDir(), t.TempDir()
	if got := writeShared(first); !bytes.Equal(got, data) {
		t.Error("with a shared folder: other bytes than without a cache")
	}
	kept, _ := filepath.Glob(filepath.Join(shared, "deflate-"+deflateTag+"-*"))
	if own, _ := filepath.Glob(filepath.Join(first, "*")); len(kept) != 3 || len(own) != 0 {
		t.Fatalf("%d font streams in the shared folder, %d in the output folder's: want 3 and 0", len(kept), len(own))
	}
	before := make([]os.FileInfo, len(kept))
	for i, f := range kept {
		before[i], _ = os.Stat(f)
	}
	if got := writeShared(second); !bytes.Equal(got, data) {
		t.Error("streams from the shared folder: other bytes than without a cache")
	}
	for i, f := range kept {
		if after, err := os.Stat(f); err != nil || !os.SameFile(before[i], after) {
			t.Errorf("%s was written again: the shared folder was not read", filepath.Base(f))
		}
	}
	if own, _ := filepath.Glob(filepath.Join(second, "*")); len(own) != 0 {
		t.Errorf("%d files written into the new output folder's cache", len(own))
	}
	// A shared folder that cannot be written: the streams are kept in
	// the output folder's cache.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	third := t.TempDir()
	var buf bytes.Buffer
	if err := writeContainer(&buf, opf, items, modTime, streamFolders{own: third, shared: filepath.Join(blocked, "checked")}, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Error("with a shared folder that cannot be written: other bytes than without a cache")
	}
	if own, _ := filepath.Glob(filepath.Join(third, "deflate-"+deflateTag+"-*")); len(own) != 3 {
		t.Errorf("with a shared folder that cannot be written, %d font streams in the output folder's cache, want 3", len(own))
	}
	// Jobs done ahead keep the streams in the same place.
	for _, it := range items {
		if strings.HasPrefix(it.mediaType, "font/") {
			warmDeflated(it.data, sha256.Sum256(it.data), streamFolders{own: second, shared: shared})
		}
	}
	if own, _ := filepath.Glob(filepath.Join(second, "*")); len(own) != 0 {
		t.Errorf("warmDeflated wrote %d files into the output folder's cache though the shared folder has them", len(own))
	}
}

// TestDeflateTagNamesThePinnedVersion checks that the cached streams'
// names carry the version of klauspost/compress that go.mod pins: after
// an upgrade, which may deflate differently, streams an older version
// cached must not be taken for the new one's.
func TestDeflateTagNamesThePinnedVersion(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join(repoRoot(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*github\.com/klauspost/compress (v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require github.com/klauspost/compress")
	}
	if want := "klauspost-" + string(m[1]) + "-" + string(rune('0'+zipLevel)); deflateTag != want {
		t.Errorf("deflateTag = %q, want %q (go.mod's version and zipLevel)", deflateTag, want)
	}
}

// sumOfStreamFile returns the SHA-256 a kept stream's file is named by.
func sumOfStreamFile(t *testing.T, path string) [32]byte {
	t.Helper()
	var sum [32]byte
	name := filepath.Base(path)
	b, err := hex.DecodeString(name[strings.LastIndex(name, "-")+1:])
	if err != nil || len(b) != len(sum) {
		t.Fatalf("stream file name %s", name)
	}
	copy(sum[:], b)
	return sum
}
