package rawhtml

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzConvert checks that any fragment converts, in either context, to
// well-formed XHTML made of allowlisted elements and attributes only, with
// problems that point inside the fragment, and the same result twice.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		`<p lang="en">Hello <abbr title="x">SNCF</abbr></p>`,
		`<div onclick="x()"><script>alert(1)</script><a href="javascript:x">y</a></div>`,
		`<table><tr><td colspan=2>a<td>b</table><ul><foo>x</foo><li>y</ul>`,
		`<span><div><p>a</span>b</p></div>`,
		`<svg><foreignObject><p>x</p></foreignObject></svg><math><mi>x</mi></math>`,
		"<p>a\x00b\x01c</p><!-- x --><?pi?><![CDATA[y]]>",
		`<select><option>a</select><textarea><p>b</textarea><noscript><p>c</noscript>`,
		`<a href="https://x.fr"><a href="https://y.fr">z</a></a><dl><dt>a<dd>b<p>c</dl>`,
		`<table><caption>c</caption><tfoot><tr><td>f</tfoot><tbody><tr><th scope=row>h</tbody><caption>d</caption></table>`,
		strings.Repeat("<b><i>", 60) + "x",
		`<span id="a" id="b" xml:lang="fr" lang="x-y-z-aaaaaaaaa">t</span>`,
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, inline bool) {
		// A hang shows as a crash with the input in the message.
		watchdog := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Convert hangs on %q", src)) })
		defer watchdog.Stop()
		ctx := Flow
		if inline {
			ctx = Phrasing
		}
		nodes, ps := Convert(src, ctx)
		if err := Check(nodes); err != nil {
			t.Fatalf("Convert(%q): %v\n%s", src, err, serialize(nodes))
		}
		if ctx == Flow {
			for _, n := range nodes {
				if !n.Block {
					t.Fatalf("Convert(%q): loose <%s>%q at the top of a block", src, n.Tag, n.Text)
				}
			}
		}
		for _, p := range ps {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("Convert(%q): problem at offset %d outside the fragment: %s", src, p.Offset, p.Message)
			}
			if p.Message == "" {
				t.Fatalf("Convert(%q): empty problem message", src)
			}
		}
		again, _ := Convert(src, ctx)
		if serialize(again) != serialize(nodes) {
			t.Fatalf("Convert(%q) is not deterministic", src)
		}
	})
}
