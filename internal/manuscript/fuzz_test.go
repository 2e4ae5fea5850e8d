package manuscript

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/rawhtml"
)

// fuzzBookYAML and fuzzChapter are the files a fuzz target does not vary.
const (
	fuzzBookYAML = "title: T\nlanguage: fr\nsources: s.yaml\nchapters:\n  - ch.md\n  - ch2.md\n"
	fuzzChapter2 = "# Second {#second}\n\n## Section {#sec}\n\nText [@a].\n"
	fuzzSources  = "- id: a\n  type: book\n  title: A\n"
)

var (
	fuzzOnce    sync.Once
	fuzzRoot    string
	fuzzWritten = map[string][]byte{}
)

// fuzzProject writes a project folder once per fuzzing process; each run
// rewrites the files it varies. Runs within a process are sequential.
func fuzzProject(t *testing.T) string {
	fuzzOnce.Do(func() {
		dir, err := os.MkdirTemp("", "publish-fuzz-")
		if err != nil {
			panic(err)
		}
		fuzzRoot = dir
		os.MkdirAll(filepath.Join(dir, "book"), 0o755)
		os.MkdirAll(filepath.Join(dir, "images"), 0o755)
		os.WriteFile(filepath.Join(dir, "images", "img.png"), pngBomb(4, 3), 0o644)
		os.WriteFile(filepath.Join(dir, "book", "s.yaml"), []byte(fuzzSources), 0o644)
		os.WriteFile(filepath.Join(dir, "book", "ch2.md"), []byte(fuzzChapter2), 0o644)
	})
	return fuzzRoot
}

// readFuzzBook writes book.yaml and ch.md and reads the book, failing on
// a hang.
func readFuzzBook(t *testing.T, bookYAML, chapter []byte) (*model.Book, model.Diagnostics, map[string][]byte) {
	root := fuzzProject(t)
	files := map[string][]byte{"book/book.yaml": bookYAML, "book/ch.md": chapter,
		"book/ch2.md": []byte(fuzzChapter2), "book/s.yaml": []byte(fuzzSources)}
	for _, name := range []string{"book/book.yaml", "book/ch.md"} {
		if prev, ok := fuzzWritten[name]; ok && bytes.Equal(prev, files[name]) {
			continue // unchanged since the last run
		}
		if err := os.WriteFile(filepath.Join(root, name), files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		fuzzWritten[name] = append([]byte(nil), files[name]...)
	}
	watchdog := time.AfterFunc(20*time.Second, func() {
		panic(fmt.Sprintf("reading hangs on book.yaml %q, ch.md %q", bookYAML, chapter))
	})
	defer watchdog.Stop()
	book, ds := Read(Options{BookDir: filepath.Join(root, "book"), Root: root})
	named := map[string][]byte{}
	for name, data := range files {
		named[filepath.ToSlash(filepath.Join(root, name))] = data
	}
	return book, ds, named
}

// fuzzParser is the Markdown parser the in-memory fuzz runs share (a
// goldmark parser keeps no state between documents).
var fuzzParser = newMarkdownParser()

// parseFuzzChapter reads chapter as the first chapter of the fuzz book,
// in memory: it runs the reader's own steps for a chapter (cleaning,
// nesting limit, Markdown, figures and their image probes, citations,
// links across the book) without writing the chapter to disk, so that a
// fuzzing worker makes thousands of runs a second. The second chapter
// and the sources are those of fuzzProject.
func parseFuzzChapter(t *testing.T, chapter []byte) (*model.Book, model.Diagnostics, map[string][]byte) {
	root := fuzzProject(t)
	bookDir := filepath.Join(root, "book")
	watchdog := time.AfterFunc(20*time.Second, func() {
		panic(fmt.Sprintf("reading hangs on ch.md %q", chapter))
	})
	defer watchdog.Stop()
	var ds model.Diagnostics
	r := &reader{opts: Options{BookDir: bookDir, Root: root, MaxFileSize: 64 << 20, MaxImagePixels: imaging.DefaultMaxPixels},
		root: root, ds: &ds, md: fuzzParser,
		book: &model.Book{Dir: bookDir, Meta: model.Metadata{Title: "T", Language: "fr", SourcesFile: "s.yaml"},
			Sources: map[string]*model.Source{}, IDs: model.NewIDs()}}
	yamlName := display(filepath.Join(bookDir, "book.yaml"))
	r.readSources(bookDir, model.Position{File: yamlName, Line: 3, Col: 10}) // "sources: s.yaml" in fuzzBookYAML
	files := map[string][]byte{yamlName: []byte(fuzzBookYAML)}
	for _, c := range []struct {
		name string
		src  []byte
	}{{"ch.md", chapter}, {"ch2.md", []byte(fuzzChapter2)}} {
		abs := filepath.Join(bookDir, c.name)
		files[display(abs)] = c.src
		r.book.Chapters = append(r.book.Chapters, r.parseChapter(display(abs), abs, c.src, model.BodyMatter)...)
	}
	r.finish()
	files[display(filepath.Join(bookDir, "s.yaml"))] = []byte(fuzzSources)
	return r.book, ds, files
}

// checkPositions fails when a diagnostic has no message, no file, or a
// position outside its file: line at most the number of lines, column at
// most the line's length in characters plus one.
func checkPositions(t *testing.T, ds model.Diagnostics, files map[string][]byte) {
	t.Helper()
	for _, d := range ds.List {
		if d.Message == "" {
			t.Fatalf("diagnostic without a message at %s", d.Pos)
		}
		data, ok := files[d.Pos.File]
		if !ok {
			t.Fatalf("diagnostic in an unknown file: %s", d)
		}
		if d.Pos.Line == 0 {
			continue
		}
		lines := splitLines(data)
		if d.Pos.Line < 1 || d.Pos.Line > len(lines) {
			t.Fatalf("line %d outside the %d lines of the file: %s", d.Pos.Line, len(lines), d)
		}
		if n := utf8.RuneCount(lines[d.Pos.Line-1]); d.Pos.Col < 0 || d.Pos.Col > n+1 {
			t.Fatalf("column %d outside line %d of %d characters (%q): %s", d.Pos.Col, d.Pos.Line, n, lines[d.Pos.Line-1], d)
		}
	}
}

// splitLines splits a file as an editor does: at LF, CRLF or CR.
func splitLines(data []byte) [][]byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	return bytes.Split(data, []byte("\n"))
}

// checkModel fails on what no renderer can write: text XML refuses, raw
// HTML that is not safe XHTML, links to nowhere, ids with spaces.
func checkModel(t *testing.T, book *model.Book) {
	t.Helper()
	ids := map[string]bool{}
	for _, ch := range book.Chapters {
		ids[ch.ID] = true
		if ch.TitleID != "" {
			ids[ch.TitleID] = true
		}
	}
	for _, f := range book.Figures {
		ids[f.ID] = true
	}
	for id := range ids {
		if !rawhtml.ValidID(id) {
			t.Fatalf("chapter, title or figure id %q is not an XHTML id", id)
		}
	}
	var blocks func(bs []model.Block, depth int)
	text := func(s string) {
		if _, bad := rawhtml.CleanText(s); bad {
			t.Fatalf("model text %q holds characters XML refuses", s)
		}
	}
	var inlines func(ins []model.Inline, depth int)
	inLink := false
	inlines = func(ins []model.Inline, depth int) {
		for _, in := range ins {
			switch n := in.(type) {
			case *model.Text:
				text(n.Value)
			case *model.Code:
				text(n.Text)
			case *model.Emphasis:
				inlines(n.Children, depth+1)
			case *model.Strong:
				inlines(n.Children, depth+1)
			case *model.Superscript:
				inlines(n.Children, depth+1)
			case *model.SmallCaps:
				inlines(n.Children, depth+1)
			case *model.Span:
				inlines(n.Children, depth+1)
			case *model.Link:
				if inLink {
					t.Fatalf("link %q inside a link", n.URL)
				}
				if n.Internal == "" {
					if _, ok := rawhtml.ExternalURL(n.URL); !ok {
						t.Fatalf("link %q kept with neither an internal target nor a valid address", n.URL)
					}
				} else if n.Chapter == "" {
					t.Fatalf("internal link %q without a chapter", n.URL)
				}
				inLink = true
				inlines(n.Children, depth+1)
				inLink = false
			case *model.RawInline:
				if err := rawhtml.Check(n.Nodes); err != nil {
					t.Fatalf("raw inline HTML: %v", err)
				}
			}
		}
	}
	blocks = func(bs []model.Block, depth int) {
		if depth > maxDepth+2 {
			t.Fatalf("blocks nested %d deep", depth)
		}
		for _, b := range bs {
			if !b.Position().IsValid() {
				t.Fatalf("block without a position: %T", b)
			}
			switch n := b.(type) {
			case *model.Heading:
				if !rawhtml.ValidID(n.ID) {
					t.Fatalf("heading id %q", n.ID)
				}
			case *model.CodeBlock:
				text(n.Text)
			case *model.HTMLBlock:
				if err := rawhtml.Check(n.Nodes); err != nil {
					t.Fatalf("raw HTML block: %v", err)
				}
				for _, h := range n.Nodes {
					if !h.Block {
						t.Fatalf("loose <%s>%q at the top of a raw HTML block", h.Tag, h.Text)
					}
				}
			case *model.List:
				for _, it := range n.Items {
					blocks(it.Blocks, depth+1)
				}
			case *model.BlockQuote:
				blocks(n.Blocks, depth+1)
			}
		}
	}
	for _, ch := range book.Chapters {
		blocks(ch.Blocks, 0)
		for _, n := range ch.Notes {
			blocks(n.Blocks, 0)
		}
		model.WalkInlines(ch, func(ins *[]model.Inline) { inlines(*ins, 0) })
	}
}

// FuzzChapter reads any Markdown as a chapter of a book.
func FuzzChapter(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/cases/*.md")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"# T {#t}\n\n![Cap](../images/img.png){#fig alt=\"a\" credit=\"b\"}\n\nSee [fig](#fig), [sec](ch2.md#sec), [x](/x) [y](javascript:x).\n",
		"# T\n\n> > - 1. quote\n>\n> ```go\n> code\n> ```\n\n| a | b |\n|---|:-:|\n| <span lang=en>c</span> | d |\n",
		"Texte[^1] et [@a, p. 12; voir @b].\n\n[^1]: Note *ici*.\n\n<div onclick=x><script>y</script><p id=p1>z</div>\n",
		"\xef\xbb\xbf# T\r\n\r\nA\x00B\x0c\xff<i lang=la>et al.</i><br><sup>e</sup>\r",
		"<span><b><i>x</b></i></span> </span> <a href=\"https://x.fr\">y</a> <!-- c --> <?php ?>\n",
		strings.Repeat("> ", 210) + "x\n",
		"# T {#sec-t}\n\nVoir @fig-x, @Sec-t., [voir @tbl-y, p. 2; @sec-t] a@fig-z [](#sec-t) [@a; @eq-1].\n\n[Heim]{.index index=names term=\"Heim!Ferdinand\" see=X seealso=\"A;;B\"} []{.index} [x]{.index index=nope}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, chapter []byte) {
		book, ds, files := parseFuzzChapter(t, chapter)
		checkPositions(t, ds, files)
		checkModel(t, book)
	})
}

// FuzzBookYAML reads any book.yaml.
func FuzzBookYAML(f *testing.F) {
	for _, s := range []string{
		fuzzBookYAML,
		"title: T\nsubtitle: S\nlanguage: en-GB\nauthors:\n  - name: Marie Dupont\n    file-as: Dupont, Marie\n  - Jean\ncontributors: [{name: X, role: translator}]\n" +
			"publisher: P\ndate: 2024-09-01\nidentifiers: {isbn: 978-2-07-036822-8, uuid: 0f8fad5b-d9cb-469f-a165-70867728950e}\n" +
			"rights: R\ndescription: |\n  Long\n  text\nsubjects: [a, b]\ncover: ../images/img.png\nsources: s.yaml\ncitation-style: author-date\n" +
			"chapters:\n  front: [ch2.md]\n  body:\n    - ch.md\n  back: []\n",
		"title: &a T\nsubtitle: *a\n<<: {x: 1}\nlanguage: fr\nchapters: [ch.md, ch.md, ../x.md, /etc/passwd, http://x/y.md]\n",
		"title: [a\n", "- a\n- b\n", "title: T\n---\ntitle: U\n", "\xef\xbb\xbftitle: \"\\u0000\"\nlanguage: fr\nchapters: [ch.md]\n",
		"title: T\nlanguage: fr\nchapters: [ch.md]\ncover: ch2.md\nsources: ch.md\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, bookYAML []byte) {
		const file = "book/book.yaml"
		files := map[string][]byte{file: bookYAML}
		var ds model.Diagnostics
		meta, entries, at := parseBookYAML(file, bookYAML, &ds)
		checkPositions(t, ds, files)
		for key, pos := range at {
			checkPositions(t, model.Diagnostics{List: []model.Diagnostic{{Pos: pos, Message: "value of " + key}}}, files)
		}
		for _, e := range entries {
			e.Pos.File = file
			checkPositions(t, model.Diagnostics{List: []model.Diagnostic{{Pos: e.Pos, Message: "chapter " + e.File}}}, files)
		}
		for _, v := range []string{meta.Title, meta.Subtitle, meta.Description, meta.Rights, meta.Publisher} {
			if _, bad := rawhtml.CleanText(v); bad {
				t.Fatalf("metadata %q holds characters XML refuses", v)
			}
		}
	})
}
