package typeset

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

var (
	facesOnce sync.Once
	faces     map[string]*Face
	facesErr  error
)

// fontFiles names the project's font file of each style.
var fontFiles = map[string]string{
	"Regular": "EBGaramond12-Regular.ttf",
	"Italic":  "EBGaramond12-Italic.ttf",
	"Bold":    "EBGaramond-Bold.ttf",
}

// testFace returns an EB Garamond face from the project's fonts folder:
// "regular", "italic" or "bold".
func testFace(t testing.TB, name string) *Face {
	t.Helper()
	facesOnce.Do(func() {
		faces = map[string]*Face{}
		for _, n := range []string{"Regular", "Italic", "Bold"} {
			b, err := os.ReadFile(filepath.Join("..", "..", "fonts", fontFiles[n]))
			if err != nil {
				facesErr = err
				return
			}
			f, err := ParseFace(b)
			if err != nil {
				facesErr = err
				return
			}
			faces[strings.ToLower(n)] = f
		}
	})
	if facesErr != nil {
		t.Fatalf("load EB Garamond: %v", facesErr)
	}
	return faces[name]
}

var (
	mdImage   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?`)
	mdCite    = regexp.MustCompile(`\s*\[@[^\]]*\]`)
	mdAttr    = regexp.MustCompile(`\{[^}]*\}`)
	mdSpan    = regexp.MustCompile(`\[([^\]]*)\]\{[^}]*\}`)
	mdRef     = regexp.MustCompile(`@(fig|tbl|sec)-[\p{L}\p{N}_-]+`)
	mdEmph    = regexp.MustCompile(`[*_]+`)
	frenchNB  = regexp.MustCompile(` ?([;!?])`)
	frenchCol = regexp.MustCompile(` ?:`)
	guillO    = regexp.MustCompile(`« ?`)
	guillC    = regexp.MustCompile(` ?»`)
)

// bookParagraphs returns the prose paragraphs of the sample book with the
// French spacing the typo pass gives them (U+202F before ; ! ? and inside
// guillemets, U+00A0 before a colon).
func bookParagraphs(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "book", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("sample book: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n\n") {
			para = strings.TrimSpace(para)
			if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "![") || strings.HasPrefix(para, "---") {
				continue
			}
			para = mdImage.ReplaceAllString(para, "")
			para = mdCite.ReplaceAllString(para, "")
			para = mdSpan.ReplaceAllString(para, "$1") // index terms: their text
			para = mdRef.ReplaceAllString(para, "fig.\u00a02")
			para = mdAttr.ReplaceAllString(para, "")
			para = mdEmph.ReplaceAllString(para, "")
			para = strings.Join(strings.Fields(para), " ")
			para = frenchNB.ReplaceAllString(para, "\u202f$1")
			para = frenchCol.ReplaceAllString(para, "\u00a0:")
			para = guillO.ReplaceAllString(para, "«\u202f")
			para = guillC.ReplaceAllString(para, "\u202f»")
			para = strings.ReplaceAll(para, "'", "’")
			if len(para) > 40 {
				out = append(out, para)
			}
		}
	}
	return out
}
