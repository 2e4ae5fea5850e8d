package build

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// commonMarkExample is one example of the CommonMark spec, as goldmark
// ships it in its module (_test/spec.json).
type commonMarkExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// loadCommonMarkSpec reads the spec's examples from goldmark's module.
func loadCommonMarkSpec(t *testing.T) []commonMarkExample {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	data, rerr := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil || rerr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CommonMark spec examples not found (%v, %v)", err, rerr)
		}
		t.Skipf("CommonMark conformance NOT RUN: goldmark's _test/spec.json missing (%v, %v)", err, rerr)
	}
	var examples []commonMarkExample
	if err := json.Unmarshal(data, &examples); err != nil || len(examples) < 600 {
		t.Fatalf("spec.json: %v (%d examples)", err, len(examples))
	}
	return examples
}

// knownCommonMarkDifferences lists the examples whose words differ in the
// EPUB on purpose, with the reason (docs/manuscript.md repeats them).
var knownCommonMarkDifferences = map[int]string{
	13:  "pandoc's rule: a backslash before a space is a no-break space (CommonMark keeps the backslash)",
	25:  "the PDF cannot draw ℋ ⅆ ∲ ≧̸: EB Garamond has no glyph for them (a warning names each character at its place)",
	26:  "the PDF cannot draw Ϡ: EB Garamond has no glyph for it (a warning names the character at its place)",
	27:  "the PDF cannot draw ആ ಫ (Malayalam, Kannada): EB Garamond has no glyph for them (a warning names each character at its place)",
	189: "pandoc's rule: Markdown inside a raw <div> … </div> block is read as Markdown (CommonMark keeps it as raw text)",
	171: "a <textarea> is a form control, which a book cannot hold: it is left out with its content, and a warning says so at its place",
}

// TestCommonMarkConformance builds one book whose chapters are the
// CommonMark spec's examples that need no image file, one example a file,
// and checks that the words of each example's expected HTML are exactly
// the words of its chapter in the EPUB, and that every one of them is in
// the PDF's text. Examples that make the book fail (an error in the
// manuscript) are set aside, retried alone and counted as failures.
func TestCommonMarkConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("CommonMark conformance NOT RUN in -short mode: builds a book of 600 chapters")
	}
	requireTool(t, "pdftotext")
	var examples []commonMarkExample
	for _, ex := range loadCommonMarkSpec(t) {
		if strings.Contains(ex.Markdown, "![") || strings.Contains(ex.HTML, "<img") {
			continue
		}
		examples = append(examples, ex)
	}
	dir := t.TempDir()
	if keep := os.Getenv("PUBLISH_KEEP_COMMONMARK"); keep != "" {
		dir = keep // to look at the book and its outputs after the test
	}
	failed, setAside := buildCommonMarkBook(t, filepath.Join(dir, "all"), examples)
	// Each example is a document of its own: one that differs in the
	// book of all examples is built again alone, since pandoc's implicit
	// header references let "[foo]" in one chapter reach a heading "foo"
	// of another.
	for _, ex := range examples {
		if _, bad := failed[ex.Example]; !bad {
			continue
		}
		if _, known := knownCommonMarkDifferences[ex.Example]; known {
			continue
		}
		f, aside := buildCommonMarkBook(t, filepath.Join(dir, fmt.Sprintf("again-%d", ex.Example)), []commonMarkExample{ex})
		if len(f) == 0 && len(aside) == 0 {
			delete(failed, ex.Example)
		}
	}
	// An example that failed the whole book (two examples with the same
	// id, for instance) is built again in a book of its own.
	for i, ex := range setAside {
		f, aside := buildCommonMarkBook(t, filepath.Join(dir, fmt.Sprintf("alone-%d", i)), []commonMarkExample{ex})
		for n, why := range f {
			failed[n] = why
		}
		for _, ex := range aside {
			failed[ex.Example] = "build error alone"
		}
	}
	var nums []int
	for n := range failed {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	unexplained := 0
	for _, n := range nums {
		if why, ok := knownCommonMarkDifferences[n]; ok {
			t.Logf("example %d differs on purpose: %s", n, why)
			continue
		}
		unexplained++
		section := ""
		for _, ex := range examples {
			if ex.Example == n {
				section = ex.Section
			}
		}
		t.Logf("example %d (%s): %s", n, section, failed[n])
	}
	kept := len(examples) - len(failed)
	t.Logf("CommonMark: %d of %d examples without images keep their words in the EPUB and the PDF (%.1f%%)",
		kept, len(examples), 100*float64(kept)/float64(len(examples)))
	if float64(kept) < 0.99*float64(len(examples)) {
		t.Errorf("fewer than 99%% of the examples keep their words: %d of %d", kept, len(examples))
	}
	if unexplained > 0 {
		t.Errorf("%d examples lose or change words without a documented reason", unexplained)
	}
}

// buildCommonMarkBook builds a book of the examples in dir and returns
// the examples that lost or changed words, with what differs, and the
// examples left out because the manuscript had errors in them.
func buildCommonMarkBook(t *testing.T, dir string, examples []commonMarkExample) (failed map[int]string, setAside []commonMarkExample) {
	t.Helper()
	bookDir := filepath.Join(dir, "book")
	if err := os.MkdirAll(bookDir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := func(ex commonMarkExample) string { return fmt.Sprintf("ex-%03d", ex.Example) }
	for _, ex := range examples {
		if err := os.WriteFile(filepath.Join(bookDir, name(ex)+".md"), []byte(ex.Markdown), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	failed = map[int]string{}
	included := examples
	var res *Result
	for attempt := 0; ; attempt++ {
		if len(included) == 0 {
			return failed, setAside
		}
		var yaml strings.Builder
		yaml.WriteString("title: CommonMark\nlanguage: en\nidentifiers:\n  uuid: urn:uuid:00000000-0000-5000-8000-000000000001\nchapters:\n  body:\n")
		for _, ex := range included {
			fmt.Fprintf(&yaml, "    - %s.md\n", name(ex))
		}
		if err := os.WriteFile(filepath.Join(bookDir, "book.yaml"), []byte(yaml.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		res, err = Run(Options{BookDir: bookDir, LayoutDir: "../../layout", OutDir: filepath.Join(dir, "out"), EPUB: true, PDF: true})
		if err == nil {
			break
		}
		bad := map[string]string{}
		for _, d := range res.Diagnostics.List {
			if d.Severity == 2 {
				bad[strings.TrimSuffix(filepath.Base(d.Pos.File), ".md")] = d.String()
			}
		}
		if len(bad) == 0 || attempt > 5 {
			t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
		}
		var keep []commonMarkExample
		for _, ex := range included {
			if why, ok := bad[name(ex)]; ok {
				if len(examples) == 1 {
					failed[ex.Example] = "build error: " + why
				} else {
					setAside = append(setAside, ex)
				}
				continue
			}
			keep = append(keep, ex)
		}
		included = keep
	}
	chapterText := epubChapterWords(t, outputOf(t, res, ".epub"))
	printed := pdfText(t, res)
	for _, ex := range included {
		want := normalizeWords(htmlWords(t, ex.HTML))
		got := normalizeWords(chapterText[name(ex)])
		if strings.Join(want, " ") != strings.Join(got, " ") {
			failed[ex.Example] = fmt.Sprintf("EPUB words %q, want %q", got, want)
			continue
		}
		for _, w := range want {
			if !strings.Contains(printed, w) {
				failed[ex.Example] = fmt.Sprintf("PDF lacks %q (words %q)", w, want)
				break
			}
		}
	}
	return failed, setAside
}

// blockTags are the elements whose start and end separate words.
var blockTags = map[string]bool{"p": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "pre": true, "blockquote": true, "div": true, "tr": true, "td": true,
	"th": true, "br": true, "hr": true, "dd": true, "dt": true, "section": true, "aside": true, "table": true,
	"figure": true, "figcaption": true, "body": true}

// htmlText returns the text of an HTML fragment or document's body, a
// space standing at each block boundary.
func htmlText(t *testing.T, r io.Reader) string {
	t.Helper()
	z := html.NewTokenizer(r)
	var b strings.Builder
	hidden := 0 // inside <script> or <style>, whose text a reader never sees
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("html: %v", z.Err())
			}
			return b.String()
		case html.TextToken:
			if hidden == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch {
			case (tok.Data == "script" || tok.Data == "style") && tok.Type == html.StartTagToken:
				hidden++
			case (tok.Data == "script" || tok.Data == "style") && tok.Type == html.EndTagToken && hidden > 0:
				hidden--
			}
			if blockTags[tok.Data] {
				b.WriteByte(' ')
			}
		}
	}
}

func htmlWords(t *testing.T, s string) []string {
	return strings.Fields(htmlText(t, strings.NewReader(s)))
}

// typographic maps the characters the typographic rules put in, and the
// spaces they use, back to what the manuscript typed.
var typographic = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", "\"", "\u201d", "\"", "\u00a0", " ",
	"\u202f", " ", "\u2009", " ", "\u2026", "...", "\u2013", "-", "\u2014", "---", "\u00ab", "\"", "\u00bb", "\"")

func normalizeWords(words []string) []string {
	return strings.Fields(typographic.Replace(strings.Join(words, " ")))
}

// epubChapterWords returns the words of each example's chapter documents
// (ex-001.xhtml, and ex-001-2.xhtml when the example made two chapters),
// without the chapter's page-break markers.
func epubChapterWords(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	file := regexp.MustCompile(`/(ex-\d{3})(-\d+)?\.xhtml$`)
	var names []string
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		if file.MatchString(f.Name) {
			names = append(names, f.Name)
			byName[f.Name] = f
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := file.FindStringSubmatch(names[i]), file.FindStringSubmatch(names[j])
		if a[1] != b[1] {
			return a[1] < b[1]
		}
		return len(a[2]) < len(b[2]) || len(a[2]) == len(b[2]) && a[2] < b[2]
	})
	out := map[string][]string{}
	for _, n := range names {
		rc, err := byName[n].Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		if i := bytes.Index(body, []byte("<body")); i >= 0 {
			body = body[i:]
		}
		key := file.FindStringSubmatch(n)[1]
		out[key] = append(out[key], strings.Fields(htmlText(t, bytes.NewReader(body)))...)
	}
	return out
}

// pdfText returns the PDF's text (pdftotext) with every space and line
// end taken out: pdftotext joins a word ending in a hyphen at a line's end
// with the next line's first word, so a word is looked for as a part of
// that text rather than among its space-separated words.
func pdfText(t *testing.T, res *Result) string {
	t.Helper()
	var pdf string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".pdf") {
			pdf = o.Path
		}
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(typographic.Replace(string(text))), "")
}
