package manuscript

import (
	"testing"
)

// TestParseFilesInOrder checks that the files parsed side by side come
// back by index, whatever order they finished in, and that a fault of
// the parse is raised on the goroutine that asks for that file's tree, as
// it was before the files were parsed side by side.
func TestParseFilesInOrder(t *testing.T) {
	r := &reader{}
	const n = 40
	parsed := r.parseFiles(n, func(i int) *parsedSource {
		if i == 7 {
			panic("parser fault")
		}
		return &parsedSource{src: []byte{byte(i)}}
	})
	for i := 0; i < n; i++ {
		if i == 7 {
			func() {
				defer func() {
					if p := recover(); p != "parser fault" {
						t.Errorf("file 7: recovered %v, want the parse's fault", p)
					}
				}()
				parsed(i)
				t.Errorf("file 7: no fault raised")
			}()
			continue
		}
		if got := parsed(i); len(got.src) != 1 || got.src[0] != byte(i) {
			t.Fatalf("file %d: got the result of another file", i)
		}
	}
}
