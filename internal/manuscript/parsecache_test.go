package manuscript

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/publish-books/publish/internal/model"
)

// TestParseCacheGivesAColdRead reads books with one ParseCache several
// times and compares each read, field by field (reflect.DeepEqual on the
// whole book), and its diagnostics with a read without the cache: the
// sample book, a book of every case file (every construct the reader
// knows, and its warnings), and pandoc's manual when its mirror is here.
// The reads after the first must find every chapter parsed; an edited
// chapter must be parsed again, and so must every chapter when a heading
// changes (links may name it by its text).
func TestParseCacheGivesAColdRead(t *testing.T) {
	books := map[string]string{"sample": filepath.Join("..", "..", "book")}
	books["cases"] = casesBook(t)
	if dir := pandocManualBook(t); dir != "" {
		books["pandoc-manual"] = dir
	}
	for name, dir := range books {
		t.Run(name, func(t *testing.T) {
			cache := NewParseCache()
			check := func(step string, wantHits, wantMisses int) {
				t.Helper()
				cold, coldDS := Read(Options{BookDir: dir})
				warm, warmDS := Read(Options{BookDir: dir, Parsed: cache})
				if !reflect.DeepEqual(cold, warm) {
					t.Errorf("%s: the book read with the cache differs from a cold read", step)
					if a, b := model.Dump(cold), model.Dump(warm); a != b {
						t.Logf("cold:\n%s\nwarm:\n%s", a, b)
					}
				}
				if a, b := coldDS.String(), warmDS.String(); a != b {
					t.Errorf("%s: diagnostics with the cache\n%s\nwant\n%s", step, b, a)
				}
				hits, misses := cache.Stats()
				t.Logf("%s: %d chapters, %d parsed trees reused, %d parsed", step, len(cold.Chapters), hits, misses)
				if wantHits >= 0 && (hits != wantHits || misses != wantMisses) {
					t.Errorf("%s: %d hits, %d misses; want %d, %d", step, hits, misses, wantHits, wantMisses)
				}
			}
			files := chapterFiles(t, dir)
			check("first read", 0, len(files))
			check("second read", len(files), 0)
			check("third read", len(files), 0)
			if !strings.HasPrefix(dir, os.TempDir()) {
				return // the sample book is not edited in place
			}
			last := files[len(files)-1]
			appendTo(t, last, "\nOne more paragraph, added.\n")
			check("a paragraph added to the last chapter", len(files)-1, 1)
			appendTo(t, last, "\n## A new heading\n\nIts text.\n")
			check("a heading added", 0, len(files))
		})
	}
}

// chapterFiles returns the chapter files book.yaml lists.
func chapterFiles(t *testing.T, dir string) []string {
	t.Helper()
	var ds model.Diagnostics
	data, err := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, entries, _ := parseBookYAML("book.yaml", data, &ds)
	var files []string
	for _, e := range entries {
		files = append(files, filepath.Join(dir, e.File))
	}
	if len(files) == 0 {
		t.Fatalf("%s lists no chapter", dir)
	}
	return files
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// writeChapters writes a book of the given chapters (name, text) into a
// temporary folder and returns it.
func writeChapters(t *testing.T, chapters [][2]string) string {
	t.Helper()
	dir := t.TempDir()
	yaml := "title: Test\nlanguage: en\nchapters:\n  body:\n"
	for _, c := range chapters {
		yaml += "    - " + c[0] + "\n"
		if err := os.WriteFile(filepath.Join(dir, c[0]), []byte(c[1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// casesBook returns a book whose chapters are the reader's case files.
func casesBook(t *testing.T) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "cases", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	var chapters [][2]string
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		chapters = append(chapters, [2]string{filepath.Base(n), string(data)})
	}
	return writeChapters(t, chapters)
}

// pandocManualBook returns a book made of pandoc's MANUAL.txt, cut into
// chapters at its level-one headings, or "" (said in the log) when the
// mirror of pandoc's repository is not on this machine.
func pandocManualBook(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("git", "-C", "/work/.mirror/jgm+pandoc/repo", "show", "HEAD:MANUAL.txt").Output()
	if err != nil {
		t.Logf("SKIP pandoc's manual: no mirror of jgm/pandoc here (%v)", err)
		return ""
	}
	var chapters [][2]string
	cur := strings.Builder{}
	flush := func() {
		if cur.Len() > 0 {
			chapters = append(chapters, [2]string{fmt.Sprintf("manual-%02d.md", len(chapters)), cur.String()})
			cur.Reset()
		}
	}
	for _, line := range strings.SplitAfter(string(out), "\n") {
		if strings.HasPrefix(line, "# ") {
			flush()
		}
		cur.WriteString(line)
	}
	flush()
	return writeChapters(t, chapters)
}

// TestConversionLeavesTheTreeAlone parses each chapter file of the case
// files' book and of pandoc's manual twice, converts one tree into the
// model as a read does, and compares it with the other, unconverted,
// field by field: the parser's cache hands the same tree to every read,
// so a conversion that changed it would leak from one build into the
// next.
func TestConversionLeavesTheTreeAlone(t *testing.T) {
	books := []string{casesBook(t)}
	if dir := pandocManualBook(t); dir != "" {
		books = append(books, dir)
	}
	for _, dir := range books {
		cache := NewParseCache()
		if _, ds := Read(Options{BookDir: dir, Parsed: cache}); len(ds.List) == 0 && dir == books[0] {
			t.Fatal("the case files give no diagnostic: they are not the case files")
		}
		if len(cache.entries) == 0 {
			t.Fatalf("%s: nothing parsed", dir)
		}
		r := &reader{md: newMarkdownParser(), ds: &model.Diagnostics{}}
		// The kept trees were converted by the read above; parse the same
		// files again, with the same headings, and compare.
		for abs, e := range cache.entries {
			r.headerRefs = e.refs
			_, defined := scanHeadings(e.src)
			r.definedRefs = map[string]map[string]bool{abs: defined}
			src := r.limitNesting("x.md", r.dropMetadataBlock("x.md", r.cleanSource("x.md", e.src)))
			doc, ok := r.parseMarkdown("x.md", abs, src)
			if !ok {
				t.Fatalf("%s: the parser failed", abs)
			}
			// goldmark keeps a fenced block's info-string language in the
			// node once asked for it (a memo of the source's bytes): ask
			// the fresh tree too.
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if f, ok := n.(*ast.FencedCodeBlock); ok && entering {
					f.Language(src)
				}
				return ast.WalkContinue, nil
			})
			if !reflect.DeepEqual(doc, e.doc) {
				t.Errorf("%s: converting the parser's tree into the model changed the tree", filepath.Base(abs))
			}
		}
	}
}
