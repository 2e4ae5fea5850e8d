package manuscript

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/image/tiff"
)

// hostileYAML is a book.yaml naming one chapter, ch.md.
const hostileYAML = "title: T\nlanguage: fr\nchapters:\n  - ch.md\n"

// readHostile writes files (paths relative to the project folder, the book
// being in book/) into a temporary project, reads the book from there and
// returns every diagnostic, one per line.
func readHostile(t *testing.T, files map[string][]byte, opts Options) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if string(content) == "fifo:" {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			continue
		}
		if string(content) == "dir:" {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if strings.HasPrefix(string(content), "symlink:") {
			if err := os.Symlink(strings.TrimPrefix(string(content), "symlink:"), p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	opts.BookDir = "book"
	_, ds := Read(opts)
	return strings.TrimSpace(ds.String())
}

func encode(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "tiff":
		err = tiff.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBomb returns a PNG whose header claims w×h pixels, followed by a few
// bytes of compressed data: decoding it would allocate w×h bytes.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit gray
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1})
	chunk("IEND", nil)
	return b.Bytes()
}

// TestHostileInputs gives the reader files that authors, archives and
// attackers produce; each must give exactly the diagnostics listed, never
// a panic or a hang.
func TestHostileInputs(t *testing.T) {
	_ = color.Gray{}
	png16 := encode(t, "png", 16, 16)
	jpg16 := encode(t, "jpeg", 16, 16)
	tif16 := encode(t, "tiff", 16, 16)
	fig := func(img string) []byte {
		return []byte("# T\n\n![Cap](" + img + "){alt=\"a\" credit=\"b\"}\n")
	}
	type files = map[string][]byte
	tests := []struct {
		name  string
		files files
		opts  Options
		want  string
	}{
		// Text encodings.
		{"invalid UTF-8", files{"book/ch.md": []byte("# T\n\nLa ville \xe9tait détruite.\n")}, Options{},
			`book/ch.md:3:10: error: invalid UTF-8 (byte 0xE9): save the file as UTF-8`},
		{"Latin-1 file", files{"book/ch.md": []byte("# Libération\n\nÀ Boulogne, l'été 1944.\n")}, Options{}, ``},
		{"NUL byte", files{"book/ch.md": []byte("# T\n\nab\x00cd\n")}, Options{},
			`book/ch.md:3:3: error: NUL byte in text: the file looks binary or corrupted`},
		{"binary file as chapter", files{"book/ch.md": png16}, Options{},
			"book/ch.md:1:1: error: invalid UTF-8 (byte 0x89): save the file as UTF-8\nbook/ch.md:3:1: error: NUL byte in text: the file looks binary or corrupted\nbook/ch.md:2:1: warning: invisible control character U+001A replaced by a space (pasted from a word processor?)\nbook/ch.md:1:1: warning: chapter has no title (a # heading): it is left out of the contents"},
		{"control characters", files{"book/ch.md": []byte("# T\n\nPage\x0cbreak\x0bhere\uFFFF\n")}, Options{},
			`book/ch.md:3:5: warning: invisible control character U+000C replaced by a space (pasted from a word processor?)`},
		{"BOM and CRLF", files{"book/ch.md": []byte("\xef\xbb\xbf# T\r\n\r\nText [x](#nope)\r\n")}, Options{},
			`book/ch.md:3:6: warning: link "#nope" points to id "nope", which no heading, figure or element of the book has: its text is kept without the link`},
		{"BOM in book.yaml", files{"book/book.yaml": []byte("\xef\xbb\xbf" + hostileYAML), "book/ch.md": []byte("# T\n")}, Options{}, ``},
		{"CR line ends", files{"book/ch.md": []byte("# T\r\rab\x00\r")}, Options{},
			`book/ch.md:3:3: error: NUL byte in text: the file looks binary or corrupted`},
		// goldmark v1.8.2 panicked on a fence character after a tab in a
		// list item's continuation at the end of a file (FuzzChapter); the
		// guard in parseMarkdown made it an error at 1:1.
		{"tab before a backtick in a list item", files{"book/ch.md": []byte("# T\n\n* \n  \t`")}, Options{}, ``},
		// A note that calls a note: the defined one after it, the one
		// before it (FuzzChapter: a nil chapter was dereferenced), itself.
		{"note calls a later note", files{"book/ch.md": []byte("# T\n\nText[^1].\n\n[^1]: See[^2].\n[^2]: Other.\n")}, Options{},
			"book/ch.md:5:10: warning: a footnote cannot call another footnote: this call is left out (put the text in the note itself)\nbook/ch.md:6:1: warning: footnote [^2] is never referenced"},
		{"notes call each other", files{"book/ch.md": []byte("# T\n\n[^a]:\n[^0]:0[^a][^0]")}, Options{},
			"book/ch.md:3:1: warning: footnote [^a] is empty\nbook/ch.md:4:7: warning: a footnote cannot call another footnote: this call is left out (put the text in the note itself)\nbook/ch.md:4:11: warning: a footnote cannot call another footnote: this call is left out (put the text in the note itself)\nbook/ch.md:3:1: warning: footnote [^a] is never referenced\nbook/ch.md:4:1: warning: footnote [^0] is never referenced"},

		// Nesting.
		{"10000 nested block quotes", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat(">", 10000) + " deep\n\nafter\n")}, Options{},
			`book/ch.md:3:1: error: 10000 block quotes or lists nested in one another (at most 200): the rest of the chapter is not read`},
		{"10000 nested lists", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat("- ", 10000) + "deep\n")}, Options{},
			`book/ch.md:3:1: error: 10000 block quotes or lists nested in one another (at most 200): the rest of the chapter is not read`},
		{"1000 indented list levels", files{"book/ch.md": func() []byte {
			var b strings.Builder
			b.WriteString("# T\n\n")
			for i := 0; i < 1000; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return []byte(b.String())
		}()}, Options{},
			`book/ch.md:203:1: error: line indented by 402 columns (at most 400): the rest of the chapter is not read`},
		{"190 nested quotes and lists", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat("> - ", 95) + "deep\n")}, Options{}, ``},
		{"a million nested emphases", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat("*", 1000000) + "x" + strings.Repeat("*", 1000000) + "\n")}, Options{},
			`book/ch.md:3:1: warning: emphasis, links or spans nested more than 100 levels deep: the deeper formatting is left out, its text kept`},
		{"nested images", files{"book/ch.md": []byte("# T\n\nText " + strings.Repeat("![", 100000) + "x" + strings.Repeat("](a.png)", 100000) + "\n")}, Options{},
			"book/ch.md:3:6: warning: an image inside running text is not a figure (a figure is an image alone in its paragraph, with a blank line before and after it): only its caption text is kept\n" +
				"book/ch.md:3:204: warning: emphasis, links or spans nested more than 100 levels deep: the deeper formatting is left out, its text kept"},
		{"nested strikethrough and links", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat("~~[_", 30000) + "x" + strings.Repeat("_](#ch)~~", 30000) + "\n")}, Options{},
			// Past 2000 brackets, the rest is kept as written.
			`book/ch.md:3:8003: warning: more than 2000 brackets in one paragraph: the brackets from here on are kept as written, not read as links, citations, notes or spans`},
		{"deep inline HTML", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat("<span>", 150) + "x" + strings.Repeat("</span>", 150) + "\n")}, Options{},
			`book/ch.md:3:601: warning: raw HTML nested more than 100 elements deep: the deeper tags are left out`},
		{"deep block HTML", files{"book/ch.md": []byte("# T\n\n<div>\n" + strings.Repeat("<div>", 700) + "\n</div>\n")}, Options{},
			`book/ch.md:3:1: warning: raw HTML left out: html: open stack of elements exceeds 512 nodes`},
		{"a line of brackets", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat("[", 200000) + "x" + strings.Repeat("](u)", 1000) + "\n")}, Options{},
			// Past 2000 brackets, the rest is kept as written.
			`book/ch.md:3:2001: warning: more than 2000 brackets in one paragraph: the brackets from here on are kept as written, not read as links, citations, notes or spans`},

		// Sizes.
		{"file over the size limit", files{"book/ch.md": []byte("# T\n\n" + strings.Repeat("x", 3000) + "\n")}, Options{MaxFileSize: 2000},
			`book/book.yaml:4:5: error: chapter file "ch.md": file is 3006 bytes, more than the limit of 2000 bytes`},

		{"chapter is a named pipe", files{"book/ch.md": []byte("fifo:")}, Options{},
			`book/book.yaml:4:5: error: chapter file "ch.md": is not a regular file (a pipe or a device?)`},
		{"chapter is a folder", files{"book/ch.md": []byte("dir:")}, Options{},
			`book/book.yaml:4:5: error: chapter file "ch.md": is a folder, not a file`},
		{"book.yaml over the size limit", files{"book/ch.md": []byte("# T\n")}, Options{MaxFileSize: 10},
			`book/book.yaml: error: cannot read book.yaml: file is 42 bytes, more than the limit of 10 bytes`},

		// Images.
		{"image is a named pipe", files{"book/ch.md": fig("a.png"), "book/a.png": []byte("fifo:")}, Options{},
			`book/ch.md:3:1: error: image "a.png" is not a regular file (a pipe or a device?)`},
		{"truncated PNG", files{"book/ch.md": fig("a.png"), "book/a.png": png16[:20]}, Options{},
			`book/ch.md:3:1: error: image "a.png" unreadable image: unexpected EOF`},
		{"corrupt PNG", files{"book/ch.md": fig("a.png"), "book/a.png": append(append([]byte{}, png16[:16]...), bytes.Repeat([]byte{0xff}, 40)...)}, Options{},
			`book/ch.md:3:1: error: image "a.png" unreadable image: png: unsupported feature: compression method`},
		{"truncated JPEG", files{"book/ch.md": fig("a.jpg"), "book/a.jpg": jpg16[:30]}, Options{},
			`book/ch.md:3:1: error: image "a.jpg" unreadable image: unexpected EOF`},
		{"corrupt JPEG", files{"book/ch.md": fig("a.jpg"), "book/a.jpg": append([]byte{0xff, 0xd8}, bytes.Repeat([]byte{0x42}, 100)...)}, Options{},
			`book/ch.md:3:1: error: image "a.jpg" unreadable image: unexpected EOF`},
		{"truncated TIFF", files{"book/ch.md": fig("a.tif"), "book/a.tif": tif16[:12]}, Options{},
			`book/ch.md:3:1: error: image "a.tif" unreadable image: unexpected EOF`},
		{"empty image", files{"book/ch.md": fig("a.jpg"), "book/a.jpg": nil}, Options{},
			`book/ch.md:3:1: error: image "a.jpg" not an image publish can read (JPEG, PNG, TIFF, GIF or WebP)`},
		{"decompression bomb", files{"book/ch.md": fig("a.png"), "book/a.png": pngBomb(100000, 100000)}, Options{},
			`book/ch.md:3:1: error: image "a.png" image is 100000×100000 pixels, more than the limit of 200000000 pixels (a decompression bomb, or a scan to reduce first)`},
		{"configurable pixel limit", files{"book/ch.md": fig("a.png"), "book/a.png": pngBomb(20, 20)}, Options{MaxImagePixels: 100},
			`book/ch.md:3:1: error: image "a.png" image is 20×20 pixels, more than the limit of 100 pixels (a decompression bomb, or a scan to reduce first)`},
		{"good images", files{"book/ch.md": []byte("# T\n\n![A](a.png){alt=a credit=b}\n\n![B](b.jpg){alt=a credit=b}\n\n![C](c.tif){alt=a credit=b}\n"),
			"book/a.png": png16, "book/b.jpg": jpg16, "book/c.tif": tif16}, Options{}, ``},

		// Containment.
		{"chapter above the project", files{"book/book.yaml": []byte("title: T\nlanguage: fr\nchapters:\n  - ../../../etc/passwd\n")}, Options{},
			`book/book.yaml:4:5: error: "../../../etc/passwd" leads outside the project folder ROOT`},
		{"absolute chapter", files{"book/book.yaml": []byte("title: T\nlanguage: fr\nchapters:\n  - /etc/passwd\n")}, Options{},
			`book/book.yaml:4:5: error: "/etc/passwd" is an absolute path: write it relative to the file that names it`},
		{"symlinked chapter leading out", files{"book/ch.md": []byte("symlink:/etc/hostname")}, Options{},
			`book/book.yaml:4:5: error: "ch.md" is a symbolic link that leads outside the project folder`},
		{"symlinked folder leading out", files{"book/book.yaml": []byte("title: T\nlanguage: fr\nchapters:\n  - sub/hostname\n"), "book/sub": []byte("symlink:/etc")}, Options{},
			`book/book.yaml:4:5: error: "sub/hostname" is a symbolic link that leads outside the project folder`},
		{"symlink inside is fine", files{"book/ch.md": []byte("symlink:real.md"), "book/real.md": []byte("# T\n")}, Options{}, ``},
		{"image outside", files{"book/ch.md": fig("../../secret.png")}, Options{},
			`book/ch.md:3:1: error: "../../secret.png" leads outside the project folder ROOT`},
		{"remote image", files{"book/ch.md": fig("http://example.org/a.png")}, Options{},
			`book/ch.md:3:1: error: "http://example.org/a.png" is a remote address: publish never fetches files from the network; download it into the book folder`},
		{"file URL image", files{"book/ch.md": fig("file:///etc/passwd")}, Options{},
			`book/ch.md:3:1: error: "file:///etc/passwd" is not a file path`},
		{"remote cover", files{"book/book.yaml": []byte("title: T\nlanguage: fr\ncover: https://example.org/c.jpg\nchapters:\n  - ch.md\n"), "book/ch.md": []byte("# T\n")}, Options{},
			`book/book.yaml:3:8: error: "https://example.org/c.jpg" is a remote address: publish never fetches files from the network; download it into the book folder`},
		{"sources outside", files{"book/book.yaml": []byte("title: T\nlanguage: fr\nsources: ../../s.json\nchapters:\n  - ch.md\n"), "book/ch.md": []byte("# T\n")}, Options{},
			`book/book.yaml:3:10: error: "../../s.json" leads outside the project folder ROOT`},

		// YAML.
		{"alias", files{"book/book.yaml": []byte("title: &t T\nsubtitle: *t\nlanguage: fr\nchapters: [ch.md]\n"), "book/ch.md": []byte("# T\n")}, Options{},
			`book/book.yaml:2:11: error: YAML aliases (*name) are not supported here: write the value out`},
		{"billion laughs", files{"book/book.yaml": []byte(laughs(9) + "title: T\nlanguage: fr\nchapters: [ch.md]\n"), "book/ch.md": []byte("# T\n")}, Options{},
			"book/book.yaml:2:10: error: YAML aliases (*name) are not supported here: write the value out\n" + func() string {
				var b strings.Builder
				for i := 0; i <= 9; i++ {
					b.WriteString(fmt.Sprintf("book/book.yaml:%d:1: error: unknown key \"a%d\" in book.yaml\n", i+1, i))
				}
				return strings.TrimSpace(b.String())
			}()},
		{"merge key", files{"book/book.yaml": []byte("base: &b {title: T}\n<<: *b\nlanguage: fr\nchapters: [ch.md]\n"), "book/ch.md": []byte("# T\n")}, Options{},
			"book/book.yaml:2:1: error: YAML merge keys (<<) are not supported here\n" +
				`book/book.yaml:1:1: error: unknown key "base" in book.yaml (did you mean "date"?)` + "\n" +
				`book/book.yaml:1:1: error: missing required key "title" in book.yaml`},
		{"duplicate key", files{"book/book.yaml": []byte("title: T\nlanguage: fr\ntitle: U\nchapters: [ch.md]\n"), "book/ch.md": []byte("# T\n")}, Options{},
			`book/book.yaml:3:1: error: YAML syntax: mapping key "title" already defined at [1:1]`},
		{"NUL in book.yaml", files{"book/book.yaml": []byte("title: T\x00\nlanguage: fr\nchapters: [ch.md]\n"), "book/ch.md": []byte("# T\n")}, Options{},
			`book/book.yaml:1:9: error: control character U+0000: YAML allows only printable text (the file looks binary or corrupted)`},
		{"duplicate key in sources", files{"book/book.yaml": []byte("title: T\nlanguage: fr\nsources: s.yaml\nchapters: [ch.md]\n"), "book/ch.md": []byte("# T\n"),
			"book/s.yaml": []byte("- id: a\n  type: book\n  title: A\n  title: B\n")}, Options{},
			`book/s.yaml:4:3: error: YAML syntax: mapping key "title" already defined at [3:3]`},

		// Raw HTML and links.
		{"script in a block", files{"book/ch.md": []byte("# T\n\n<div>\n  <script>alert(1)</script>\n</div>\n")}, Options{},
			`book/ch.md:4:3: warning: <script> left out: scripts are not allowed in a book`},
		{"script inline", files{"book/ch.md": []byte("# T\n\nText <script>alert(1)</script> end.\n")}, Options{},
			`book/ch.md:3:6: warning: <script> left out with its content: scripts are not allowed in a book`},
		{"event attribute inline", files{"book/ch.md": []byte("# T\n\nText <span onmouseover=\"x()\" lang=\"en\">a</span>.\n")}, Options{},
			`book/ch.md:3:6: warning: event attribute onmouseover on <span> left out: scripts are not allowed in a book`},
		// An automatic id never takes an id the author wrote: the note
		// gets another (see TestIDRegister), and nothing is reported.
		{"id taken by a note", files{"book/ch.md": []byte("# T\n\nA[^1].\n\n## S {#note-ch-1}\n\n[^1]: N.\n")}, Options{}, ``},
		{"bad explicit ids", files{"book/ch.md": []byte("# T {#}\n\n## A {#1944}\n\n## B {#a:b}\n\n![C](i.png){#9 alt=a credit=b}\n"), "book/i.png": pngBomb(2, 2)}, Options{},
			"book/ch.md:1:1: error: empty id: write {#name} with a name after #\n" +
				"book/ch.md:3:1: error: id \"1944\" is not a valid identifier: start with a letter, then letters, digits, '-', '_' or '.'\n" +
				"book/ch.md:5:1: error: id \"a:b\" is not a valid identifier: start with a letter, then letters, digits, '-', '_' or '.'\n" +
				"book/ch.md:7:1: error: id \"9\" is not a valid identifier: start with a letter, then letters, digits, '-', '_' or '.'"},
		{"link in a link", files{"book/ch.md": []byte("# T\n\n[a <a href=\"https://x.fr\">b</a>](#ch) <a href=\"https://y.fr\">c <a href=\"https://z.fr\">d</a></a>\n")}, Options{},
			"book/ch.md:3:4: warning: <a> inside a link: its tags are left out, its text kept\nbook/ch.md:3:64: warning: <a> inside a link: its tags are left out, its text kept"},
		{"javascript link", files{"book/ch.md": []byte("# T\n\n[clic](javascript:alert(1))\n")}, Options{},
			`book/ch.md:3:1: warning: link "javascript:alert(1)" uses the javascript: scheme, which a book does not follow (only http, https, mailto, tel and ftp): its text is kept without the link`},
		{"root path link", files{"book/ch.md": []byte("# T\n\n[a](/etc/passwd)\n")}, Options{},
			`book/ch.md:3:1: warning: link "/etc/passwd" is a root or absolute path, which means nothing in a book: write the chapter file relative to this one (for example 02-chapitre.md#id): its text is kept without the link`},
		{"link out of the project", files{"book/ch.md": []byte("# T\n\n[a](../../x.md)\n")}, Options{},
			`book/ch.md:3:1: warning: link "../../x.md" cannot be followed: "../../x.md" leads outside the project folder ROOT: its text is kept without the link`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := tc.files
			if _, ok := files["book/book.yaml"]; !ok {
				files["book/book.yaml"] = []byte(hostileYAML)
			}
			start := time.Now()
			got := readHostile(t, files, tc.opts)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("reading took %v", d)
			}
			root, _ := os.Getwd()
			want := strings.ReplaceAll(tc.want, "ROOT", root)
			if got != want {
				t.Errorf("diagnostics:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// laughs returns YAML defining an alias chain that would expand to 10^n
// values if aliases were followed.
func laughs(n int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 lol\n")
	for i := 1; i <= n; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// TestLargeParagraph reads a chapter holding one paragraph of 50 MB, in
// lines (each a text node to join) and in one line: it must take seconds,
// not minutes, as the time grows linearly.
func TestLargeParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB paragraph: skipped with -short")
	}
	line := "Les Allemands avaient détruit le port de Boulogne [voir](#x) <span lang=\"de\">Hafen</span>,\n"
	for _, tc := range []struct {
		name string
		text string
	}{
		{"many lines", strings.Repeat(line, 50<<20/len(line))},
		{"one line", strings.Repeat(strings.TrimSuffix(line, "\n")+" ", 50<<20/len(line))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got := readHostile(t, map[string][]byte{"book/book.yaml": []byte(hostileYAML),
				"book/ch.md": []byte("# T {#x}\n\n" + tc.text + "\n")}, Options{})
			d := time.Since(start)
			t.Logf("%d MB read in %v", len(tc.text)>>20, d)
			if got != "" {
				t.Errorf("diagnostics: %s", got)
			}
		})
	}
}

// TestResolveInside checks the containment rule on each kind of path.
func TestResolveInside(t *testing.T) {
	root := t.TempDir()
	book := filepath.Join(root, "book")
	for _, d := range []string{"book/sub", "images"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink("/etc", filepath.Join(book, "etc"))
	os.Symlink("../images", filepath.Join(book, "img"))
	tests := []struct{ path, want string }{
		{"ch.md", "book/ch.md"},
		{"sub/../ch.md", "book/ch.md"},
		{"../images/a.jpg", "images/a.jpg"},
		{"img/a.jpg", "book/img/a.jpg"},
		{"./sub/x.md", "book/sub/x.md"},
		{"..\\..\\x", `book/..\..\x`}, // a file name with backslashes on Unix, inside the book
		{"", "error: empty path"},
		{"  ", "error: empty path"},
		{"../..", `error: "../.." leads outside the project folder ROOT`},
		{"../../etc/passwd", `error: "../../etc/passwd" leads outside the project folder ROOT`},
		{"sub/../../../x", `error: "sub/../../../x" leads outside the project folder ROOT`},
		{"/etc/passwd", `error: "/etc/passwd" is an absolute path: write it relative to the file that names it`},
		{"etc/passwd", `error: "etc/passwd" is a symbolic link that leads outside the project folder`},
		{"etc", `error: "etc" is a symbolic link that leads outside the project folder`},
		{"https://example.org/a.jpg", `error: "https://example.org/a.jpg" is a remote address: publish never fetches files from the network; download it into the book folder`},
		{"HTTP://EXAMPLE.ORG/A.JPG", `error: "HTTP://EXAMPLE.ORG/A.JPG" is a remote address: publish never fetches files from the network; download it into the book folder`},
		{"ftp://x/y", `error: "ftp://x/y" is a remote address: publish never fetches files from the network; download it into the book folder`},
		{"file:///etc/passwd", `error: "file:///etc/passwd" is not a file path`},
		{"data:image/png;base64,AAAA", `error: "data:image/png;base64,AAAA" is not a file path`},
		{"//host/share/a.jpg", `error: "//host/share/a.jpg" is an absolute path: write it relative to the file that names it`},
	}
	for _, tc := range tests {
		got, err := ResolveInside(root, book, tc.path)
		if err != nil {
			got = "error: " + err.Error()
		} else if rel, rerr := filepath.Rel(root, got); rerr == nil {
			got = filepath.ToSlash(rel)
		}
		if want := strings.ReplaceAll(tc.want, "ROOT", root); got != want {
			t.Errorf("ResolveInside(%q) = %s, want %s", tc.path, got, want)
		}
	}
}

// TestCommonMarkExamples reads every example of the CommonMark spec (as
// goldmark ships it) as a chapter: each must give positioned diagnostics
// inside its file and a model any renderer can write as XHTML.
func TestCommonMarkExamples(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	spec := filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json")
	data, rerr := os.ReadFile(spec)
	if err != nil || rerr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CommonMark spec examples not found (%v, %v)", err, rerr)
		}
		t.Skipf("CommonMark examples NOT RUN: goldmark's _test/spec.json missing (%v, %v)", err, rerr)
	}
	var examples []struct {
		Markdown string `json:"markdown"`
		Example  int    `json:"example"`
	}
	if err := json.Unmarshal(data, &examples); err != nil || len(examples) < 600 {
		t.Fatalf("spec.json: %v (%d examples)", err, len(examples))
	}
	for _, ex := range examples {
		book, ds, files := readFuzzBook(t, []byte(fuzzBookYAML), []byte(ex.Markdown))
		t.Run(fmt.Sprint(ex.Example), func(t *testing.T) {
			checkPositions(t, ds, files)
			checkModel(t, book)
		})
	}
}
