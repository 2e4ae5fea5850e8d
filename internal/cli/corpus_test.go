package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCorpusCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "roman")
	var out, errb bytes.Buffer
	if code := Main([]string{"publish", "corpus", "--kind", "novel", "--size", "small", dir}, &out, &errb); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "5 chapters") {
		t.Errorf("summary %q does not count the chapters", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"publish", "corpus", dir}, ExitUsage, "already holds a book.yaml"},
		{[]string{"publish", "corpus", "--kind", "poem", filepath.Join(dir, "x")}, ExitUsage, `unknown kind "poem"`},
		{[]string{"publish", "corpus"}, ExitUsage, "give the book folder"},
		{[]string{"publish", "watch", "one", "extra"}, ExitUsage, "unexpected argument"},
		{[]string{"publish", "watch", "--format", "docx"}, ExitUsage, `--format "docx"`},
	}
	for _, tc := range tests {
		out.Reset()
		errb.Reset()
		if code := Main(tc.args, &out, &errb); code != tc.code || !strings.Contains(errb.String(), tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args[1:], code, errb.String(), tc.code, tc.msg)
		}
	}
}
