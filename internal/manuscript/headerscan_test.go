package manuscript

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// scanHeadingsEveryLine is scanHeadings without its look at a line's
// first character: every line outside fenced code goes through the two
// patterns. It is scanHeadings' reference.
func scanHeadingsEveryLine(src []byte) (refs []headerRef, defined map[string]bool) {
	return scanHeadingLines(src, func(_, _ []byte) bool { return true })
}

// TestScanHeadingsSkipsOnlyLinesThatCannotMatch compares scanHeadings
// with its reference on the sample book, the build's case files and
// random lines of spaces, tabs, hashes, brackets, fences and words.
func TestScanHeadingsSkipsOnlyLinesThatCannotMatch(t *testing.T) {
	check := func(src []byte) {
		t.Helper()
		refs, defined := scanHeadings(src)
		wantRefs, wantDefined := scanHeadingsEveryLine(src)
		if !reflect.DeepEqual(refs, wantRefs) || !reflect.DeepEqual(defined, wantDefined) {
			t.Fatalf("scanHeadings(%q) = %v %v, every line through the patterns gives %v %v", src, refs, defined, wantRefs, wantDefined)
		}
	}
	files := sampleTextFiles(t)
	headings := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(data)
		refs, _ := scanHeadings(data)
		headings += len(refs)
	}
	if headings < 20 {
		t.Fatalf("found %d headings in the files, expected more", headings)
	}
	pieces := []string{" ", "  ", "   ", "    ", "\t", "#", "##", "[", "]", "]:", "x", "Titre", "{#id}", "```", "~~~", "`", "*", "\n"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rng.Intn(14); n >= 0; n-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		check(b)
	}
}

// sampleTextFiles returns the paths of the sample book's chapters and of
// the build's case files: Markdown of every kind the reader meets.
func sampleTextFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../book/*.md", "../build/testdata/cases/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d text files, expected the sample book's chapters and the case files", len(files))
	}
	return files
}
