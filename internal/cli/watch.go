package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/publish-books/publish/internal/build"
	"github.com/publish-books/publish/internal/watch"
)

// watchCommand is `publish watch`: build, then rebuild on every change of
// the book, the layout, the fonts or the images, until Ctrl-C.
func watchCommand(stdout, stderr io.Writer) *ucli.Command {
	return &ucli.Command{
		Name:      "watch",
		Usage:     "build, then rebuild whenever the book, layout, fonts or images change (Ctrl-C stops)",
		UsageText: "publish watch [BOOK_DIR] [--format epub|pdf|all] [--strict] [--debounce 200ms] [--book DIR] [--layout DIR] [--out DIR] [--quiet] [--json]",
		Description: "Examples:\n   publish watch\n   publish watch ~/livre --format epub\n" +
			"   publish watch --json ~/livre   one JSON object per build, for an editor",
		Flags: append(folderFlags(),
			&ucli.StringFlag{Name: "format", Value: "all", Usage: "which output: epub, pdf or all"},
			&ucli.BoolFlag{Name: "strict", Usage: "treat a figure without a credit as an error"},
			&ucli.DurationFlag{Name: "debounce", Value: watch.DefaultDebounce, Usage: "quiet time after a change before rebuilding"},
		),
		Action: func(c *ucli.Context) error { return runWatch(c, stdout, stderr) },
	}
}

func runWatch(c *ucli.Context, stdout, stderr io.Writer) error {
	opts, err := buildOptions(c)
	if err != nil {
		return err
	}
	fitMemoryLimit(opts.BookDir)
	roomForCache()
	if err := setFormat(c, &opts); err != nil {
		return err
	}
	rep := newReporter(c, stdout, stderr)
	if !rep.quiet && !rep.json {
		opts.Notify = stderr
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = watch.Run(ctx, watch.Options{
		Build:    opts,
		Debounce: c.Duration("debounce"),
		Log:      stderr,
		Watching: func(dirs []string) {
			if !rep.quiet && !rep.json {
				fmt.Fprintf(stderr, "watching %s (Ctrl-C stops)\n", strings.Join(dirs, ", "))
			}
		},
		Report: func(res *build.Result, err error) {
			rep.diagnostics(res)
			rep.result("build", res, err)
			if rep.json {
				return
			}
			stamp := time.Now().Format("15:04:05")
			switch {
			case errors.Is(err, build.ErrManuscript):
				fmt.Fprintf(stderr, "%s publish: the manuscript has errors; nothing was written, the last good outputs are kept\n", stamp)
			case err != nil:
				fmt.Fprintf(stderr, "%s publish: %v\n", stamp, err)
			default:
				rep.say(stamp + " " + builtLine(res))
			}
		},
	})
	if err != nil {
		return ucli.Exit("publish: "+err.Error(), ExitInternal)
	}
	return nil
}

// builtLine is the summary line of a successful build, as publish build
// prints it: outputs with their sizes, pages, time, warnings.
func builtLine(res *build.Result) string {
	var parts []string
	for _, o := range res.Outputs {
		parts = append(parts, fmt.Sprintf("%s (%s)", o.Path, humanSize(o.Size)))
	}
	pages := ""
	if res.Pages > 0 {
		pages = fmt.Sprintf(", %d pages", res.Pages)
	}
	return fmt.Sprintf("built %s%s in %d ms%s", strings.Join(parts, ", "), pages, res.Elapsed.Milliseconds(), summary(res))
}
