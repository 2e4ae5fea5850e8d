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
