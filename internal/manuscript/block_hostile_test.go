package manuscript

import (
	"strings"
	"testing"
	"time"
)

// TestHostileBlockSyntax reads files that push the pandoc block syntax to
// its limits: each must be read quickly, with the expected reports.
func TestHostileBlockSyntax(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the diagnostics
	}{
		{"many HTML containers", strings.Repeat("<div>\nx *y*\n</div>\n\n", 20000), nil},
		// Unclosed, so raw HTML as CommonMark says, and too deep for the
		// HTML parser: reported, not a crash nor a hang.
		{"nested HTML containers", strings.Repeat("<div>\nx\n", 5000),
			[]string{"warning: raw HTML left out: html: open stack of elements exceeds 512 nodes"}},
		{"nested closed HTML containers", strings.Repeat("<div>\n", 5000) + "x\n" + strings.Repeat("</div>\n", 5000),
			[]string{"warning: "}},
		{"lone container tags nested deep", strings.Repeat("<div>\n\n", 5000) + strings.Repeat("</div>\n\n", 5000),
			[]string{"warning: HTML elements nested more than 100 deep"}},
		{"fenced divs nested deep", strings.Repeat("::: a\n", 5000) + strings.Repeat(":::\n", 5000),
			[]string{"warning: fenced divs nested more than 50 deep"}},
		{"unpaired container tags", strings.Repeat("</div>\n\n<section>\n\n", 20000),
			[]string{"warning: more HTML container tags without their pair"}},
		{"fancy markers on one line", strings.Repeat("a. ", 50000) + "x\n", nil},
		{"a long line block", strings.Repeat("| a *b*\n", 50000), nil},
		{"many example references", "(@a) x\n\nSee " + strings.Repeat("(@a) (@b) ", 20000) + "\n",
			[]string{"warning: (@b) refers to no example"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got := readHostile(t, map[string][]byte{"book/ch.md": []byte("# T\n\n" + tc.src), "book/book.yaml": []byte(hostileYAML)}, Options{})
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("reading took %v", d)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics lack %q:\n%.2000s", w, got)
				}
			}
			if len(got) > 100000 {
				t.Errorf("%d bytes of diagnostics: %.500s", len(got), got)
			}
		})
	}
}
