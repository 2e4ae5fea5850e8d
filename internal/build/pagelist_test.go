package build

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPageMarkersInsideContainers builds a chapter whose pages start
// inside a list, a definition (with a div and a list in it), a code
// block and a div of sections with code: each page's marker must stand where its page begins, in reading
// order, and not at the start of the container (pandoc's manual put eight
// markers at the start of one definition list, EPUBCheck NAV-011).
func TestPageMarkersInsideContainers(t *testing.T) {
	var md strings.Builder
	md.WriteString("# Chapter\n\nIntro.\n\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&md, "- Item number %d of a long list that fills the pages.\n", i)
	}
	md.WriteString("\nterm\n:   Definition text.\n\n    ::: {#inside}\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&md, "    - Nested item %d of a list inside a div inside a definition.\n", i)
	}
	md.WriteString("    :::\n\n```\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&md, "code line %d\n", i)
	}
	md.WriteString("```\n")
	// Sections inside a div (pandoc's FAQ): a page may start at a
	// heading, or at the space above a code block, inside the div.
	md.WriteString("\n::: faqs\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&md, "## Question %d\n\nAn answer to question %d, long enough to take a few lines of the page, with a short example after it.\n\n```\nexample %d\n```\n\n", i, i, i)
	}
	md.WriteString(":::\n")
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	yaml := "title: Pages\nlanguage: en\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000ab\nchapters:\n  body:\n    - ch.md\n"
	writeFiles(t, book, map[string]string{"book.yaml": yaml, "ch.md": md.String()})
	res, err := Run(Options{BookDir: book, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	data := outputOf(t, res, ".epub")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/ch.xhtml") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			body = string(b)
		}
	}
	marker := regexp.MustCompile(`<span epub:type="pagebreak"[^>]*aria-label="(\d+)"/>`)
	prev, count := 0, 0
	for _, m := range marker.FindAllStringSubmatchIndex(body, -1) {
		n, _ := strconv.Atoi(body[m[2]:m[3]])
		if n < prev {
			t.Errorf("page %d's marker after page %d's", n, prev)
		}
		prev = n
		count++
		// Two markers side by side mean a page was placed at the start
		// of its container instead of where it begins.
		if next := body[m[1]:min(len(body), m[1]+40)]; strings.HasPrefix(next, "<span epub:type=\"pagebreak\"") {
			t.Errorf("page %d's marker is followed at once by another marker", n)
		}
	}
	if count < 6 {
		t.Errorf("only %d page markers: the chapter should run over more pages", count)
	}
}
