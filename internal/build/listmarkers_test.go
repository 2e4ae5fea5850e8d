package build

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestListMarkersSurviveResets builds a long numbered list on a small
// page, where the page builder sets many items' paragraphs again (a line
// longer or shorter, or without a hyphen on a page's last line), and
// checks that every item's number is printed: a paragraph set again lost
// its marker, drawn by a wrapper the new lines did not have ("3.", "11.",
// "14." … were missing from 199 items).
func TestListMarkersSurviveResets(t *testing.T) {
	requireTool(t, "pdftotext")
	dir := t.TempDir()
	layoutWith(t, dir, map[string]string{"trim": "{width: 110mm, height: 150mm}"})
	var ch strings.Builder
	ch.WriteString("# Une liste\n\n")
	words := strings.Fields("the liberation of the coast came slowly and the archives of the town kept every letter every order and every photograph of the weeks that followed")
	const n = 199
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&ch, "%d. ", i)
		for k := 0; k < 8+i%23; k++ {
			ch.WriteString(words[(i*7+k)%len(words)] + " ")
		}
		ch.WriteString("\n")
	}
	book := filepath.Join(dir, "book")
	writeFiles(t, book, map[string]string{
		"book.yaml": "title: Liste\nlanguage: en\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-0000000000e7\nchapters:\n  body:\n    - ch.md\n",
		"ch.md":     ch.String(),
	})
	res, err := Run(Options{BookDir: book, LayoutDir: filepath.Join(dir, "layout"), OutDir: filepath.Join(dir, "out"), PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdfOf(res), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	printed := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(\d+)\.\s`).FindAllStringSubmatch(string(out), -1) {
		printed[m[1]] = true
	}
	var missing []string
	for i := 1; i <= n; i++ {
		if !printed[fmt.Sprint(i)] {
			missing = append(missing, fmt.Sprint(i)+".")
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d list numbers are not printed: %s", len(missing), n, strings.Join(missing, " "))
	}
}
