package build

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
)

// TestPrintFileSameBook builds the sample book again and again into
// one output folder, whose cache keeps the set paragraphs in a file,
// through a sequence of edits and with the file damaged, and compares
// each build with a cold build of the same state into a new folder: the
// same EPUB and PDF, byte for byte; the file serves the paragraphs an
// edit did not touch, and none when the hyphenation exceptions changed or
// the file is damaged (a result damaged inside a sound file is refused by
// typeset.DecodeResult, TestDamagedEncodingsAreRefused).
func TestPrintFileSameBook(t *testing.T) {
	root := incrementalBook(t)
	out := filepath.Join(root, "out")
	file := filepath.Join(out, ".cache", "print")
	opts := Options{BookDir: filepath.Join(root, "book"), LayoutDir: filepath.Join(root, "layout"), EPUB: true, PDF: true}
	damage := func(change func([]byte) []byte) func() {
		return func() {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, change(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	const (
		none = iota // nothing is read from the file
		all         // everything is, nothing set
		most        // at least four times as many read as set
	)
	steps := []struct {
		name  string
		apply func()
		read  int
	}{
		{"first build", func() {}, none},
		{"no change", func() {}, all},
		{"one word in a middle chapter", func() {
			edit(t, root, "book/02-liberation.md", "pendant plus de 15 jours", "pendant plus de 16 jours")
		}, most},
		{"print.yaml: hyphenation exceptions", func() {
			edit(t, root, "layout/print.yaml", "    - ca-lai-sienne\n", "    - ca-lai-sienne\n    - gar-ni-son\n")
		}, none},
		{"print.yaml: leading", func() {
			edit(t, root, "layout/print.yaml", "leading: 14pt", "leading: 15pt")
		}, most},
		{"the file cut short", damage(func(b []byte) []byte { return b[:len(b)*2/3] }), none},
		{"the file damaged in its second half", damage(func(b []byte) []byte {
			for i := len(b) / 2; i < len(b); i += 97 {
				b[i] ^= 0x5a
			}
			return b
		}), none},
		{"a byte of the file changed", damage(func(b []byte) []byte {
			b[len(b)*3/4] ^= 0x10
			return b
		}), none},
		{"the file from another program", damage(func(b []byte) []byte {
			// The program's stamp follows the line that names the
			// format (pdf/parafile.go).
			b[len("publish print cache 1\n")+5] ^= 1
			// The checksum at the end is made again: only the
			// program differs.
			body := b[:len(b)-4]
			return binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)))
		}), none},
	}
	for _, s := range steps {
		s.apply()
		o := opts
		o.OutDir = out
		warm, err := Run(o)
		if err != nil {
			t.Fatalf("%s: build with the file: %v\n%s", s.name, err, warm.Diagnostics.String())
		}
		o.OutDir = t.TempDir()
		cold, err := Run(o)
		if err != nil {
			t.Fatalf("%s: cold build: %v\n%s", s.name, err, cold.Diagnostics.String())
		}
		for _, ext := range []string{".pdf", ".epub"} {
			if !bytes.Equal(outputOf(t, warm, ext), outputOf(t, cold, ext)) {
				t.Errorf("%s: the %s built with the file differs from a cold build's", s.name, ext)
			}
		}
		if cold.ParagraphsRead != 0 || cold.ParagraphsSet == 0 {
			t.Errorf("%s: the cold build read %d paragraphs and set %d", s.name, cold.ParagraphsRead, cold.ParagraphsSet)
		}
		r, n := warm.ParagraphsRead, warm.ParagraphsSet
		sr, sn := warm.StreamsRead, warm.StreamsDeflated
		t.Logf("%s: %d paragraphs read from the file, %d set; %d streams read, %d deflated", s.name, r, n, sr, sn)
		switch {
		case s.read == none && r != 0,
			s.read == all && (r == 0 || n != 0),
			s.read == most && (r == 0 || r < 4*n):
			t.Errorf("%s: %d paragraphs read from the file and %d set", s.name, r, n)
		}
		switch {
		case s.read == none && sr != 0,
			s.read == all && (sr == 0 || sn != 0),
			s.read == most && sr == 0:
			t.Errorf("%s: %d streams read from the file and %d deflated", s.name, sr, sn)
		}
	}
}

// TestPrintFileKeptByFailedAndEPUBBuilds checks that a build with
// errors leaves the print cache as it was (it writes nothing into the
// output folder), and that an EPUB-only build keeps the streams of the
// PDF builds: the next PDF build reads them.
func TestPrintFileKeptByFailedAndEPUBBuilds(t *testing.T) {
	root := incrementalBook(t)
	out := filepath.Join(root, "out")
	file := filepath.Join(out, ".cache", "print")
	opts := Options{BookDir: filepath.Join(root, "book"), LayoutDir: filepath.Join(root, "layout"), OutDir: out, EPUB: true, PDF: true}
	if res, err := Run(opts); err != nil {
		t.Fatalf("first build: %v\n%s", err, res.Diagnostics.String())
	}
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// An edit that sets a paragraph anew, and an error elsewhere.
	edit(t, root, "book/02-liberation.md", "pendant plus de 15 jours", "pendant plus de 16 jours")
	edit(t, root, "book/03-ports.md", "![CALAIS]", "![CALAIS](missing-image.png)\n\n![CALAIS]")
	if _, err := Run(opts); err == nil {
		t.Fatal("the build with a missing image succeeded")
	}
	if after, err := os.ReadFile(file); err != nil || !bytes.Equal(after, before) {
		t.Errorf("a build with errors changed the print cache (%v)", err)
	}
	edit(t, root, "book/03-ports.md", "![CALAIS](missing-image.png)\n\n", "")
	epubOnly := opts
	epubOnly.PDF = false
	if res, err := Run(epubOnly); err != nil {
		t.Fatalf("EPUB-only build: %v\n%s", err, res.Diagnostics.String())
	}
	res, err := Run(opts)
	if err != nil {
		t.Fatalf("PDF build: %v\n%s", err, res.Diagnostics.String())
	}
	if res.StreamsRead == 0 || res.StreamsRead < 4*res.StreamsDeflated {
		t.Errorf("after an EPUB-only build, the PDF build read %d streams and deflated %d", res.StreamsRead, res.StreamsDeflated)
	}
}
