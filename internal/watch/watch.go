// Package watch rebuilds the book when any of its inputs changes: the book
// folder, the layout folder, the fonts and the images the book names. It
// watches folders rather than files, so that editors that save by writing
// a new file and renaming it over the old one are seen, waits for a quiet
// moment (debounce) and runs the pipeline again. A failed rebuild writes
// nothing (build.Run guarantees it), so the last good outputs stay.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/publish-books/publish/internal/build"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// DefaultDebounce is how long the watcher waits after the last change
// before it rebuilds: an editor's save, or a git checkout of many files,
// makes one build.
const DefaultDebounce = 200 * time.Millisecond

// Options say what to build and whom to tell.
type Options struct {
	// Build is passed to build.Run for every build.
	Build build.Options
	// Debounce is the quiet time before a rebuild (DefaultDebounce if 0).
	Debounce time.Duration
	// Report receives every build's outcome, the first one included.
	Report func(res *build.Result, err error)
	// Watching, when not nil, receives the watched folders each time
	// they change (after the first build, and when the book names new
	// chapter or image folders).
	Watching func(dirs []string)
	// Log receives the watcher's own messages (folders it cannot watch);
	// nil discards them.
	Log io.Writer
}

// Run builds once, then rebuilds on every change until ctx is done. It
// returns nil when ctx ends, or an error when watching itself fails.
func Run(ctx context.Context, opts Options) error {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: start: %w", err)
	}
	defer fw.Close()
	// The builds of a watch keep what a change does not touch (set
	// paragraphs, compressed streams and entries, parsed chapter files,
	// typographic results) for the next one.
	if opts.Build.Cache == nil {
		opts.Build.Cache = build.NewCache()
	}
	w := &watcher{opts: opts, fw: fw, dirs: map[string]bool{}}
	if w.outDir, err = filepath.Abs(opts.Build.OutDir); err != nil {
		return fmt.Errorf("watch: output folder: %w", err)
	}
	w.build()

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return errors.New("watch: the file watcher stopped")
			}
			if w.relevant(ev) {
				timer.Reset(opts.Debounce)
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return errors.New("watch: the file watcher stopped")
			}
			// An overflow loses events: rebuild to be safe.
			fmt.Fprintf(opts.Log, "watch: %v\n", err)
			timer.Reset(opts.Debounce)
		case <-timer.C:
			w.build()
		}
	}
}

type watcher struct {
	opts   Options
	fw     *fsnotify.Watcher
	dirs   map[string]bool // absolute folders being watched
	outDir string
	// changed is true when dirs changed since opts.Watching last heard.
	changed bool
}

// build runs the pipeline, reports, and watches the folders the book now
// names.
func (w *watcher) build() {
	if len(w.dirs) == 0 {
		// Watch what is known before the first build, so that a change
		// made while it runs is seen.
		w.sync(w.inputs(nil), false)
	}
	res, err := build.Run(w.opts.Build)
	// Watch the folders this build named before reporting it, so that a
	// change made as soon as the report is read is seen.
	w.sync(w.inputs(res), true)
	if w.opts.Report != nil {
		w.opts.Report(res, err)
	}
}

// inputs returns the folders that hold the build's inputs.
func (w *watcher) inputs(res *build.Result) []string {
	set := map[string]bool{}
	add := func(p string) {
		if p == "" {
			return
		}
		if abs, err := filepath.Abs(p); err == nil {
			set[abs] = true
		}
	}
	add(w.opts.Build.BookDir)
	add(w.opts.Build.LayoutDir)
	var ds model.Diagnostics
	lay := layout.Load(w.opts.Build.LayoutDir, &ds)
	for _, f := range lay.Fonts {
		add(filepath.Dir(f.Path))
	}
	if lay.Mono != nil {
		add(filepath.Dir(lay.Mono.Path))
	}
	if lay.SmallCaps != nil {
		add(filepath.Dir(lay.SmallCaps.Path))
	}
	if res != nil && res.Book != nil {
		b := res.Book
		for _, ch := range b.Chapters {
			add(filepath.Dir(chapterPath(b.Dir, ch.File)))
		}
		for _, f := range b.Figures {
			if f.ImagePath != "" {
				add(filepath.Dir(f.ImagePath))
			}
		}
		if b.Meta.Cover != "" {
			add(filepath.Dir(filepath.Join(b.Dir, b.Meta.Cover)))
		}
		if b.Meta.SourcesFile != "" {
			add(filepath.Dir(filepath.Join(b.Dir, b.Meta.SourcesFile)))
		}
	}
	dirs := make([]string, 0, len(set))
	for d := range set {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

// chapterPath finds a chapter file, whose path the reader gives relative
// to the book folder or, for display, to the current folder.
func chapterPath(bookDir, file string) string {
	if filepath.IsAbs(file) {
		return file
	}
	if p := filepath.Join(bookDir, file); exists(p) {
		return p
	}
	return file
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// sync makes the watched folders those of dirs, and tells
// opts.Watching when they changed and tell is true.
func (w *watcher) sync(dirs []string, tell bool) {
	want := map[string]bool{}
	defer func() {
		if w.changed && tell && w.opts.Watching != nil {
			w.changed = false
			list := make([]string, 0, len(w.dirs))
			for d := range w.dirs {
				list = append(list, d)
			}
			sort.Strings(list)
			w.opts.Watching(list)
		}
	}()
	for _, d := range dirs {
		want[d] = true
		if w.dirs[d] {
			continue
		}
		if err := w.fw.Add(d); err != nil {
			fmt.Fprintf(w.opts.Log, "watch: cannot watch %s: %v\n", d, err)
			continue
		}
		w.dirs[d] = true
		w.changed = true
	}
	for d := range w.dirs {
		if !want[d] {
			w.fw.Remove(d)
			delete(w.dirs, d)
			w.changed = true
		}
	}
}

// relevant says whether an event should cause a rebuild: not a change of
// permissions only, not in the output folder, not an editor's swap or
// backup file, not a build's temporary file.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	return relevantPath(ev.Name, w.outDir)
}

func relevantPath(name, outDir string) bool {
	abs, err := filepath.Abs(name)
	if err == nil && outDir != "" && (abs == outDir || strings.HasPrefix(abs, outDir+string(filepath.Separator))) {
		return false
	}
	base := filepath.Base(name)
	switch {
	case strings.HasPrefix(base, "."), // .chapter.md.swp, .#chapter.md, .publish-tmp-…
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"),
		base == "4913": // vim's probe file
		return false
	}
	return true
}
