package yamlfile

import (
	"bytes"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// FuzzParse reads any YAML and checks it against a schema shaped like
// layout/print.yaml. It stands in for a fuzz target of the layout reader
// until that reader has its own (internal/layout now has FuzzLoad).
// Every diagnostic and every node must lie inside the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"trim: {width: 148mm, height: 210mm}\nbleed: 3mm\nmargins:\n  top: 18mm\n  inner: 20mm\nfont:\n  body: fonts/EBGaramond-Regular.ttf\n  size: 11pt\ncrop-marks: true\n",
		"trim: a5\nbleed: 0.125in\nmargins: [1, 2]\nfont: {body: x, size: twelve}\ncrop-marks: maybe\nunknown: 1\n",
		"a: &x 1\nb: *x\n<<: {c: 2}\n", "a: [1, {b: c}, [d, e]]\n---\nf: g\n", "\"\\u0000\": \"\\x07\"\n", "a:\n  - b\n - c\n",
		"? complex key\n: value\n", "!!binary aGVsbG8=\n", "a: |\n  literal\n  text\nb: >-\n  folded\n", "[[[[[[]]]]]]", "\xef\xbb\xbfa: b\r\nc: d\r",
		`[{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[1944, 9]]}}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(20*time.Second, func() { panic(fmt.Sprintf("Parse hangs on %q", data)) })
		defer watchdog.Stop()
		var ds model.Diagnostics
		root := Parse("f.yaml", data, &ds)
		if root != nil {
			Fields(root, &ds, "print.yaml", []string{"trim"}, map[string]func(*Node){
				"trim": func(n *Node) {
					Fields(n, &ds, "trim", []string{"width", "height"}, map[string]func(*Node){
						"width": func(v *Node) { String(v, &ds, "trim.width") }, "height": func(v *Node) { String(v, &ds, "trim.height") },
					})
				},
				"bleed":   func(n *Node) { String(n, &ds, "bleed") },
				"margins": func(n *Node) { Strings(n, &ds, "margins") },
				"font": func(n *Node) {
					Fields(n, &ds, "font", nil, map[string]func(*Node){"size": func(v *Node) { Float(v, &ds, "size") }})
				},
				"crop-marks": func(n *Node) { Bool(n, &ds, "crop-marks") },
				"pages":      func(n *Node) { Int(n, &ds, "pages") },
			})
		}
		lines := linesOf(data)
		for _, d := range ds.List {
			if d.Message == "" || d.Pos.File != "f.yaml" {
				t.Fatalf("diagnostic without message or file: %#v", d)
			}
			checkPos(t, d.Pos, lines, d.String())
		}
		count := 0
		var walk func(n *Node)
		walk = func(n *Node) {
			if n == nil {
				return
			}
			count++
			checkPos(t, n.Pos, lines, fmt.Sprintf("node %q", n.Value))
			if len(n.Keys) != len(n.Values) {
				t.Fatalf("mapping with %d keys and %d values", len(n.Keys), len(n.Values))
			}
			for _, list := range [][]*Node{n.Keys, n.Values, n.Items} {
				for _, c := range list {
					walk(c)
				}
			}
		}
		walk(root)
		if count > MaxNodes+1 {
			t.Fatalf("%d nodes, more than MaxNodes", count)
		}
		if root == nil && !ds.HasErrors() {
			t.Fatalf("no tree and no error")
		}
	})
}

// linesOf returns each line's length in characters, lines ending at LF,
// CRLF or CR, after a byte order mark is removed.
func linesOf(data []byte) []int {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	var out []int
	for _, l := range bytes.Split(data, []byte("\n")) {
		out = append(out, utf8.RuneCount(l))
	}
	return out
}

func checkPos(t *testing.T, p model.Position, lines []int, what string) {
	t.Helper()
	if p.Line == 0 && p.Col == 0 {
		return
	}
	if p.Line < 1 || p.Line > len(lines) {
		t.Fatalf("%s: line %d outside the file's %d lines", what, p.Line, len(lines))
	}
	if p.Col < 1 || p.Col > lines[p.Line-1]+1 {
		t.Fatalf("%s: column %d outside line %d of %d characters", what, p.Col, p.Line, lines[p.Line-1])
	}
}
