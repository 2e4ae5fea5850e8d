package cite

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/casefile"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
)

var update = flag.Bool("update", false, "rewrite the want section of the testdata case files")

// A case file holds sections introduced by "-- name --" lines:
//
//	-- book --      book.yaml keys added to a minimal book (language, citation-style)
//	-- sources --   the CSL-YAML or CSL-JSON sources file (sources.json when it starts with "[")
//	-- chapter --   one Markdown chapter
//	-- want --      the dump of the model after Apply
//
// Everything before the first section is a comment.
// buildCase writes the case's book into a temporary folder and reads it.
func buildCase(t *testing.T, c casefile.File) (*model.Book, model.Diagnostics, string) {
	t.Helper()
	root := t.TempDir()
	bookDir := filepath.Join(root, "book")
	if err := os.MkdirAll(filepath.Join(root, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 300, 200))); err != nil {
		t.Fatal(err)
	}
	sourcesName := "sources.yaml"
	if strings.HasPrefix(strings.TrimSpace(c.Sections["sources"]), "[") {
		sourcesName = "sources.json"
	}
	defaultLang := "language: fr\n"
	if strings.Contains(c.Sections["book"], "language:") {
		defaultLang = ""
	}
	files := map[string]string{
		"images/figure.png": img.String(),
		"book/book.yaml": "title: Test\n" + defaultLang + c.Sections["book"] +
			"sources: " + sourcesName + "\nchapters:\n  body:\n    - chapter.md\n",
		"book/" + sourcesName: c.Sections["sources"],
		"book/chapter.md":     c.Sections["chapter"],
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	book, ds := manuscript.Read(manuscript.Options{BookDir: bookDir})
	return book, ds, root
}

func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files in testdata: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c := casefile.Parse(string(data))
			book, ds, root := buildCase(t, c)
			Apply(book, &ds)
			got := dump(book, ds, root)
			if *update {
				c.Set("want", got)
				if err := os.WriteFile(file, []byte(c.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := c.Sections["want"]; got != want {
				t.Errorf("%s: model after Apply differs (go test ./internal/cite -update rewrites it)\n--- got\n%s--- want\n%s", file, got, want)
			}
		})
	}
}

// dump writes what the pass put into the model: the chapters' text with
// note calls, the notes, the figures' credits, the bibliography and the
// diagnostics. Italics are *…*, links <…>, spans [… | lang].
func dump(book *model.Book, ds model.Diagnostics, root string) string {
	var b strings.Builder
	for _, ch := range book.Chapters {
		fmt.Fprintf(&b, "chapter %s\n", ch.ID)
		dumpBlocks(&b, ch.Blocks, "  ")
		for _, n := range ch.Notes {
			kind := "author"
			if n.Generated {
				kind = "citation"
			}
			var parts []string
			for _, blk := range n.Blocks {
				if p, ok := blk.(*model.Paragraph); ok {
					parts = append(parts, markup(p.Inlines))
				}
			}
			fmt.Fprintf(&b, "  note %d %s (%s): %s\n", n.Number, n.ID, kind, strings.Join(parts, " ¶ "))
		}
	}
	for _, f := range book.Figures {
		fmt.Fprintf(&b, "credit %s: %s\n", f.ID, markup(f.Credit))
	}
	for _, g := range book.Bibliography {
		if g.Level > 0 {
			fmt.Fprintf(&b, "bibliography level %d: %s\n", g.Level, g.Title)
		} else {
			fmt.Fprintf(&b, "bibliography: %s\n", g.Title)
		}
		for _, e := range g.Entries {
			fmt.Fprintf(&b, "  %s: %s\n", e.Key, markup(e.Inlines))
		}
	}
	var diags []string
	for _, d := range ds.List {
		s := d.String()
		s = strings.ReplaceAll(s, filepath.ToSlash(root)+"/", "")
		diags = append(diags, s)
	}
	sort.Strings(diags)
	for _, d := range diags {
		fmt.Fprintf(&b, "diagnostic: %s\n", d)
	}
	return b.String()
}

func dumpBlocks(b *strings.Builder, bs []model.Block, indent string) {
	for _, blk := range bs {
		switch n := blk.(type) {
		case *model.Paragraph:
			fmt.Fprintf(b, "%stext: %s\n", indent, markup(n.Inlines))
		case *model.FigureBlock:
			fmt.Fprintf(b, "%sfigure %s: %s\n", indent, n.Figure.ID, markup(n.Figure.Caption))
		case *model.Heading:
			fmt.Fprintf(b, "%sheading: %s\n", indent, markup(n.Inlines))
		case *model.BlockQuote:
			fmt.Fprintf(b, "%squote:\n", indent)
			dumpBlocks(b, n.Blocks, indent+"  ")
		case *model.List:
			for _, it := range n.Items {
				fmt.Fprintf(b, "%sitem:\n", indent)
				dumpBlocks(b, it.Blocks, indent+"  ")
			}
		}
	}
}

func markup(ins []model.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch n := in.(type) {
		case *model.Text:
			b.WriteString(n.Value)
		case *model.Emphasis:
			b.WriteString("*" + markup(n.Children) + "*")
		case *model.Strong:
			b.WriteString("**" + markup(n.Children) + "**")
		case *model.Span:
			b.WriteString("[" + markup(n.Children) + " | " + n.Lang + "]")
		case *model.Link:
			b.WriteString("<" + markup(n.Children) + ">")
		case *model.NoteRef:
			fmt.Fprintf(&b, "[^%d]", n.Note.Number)
		case *model.Citation:
			switch {
			case n.Note != nil:
				fmt.Fprintf(&b, "[^%d]", n.Note.Number)
			default:
				b.WriteString("{" + markup(n.Rendered) + "}")
			}
		default:
			b.WriteString(model.PlainText([]model.Inline{in}))
		}
	}
	return b.String()
}
