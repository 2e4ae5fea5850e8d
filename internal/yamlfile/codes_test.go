package yamlfile

import (
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestErrorCodes: the families of errors every YAML file of a book can
// have carry a code, so that an editor reading publish --json can tell
// them apart: syntax, encoding, unknown-key, wrong-type.
func TestErrorCodes(t *testing.T) {
	for _, tc := range []struct{ src, code string }{
		{"a: [1, 2\n", "syntax"},
		{"a: 1\na: 2\n", "syntax"},
		{"a: \xff\n", "encoding"},
		{"titel: x\n", "unknown-key"},
		{"title: [x]\n", "wrong-type"},
		{"flag: maybe\n", "wrong-type"},
	} {
		var ds model.Diagnostics
		if root := Parse("x.yaml", []byte(tc.src), &ds); root != nil {
			Fields(root, &ds, "x.yaml", nil, map[string]func(*Node){
				"title": func(n *Node) { String(n, &ds, "title") },
				"flag":  func(n *Node) { Bool(n, &ds, "flag") },
			})
		}
		if len(ds.List) == 0 || ds.List[0].Code != tc.code {
			t.Errorf("%q: want a first error of code %q, got %+v", tc.src, tc.code, ds.List)
		}
	}
}
