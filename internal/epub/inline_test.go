package epub

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

func TestInlines(t *testing.T) {
	note := &model.Note{ID: "note-c-1", RefID: "ref-note-c-1", Number: 1}
	txt := func(s string) *model.Text { return &model.Text{Value: s} }
	cases := []struct {
		name string
		in   model.Inline
		want string
		warn bool
	}{
		{"text is escaped", txt(`a < b & "c"`), `a &lt; b &amp; &#34;c&#34;`, false},
		{"emphasis", &model.Emphasis{Children: []model.Inline{txt("x")}}, `<em>x</em>`, false},
		{"strong", &model.Strong{Children: []model.Inline{txt("x")}}, `<strong>x</strong>`, false},
		{"code", &model.Code{Text: "a<b"}, `<code>a&lt;b</code>`, false},
		{"superscript", &model.Superscript{Children: []model.Inline{txt("er")}}, `<sup>er</sup>`, false},
		{"small caps", &model.SmallCaps{Children: []model.Inline{txt("xix")}}, `<span class="smallcaps">xix</span>`, false},
		{"line break", &model.LineBreak{}, `<br/>`, false},
		{"span with language", &model.Span{Lang: "en", Classes: []string{"a", "b"}, Children: []model.Inline{txt("yes")}},
			`<span lang="en" xml:lang="en" class="a b">yes</span>`, false},
		{"external link", &model.Link{URL: "https://example.org/?a=1&b=2", Children: []model.Inline{txt("site")}},
			`<a href="https://example.org/?a=1&amp;b=2">site</a>`, false},
		{"internal link", &model.Link{Internal: "fig-1", Chapter: "c2", Children: []model.Inline{txt("fig")}},
			`<a href="c2.xhtml#fig-1">fig</a>`, false},
		{"anchor link found by id", &model.Link{URL: "#sec", Children: []model.Inline{txt("s")}},
			`<a href="c2.xhtml#sec">s</a>`, false},
		{"relative link kept as text", &model.Link{URL: "other.md", Children: []model.Inline{txt("o")}}, `o`, true},
		{"note call", &model.NoteRef{Note: note},
			`<a class="noteref" id="ref-note-c-1" href="#note-c-1" epub:type="noteref" role="doc-noteref">1</a>`, false},
		{"citation as note", &model.Citation{Note: note, Rendered: []model.Inline{txt("(X)")}},
			`<a class="noteref" id="ref-note-c-1" href="#note-c-1" epub:type="noteref" role="doc-noteref">1</a>`, false},
		{"citation in the text", &model.Citation{Rendered: []model.Inline{txt("(Smith 1990, "), &model.Emphasis{Children: []model.Inline{txt("passim")}}, txt(")")}},
			`(Smith 1990, <em>passim</em>)`, false},
		{"strikeout", &model.Strikeout{Children: []model.Inline{txt("old")}}, `<del>old</del>`, false},
		{"subscript", &model.Subscript{Children: []model.Inline{txt("2")}}, `<sub>2</sub>`, false},
		{"span with id", &model.Span{ID: "here", Classes: []string{"mark"}, Children: []model.Inline{txt("x")}},
			`<span id="here" class="mark">x</span>`, false},
		{"element with attributes", &model.Element{Tag: "abbr", Attrs: [][2]string{{"title", `Organisation des "Nations unies"`}}, Children: []model.Inline{txt("ONU")}},
			`<abbr title="Organisation des &#34;Nations unies&#34;">ONU</abbr>`, false},
		{"element kbd", &model.Element{Tag: "kbd", Children: []model.Inline{txt("Ctrl")}}, `<kbd>Ctrl</kbd>`, false},
		{"element q holds its own quotes", &model.Element{Tag: "q", Attrs: [][2]string{{"cite", "https://example.org/"}}, Children: []model.Inline{txt("oui")}},
			`<q cite="https://example.org/">oui</q>`, false},
		{"element with an empty attribute", &model.Element{Tag: "span", Attrs: [][2]string{{"title", ""}}, Children: []model.Inline{txt("v")}},
			`<span title="">v</span>`, false},
		{"element without tag writes its children", &model.Element{Children: []model.Inline{txt("c")}}, `c`, false},
		{"element that is void", &model.Element{Tag: "wbr"}, `<wbr/>`, false},
		{"inline math", &model.Math{TeX: "x^2", Children: []model.Inline{&model.Emphasis{Children: []model.Inline{txt("x")}}, &model.Superscript{Children: []model.Inline{txt("2")}}}},
			`<span class="math inline"><em>x</em><sup>2</sup></span>`, false},
		{"display math", &model.Math{TeX: "H_2O", Display: true, Children: []model.Inline{txt("H"), &model.Subscript{Children: []model.Inline{txt("2")}}, txt("O")}},
			`<span class="math display">H<sub>2</sub>O</span>`, false},
		{"math without a text form shows its source", &model.Math{TeX: `a<b`}, `<span class="math inline">a&lt;b</span>`, false},
		{"raw HTML", &model.RawInline{Nodes: []*model.HTMLNode{{Tag: "abbr", Attrs: [][2]string{{"title", `a "b"`}}, Children: []*model.HTMLNode{{Text: "ONU"}}}, {Tag: "br"}}},
			`<abbr title="a &#34;b&#34;">ONU</abbr><br/>`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ds model.Diagnostics
			b := &builder{ds: &ds, terms: locale.For("fr"), words: wordsFor("fr"),
				chapterFile: map[string]string{"c2": "c2.xhtml"}, idChapter: map[string]string{"sec": "c2"}}
			var w xw
			r := &ren{b: b, w: &w}
			r.inline(c.in)
			if w.String() != c.want {
				t.Errorf("got  %s\nwant %s", w.String(), c.want)
			}
			if got := len(ds.List) > 0; got != c.warn {
				t.Errorf("warning = %v, want %v (%s)", got, c.warn, ds.String())
			}
		})
	}
}

// strangeInline and strangeBlock are kinds that the EPUB writer does not
// know: each embeds a model node so as to satisfy the interface.
type strangeInline struct{ model.Text }

type strangeBlock struct{ model.BlockBase }

// TestUnknownKindsFailLoudly checks that a kind the writer forgets is an
// error naming it, not silence.
func TestUnknownKindsFailLoudly(t *testing.T) {
	var ds model.Diagnostics
	b := &builder{ds: &ds, terms: locale.For("en"), words: wordsFor("en")}
	var w xw
	r := &ren{b: b, w: &w}
	r.inline(&strangeInline{})
	r.block(&strangeBlock{}, nil, false)
	if w.String() != "" {
		t.Errorf("unknown kinds wrote %q", w.String())
	}
	if ds.Count(model.Error) != 2 || !strings.Contains(ds.String(), "strangeInline") || !strings.Contains(ds.String(), "strangeBlock") {
		t.Errorf("want one error naming each unknown kind, got:\n%s", ds.String())
	}
}

func TestLayoutCSSIsTheDefault(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "layout", "epub.css"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, DefaultCSS) {
		t.Error("the built-in style sheet is not layout/epub.css")
	}
	for _, unit := range []string{"px;", "pt;"} {
		for _, line := range strings.Split(string(DefaultCSS), "\n") {
			if strings.Contains(line, unit) && !strings.Contains(line, "border") {
				t.Errorf("fixed size in the style sheet: %q (use em or %%)", strings.TrimSpace(line))
			}
		}
	}
}

func TestASCIIURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a?b=1":         "https://example.org/a?b=1",
		"http://测.com?测=测":                  "http://xn--0zw.com?%E6%B5%8B=%E6%B5%8B",
		"https://fr.wikipedia.org/wiki/Été": "https://fr.wikipedia.org/wiki/%C3%89t%C3%A9",
	} {
		if got := asciiURL(in); got != want {
			t.Errorf("asciiURL(%q) = %q, want %q", in, got, want)
		}
	}
}
