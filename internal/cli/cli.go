// Package cli is the publish command line: it parses flags, calls the
// pipeline and maps its outcome to exit codes. It holds no book logic.
package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/publish-books/publish/internal/build"
)

// Exit codes.
const (
	ExitOK         = 0
	ExitManuscript = 1
	ExitUsage      = 2
	ExitInternal   = 3
)

// Version is the version printed by publish version; release builds set it
// with -ldflags "-X github.com/publish-books/publish/internal/cli.Version=…".
var Version = "dev"

// Main runs the command line and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "publish: internal error: %v\n%s", p, debug.Stack())
			code = ExitInternal
		}
	}()
	app := newApp(stdout, stderr)
	unknown := false
	app.CommandNotFound = func(c *ucli.Context, name string) {
		fmt.Fprintf(stderr, "publish: unknown command %q\nRun 'publish --help' for usage.\n", name)
		unknown = true
	}
	err := app.Run(args)
	if unknown {
		return ExitUsage
	}
	if err == nil {
		return ExitOK
	}
	var ec ucli.ExitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, msg)
		}
		return ec.ExitCode()
	}
	// Flag parsing and unknown commands end up here.
	fmt.Fprintf(stderr, "publish: %v\nRun 'publish --help' for usage.\n", err)
	return ExitUsage
}

func newApp(stdout, stderr io.Writer) *ucli.App {
	bookFlag := &ucli.StringFlag{Name: "book", Value: "book", Usage: "the book folder (holds book.yaml)"}
	layoutFlag := &ucli.StringFlag{Name: "layout", Value: "layout", Usage: "the layout folder (print.yaml, epub.css)"}
	outFlag := &ucli.StringFlag{Name: "out", Value: "out", Usage: "where the EPUB, PDF and reports are written"}
	strictFlag := &ucli.BoolFlag{Name: "strict", Usage: "treat a figure without a credit as an error"}
	return &ucli.App{
		Name:      "publish",
		Usage:     "turn a manuscript into an EPUB 3 and a print-ready PDF",
		UsageText: "publish [--book DIR] [--layout DIR] [--out DIR] COMMAND [options]",
		Description: "publish reads book.yaml, the Markdown chapters it lists, the sources file and the images,\n" +
			"and writes out/<slug>.epub and out/<slug>.pdf. Problems are printed as file:line:col: message.\n" +
			"Exit status: 0 success, 1 manuscript errors, 2 usage errors, 3 I/O or internal errors.",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		Flags:           []ucli.Flag{bookFlag, layoutFlag, outFlag},
		ExitErrHandler:  func(*ucli.Context, error) {},
		OnUsageError: func(c *ucli.Context, err error, _ bool) error {
			return ucli.Exit("publish: "+err.Error()+"\nRun 'publish --help' for usage.", ExitUsage)
		},
		Commands: []*ucli.Command{
			{
				Name:      "build",
				Usage:     "build the EPUB and the PDF",
				UsageText: "publish build [--format epub|pdf|all] [-v] [--strict]",
				Flags: []ucli.Flag{
					&ucli.StringFlag{Name: "format", Value: "all", Usage: "which output: epub, pdf or all"},
					&ucli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print each stage's time and write the line-breaking dump to out/<slug>.lines.txt"},
					strictFlag,
				},
				Action: func(c *ucli.Context) error { return runBuild(c, stdout, stderr) },
			},
			{
				Name:      "check",
				Usage:     "check the manuscript and print its problems; writes nothing",
				UsageText: "publish check [--strict] [--preflight]",
				Flags: []ucli.Flag{strictFlag,
					&ucli.BoolFlag{Name: "preflight", Usage: "lay out the print edition and print its preflight report"}},
				Action: func(c *ucli.Context) error { return runCheck(c, stdout, stderr) },
			},
			{
				Name:      "init",
				Usage:     "create a new book folder that builds at once",
				UsageText: "publish init DIR",
				Action:    func(c *ucli.Context) error { return runInit(c, stdout) },
			},
			{
				Name:      "placeholder",
				Usage:     "draw a grey placeholder image for a scan the book does not have yet",
				UsageText: "publish placeholder --width PX --height PX [--line TEXT ...] OUT.jpg",
				Flags: []ucli.Flag{
					&ucli.IntFlag{Name: "width", Value: 1800, Usage: "width in pixels (300 ppi: 1800 px prints 15.2 cm wide)"},
					&ucli.IntFlag{Name: "height", Value: 1200, Usage: "height in pixels"},
					&ucli.StringSliceFlag{Name: "line", Usage: "a line of text to print in the image (repeatable)"},
					&ucli.StringFlag{Name: "font", Value: "fonts/EBGaramond12-Regular.ttf", Usage: "the TrueType font for the text"},
				},
				Action: runPlaceholder,
			},
			{
				Name:      "slug",
				Usage:     "print the file name the outputs get (out/<slug>.epub); used by the Makefile",
				UsageText: "publish slug",
				Action: func(c *ucli.Context) error {
					slug, err := build.Slug(c.String("book"))
					if err != nil {
						return ucli.Exit("publish slug: "+err.Error(), ExitManuscript)
					}
					fmt.Fprintln(stdout, slug)
					return nil
				},
			},
			watchCommand(stdout, stderr), corpusCommand(stdout),
			{
				Name:  "version",
				Usage: "print the version",
				Action: func(c *ucli.Context) error {
					fmt.Fprintf(stdout, "publish %s\n", Version)
					return nil
				},
			},
		},
	}
}

func buildOptions(c *ucli.Context) build.Options {
	return build.Options{
		BookDir:   c.String("book"),
		LayoutDir: c.String("layout"),
		OutDir:    c.String("out"),
		Strict:    c.Bool("strict"),
	}
}

func runBuild(c *ucli.Context, stdout, stderr io.Writer) error {
	if c.NArg() > 0 {
		return ucli.Exit(fmt.Sprintf("publish build: unexpected argument %q (use --book DIR)", c.Args().First()), ExitUsage)
	}
	opts := buildOptions(c)
	if err := setFormat(c, &opts); err != nil {
		return err
	}
	var dump *strings.Builder
	if c.Bool("verbose") {
		opts.Log = stderr
		dump = &strings.Builder{}
		opts.Dump = dump
	}
	res, err := build.Run(opts)
	printDiagnostics(stderr, res)
	if err != nil {
		return exitFor(err)
	}
	if dump != nil && dump.Len() > 0 && len(res.Outputs) > 0 {
		p := strings.TrimSuffix(res.Outputs[0].Path, filepath.Ext(res.Outputs[0].Path)) + ".lines.txt"
		if err := build.WriteFileAtomic(p, []byte(dump.String())); err != nil {
			return ucli.Exit("publish: write line dump: "+err.Error(), ExitInternal)
		}
		fmt.Fprintf(stderr, "line-breaking dump: %s\n", p)
	}
	fmt.Fprintln(stdout, builtLine(res))
	return nil
}

// setFormat selects the outputs named by --format.
func setFormat(c *ucli.Context, opts *build.Options) error {
	switch c.String("format") {
	case "all":
		opts.EPUB, opts.PDF = true, true
	case "epub":
		opts.EPUB = true
	case "pdf":
		opts.PDF = true
	default:
		return ucli.Exit(fmt.Sprintf("publish %s: --format %q: use epub, pdf or all", c.Command.Name, c.String("format")), ExitUsage)
	}
	return nil
}

func runCheck(c *ucli.Context, stdout, stderr io.Writer) error {
	opts := buildOptions(c)
	// Both outputs are made in memory and nothing is written, so that
	// check reports exactly what build reports (the renderers find
	// problems too: a skipped heading level, a character the typeface
	// lacks, a figure below the printer's resolution).
	opts.EPUB, opts.PDF, opts.CheckOnly = true, true, true
	res, err := build.Run(opts)
	printDiagnostics(stderr, res)
	if err != nil {
		return exitFor(err)
	}
	if c.Bool("preflight") && res.Preflight != "" {
		fmt.Fprint(stdout, res.Preflight)
	}
	fmt.Fprintf(stdout, "checked %s: %d chapters, %d figures%s\n", c.String("book"), len(res.Book.Chapters), len(res.Book.Figures), summary(res))
	return nil
}

func summary(res *build.Result) string {
	w := res.Diagnostics.Count(0) + res.Diagnostics.Count(1)
	if w == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d warnings or suggestions)", w)
}

func printDiagnostics(w io.Writer, res *build.Result) {
	if res == nil {
		return
	}
	for _, d := range res.Diagnostics.List {
		fmt.Fprintln(w, d.String())
	}
}

func exitFor(err error) error {
	if errors.Is(err, build.ErrManuscript) {
		return ucli.Exit("publish: the manuscript has errors; nothing was written", ExitManuscript)
	}
	return ucli.Exit("publish: "+err.Error(), ExitInternal)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
