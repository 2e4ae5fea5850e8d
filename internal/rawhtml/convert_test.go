package rawhtml

import (
	"fmt"
	"strings"
	"testing"
)

func problems(ps []Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d: %s", p.Offset, p.Message))
	}
	return strings.Join(out, "\n")
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name, in string
		ctx      Context
		want     string
		problems string
	}{
		{"kept", `<p lang="en" class=" a  b " title="t">Hello <abbr title="Société">SNCF</abbr></p>`, Flow,
			`<p lang="en" class="a b" title="t">Hello <abbr title="Société">SNCF</abbr></p>`, ""},
		{"xml:lang", `<span xml:lang="de">Ja</span>`, Phrasing, `<span lang="de">Ja</span>`, ""},
		{"lang twice", `<span lang="de" xml:lang="en">Ja</span>`, Phrasing, `<span lang="de">Ja</span>`, ""},
		{"script", `<div>a<script>alert("x")</script>b</div>`, Flow, `<div>ab</div>`,
			"6: <script> left out: scripts are not allowed in a book"},
		{"style", `<style>p{}</style><p>x</p>`, Flow, `<p>x</p>`, "0: <style> left out: styles belong in layout/epub.css"},
		{"events", `<p onclick="x()" style="color:red">a</p>`, Flow, `<p>a</p>`,
			"0: event attribute onclick on <p> left out: scripts are not allowed in a book\n0: style attribute on <p> left out: give it a class and style the class in layout/epub.css"},
		{"javascript href", `<p><a href="javascript:alert(1)">a</a></p>`, Flow, `<p>a</p>`,
			`3: link "javascript:alert(1)" in raw HTML left out, its text kept: raw HTML may only link to http, https, mailto, tel or ftp addresses (write links inside the book in Markdown: [text](02-chapter.md#id))`},
		{"obfuscated javascript", "<p><a href=\"java\tscript:alert(1)\">a</a></p>", Flow, `<p>a</p>`,
			"3: link \"java\\tscript:alert(1)\" in raw HTML left out, its text kept: raw HTML may only link to http, https, mailto, tel or ftp addresses (write links inside the book in Markdown: [text](02-chapter.md#id))"},
		{"https href", `<p><a href="https://example.org/a?b=1&amp;c=2">a</a></p>`, Flow,
			`<p><a href="https://example.org/a?b=1&amp;c=2">a</a></p>`, ""},
		{"unknown keeps text", `<p><blink>x</blink> y</p>`, Flow, `<p>x y</p>`,
			"3: <blink> left out (EPUB books accept a limited set of elements); its text is kept"},
		{"form", `<form><label>Nom</label><input name=a><button>Go</button></form>`, Flow, `<p>Nom</p>`,
			"0: <form> left out (EPUB books accept a limited set of elements); its text is kept\n6: <label> left out (EPUB books accept a limited set of elements); its text is kept\n24: <input> left out: forms are not allowed in a book\n38: <button> left out: forms are not allowed in a book"},
		{"iframe", `<iframe src="https://x"></iframe>`, Flow, ``, "0: <iframe> left out: embedded pages are not allowed in a book"},
		{"img", `<p>a<img src="x.jpg" alt="b">c</p>`, Flow, `<p>ac</p>`,
			`4: <img> left out: use a Markdown figure ![caption](file){alt="…"} so the image is packaged and credited`},
		{"comment", `<p>a<!-- secret -->b</p>`, Flow, `<p>ab</p>`, ""},
		{"loose text wrapped", "text <em>here</em>\n\n<hr>\nmore", Flow, `<p>text <em>here</em></p><hr/><p>more</p>`, ""},
		{"block inside text", `<span><div>a</div></span>`, Phrasing, `<span>a</span>`,
			"6: <div> cannot stand inside running text: its tags are left out, its text kept"},
		{"block in inline context", `<p>a</p>`, Phrasing, `a`,
			"0: <p> cannot stand inside running text: its tags are left out, its text kept"},
		{"table implied tbody", `<table><tr><th scope=col colspan=2>a</th></tr><tr><td rowspan="x">b</td></tr></table>`, Flow,
			`<table><tbody><tr><th scope="col" colspan="2">a</th></tr><tr><td>b</td></tr></tbody></table>`,
			`50: rowspan="x" on <td> left out: use a whole number from 1 to 1000`},
		{"empty header cell", `<table><thead><tr><th scope="col"></th><th>file</th></tr></thead><tbody><tr><th> </th><td>a</td></tr></tbody></table>`, Flow,
			`<table><thead><tr><td></td><th>file</th></tr></thead><tbody><tr><td> </td><td>a</td></tr></tbody></table>`, ""},
		{"table order", `<table><tfoot><tr><td>f</td></tr></tfoot><tbody><tr><td>b</td></tr></tbody><caption>c</caption></table>`, Flow,
			`<table><tbody><tr><td>b</td></tr></tbody><tbody><tr><td>c</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`, ""},
		{"list repair", `<ul><foo>x</foo><li>y</li></ul>`, Flow, `<ul><li>x</li><li>y</li></ul>`,
			"4: <foo> left out (EPUB books accept a limited set of elements); its text is kept"},
		{"li outside list", `<div><li>x</li></div>`, Flow, `<div>x</div>`,
			"5: <li> outside <ul>: its tags are left out, its text kept"},
		{"bad id", `<span id="1a">x</span><span id="ok-1">y</span>`, Phrasing, `<span>x</span><span id="ok-1">y</span>`,
			`0: id "1a" on <span> left out: an id starts with a letter and holds letters, digits, '-', '_' or '.'`},
		{"control chars", "<p>a\x01b\uFFFEc</p>", Flow, `<p>abc</p>`, "0: control characters in raw HTML left out"},
		{"entities", `<p>&eacute;&nbsp;&lt;&amp;&#0;</p>`, Flow, "<p>é\u00a0&lt;&amp;\uFFFD</p>", ""},
		{"svg", `<svg><script>x</script><text>t</text></svg>`, Flow, ``, "0: <svg> left out: inline SVG is not supported: use an image figure"},
		{"nested links", `<a href="https://a.fr">x<a href="https://b.fr">y</a></a>`, Phrasing,
			`<a href="https://a.fr">x</a><a href="https://b.fr">y</a>`, ""},
		{"dup attrs", `<span class=a class=b>x</span>`, Phrasing, `<span class="a">x</span>`, ""},
		{"ol attrs", `<ol start=3 reversed type=i><li value=7>x</li></ol>`, Flow, `<ol start="3" reversed="reversed" type="i"><li value="7">x</li></ol>`, ""},
		{"heading", `<h2>Titre</h2>`, Flow, `<p>Titre</p>`,
			"0: <h2> left out (use a Markdown heading (## …) so that it enters the contents); its text is kept"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nodes, ps := Convert(tc.in, tc.ctx)
			if got := serialize(nodes); got != tc.want {
				t.Errorf("Convert(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
			if got := problems(ps); got != tc.problems {
				t.Errorf("problems of %q\n got %s\nwant %s", tc.in, got, tc.problems)
			}
			if err := Check(nodes); err != nil {
				t.Errorf("not well-formed: %v", err)
			}
		})
	}
}

func TestDeepNesting(t *testing.T) {
	src := strings.Repeat("<div>", 400) + "x" + strings.Repeat("</div>", 400)
	nodes, ps := Convert(src, Flow)
	depth := 0
	for n := nodes; len(n) > 0; n = n[0].Children {
		depth++
	}
	if depth > MaxDepth+1 {
		t.Errorf("depth %d, want at most %d", depth, MaxDepth+1)
	}
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "nested more than 100") {
		t.Errorf("problems: %v", ps)
	}
	// Deeper than the parser's own limit: reported, not a panic.
	src = strings.Repeat("<div>", 600)
	nodes, ps = Convert(src, Flow)
	if nodes != nil || len(ps) != 1 || !strings.Contains(ps[0].Message, "exceeds 512") {
		t.Errorf("600 divs: %v %v", serialize(nodes), ps)
	}
}

func TestParseTag(t *testing.T) {
	tests := []struct {
		in   string
		want Tag
	}{
		{`<span lang="en" class=x>`, Tag{StartTag, "span", [][2]string{{"lang", "en"}, {"class", "x"}}}},
		{`</SPAN>`, Tag{EndTag, "span", nil}},
		{`<br/>`, Tag{SelfClosingTag, "br", nil}},
		{`<!-- c -->`, Tag{}},
		{`<?php x ?>`, Tag{}},
	}
	for _, tc := range tests {
		if got := ParseTag(tc.in); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("ParseTag(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestExternalURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.org": true, "HTTP://example.org/x": true, "mailto:a@b.fr": true, "tel:+33123": true,
		"javascript:alert(1)": false, "JaVaScRiPt:x": false, "data:text/html,x": false, "file:///etc/passwd": false,
		"http://": false, "https:foo": false, "mailto:": false, "/root": false, "https://a b": false, " https://a": false,
		"vbscript:x": false, "https://a\x00": false, "https://../": false, "https://a..b/": false, "https://[::1]:8080/x": true,
		"http://user@example.org:80/p": true, "https://exämple.fr/": true, "https://example.org:x/": false, "https://.example.org": false,
	} {
		if _, got := ExternalURL(u); got != want {
			t.Errorf("ExternalURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestTextAndEscaping(t *testing.T) {
	nodes, _ := Convert(`<p title="a&quot;b">x &lt; y<br>z</p><ul><li>un</li><li>deux</li></ul>`, Flow)
	if got, want := Text(nodes), "x < y z un deux"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got, want := serialize(nodes), `<p title="a&quot;b">x &lt; y<br/>z</p><ul><li>un</li><li>deux</li></ul>`; got != want {
		t.Errorf("XHTML = %s, want %s", got, want)
	}
}
