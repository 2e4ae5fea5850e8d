package epub

import (
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

func TestBlocks(t *testing.T) {
	txt := func(s string) []model.Inline { return []model.Inline{&model.Text{Value: s}} }
	para := func(s string) model.Block { return &model.Paragraph{Inlines: txt(s)} }
	cases := []struct {
		name      string
		blocks    []model.Block
		lastLevel int
		want      string
		warn      bool
	}{
		{"paragraph", []model.Block{para("a & b")}, 1, "<p>a &amp; b</p>\n", false},
		{"heading keeps its level", []model.Block{&model.Heading{Level: 2, ID: "s", Inlines: txt("S")}, &model.Heading{Level: 3, ID: "t", Inlines: txt("T")}}, 1,
			"<h2 id=\"s\">S</h2>\n<h3 id=\"t\">T</h3>\n", false},
		{"skipped level is closed up", []model.Block{&model.Heading{Level: 4, ID: "d", Classes: []string{"x"}, Inlines: txt("D")}}, 1,
			"<h2 id=\"d\" class=\"x\">D</h2>\n", true},
		{"tight list", []model.Block{&model.List{Tight: true, Items: []*model.ListItem{{Blocks: []model.Block{para("a")}}, {Blocks: []model.Block{para("b")}}}}}, 1,
			"<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n", false},
		{"loose ordered list from 3", []model.Block{&model.List{Ordered: true, Start: 3, Items: []*model.ListItem{{Blocks: []model.Block{para("a")}}}}}, 1,
			"<ol start=\"3\">\n<li><p>a</p>\n</li>\n</ol>\n", false},
		{"quotation", []model.Block{&model.BlockQuote{Blocks: []model.Block{para("q")}}}, 1, "<blockquote>\n<p>q</p>\n</blockquote>\n", false},
		{"code", []model.Block{&model.CodeBlock{Language: "go", Text: "a < b\n"}}, 1, "<pre><code class=\"language-go\">a &lt; b</code></pre>\n", false},
		{"scene break", []model.Block{&model.ThematicBreak{}}, 1, "<hr class=\"scene-break\"/>\n", false},
		{"table", []model.Block{&model.Table{Align: []string{"", "right"}, Header: [][]model.Inline{txt("A"), txt("B")}, Rows: [][][]model.Inline{{txt("1"), txt("2")}}}}, 1,
			"<table>\n<thead><tr><th scope=\"col\">A</th><th scope=\"col\" class=\"align-right\">B</th></tr></thead>\n<tbody>\n<tr><td>1</td><td class=\"align-right\">2</td></tr>\n</tbody></table>\n", false},
		{"header-less pipe table has no header row", []model.Block{&model.Table{Align: []string{"", ""}, Header: [][]model.Inline{nil, nil}, Rows: [][][]model.Inline{{txt("a"), txt("b")}}}}, 1,
			"<table>\n<tbody>\n<tr><td>a</td><td>b</td></tr>\n</tbody></table>\n", false},
		{"captioned table is numbered", []model.Block{&model.Table{ID: "tbl-1", Number: 1, Caption: txt("Pertes"), Align: []string{""}, Header: [][]model.Inline{txt("A")}, Rows: [][][]model.Inline{{txt("1")}}}}, 1,
			"<table id=\"tbl-1\">\n<caption><span class=\"table-label\">Tableau\u00a01</span><span class=\"table-sep\">\u00a0— </span>Pertes</caption>\n<thead><tr><th scope=\"col\">A</th></tr></thead>\n<tbody>\n<tr><td>1</td></tr>\n</tbody></table>\n", false},
		{"list a) from b", []model.Block{&model.List{Ordered: true, Start: 2, Style: model.LowerAlpha, Delim: model.OneParen, Tight: true, Items: []*model.ListItem{{Blocks: []model.Block{para("b")}}}}}, 1,
			"<ol start=\"2\" type=\"a\" class=\"paren lower-alpha\">\n<li>b</li>\n</ol>\n", false},
		{"list (1)", []model.Block{&model.List{Ordered: true, Start: 1, Delim: model.TwoParens, Tight: true, Items: []*model.ListItem{{Blocks: []model.Block{para("a")}}}}}, 1,
			"<ol class=\"parens\">\n<li>a</li>\n</ol>\n", false},
		{"list I.", []model.Block{&model.List{Ordered: true, Start: 1, Style: model.UpperRoman, Tight: true, Items: []*model.ListItem{{Blocks: []model.Block{para("a")}}}}}, 1,
			"<ol type=\"I\">\n<li>a</li>\n</ol>\n", false},
		{"list (i) and (A)", []model.Block{
			&model.List{Ordered: true, Start: 1, Style: model.LowerRoman, Delim: model.TwoParens, Tight: true, Items: []*model.ListItem{{Blocks: []model.Block{para("a")}}}},
			&model.List{Ordered: true, Start: 1, Style: model.UpperAlpha, Delim: model.TwoParens, Tight: true, Items: []*model.ListItem{{Blocks: []model.Block{para("a")}}}}}, 1,
			"<ol type=\"i\" class=\"parens lower-roman\">\n<li>a</li>\n</ol>\n<ol type=\"A\" class=\"parens upper-alpha\">\n<li>a</li>\n</ol>\n", false},
		{"tight task list", []model.Block{&model.List{Tight: true, Items: []*model.ListItem{
			{Task: model.TaskDone, Blocks: []model.Block{para("done")}}, {Task: model.TaskOpen, Blocks: []model.Block{para("open")}}, {Blocks: []model.Block{para("plain")}}}}}, 1,
			"<ul>\n<li class=\"task-item\"><span class=\"task\" role=\"img\" aria-label=\"fait\">\u2611</span> done</li>\n" +
				"<li class=\"task-item\"><span class=\"task\" role=\"img\" aria-label=\"à faire\">\u2610</span> open</li>\n<li>plain</li>\n</ul>\n", false},
		{"loose task list", []model.Block{&model.List{Items: []*model.ListItem{
			{Task: model.TaskOpen, Blocks: []model.Block{para("a"), para("b")}}, {Task: model.TaskDone, Blocks: []model.Block{&model.CodeBlock{Text: "c"}}}}}}, 1,
			"<ul>\n<li class=\"task-item\"><p><span class=\"task\" role=\"img\" aria-label=\"à faire\">\u2610</span> a</p>\n<p>b</p>\n</li>\n" +
				"<li class=\"task-item\"><span class=\"task\" role=\"img\" aria-label=\"fait\">\u2611</span> <pre><code>c</code></pre>\n</li>\n</ul>\n", false},
		{"definition list", []model.Block{&model.DefinitionList{Items: []*model.DefinitionItem{
			{Term: txt("T & U"), Definitions: [][]model.Block{{para("one")}, {para("two"), para("three")}}},
			{Term: []model.Inline{&model.Emphasis{Children: txt("V")}}}}}}, 1,
			"<dl>\n<dt>T &amp; U</dt>\n<dd>one</dd>\n<dd>\n<p>two</p>\n<p>three</p>\n</dd>\n<dt><em>V</em></dt>\n<dd></dd>\n</dl>\n", false},
		{"line block", []model.Block{&model.LineBlock{Lines: [][]model.Inline{txt("Le vent"), txt("\u00a0\u00a0se lève"), nil, {&model.Emphasis{Children: txt("il faut")}}}}}, 1,
			"<div class=\"line-block\">Le vent<br/>\u00a0\u00a0se lève<br/><br/><em>il faut</em></div>\n", false},
		{"epigraph div", []model.Block{&model.Div{ID: "epi", Classes: []string{"epigraph"}, Lang: "de", Attrs: [][2]string{{"data-source", "Goethe"}, {"class", "dropped"}}, Blocks: []model.Block{para("Mehr Licht!")}}}, 1,
			"<div id=\"epi\" class=\"epigraph\" lang=\"de\" xml:lang=\"de\" data-source=\"Goethe\">\n<p>Mehr Licht!</p>\n</div>\n", false},
		{"aside element with a heading", []model.Block{&model.Div{Tag: "aside", Classes: []string{"box"}, Blocks: []model.Block{&model.Heading{Level: 2, ID: "box-h", Inlines: txt("Box")}, para("b")}}}, 1,
			"<aside class=\"box\">\n<h2 id=\"box-h\">Box</h2>\n<p>b</p>\n</aside>\n", false},
		{"empty div", []model.Block{&model.Div{}}, 1, "<div>\n</div>\n", false},
		{"table with id, caption and widths", []model.Block{&model.Table{ID: "tab-1", Caption: []model.Inline{&model.Text{Value: "Prix "}, &model.Emphasis{Children: txt("1900")}},
			Widths: []float64{0.25, 1.0 / 3, 5.0 / 12}, Header: [][]model.Inline{txt("A"), txt("B"), txt("C")}, Rows: [][][]model.Inline{{txt("1"), txt("2"), txt("3")}}}}, 1,
			"<table id=\"tab-1\">\n<caption>Prix <em>1900</em></caption>\n" +
				"<colgroup><col style=\"width: 25%\"/><col style=\"width: 33.3%\"/><col style=\"width: 41.7%\"/></colgroup>\n" +
				"<thead><tr><th scope=\"col\">A</th><th scope=\"col\">B</th><th scope=\"col\">C</th></tr></thead>\n" +
				"<tbody>\n<tr><td>1</td><td>2</td><td>3</td></tr>\n</tbody></table>\n", false},
		{"table whose header is empty has no thead", []model.Block{&model.Table{Header: [][]model.Inline{nil, {}}, Rows: [][][]model.Inline{{txt("1"), txt("2")}}}}, 1,
			"<table>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody></table>\n", false},
		{"table without header", []model.Block{&model.Table{Rows: [][][]model.Inline{{txt("1")}}}}, 1,
			"<table>\n<tbody>\n<tr><td>1</td></tr>\n</tbody></table>\n", false},
		{"raw HTML block", []model.Block{&model.HTMLBlock{Nodes: []*model.HTMLNode{{Tag: "div", Block: true, Attrs: [][2]string{{"class", "box"}}, Children: []*model.HTMLNode{{Tag: "p", Children: []*model.HTMLNode{{Text: "x<y"}}}}}}}}, 1,
			"<div class=\"box\"><p>x&lt;y</p></div>\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ds model.Diagnostics
			b := &builder{ds: &ds, terms: locale.For("fr"), words: wordsFor("fr")}
			var w xw
			r := &ren{b: b, w: &w, lastLevel: c.lastLevel}
			r.blocks(c.blocks)
			if w.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", w.String(), c.want)
			}
			if got := len(ds.List) > 0; got != c.warn {
				t.Errorf("warning = %v, want %v: %s", got, c.warn, strings.TrimSpace(ds.String()))
			}
		})
	}
}
