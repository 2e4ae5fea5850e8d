// Command publish turns a manuscript (book.yaml, Markdown chapters,
// sources, images) into an EPUB 3 and a print-ready PDF.
package main

import (
	"os"
	"runtime/debug"

	"github.com/publish-books/publish/internal/cli"
)

// gcPercent is the garbage collector's target when GOGC is not set. A
// build allocates most of its memory within a few hundred milliseconds
// and exits; with Go's default of 100 the collector runs a dozen times
// while the heap grows to its peak. At 200 the novel corpus builds in
// 190 ms instead of 230 (medians of 9 CLI runs) for 122 MiB of peak
// memory instead of 111 (docs/performance.md).
const gcPercent = 200

// memoryLimit is the heap size past which the collector runs more often
// than gcPercent asks, when GOMEMLIMIT is not set. A novel's build peaks
// near 110 MiB and never reaches it; a hostile manuscript (a 5 MB
// paragraph) would otherwise grow to three times its live heap: 1.1 GB
// instead of 520 MB for the same processor time (docs/performance.md).
const memoryLimit = 512 << 20

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(cli.Main(os.Args, os.Stdout, os.Stderr))
}
