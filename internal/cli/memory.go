package cli

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// memoryPerManuscriptByte is the soft memory limit a build is given per
// byte of Markdown, when that is more than the command's default
// (cmd/publish sets 126 MiB). A build keeps about 28 to 33 bytes live per
// byte of manuscript at its peak (a 1,120-page novel: 2.06 MB of
// Markdown, 68 MB live; 2,086 pages: 3.8 MB, 108 MB live); at 64 the
// collector keeps the heap within about twice that, so that a very long
// book (2,086 pages: 246 MiB, built in 1.33 s; held to 160 MiB it took
// 1.68 s) is not slowed down by a collector held to a limit made for
// ordinary books.
const memoryPerManuscriptByte = 64

// fitMemoryLimit raises the soft memory limit for a long manuscript in
// bookDir, unless GOMEMLIMIT sets it. Only the Markdown files count
// (images have a decoding budget of their own). It reports whether it
// raised the limit.
func fitMemoryLimit(bookDir string) bool {
	if os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	var total int64
	filepath.WalkDir(bookDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && path != bookDir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if ext := strings.ToLower(filepath.Ext(d.Name())); d.Type().IsRegular() && (ext == ".md" || ext == ".markdown") {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	if want := total * memoryPerManuscriptByte; want > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(want)
		return true
	}
	return false
}

// roomForCache doubles the soft memory limit for publish watch, unless
// GOMEMLIMIT sets it: its cache keeps about a build's worth of results
// (set paragraphs, parse trees, typographic results, compressed streams
// and entries) live between builds, and a rebuild held to a single
// build's limit spent a tenth more of its time collecting (corpus novel:
// 120–140 ms a rebuild instead of 105–111).
func roomForCache() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(2 * debug.SetMemoryLimit(-1))
}

// collectAtLimit lets the collector of a one-shot build (publish build,
// publish check) wait for the soft memory limit instead of running each
// time the heap has grown by cmd/publish's GC percentage, unless GOGC or
// GOMEMLIMIT is set (a limit the user set may be far above what the
// build needs). A build allocates about four times what it keeps live,
// within a third of a second, and exits: at GC percentage 200 a novel
// collected six times, here twice, and the build took a tenth less
// time (docs/performance.md, item 30). The heap grows to the limit
// before the first collection, so the callers leave the percentage to a
// manuscript long enough to have its limit raised (fitMemoryLimit):
// there the heap would fill a limit of 64 bytes per byte of Markdown
// (one paragraph of 5 MB: 345 MB instead of 230, in 1.4 s instead of
// 2.5; 1,120 pages, which reach their limit either way, 1.02 times as
// fast).
// publish watch keeps the percentage: its process stays. Without a
// memory limit (publish used as a library), nothing changes. It reports
// whether the collector now waits for the limit, which is when the build
// is to collect once before drawing (build.Options.CollectBeforeDrawing).
func collectAtLimit() bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || debug.SetMemoryLimit(-1) == math.MaxInt64 {
		return false // without a limit, nothing would bound the heap
	}
	debug.SetGCPercent(-1)
	return true
}
