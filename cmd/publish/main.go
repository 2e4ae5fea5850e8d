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
// memory instead of 111 (docs/performance.md). publish build and publish
// check go further and collect only near the memory limit
// (cli.collectAtLimit); publish watch, whose process stays, keeps this.
const gcPercent = 200

// memoryLimit is the memory past which the collector runs more often
// than gcPercent asks, when GOMEMLIMIT is not set. At gcPercent the heap
// grows to three times what is live before a collection: a 1,120-page
// novel, about 68 MB live at most, would peak near 200 MB. With this
// limit a 1,106-page novel peaks at 131 MiB (124 MiB at 116 MiB, 141 MiB
// at 136 MiB, all in 0.6–0.7 s; 100 MiB cost a tenth more); a 300-page
// novel (under 40 MB live) hardly reaches it, and a 700-page one (Moby
// Dick) collects once, not twice as at 116 MiB (0.965 of the wall time;
// docs/performance.md, item 33). Past it the runtime keeps the collector
// under half of the processor time, so a manuscript whose live memory
// exceeds the limit (a 5 MB paragraph) builds more slowly but does build;
// the commands that build raise it in proportion to the manuscript's
// length (cli.fitMemoryLimit), so that a very long book is not held to it
// (docs/performance.md).
const memoryLimit = 126 << 20

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(cli.Main(os.Args, os.Stdout, os.Stderr))
}
