// Package arch holds tests of the project's architecture: which package
// may import which.
package arch

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/publish-books/publish"

// imports returns the import paths of the non-test Go files of a package
// folder (relative to the repository root).
func imports(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out = append(out, p)
		}
	}
	return out
}

// packages lists the project's package folders.
func packages(t *testing.T) []string {
	t.Helper()
	var dirs []string
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "testdata" || d.Name() == "node_modules" || d.Name() == "out") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			rel = filepath.ToSlash(rel)
			if len(dirs) == 0 || dirs[len(dirs)-1] != rel {
				dirs = append(dirs, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// TestLayering checks the rules of DESIGN.md: the model imports nothing
// of the project; goldmark is imported by the manuscript reader only; the
// renderers never import each other.
func TestLayering(t *testing.T) {
	for _, imp := range imports(t, "internal/model") {
		if strings.HasPrefix(imp, module) {
			t.Errorf("internal/model imports %s: the model must import nothing of the project", imp)
		}
	}
	forbidden := map[string][]string{
		"internal/epub": {module + "/internal/pdf", module + "/internal/typeset", module + "/internal/layout"},
		"internal/pdf":  {module + "/internal/epub"},
		"internal/cite": {module + "/internal/epub", module + "/internal/pdf"},
		"internal/typo": {module + "/internal/epub", module + "/internal/pdf"},
	}
	dirs := packages(t)
	for _, want := range []string{"internal/model", "internal/manuscript", "internal/epub", "internal/pdf", "cmd/publish"} {
		found := false
		for _, d := range dirs {
			found = found || d == want
		}
		if !found {
			t.Fatalf("package %s not found among %v: the test would check nothing", want, dirs)
		}
	}
	for _, dir := range dirs {
		for _, imp := range imports(t, dir) {
			if strings.HasPrefix(imp, "github.com/yuin/goldmark") && dir != "internal/manuscript" {
				t.Errorf("%s imports %s: goldmark belongs to internal/manuscript alone", dir, imp)
			}
			for _, f := range forbidden[dir] {
				if imp == f {
					t.Errorf("%s imports %s", dir, imp)
				}
			}
		}
	}
}
