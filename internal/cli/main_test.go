package cli

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests' builds a folder of font verdicts of their own
// (PUBLISH_CHECKED_DIR), so that they neither read the user's verdicts nor
// leave theirs in the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "publish-checked-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("PUBLISH_CHECKED_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
