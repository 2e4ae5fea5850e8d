package build

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// Issue 14, "Code in print" and "Web addresses in print": the test book
// in testdata/codebook (code-heavy chapters with long web addresses,
// the reproductions among them) is built and its PDF read back
// with pdftotext -bbox: no word leaves the text block, every link's
// address is printed, and every line of every code block is printed in
// the monospaced face with each of its spaces.

// pdfWord is a word of the PDF as pdftotext -bbox gives it.
type pdfWord struct {
	page           int
	x0, y0, x1, y1 float64
	text           string
}

var (
	reBBoxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	reBBoxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>`)
)

// pdfWords returns the words of a PDF, page by page (pages from 1).
func pdfWords(t *testing.T, pdf string) []pdfWord {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var words []pdfWord
	page := 0
	for _, line := range strings.Split(string(out), "\n") {
		if reBBoxPage.MatchString(line) {
			page++
			continue
		}
		m := reBBoxWord.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		w := pdfWord{page: page, text: html.UnescapeString(m[5])}
		for i, p := range []*float64{&w.x0, &w.y0, &w.x1, &w.y1} {
			*p, _ = strconv.ParseFloat(m[i+1], 64)
		}
		words = append(words, w)
	}
	return words
}

// textBlock returns the left and right edges of the text block of a
// physical page (1-based; odd pages are rectos, the binding on the left).
func textBlock(lay *layout.Print, page int) (left, right float64) {
	m := lay.Bleed + lay.MarkSpace()
	if page%2 == 1 {
		return m + lay.Inner, m + lay.TrimWidth - lay.Outer
	}
	return m + lay.Outer, m + lay.TrimWidth - lay.Inner
}

// epubFiles returns the text of the EPUB's XHTML documents, in name order.
func epubFiles(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out = append(out, string(b))
	}
	return out
}

var (
	reHref = regexp.MustCompile(`href="((?:https?|ftp|mailto):[^"]+)"`)
	rePre  = regexp.MustCompile(`(?s)<pre[^>]*>(.*?)</pre>`)
	reTag  = regexp.MustCompile(`<[^>]+>`)
)

// expandTabs expands tabs to the next stop of four columns.
func expandTabs(s string) string {
	var sb strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			for n := 4 - col%4; n > 0; n-- {
				sb.WriteByte(' ')
				col++
			}
			continue
		}
		sb.WriteRune(r)
		col++
	}
	return sb.String()
}

// pdfLine is a line of PDF words (same page, same baseline).
type pdfLine struct {
	page  int
	words []pdfWord
}

// pdfLines groups words into lines by page and baseline (pdftotext's
// reading order may interleave two lines), top to bottom, left to right.
func pdfLines(words []pdfWord) []pdfLine {
	var out []pdfLine
	for _, w := range words {
		placed := false
		for i := len(out) - 1; i >= 0 && out[i].page == w.page; i-- {
			if math.Abs(out[i].words[0].y1-w.y1) < 0.5 {
				out[i].words = append(out[i].words, w)
				placed = true
				break
			}
		}
		if !placed {
			out = append(out, pdfLine{page: w.page, words: []pdfWord{w}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].page != out[j].page {
			return out[i].page < out[j].page
		}
		return out[i].words[0].y1 < out[j].words[0].y1
	})
	for _, l := range out {
		sort.SliceStable(l.words, func(i, j int) bool { return l.words[i].x0 < l.words[j].x0 })
	}
	return out
}

// monoText rebuilds a line set in a monospaced face of advance adv (or
// of noteAdv, the advance of code in a note, for the whole line) from its
// words' positions, with its spaces (leading ones from left), or reports
// false when a word is not as wide as its characters in that face.
func monoText(l pdfLine, left, adv float64) (string, bool) {
	if s, ok := monoTextAt(l, left, adv); ok {
		return s, true
	}
	return monoTextAt(l, left, noteAdv)
}

// noteAdv is the advance of code in a note (set by TestCodeBookInPrint).
var noteAdv float64

func monoTextAt(l pdfLine, left, adv float64) (string, bool) {
	var sb strings.Builder
	x := left
	for _, w := range l.words {
		n := len([]rune(w.text))
		if math.Abs(w.x1-w.x0-float64(n)*adv) > 0.05*adv*float64(n)+0.1 {
			return "", false
		}
		gap := math.Round((w.x0 - x) / adv)
		if gap < 0 {
			return "", false
		}
		sb.WriteString(strings.Repeat(" ", int(gap)))
		sb.WriteString(w.text)
		x = w.x1
	}
	return sb.String(), true
}

// TestCodeBookInPrint checks the test book; PUBLISH_CODE_BOOK=dir runs
// the same checks on another book folder (real lessons kept outside the
// project), with the project's layout.
func TestCodeBookInPrint(t *testing.T) {
	requireTool(t, "pdftotext")
	dir := t.TempDir()
	bookDir, own := os.Getenv("PUBLISH_CODE_BOOK"), false
	if bookDir == "" {
		bookDir, own = "testdata/codebook", true
	}
	res, err := Run(Options{BookDir: bookDir, LayoutDir: "../../layout", OutDir: dir, EPUB: true, PDF: true})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
	}
	var ds model.Diagnostics
	lay := layout.Load("../../layout", &ds)
	monoData, err := os.ReadFile(lay.Mono.Path)
	if err != nil {
		t.Fatal(err)
	}
	mono, err := typeset.ParseFace(monoData)
	if err != nil {
		t.Fatal(err)
	}
	adv := mono.Advance(' ') * lay.CodeSize
	noteAdv = mono.Advance(' ') * lay.NoteSize * lay.CodeSize / lay.Size
	var pdf string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdf = o.Path
		}
	}
	words := pdfWords(t, pdf)
	if own && len(words) < 500 {
		t.Fatalf("only %d words in the PDF", len(words))
	}

	t.Run("no glyph leaves the text block", func(t *testing.T) {
		m := lay.Bleed + lay.MarkSpace()
		for _, w := range words {
			left, right := textBlock(lay, w.page)
			if w.x0 < left-0.5 || w.x1 > right+0.5 || w.y0 < m || w.y1 > m+lay.TrimHeight {
				t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f leaves the text block (x %.1f–%.1f)", w.page, w.text, w.x0, w.x1, w.y0, w.y1, left, right)
			}
		}
	})

	epub := outputOf(t, res, ".epub")
	docs := epubFiles(t, epub)

	t.Run("every link's address is printed", func(t *testing.T) {
		var all strings.Builder
		for _, w := range words {
			all.WriteString(w.text)
		}
		flat := all.String()
		seen := map[string]bool{}
		for _, d := range docs {
			for _, m := range reHref.FindAllStringSubmatch(d, -1) {
				u := html.UnescapeString(m[1])
				if seen[u] {
					continue
				}
				seen[u] = true
				addr := strings.TrimPrefix(u, "mailto:")
				bare := strings.TrimPrefix(strings.TrimPrefix(addr, "https://"), "http://")
				if !strings.Contains(flat, addr) && !strings.Contains(flat, bare) {
					t.Errorf("the address %s is not printed", u)
				}
			}
		}
		if own && len(seen) < 10 {
			t.Errorf("only %d links found in the EPUB", len(seen))
		}
		if own && strings.Contains(flat, "#le-shell") {
			t.Errorf("an internal link printed its target")
		}
	})

	t.Run("every code line in the monospaced face with its spaces", func(t *testing.T) {
		type codeLine struct {
			text  string
			block int
		}
		var want []codeLine
		for _, d := range docs {
			for _, m := range rePre.FindAllStringSubmatch(d, -1) {
				text := html.UnescapeString(reTag.ReplaceAllString(m[1], ""))
				for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
					if l = strings.TrimRight(expandTabs(l), " "); strings.TrimSpace(l) != "" {
						want = append(want, codeLine{l, len(want)})
					}
				}
				if n := len(want); n > 0 {
					want[n-1].block = -1 // the block's last line
				}
			}
		}
		if own && len(want) < 30 {
			t.Fatalf("only %d code lines in the EPUB", len(want))
		}
		lines := pdfLines(words)
		next := 0
		// shift is how many columns the block being checked stands in
		// from the text block's edge (a block in a list or quotation);
		// -1 before its first line is found. The test book has no such
		// block: there it must be 0.
		shift := -1
		for k, w := range want {
			l := w.text
			lead := len(l) - len(strings.TrimLeft(l, " "))
			found := false
			// In reading order; then anywhere (a note's code is at the
			// foot of its page, in the EPUB after the chapter's text).
			for pass, from := range []int{next, 0} {
				for i := from; i < len(lines) && !found; i++ {
					left, _ := textBlock(lay, lines[i].page)
					got, ok := monoText(lines[i], left, adv)
					if !ok || got == "" {
						continue
					}
					sh := len(got) - len(strings.TrimLeft(got, " ")) - lead
					if sh < 0 || shift >= 0 && sh != shift || own && sh != 0 {
						continue
					}
					got = got[sh:]
					if !strings.HasPrefix(l, got) {
						continue
					}
					// A line longer than the measure goes on in lines two
					// columns in (after the continuation mark, not text).
					j := i + 1
					for got != l && j < len(lines) {
						cl, _ := textBlock(lay, lines[j].page)
						more, ok := monoText(lines[j], cl+float64(sh+2)*adv, adv)
						if !ok || more == "" {
							break
						}
						// A line wrapped after spaces ends with them, unseen.
						if rest := l[len(got):]; !strings.HasPrefix(rest, more) {
							trimmed, m := strings.TrimLeft(rest, " "), strings.TrimLeft(more, " ")
							if strings.HasPrefix(trimmed, m) {
								more = rest[:len(rest)-len(trimmed)] + m
							}
						}
						if !strings.HasPrefix(l, got+more) {
							break
						}
						got += more
						j++
					}
					if got == l {
						found, shift = true, sh
						if pass == 0 {
							next = j
						}
					}
				}
			}
			if !found {
				t.Errorf("code line not printed in the monospaced face with its spaces: %q", l)
			}
			if want[k].block == -1 {
				shift = -1
			}
		}
	})

	t.Run("inline code spaces are not stretched", func(t *testing.T) {
		if !own {
			t.Skip("the test book's sentence only")
		}
		// Remplacez `([A-Za-z ]+) ([0-9]+)` par `\t`.
		for i := 0; i+2 < len(words); i++ {
			a, b, c := words[i], words[i+1], words[i+2]
			if a.text != "([A-Za-z" || b.text != "]+)" || c.text != "([0-9]+)" {
				continue
			}
			for _, g := range []float64{b.x0 - a.x1, c.x0 - b.x1} {
				if math.Abs(g-adv) > 0.1 {
					t.Errorf("a space of inline code is %.2f pt wide, want the monospaced face's %.2f", g, adv)
				}
			}
			return
		}
		t.Error("the inline code ([A-Za-z ]+) ([0-9]+) is not printed")
	})

	t.Run("EPUBCheck", func(t *testing.T) {
		epubcheckFile(t, filepath.Join(dir, filepath.Base(strings.TrimSuffix(pdf, ".pdf")+".epub")))
	})
}

// epubcheckFile runs EPUBCheck on an EPUB and fails on any message.
func epubcheckFile(t *testing.T, path string) {
	t.Helper()
	const jar = "/usr/share/java/epubcheck.jar"
	_, errJava := exec.LookPath("java")
	if _, err := os.Stat(jar); err != nil || errJava != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("EPUBCheck is missing and CI=true")
		}
		t.Skip("NOT RUN: EPUBCheck is missing (install epubcheck)")
	}
	out, err := exec.Command("java", "-jar", jar, path).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No errors or warnings detected")) {
		t.Errorf("EPUBCheck: %v\n%s", err, out)
	}
}
