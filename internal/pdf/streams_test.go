package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// realStreams returns the objects of a small fpdf document before finish
// (page contents and embedded fonts) followed by streams of real data:
// the sample book's chapters, one stream each, and all of them in one;
// two whole fonts; pandoc's manual and The Devil's Dictionary when their
// mirrors are on this machine; and an empty stream.
func realStreams(t *testing.T) []*pdfObject {
	t.Helper()
	raw, _, _ := rawFpdf(t)
	objs, _, _, err := splitObjects(raw)
	if err != nil {
		t.Fatal(err)
	}
	chapters, err := filepath.Glob(filepath.Join("..", "..", "book", "*.md"))
	if err != nil || len(chapters) == 0 {
		t.Fatalf("no chapter of the sample book found: %v", err)
	}
	var all []byte
	next := 10000
	add := func(data []byte) {
		body := fmt.Appendf(nil, "<</Length %d>>\nstream\n%s\nendstream\n", len(data), data)
		objs = append(objs, &pdfObject{num: next, body: body})
		next++
	}
	for _, c := range chapters {
		data, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		add(data)
		all = append(all, data...)
	}
	add(all)
	for _, f := range []string{"EBGaramond12-Regular.ttf", "LiberationMono-Regular.ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "fonts", f))
		if err != nil {
			t.Fatal(err)
		}
		add(data)
	}
	for _, m := range [][2]string{
		{"/work/.mirror/jgm+pandoc/repo", "HEAD:MANUAL.txt"},
		{"/work/.mirror/GITenberg+The-Devil-s-Dictionary_972/repo", "HEAD:972.txt"},
	} {
		if out, err := exec.Command("git", "-C", m[0], "show", m[1]).Output(); err == nil {
			add(out)
		} else {
			t.Logf("SKIP %s: no mirror here (%v)", m[1], err)
		}
	}
	add(nil)
	return objs
}

var reStreamLength = regexp.MustCompile(`/Length (\d+)`)

// TestCompressedStreamsInflate checks that every stream compressStreams
// deflates is marked /FlateDecode, has its data's length in /Length and
// inflates, with Go's own zlib reader, to the plain bytes it had; that
// the other objects are left alone; and that the bytes are those of a
// stream compressed alone by a fresh writer, and those the cache serves.
func TestCompressedStreamsInflate(t *testing.T) {
	objs := realStreams(t)
	plain := map[int][]byte{}
	before := map[int][]byte{}
	for _, ob := range objs {
		before[ob.num] = ob.body
		if _, data, ok := plainStream(ob.body); ok {
			plain[ob.num] = data
		}
	}
	if len(plain) < 8 {
		t.Fatalf("only %d plain streams to compress", len(plain))
	}
	cache := NewCache()
	if err := compressStreams(objs, cache, nil); err != nil {
		t.Fatal(err)
	}
	var plainSize, compSize int
	for _, ob := range objs {
		data, ok := plain[ob.num]
		if !ok {
			if !bytes.Equal(ob.body, before[ob.num]) {
				t.Errorf("object %d is not a plain stream but was changed", ob.num)
			}
			continue
		}
		i := bytes.Index(ob.body, []byte(">>\nstream\n"))
		if i < 0 || !bytes.HasSuffix(ob.body, []byte("\nendstream\n")) {
			t.Fatalf("object %d: not a stream after compression: %.80q", ob.num, ob.body)
		}
		dict, comp := ob.body[:i], ob.body[i+len(">>\nstream\n"):len(ob.body)-len("\nendstream\n")]
		if bytes.Count(dict, []byte("/Filter /FlateDecode")) != 1 {
			t.Errorf("object %d: dictionary %q has not one /Filter /FlateDecode", ob.num, dict)
		}
		m := reStreamLength.FindAllSubmatch(dict, -1)
		if len(m) != 1 {
			t.Fatalf("object %d: dictionary %q has %d /Length", ob.num, dict, len(m))
		}
		if n, _ := strconv.Atoi(string(m[0][1])); n != len(comp) {
			t.Errorf("object %d: /Length %d, stream data of %d bytes", ob.num, n, len(comp))
		}
		zr, err := zlib.NewReader(bytes.NewReader(comp))
		if err != nil {
			t.Fatalf("object %d: %v", ob.num, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("object %d: inflate: %v", ob.num, err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("object %d inflates to %d bytes, not its %d plain bytes", ob.num, len(got), len(data))
		}
		plainSize += len(data)
		compSize += len(comp)

		// Alone, with a fresh writer: the same bytes as after the
		// streams the worker's writer compressed before.
		alone := []*pdfObject{{num: ob.num, body: before[ob.num]}}
		if err := compressStreams(alone, nil, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(alone[0].body, ob.body) {
			t.Errorf("object %d: compressed alone, %d bytes; among the others, %d", ob.num, len(alone[0].body), len(ob.body))
		}
		// From the cache: the same bytes again.
		if body, _ := cache.compressed(before[ob.num]); !bytes.Equal(body, ob.body) {
			t.Errorf("object %d: the cache serves %d bytes, not the %d compressed", ob.num, len(body), len(ob.body))
		}
	}
	if compSize*3 > plainSize*2 {
		t.Errorf("%d plain bytes compressed to %d: less than a third off", plainSize, compSize)
	}
	t.Logf("%d streams, %d → %d bytes", len(plain), plainSize, compSize)
}
