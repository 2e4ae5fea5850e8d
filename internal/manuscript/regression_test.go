package manuscript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestFigureAttributeRegressions: problems in a figure's attribute block
// were printed as text or ignored; each is now reported at the figure.
func TestFigureAttributeRegressions(t *testing.T) {
	img := encode(t, "png", 40, 30)
	for _, tc := range []struct {
		name, chapter, want string
	}{
		{"unclosed block", "# T\n\n![Plan](i.png){#fig-map alt=\"Plan\" credit=\"D.R.\"\n",
			`book/ch.md:3:15: error: figure attributes: attribute block is not closed with }`},
		{"width over 100%", "# T\n\n![Plan](i.png){alt=\"a\" credit=\"b\" width=150%}\n",
			`book/ch.md:3:1: error: figure width="150%": a figure is from 1% to 100% of the text width`},
		{"width not a percentage", "# T\n\n![Plan](i.png){alt=\"a\" credit=\"b\" width=12cm}\n",
			`book/ch.md:3:1: error: figure width="12cm": write a percentage of the text width, such as width=60%`},
		{"unused attribute", "# T\n\n![Plan](i.png){alt=\"a\" credit=\"b\" height=3}\n",
			`book/ch.md:3:1: warning: figure attribute height="3" is not used by publish: left out (a figure takes alt, credit, source and width)`},
		{"link reference definitions are no unsupported construct", "# T\n\nVoir [le site][s].\n\n[s]: https://example.org\n", ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := readHostile(t, map[string][]byte{"book/book.yaml": []byte(hostileYAML), "book/ch.md": []byte(tc.chapter), "book/i.png": img}, Options{})
			if got != tc.want {
				t.Errorf("diagnostics:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// readBookFiles writes a project and reads its book, returning the model.
func readBookFiles(t *testing.T, files map[string]string) (*model.Book, model.Diagnostics) {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	return Read(Options{BookDir: "book"})
}

// TestIDRegister checks the id rules: the ids the author writes are
// reserved first, in every chapter, and automatic ids take a suffix
// instead of clashing with them.
func TestIDRegister(t *testing.T) {
	book, ds := readBookFiles(t, map[string]string{
		"book/book.yaml": "title: T\nlanguage: fr\nchapters:\n  - one.md\n  - two.md\n",
		// A heading's automatic id against an explicit one in a later
		// chapter; the chapter's id against its title's explicit id;
		// explicit ids shaped like automatic ones.
		"book/one.md": "# Introduction {#one}\n\n## Sources\n\nTexte[^1].\n\n## Page {#page-2}\n\n## Note {#fn-one-1-1}\n\n[^1]: N.\n",
		"book/two.md": "# Deux\n\n## Autre {#sources}\n\n<span id=\"sources-1\">x</span>\n",
	})
	if ds.HasErrors() {
		t.Fatalf("errors:\n%s", ds.String())
	}
	var ids []string
	model.WalkBook(book, func(n model.Node, entering bool) model.WalkStatus {
		if !entering {
			return model.WalkContinue
		}
		switch v := n.(type) {
		case *model.Chapter:
			ids = append(ids, "chapter "+v.ID+" title "+v.TitleID)
		case *model.Heading:
			ids = append(ids, "heading "+v.ID)
		case *model.Note:
			ids = append(ids, "note "+v.ID)
		}
		return model.WalkContinue
	})
	want := "chapter one-1 title one|heading sources-2|heading page-2|heading fn-one-1-1|note fn-one-1-1-1|chapter two title deux|heading sources"
	if got := strings.Join(ids, "|"); got != want {
		t.Errorf("ids:\n got %s\nwant %s", got, want)
	}
	if got := book.IDs.Mint("page-2"); got != "page-2-1" {
		t.Errorf("a page break minted after the heading {#page-2} got %q", got)
	}
}

// TestDuplicateExplicitIDs: the same id written twice is an error at both
// places, across chapters and raw HTML.
func TestDuplicateExplicitIDs(t *testing.T) {
	_, ds := readBookFiles(t, map[string]string{
		"book/book.yaml": "title: T\nlanguage: fr\nchapters:\n  - one.md\n  - two.md\n",
		"book/one.md":    "# Un\n\n## A {#foo}\n",
		"book/two.md":    "# Deux\n\n<div id=\"foo\">x</div>\n",
	})
	got := strings.TrimSpace(ds.String())
	want := "book/two.md:3:1: error: duplicate id \"foo\" (also at book/one.md:3:1)\nbook/one.md:3:1: error: duplicate id \"foo\" (also at book/two.md:3:1)"
	if got != want {
		t.Errorf("diagnostics:\n got %s\nwant %s", got, want)
	}
}

// TestHeadingAttributesNotClosed: "## Titre {#id" printed its attribute
// block as text with no word; it is an error at the block.
func TestHeadingAttributesNotClosed(t *testing.T) {
	got := readHostile(t, map[string][]byte{"book/book.yaml": []byte(hostileYAML),
		"book/ch.md": []byte("# T\n\n## Les combats {#combats\n\n## Prix {5 €}\n")}, Options{})
	want := `book/ch.md:3:16: error: heading attributes: attribute block is not closed with }`
	if got != want {
		t.Errorf("diagnostics:\n got %s\nwant %s", got, want)
	}
}

// TestMetadataBlockLeftOut: a pandoc YAML metadata block at the top of a
// chapter printed as a heading and text; it is left out with a warning,
// and the positions after it are those of the file.
func TestMetadataBlockLeftOut(t *testing.T) {
	got := readHostile(t, map[string][]byte{"book/book.yaml": []byte(hostileYAML),
		"book/ch.md": []byte("---\ntitle: Pandoc User's Guide\nauthor: John\n---\n\n# Synopsis\n\nTexte [@inconnu].\n")}, Options{})
	want := "book/ch.md:1:1: warning: a YAML metadata block (pandoc's --- title: … ---) at the top of a chapter is left out: publish reads the book's title, authors and other metadata from book.yaml\n" +
		`book/ch.md:8:7: error: unknown source "inconnu" (book.yaml names no sources file)`
	if got != want {
		t.Errorf("diagnostics:\n got %s\nwant %s", got, want)
	}
	// A thematic break and a setext heading are not a metadata block.
	if got := readHostile(t, map[string][]byte{"book/book.yaml": []byte(hostileYAML),
		"book/ch.md": []byte("---\nUne ligne\n---\n\n# T\n")}, Options{}); strings.Contains(got, "YAML") {
		t.Errorf("a setext heading taken for a metadata block: %s", got)
	}
}

// TestBracesThatAreNoAttributes: "[…]{…}" whose braces hold no
// attributes is text, as in pandoc (pandoc's test suite has TeX macros
// such as \cite[22-23]{smith.1899}); it was an error that stopped the
// book.
func TestBracesThatAreNoAttributes(t *testing.T) {
	book, ds := readBookFiles(t, map[string]string{
		"book/book.yaml": hostileYAML,
		"book/ch.md":     "# T\n\n\\cite[22-23]{smith.1899} et \\newcommand{\\tuple}[1]{\\langle #1 \\rangle}\n",
	})
	if len(ds.List) > 0 {
		t.Errorf("diagnostics: %s", ds.String())
	}
	got := model.PlainText(book.Chapters[0].Blocks[0].(*model.Paragraph).Inlines)
	if want := `\cite[22-23]{smith.1899} et \newcommand{\tuple}[1]{\langle #1 \rangle}`; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// TestImplicitHeaderReferences: pandoc's "[General options]" and "[the
// options][General options]" link to the heading "General options", in
// any chapter; a reference the chapter defines itself wins. They were
// printed with their brackets (19 links of pandoc's manual).
func TestImplicitHeaderReferences(t *testing.T) {
	book, ds := readBookFiles(t, map[string]string{
		"book/book.yaml": "title: T\nlanguage: en\nchapters:\n  - one.md\n  - two.md\n",
		"book/one.md":    "# Templates\n\nSee [General options], [the options][General options], [Templates] and [Other].\n\n[Other]: https://example.org\n",
		"book/two.md":    "# Options\n\n## General options {.options}\n\nText.\n\n## Other\n\nMore.\n",
	})
	if ds.HasErrors() || len(ds.List) > 0 {
		t.Fatalf("diagnostics:\n%s", ds.String())
	}
	var links []string
	model.WalkBook(book, func(n model.Node, entering bool) model.WalkStatus {
		if l, ok := n.(*model.Link); ok && entering {
			links = append(links, model.PlainText(l.Children)+" -> "+l.URL+" "+l.Internal+" "+l.Chapter)
		}
		return model.WalkContinue
	})
	want := "General options -> #general-options general-options two|the options -> #general-options general-options two|" +
		"Templates -> #templates templates one|Other -> https://example.org  "
	if got := strings.Join(links, "|"); got != want {
		t.Errorf("links:\n got %s\nwant %s", got, want)
	}
}
