package cite_test

import (
	"archive/zip"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/publish-books/publish/internal/build"
	"github.com/publish-books/publish/internal/model"
)

// The notes, the credits and the bibliography read the same in the EPUB
// and in the PDF, in both styles: every text the citation pass put into
// the model is found in the text extracted from each output.
func TestOutputsSayTheSame(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is missing")
		}
		t.Skip("NOT RUN: pdftotext (poppler-utils) missing: the EPUB/PDF comparison of citations is skipped")
	}
	if testing.Short() {
		t.Skip("NOT RUN in -short mode: builds the sample book twice")
	}
	for _, style := range []string{"notes", "author-date"} {
		t.Run(style, func(t *testing.T) {
			root := copyProject(t, style)
			res, err := build.Run(build.Options{BookDir: filepath.Join(root, "book"), LayoutDir: filepath.Join(root, "layout"),
				OutDir: filepath.Join(root, "out"), EPUB: true, PDF: true})
			if err != nil {
				t.Fatalf("build: %v\n%s", err, res.Diagnostics.String())
			}
			var pdfPath, epubPath string
			for _, o := range res.Outputs {
				switch filepath.Ext(o.Path) {
				case ".pdf":
					pdfPath = o.Path
				case ".epub":
					epubPath = o.Path
				}
			}
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfPath, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			pdfText := squeeze(string(out))
			epubText := squeeze(epubPlainText(t, epubPath))

			var want []string
			for _, g := range res.Book.Bibliography {
				want = append(want, g.Title)
				for _, e := range g.Entries {
					want = append(want, model.PlainText(e.Inlines))
				}
			}
			for _, f := range res.Book.Figures {
				want = append(want, model.PlainText(f.Credit))
			}
			for _, ch := range res.Book.Chapters {
				for _, n := range ch.Notes {
					for _, b := range n.Blocks {
						if p, ok := b.(*model.Paragraph); ok {
							want = append(want, model.PlainText(p.Inlines))
						}
					}
				}
				model.WalkInlines(ch, func(ins *[]model.Inline) {
					for _, in := range *ins {
						if c, ok := in.(*model.Citation); ok && len(c.Rendered) > 0 {
							want = append(want, model.PlainText(c.Rendered))
						}
					}
				})
			}
			if len(want) < 6 {
				t.Fatalf("only %d texts to compare: the pass produced too little", len(want))
			}
			t.Logf("%d texts compared in %s and %s", len(want), filepath.Base(pdfPath), filepath.Base(epubPath))
			for _, w := range want {
				s := squeeze(w)
				if !strings.Contains(pdfText, s) {
					t.Errorf("PDF lacks %q", w)
				}
				if !strings.Contains(epubText, s) {
					t.Errorf("EPUB lacks %q", w)
				}
			}
		})
	}
}

// copyProject copies the sample book, its images, layout and fonts into a
// temporary project, with the given citation style.
func copyProject(t *testing.T, style string) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"book", "images", "layout", "fonts"} {
		src := filepath.Join("..", "..", dir)
		err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			dst := filepath.Join(root, dir, rel)
			if info.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			if !info.Mode().IsRegular() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if dir == "book" && rel == "book.yaml" {
				data = []byte(strings.Replace(string(data), "citation-style: notes", "citation-style: "+style, 1))
			}
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			t.Fatalf("copy %s: %v", dir, err)
		}
	}
	return root
}

var tag = regexp.MustCompile(`<[^>]*>`)

// epubPlainText is the text of every XHTML document of an EPUB.
func epubPlainText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open EPUB: %v", err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(html.UnescapeString(tag.ReplaceAllString(string(data), "")))
	}
	return b.String()
}

// squeeze removes what line breaking changes between the outputs: every
// kind of space, hyphens and soft hyphens.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u00ad' || r == '\u2010' || r == '\u202f' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}
