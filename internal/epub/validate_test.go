package epub

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

const epubcheckJar = "/usr/share/java/epubcheck.jar"

// skipOrFail skips a test whose outside tool is missing, loudly, or
// fails it when CI=true.
func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: the tool must be installed)", msg)
	}
	t.Skip("NOT RUN: " + msg)
}

var epubcheckSummary = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// epubcheck runs W3C EPUBCheck and requires 0 fatals, 0 errors and 0
// warnings.
func epubcheck(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		skipOrFail(t, "EPUBCheck: java missing")
	}
	if _, err := os.Stat(epubcheckJar); err != nil {
		skipOrFail(t, "EPUBCheck: "+epubcheckJar+" missing")
	}
	out, _ := exec.Command("java", "-jar", epubcheckJar, path).CombinedOutput()
	m := epubcheckSummary.FindSubmatch(out)
	if m == nil {
		t.Fatalf("EPUBCheck printed no summary:\n%s", out)
	}
	t.Logf("EPUBCheck %s: %s", filepath.Base(path), m[0])
	if string(m[1]) != "0" || string(m[2]) != "0" || string(m[3]) != "0" {
		t.Errorf("EPUBCheck found problems:\n%s", out)
	}
}

// aceReport is the part of Ace's report.json the tests read.
type aceReport struct {
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Title  string `json:"dct:title"`
				Impact string `json:"earl:impact"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
}

// ace runs DAISY Ace and requires no violation.
func ace(t *testing.T, path string) {
	t.Helper()
	bin := filepath.Join(repoRoot(t), ".tools", "node_modules", ".bin", "ace")
	if _, err := os.Stat(bin); err != nil {
		skipOrFail(t, "DAISY Ace: "+bin+" missing (make tools)")
	}
	// .bin/ace starts Ace with Electron, which is installed without its
	// binary; the puppeteer runner uses Debian's chromium.
	if p := bin + "-puppeteer"; fileExists(p) {
		bin = p
	}
	chromium := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if !fileExists(chromium) {
		skipOrFail(t, "DAISY Ace: chromium missing at "+chromium)
	}
	outDir := t.TempDir()
	cmd := exec.Command(bin, "-s", "-f", "-o", outDir, path)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Ace failed: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(outDir, "report.json"))
	if err != nil {
		t.Fatalf("Ace wrote no report: %v", err)
	}
	var rep aceReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("Ace report: %v", err)
	}
	checked, violations := 0, 0
	for _, doc := range rep.Assertions {
		checked++
		for _, a := range doc.Assertions {
			if a.Result.Outcome != "pass" {
				violations++
				t.Errorf("Ace: %s: %s (%s): %s", doc.Subject.URL, a.Test.Title, a.Test.Impact, a.Result.Description)
			}
		}
	}
	t.Logf("Ace %s: %d documents checked, %d violations", filepath.Base(path), checked, violations)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// validate writes the book to a temporary EPUB and runs both validators.
func validate(t *testing.T, book *model.Book, opts Options) {
	t.Helper()
	if testing.Short() {
		t.Skip("validators skipped in -short mode")
	}
	data, _ := writeEPUB(t, book, opts)
	p := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("EPUB size: %d bytes", len(data))
	t.Run("EPUBCheck", func(t *testing.T) { epubcheck(t, p) })
	t.Run("Ace", func(t *testing.T) { ace(t, p) })
}

func TestValidateSampleBook(t *testing.T) {
	root := repoRoot(t)
	book := readBook(t, filepath.Join(root, "book"))
	validate(t, book, Options{LayoutDir: filepath.Join(root, "layout"), Fonts: testFonts(t), Pagination: simulatedPagination(book, 900, 7)})
}

func TestValidateSampleBookWithoutPagination(t *testing.T) {
	root := repoRoot(t)
	book := readBook(t, filepath.Join(root, "book"))
	validate(t, book, Options{LayoutDir: filepath.Join(root, "layout")})
}

func TestValidateSmallBook(t *testing.T) {
	book := readBook(t, "testdata/small")
	validate(t, book, Options{LayoutDir: filepath.Join(repoRoot(t), "layout"), Fonts: testFonts(t), Pagination: smallPagination()})
}

func TestValidateEnglishBook(t *testing.T) {
	book := readBook(t, "testdata/english")
	validate(t, book, Options{Fonts: testFonts(t), Pagination: simulatedPagination(book, 300, 1)})
}

// TestValidateLongBook generates a book of some three hundred printed
// pages (24 chapters of sections, lists, quotations, notes and figures)
// and validates its EPUB.
func TestValidateLongBook(t *testing.T) {
	if testing.Short() {
		t.Skip("long book skipped in -short mode")
	}
	dir := writeLongBook(t, 24, 26)
	book := readBook(t, dir)
	pg := simulatedPagination(book, 1800, 1)
	if len(pg.Pages) < 280 {
		t.Fatalf("the long book has %d pages, want about 300", len(pg.Pages))
	}
	t.Logf("long book: %d chapters, %d figures, %d pages", len(book.Chapters), len(book.Figures), len(pg.Pages))
	validate(t, book, Options{Fonts: testFonts(t), Pagination: pg, CacheDir: t.TempDir()})
}

// writeLongBook writes a generated French book to a temporary folder.
func writeLongBook(t *testing.T, chapters, paragraphs int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "long")
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, img := range []string{"photo.jpg", "plan.png"} {
		data, err := os.ReadFile(filepath.Join("testdata", "small", "images", img))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "images", img), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	words := strings.Fields("le port la ville les quais des navires une digue les bassins du littoral la marée " +
		"au nord les habitants reconstruisent lentement après la guerre avec patience et obstination " +
		"sous le ciel gris de septembre tandis que les grues reviennent sur les môles")
	var yaml strings.Builder
	yaml.WriteString("title: Un long livre\nlanguage: fr\nauthors:\n  - name: Claire Auteur\npublisher: Éditions Longues\n" +
		"date: \"2026\"\nidentifiers:\n  uuid: urn:uuid:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d\nchapters:\n  body:\n")
	seq := 0
	next := func() string {
		seq++
		return words[(seq*7+seq/3)%len(words)]
	}
	for c := 1; c <= chapters; c++ {
		name := fmt.Sprintf("%02d-chapitre.md", c)
		fmt.Fprintf(&yaml, "    - %s\n", name)
		var md strings.Builder
		fmt.Fprintf(&md, "# Chapitre %d\n\n", c)
		for p := 1; p <= paragraphs; p++ {
			if p%8 == 0 {
				fmt.Fprintf(&md, "## Section %d.%d\n\n", c, p/8)
			}
			var para []string
			for w := 0; w < 150; w++ {
				para = append(para, next())
			}
			text := strings.Join(para, " ")
			switch p % 11 {
			case 3:
				fmt.Fprintf(&md, "%s *%s*[^n%d].\n\n", text, next(), p)
				fmt.Fprintf(&md, "[^n%d]: Note %d du chapitre %d : %s %s.\n\n", p, p, c, next(), next())
			case 6:
				fmt.Fprintf(&md, "> %s.\n\n", text)
			case 9:
				r := []rune(text)
				fmt.Fprintf(&md, "- %s\n- %s\n\n", string(r[:60]), string(r[60:120]))
			default:
				fmt.Fprintf(&md, "%s.\n\n", text)
			}
			if p == paragraphs/2 {
				img := "photo.jpg"
				if c%2 == 0 {
					img = "plan.png"
				}
				fmt.Fprintf(&md, "![Illustration du chapitre %d](images/%s){#fig-ch%d alt=\"Illustration d’essai du chapitre %d.\" credit=\"Collection de l’auteur\"}\n\n", c, img, c, c)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(md.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
