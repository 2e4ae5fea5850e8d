package build

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

var (
	reDumpPage  = regexp.MustCompile(`(?m)^page (\d+) \[([^\]]+)\] (?:recto|verso) (.*)$`)
	rePageEntry = regexp.MustCompile(`<a href="([^"#]+)#([^"]+)">([^<]+)</a>`)
	rePLTag     = regexp.MustCompile(`<[^>]*>`)
)

// epubDocs returns the EPUB's files by their name in the zip.
func epubDocs(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// firstWord returns the first word of at least three letters in s.
func firstWord(s string) string {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 3 {
			return w
		}
	}
	return ""
}

// TestPageListMatchesPrint builds the sample book (and the book folders
// PUBLISH_NOVEL_BOOK lists) and checks the EPUB's page-list against the
// PDF: every printed page of a chapter or a generated page (bibliography,
// lists, credits) that has text or a figure has a marker with its label,
// every marker names a printed page, and the first word after the marker
// in the EPUB is among the first words printed on that page (its running
// head aside), or, for a page that opens inside a list item (an index
// entry turned over) and is marked at the item, among the last words of
// the page before. The print edition's contents pages are marked in the
// EPUB's nav (its own contents); its title pages have no marker.
func TestPageListMatchesPrint(t *testing.T) {
	requireTool(t, "pdftotext")
	dirs := []string{filepath.Join("..", "..", "book"), longIndexBook(t)}
	if env := os.Getenv("PUBLISH_NOVEL_BOOK"); env != "" {
		dirs = filepath.SplitList(env)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(filepath.Clean(dir)), func(t *testing.T) {
			var dump strings.Builder
			res, err := Run(Options{BookDir: dir, LayoutDir: "../../layout", OutDir: t.TempDir(), EPUB: true, PDF: true, Dump: &dump})
			if err != nil {
				t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
			}
			docs := epubDocs(t, outputOf(t, res, ".epub"))
			var nav string
			for name, d := range docs {
				if strings.HasSuffix(name, "nav.xhtml") {
					nav = d
				}
			}
			i := strings.Index(nav, `epub:type="page-list"`)
			if i < 0 {
				t.Fatal("no page-list in the nav")
			}
			type entry struct{ file, id string }
			marks := map[string]entry{}
			for _, m := range rePageEntry.FindAllStringSubmatch(nav[i:], -1) {
				marks[html.UnescapeString(m[3])] = entry{m[1], m[2]}
			}
			var pdfPath string
			for _, o := range res.Outputs {
				if strings.HasSuffix(o.Path, ".pdf") {
					pdfPath = o.Path
				}
			}
			words := map[int][]string{}
			for _, w := range pdfWords(t, pdfPath) {
				words[w.page] = append(words[w.page], html.UnescapeString(w.text))
			}
			printed := map[string]bool{}
			checked := 0
			for _, m := range reDumpPage.FindAllStringSubmatch(dump.String(), -1) {
				var n int
				for _, c := range m[1] {
					n = n*10 + int(c-'0')
				}
				label, rest := m[2], m[3]
				printed[label] = true
				if !strings.Contains(rest, "start=") || len(words[n]) == 0 {
					continue
				}
				e, ok := marks[label]
				if !ok {
					t.Errorf("printed page %s (%s) has no marker in the page-list", label, rest)
					continue
				}
				doc := docs[path.Join("EPUB/text", e.file)]
				j := strings.Index(doc, `id="`+e.id+`"`)
				if j < 0 {
					t.Errorf("page %s: marker %s not in %s", label, e.id, e.file)
					continue
				}
				after := html.UnescapeString(rePLTag.ReplaceAllString(doc[j:min(len(doc), j+3000)], " "))
				// The marker's own attributes are cut off by the first ">".
				if k := strings.Index(after, ">"); k >= 0 {
					after = after[k+1:]
				}
				want := firstWord(after)
				tail := doc[j:]
				tail = tail[strings.Index(tail, ">")+1:]
				if want == "" && strings.TrimSpace(html.UnescapeString(rePLTag.ReplaceAllString(tail, " "))) == "" {
					t.Errorf("page %s: the EPUB's marker %s ends %s, after all its text", label, e.id, e.file)
					continue
				}
				if want == "" {
					// Nothing but markup and signs (a "* * *" break)
					// follows the marker: there is no word to compare.
					continue
				}
				first := words[n][:min(len(words[n]), 30)]
				found := false
				for _, w := range first {
					w = strings.TrimRight(w, "-‐")
					if len([]rune(w)) >= 2 && strings.Contains(w, want) || len([]rune(w)) >= 3 && strings.HasPrefix(want, strings.Trim(w, ".,;:!?«»“”‘’()[]")) {
						found = true
						break
					}
				}
				if !found && inItem(doc, j) && len(words[n-1]) > 0 {
					// A page that opens inside a list item (an index
					// entry turned over) is marked at the item: its
					// first word ends the page before.
					last := words[n-1][max(0, len(words[n-1])-40):]
					for _, w := range last {
						if strings.Contains(strings.TrimRight(w, "-‐"), want) {
							found = true
							break
						}
					}
				}
				if !found {
					t.Errorf("page %s: the EPUB's marker stands before %q, not among the page's first words %q", label, want, strings.Join(first, " "))
				}
				checked++
			}
			for label := range marks {
				if !printed[label] {
					t.Errorf("the page-list names page %s, which is not printed", label)
				}
			}
			t.Logf("%d pages checked, %d markers", checked, len(marks))
		})
	}
}

// inItem reports whether the marker whose id attribute is at j in doc
// is the first thing in a list item.
func inItem(doc string, j int) bool {
	start := strings.LastIndex(doc[:j], "<")
	if start < 0 {
		return false
	}
	open := strings.LastIndex(doc[:start], "<")
	return open >= 0 && strings.HasPrefix(doc[open:start], "<li") && strings.HasSuffix(doc[open:start], ">")
}

// longIndexBook writes a book whose contents and index run over several
// printed pages, the index with letter headings, sub-entries and entries long enough to
// turn over, so that the page-list test sees index pages that open at an
// entry, inside one and at a letter's heading. It returns its folder.
func longIndexBook(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "long-index")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	yaml := "title: A Long Index\nlanguage: en\nauthors:\n  - name: Test\n" +
		"identifiers:\n  uuid: urn:uuid:6f1c9a52-3b8e-4d2a-9c57-1e0b44a7d399\n" +
		"chapters:\n  body:\n    - 01.md\n"
	heads := []string{"Bar", "Cor", "Dal", "Fen", "Gor", "Hal", "Mer", "Nor", "Pel", "Sar", "Tor", "Val"}
	tails := []string{"ington", "ford", "wick", "mouth", "stead", "bury", "combe", "ham", "ley", "ton", "worth", "by", "dale", "field", "gate"}
	var md strings.Builder
	md.WriteString("# Places\n\n")
	n := 0
	for _, h := range heads {
		for i, tl := range tails {
			if i%4 == 0 {
				// A section every four places: the print contents
				// runs over two pages.
				if i > 0 {
					md.WriteString(".\n\n")
				}
				md.WriteString("## From " + h + tl + "\n\nThe road ran on")
			}
			term := h + tl
			attr := "term=\"" + term + "\""
			switch n % 7 {
			case 3:
				attr = "term=\"" + term + "!harbour of " + term + " and its quays\""
			case 5:
				attr = "term=\"" + term + ", the old town below the castle and the marshes beyond it\""
			}
			md.WriteString(" past [" + term + "]{.index " + attr + "}")
			n++
		}
		md.WriteString(", and the travellers counted " + strconv.Itoa(n) + " places that day.\n\n")
	}
	for name, text := range map[string]string{"book.yaml": yaml, "01.md": md.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
