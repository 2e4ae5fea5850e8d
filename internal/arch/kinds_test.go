package arch

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// TestKindListsComplete checks that model.BlockKinds and model.InlineKinds
// name every type of the model that has the block() or inline() marker
// method: the renderers' tests build a book from those lists, so a kind
// missing from them could go unrendered without a failing test.
func TestKindListsComplete(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "internal", "model", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string][]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			if name := fd.Name.Name; name == "block" || name == "inline" {
				recv := fd.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if id, ok := recv.(*ast.Ident); ok && id.Name != "BlockBase" {
					marked[name] = append(marked[name], id.Name)
				}
			}
		}
	}
	// Blocks get their marker from the embedded BlockBase: find the
	// struct types that embed it.
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			for _, fl := range st.Fields.List {
				if id, ok := fl.Type.(*ast.Ident); ok && len(fl.Names) == 0 && id.Name == "BlockBase" {
					marked["block"] = append(marked["block"], ts.Name.Name)
				}
			}
			return true
		})
	}
	var blocks, inlines []string
	for _, b := range model.BlockKinds() {
		blocks = append(blocks, model.KindName(b))
	}
	for _, in := range model.InlineKinds() {
		inlines = append(inlines, model.KindName(in))
	}
	for _, c := range []struct {
		what        string
		got, listed []string
	}{{"block", marked["block"], blocks}, {"inline", marked["inline"], inlines}} {
		sort.Strings(c.got)
		sort.Strings(c.listed)
		if strings.Join(c.got, " ") != strings.Join(c.listed, " ") {
			t.Errorf("%s kinds in the model: %v\nlisted by model.%sKinds: %v", c.what, c.got, strings.ToUpper(c.what[:1])+c.what[1:], c.listed)
		}
		if len(c.got) < 10 {
			t.Errorf("only %d %s kinds found: the test reads the wrong files", len(c.got), c.what)
		}
	}
}

// TestIDsMintedByTheRegister checks that no package outside the model
// makes an id by formatting it: ids come from model.IDs (Reserve for the
// author's, Mint for automatic ones), so that no two can clash.
func TestIDsMintedByTheRegister(t *testing.T) {
	for _, dir := range packages(t) {
		if dir == "internal/model" || !strings.HasPrefix(dir, "internal/") {
			continue
		}
		files, _ := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
		fset := token.NewFileSet()
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(af, func(n ast.Node) bool {
				kv, ok := n.(*ast.KeyValueExpr)
				if !ok {
					return true
				}
				key, ok := kv.Key.(*ast.Ident)
				if !ok || (key.Name != "ID" && key.Name != "RefID" && key.Name != "TitleID") {
					return true
				}
				if call, ok := kv.Value.(*ast.CallExpr); ok {
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" {
						t.Errorf("%s: %s formatted with Sprintf: mint it with model.IDs", fset.Position(kv.Pos()), key.Name)
					}
				}
				return true
			})
			ast.Inspect(af, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
					return true
				}
				sel, ok := as.Lhs[0].(*ast.SelectorExpr)
				if !ok || (sel.Sel.Name != "ID" && sel.Sel.Name != "RefID" && sel.Sel.Name != "TitleID") {
					return true
				}
				if call, ok := as.Rhs[0].(*ast.CallExpr); ok {
					if fs, ok := call.Fun.(*ast.SelectorExpr); ok && fs.Sel.Name == "Sprintf" {
						t.Errorf("%s: %s formatted with Sprintf: mint it with model.IDs", fset.Position(as.Pos()), sel.Sel.Name)
					}
				}
				return true
			})
		}
	}
}
