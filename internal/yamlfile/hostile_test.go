package yamlfile

import (
	"strings"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/model"
)

// TestHostileYAML feeds the parser documents built to exhaust time, memory
// or the stack; each must end quickly with the diagnostics listed.
func TestHostileYAML(t *testing.T) {
	laughs := func(n int) string {
		var b strings.Builder
		b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
		for i := 1; i <= n; i++ {
			b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [")
			for j := 0; j < 10; j++ {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString("*a" + itoa(i-1))
			}
			b.WriteString("]\n")
		}
		return b.String()
	}
	tests := []struct {
		name, in string
		want     string
	}{
		{"billion laughs", laughs(30), "f.yaml:2:10: error: YAML aliases (*name) are not supported here: write the value out"},
		{"deep flow sequence", strings.Repeat("[", 100) + strings.Repeat("]", 100), ""},
		{"very deep flow sequence", strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
			"f.yaml:1:101: error: more than 100 nested [ ] or { }: publish reads no YAML nested this deep"},
		{"brackets in quotes and comments", "a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n" +
			"b: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n" +
			"# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n", ""},
		{"deep block mapping", deepMapping(200), ""},
		{"too deep block mapping", deepMapping(3000), "f.yaml:402:401: error: line indented more than 400 columns: publish reads no YAML nested this deep"},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", `f.yaml:3:1: error: YAML syntax: mapping key "a" already defined at [1:1]`},
		{"NUL", "a: b\x00c\n", "f.yaml:1:5: error: control character U+0000: YAML allows only printable text (the file looks binary or corrupted)"},
		{"escaped NUL", "a: \"b\\0c\"\n", "f.yaml:1:4: error: the value holds control character U+0000, which no book can print"},
		{"BOM", "\xef\xbb\xbfa: b\n", ""},
		{"missing value", "a:", ""},
		{"too large", "a: " + strings.Repeat("x", MaxSize), "f.yaml: error: YAML file is 16.0 MiB, more than the 16 MiB publish reads"},
		{"many nodes", "[" + strings.Repeat("1,", MaxNodes+10) + "1]", "f.yaml:1:400000: error: file too large: more than 200000 YAML nodes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ds model.Diagnostics
			start := time.Now()
			Parse("f.yaml", []byte(tc.in), &ds)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("parsing took %v", d)
			}
			t.Logf("%s: %d bytes parsed in %v", tc.name, len(tc.in), time.Since(start))
			if got := strings.TrimSpace(ds.String()); got != tc.want {
				t.Errorf("diagnostics:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func deepMapping(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TestUnclosedBracketAtItsLine is the issue's "a YAML syntax error is
// reported one line after the [ that caused it": the error points at the
// bracket left open.
func TestUnclosedBracketAtItsLine(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
	}{
		{"trim: 15x21cm\nmargins: [inner, 3mm\nsizes:\n  text: 11pt\n", 2, 10},
		{"a: {b: 1, c: [1, 2]\nd: 2\n", 1, 4},
		{"title: \"l'[\"\nlist: [a, b\n", 2, 7},
		// A bracket closed later: the missing comma is the error.
		{"[\n  {\"id\": \"a\", \"type\": \"book\" \"title\": \"x\"}\n]\n", 2, 30},
	} {
		var ds model.Diagnostics
		if Parse("x.yaml", []byte(tc.src), &ds) != nil || len(ds.List) != 1 {
			t.Errorf("%q: want one syntax error, got %v", tc.src, ds.List)
			continue
		}
		if p := ds.List[0].Pos; p.Line != tc.line || p.Col != tc.col {
			t.Errorf("%q: error at %d:%d, want %d:%d (%s)", tc.src, p.Line, p.Col, tc.line, tc.col, ds.List[0].Message)
		}
	}
}
