package manuscript

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestLinks reads a book of two chapters whose links reach chapters,
// headings, figures, notes and raw HTML ids, or fail for each reason.
func TestLinks(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"book/book.yaml": "title: T\nlanguage: fr\nchapters:\n  - 01-a.md\n  - sub/02-b.md\n",
		"book/01-a.md": "# A {#a-title}\n\n## Section {#sec}\n\n" +
			"[b](sub/02-b.md) [fig](sub/02-b.md#fig-x) [sec](#sec) [fig anywhere](#fig-x) " +
			"[raw](#raw-id) [inline](sub/02-b.md#inl) [note](#fn-ch-02-b-1) [self](01-a.md) [escaped](sub/02-b.md#fig%2Dx)\n\n" +
			"[web](https://example.org/a?b#c) [mail](mailto:a@b.fr) [tel](tel:+33321000000) [ftp](ftp://x.fr/f) <https://auto.link>\n\n" +
			"[missing id](sub/02-b.md#nope) [wrong chapter](sub/02-b.md#sec) [not a chapter](notes.txt) [no file](03.md)\n\n" +
			"[query](sub/02-b.md?x=1) [root](/x.md) [js](javascript:alert(1)) [data](data:text/html,x) [empty]() [hash](#) [nohost](https:x) [proto](//x.fr)\n",
		"book/sub/02-b.md": "Untitled start.[^1]\n\n![Cap](../../images/i.png){#fig-x alt=a credit=b}\n\n<p id=\"raw-id\">x</p>\n\n" +
			"See <span id=\"inl\" title=\"t\">i</span> and [back](../01-a.md#sec) and [up](../01-a.md).\n\n[^1]: A note.\n",
		"book/notes.txt": "x",
		"images/i.png":   "",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, "images/i.png"), pngBomb(2, 2), 0o644)
	t.Chdir(root)
	book, ds := Read(Options{BookDir: "book"})
	var got []string
	for _, ch := range book.Chapters {
		model.WalkInlines(ch, func(ins *[]model.Inline) {
			for _, in := range *ins {
				if l, ok := in.(*model.Link); ok {
					got = append(got, fmt.Sprintf("%s -> %q %q %q", model.PlainText(l.Children), l.URL, l.Internal, l.Chapter))
				}
			}
		})
	}
	want := []string{
		`b -> "sub/02-b.md" "ch-02-b" "ch-02-b"`,
		`fig -> "sub/02-b.md#fig-x" "fig-x" "ch-02-b"`,
		`sec -> "#sec" "sec" "ch-01-a"`,
		`fig anywhere -> "#fig-x" "fig-x" "ch-02-b"`,
		`raw -> "#raw-id" "raw-id" "ch-02-b"`,
		`inline -> "sub/02-b.md#inl" "inl" "ch-02-b"`,
		`note -> "#fn-ch-02-b-1" "fn-ch-02-b-1" "ch-02-b"`,
		`self -> "01-a.md" "a-title" "ch-01-a"`,
		`escaped -> "sub/02-b.md#fig%2Dx" "fig-x" "ch-02-b"`,
		`web -> "https://example.org/a?b#c" "" ""`,
		`mail -> "mailto:a@b.fr" "" ""`,
		`tel -> "tel:+33321000000" "" ""`,
		`ftp -> "ftp://x.fr/f" "" ""`,
		`https://auto.link -> "https://auto.link" "" ""`,
		`back -> "../01-a.md#sec" "sec" "ch-01-a"`,
		`up -> "../01-a.md" "a-title" "ch-01-a"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	wantDiags := []string{
		`book/01-a.md:9:1: warning: link "sub/02-b.md#nope" points to id "nope", which is nowhere in the book: its text is kept without the link`,
		`book/01-a.md:9:32: warning: link "sub/02-b.md#sec" points to id "sec" in sub/02-b.md, but that id is in another chapter (write #sec to reach it wherever it is): its text is kept without the link`,
		`book/01-a.md:9:65: warning: link "notes.txt" points to notes.txt, which is not a chapter of the book (book.yaml does not list it): its text is kept without the link`,
		`book/01-a.md:9:92: warning: link "03.md" points to 03.md, which does not exist: its text is kept without the link`,
		`book/01-a.md:11:1: warning: link "sub/02-b.md?x=1" has a query (?…), which a file in the book cannot answer: its text is kept without the link`,
		`book/01-a.md:11:26: warning: link "/x.md" is a root or absolute path, which means nothing in a book: write the chapter file relative to this one (for example 02-chapitre.md#id): its text is kept without the link`,
		`book/01-a.md:11:40: warning: link "javascript:alert(1)" uses the javascript: scheme, which a book does not follow (only http, https, mailto, tel and ftp): its text is kept without the link`,
		`book/01-a.md:11:66: warning: link "data:text/html,x" uses the data: scheme, which a book does not follow (only http, https, mailto, tel and ftp): its text is kept without the link`,
		`book/01-a.md:11:91: warning: link "" has no address: its text is kept without the link`,
		`book/01-a.md:11:101: warning: link "#" names no id after #: its text is kept without the link`,
		`book/01-a.md:11:111: warning: link "https:x" is not a valid address: its text is kept without the link`,
		`book/01-a.md:11:129: warning: link "//x.fr" has no scheme: write it in full (https://…): its text is kept without the link`,
	}
	var diags []string
	for _, d := range ds.List {
		if d.Code == "link" {
			diags = append(diags, d.String())
		}
	}
	if strings.Join(diags, "\n") != strings.Join(wantDiags, "\n") {
		t.Errorf("link diagnostics:\n got %s\nwant %s", strings.Join(diags, "\n     "), strings.Join(wantDiags, "\n     "))
	}
	if ds.HasErrors() {
		t.Errorf("unexpected errors:\n%s", ds.String())
	}
}
