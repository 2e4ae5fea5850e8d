package typo

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

var update = flag.Bool("update", false, "rewrite the expected outputs of testdata/*.txt")

// testCase is one case of a testdata file:
//
//	=== LANG [heading]: what it shows
//	input in the notation
//	---
//	expected output
//	!! an expected suggestion (zero or more)
type testCase struct {
	lang, kind, name string
	input, want      string
	suggestions      []string
}

func readCases(t *testing.T, path string) (header string, cases []testCase) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cur *testCase
	stage := 0
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			cases = append(cases, testCase{})
			cur = &cases[len(cases)-1]
			spec, name, _ := strings.Cut(line[4:], ":")
			f := strings.Fields(spec)
			cur.lang, cur.kind, cur.name = f[0], "para", strings.TrimSpace(name)
			if len(f) > 1 {
				cur.kind = f[1]
			}
			stage = 1
		case cur == nil:
			header += line + "\n"
		case line == "---" && stage == 1:
			stage = 2
		case strings.HasPrefix(line, "!! ") && stage >= 2:
			cur.suggestions = append(cur.suggestions, line[3:])
		case stage == 1 && line != "":
			if cur.input != "" {
				t.Fatalf("%s: case %q: input must be one line (use ⟨br⟩)", path, cur.name)
			}
			cur.input = line
		case stage == 2 && line != "":
			cur.want = line
			stage = 3
		}
	}
	return header, cases
}

func writeCases(t *testing.T, path, header string, cases []testCase) {
	var b strings.Builder
	b.WriteString(header)
	for _, c := range cases {
		spec := c.lang
		if c.kind != "para" {
			spec += " " + c.kind
		}
		b.WriteString("=== " + spec + ": " + c.name + "\n" + c.input + "\n---\n" + c.want + "\n")
		for _, s := range c.suggestions {
			b.WriteString("!! " + s + "\n")
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(strings.TrimRight(b.String(), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// applyOne runs Apply on a one-block book holding ins.
func applyOne(lang, kind string, ins []model.Inline) ([]model.Inline, *model.Diagnostics) {
	var blk model.Block
	var get func() []model.Inline
	switch kind {
	case "heading":
		h := &model.Heading{Level: 2, Inlines: ins}
		blk, get = h, func() []model.Inline { return h.Inlines }
	default:
		p := &model.Paragraph{Inlines: ins}
		blk, get = p, func() []model.Inline { return p.Inlines }
	}
	book := &model.Book{Meta: model.Metadata{Language: lang},
		Chapters: []*model.Chapter{{ID: "c", Blocks: []model.Block{blk}}}}
	ds := &model.Diagnostics{}
	Apply(book, ds)
	return get(), ds
}

func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files in testdata")
	}
	for _, path := range files {
		header, cases := readCases(t, path)
		for i := range cases {
			c := &cases[i]
			t.Run(filepath.Base(path)+"/"+c.name, func(t *testing.T) {
				out, ds := applyOne(c.lang, c.kind, parseNotation(c.input))
				got := notation(out)
				var sugg []string
				for _, d := range ds.List {
					sugg = append(sugg, d.Message)
				}
				if *update {
					c.want, c.suggestions = got, sugg
					return
				}
				if got != c.want {
					t.Errorf("input: %s\n got: %s\nwant: %s", c.input, got, c.want)
				}
				if strings.Join(sugg, "\n") != strings.Join(c.suggestions, "\n") {
					t.Errorf("suggestions:\n got: %q\nwant: %q", sugg, c.suggestions)
				}
				// Idempotence: the output set again is unchanged and
				// suggests the same.
				again, ds2 := applyOne(c.lang, c.kind, out)
				if g2 := notation(again); g2 != got {
					t.Errorf("not idempotent:\n once: %s\ntwice: %s", got, g2)
				}
				if len(ds2.List) != len(ds.List) {
					t.Errorf("second run gave %d suggestions, first %d", len(ds2.List), len(ds.List))
				}
			})
		}
		if *update {
			writeCases(t, path, header, cases)
		}
	}
}
