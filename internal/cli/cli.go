// Package cli is the publish command line: it parses flags, calls the
// pipeline and maps its outcome to exit codes. It holds no book logic.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

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
	args = intersperse(app, args)
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

// helpText is the description --help prints, with examples.
const helpText = `publish reads book.yaml, the Markdown chapters it lists, the sources file and the images,
and writes out/<slug>.epub, out/<slug>.pdf and out/<slug>.preflight.txt.

BOOK_DIR is the book folder (the one holding book.yaml) or the project folder holding it as
book/. When it is given (or --book is), --layout and --out default to layout/ and out/ in the
book's project folder, the folder holding the book folder; without it, book/, layout/ and out/
of the current folder are used. The folder flags may come before or after the command.

Problems are printed as file:line:col: severity: message (--json prints them as JSON).
Exit status: 0 success, 1 manuscript errors, 2 usage errors, 3 I/O or internal errors.

Examples:
   publish build                      build book/ into out/ (run in the project folder)
   publish build ~/livre              build ~/livre/book into ~/livre/out
   publish build --book ~/livre/book  the same
   publish build --format pdf --out /tmp/proofs
   publish check --json ~/livre       the problems as JSON, for an editor
   publish watch ~/livre              rebuild on every change (Ctrl-C stops)
   publish init ~/livre               create a new book that builds at once`

// folderFlags are the flags naming the folders and the reporting flags.
// Every command that reads a book takes them, and so does publish
// itself, so that they may be given before or after the command.
func folderFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "book", Usage: "the book folder, holding book.yaml (default: book)"},
		&ucli.StringFlag{Name: "layout", Usage: "the layout folder: print.yaml, epub.css (default: layout in the book's project folder)"},
		&ucli.StringFlag{Name: "out", Usage: "where the EPUB, PDF and reports are written (default: out in the book's project folder)"},
		&ucli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only"},
		&ucli.BoolFlag{Name: "json", Usage: "print the diagnostics and the result as JSON on standard output"},
	}
}

func newApp(stdout, stderr io.Writer) *ucli.App {
	strictFlag := func() ucli.Flag {
		return &ucli.BoolFlag{Name: "strict", Usage: "treat a figure without a credit as an error"}
	}
	app := &ucli.App{
		Name:            "publish",
		Usage:           "turn a manuscript into an EPUB 3 and a print-ready PDF",
		UsageText:       "publish COMMAND [BOOK_DIR] [--book DIR] [--layout DIR] [--out DIR] [options]",
		Description:     helpText,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		Flags:           folderFlags(),
		ExitErrHandler:  func(*ucli.Context, error) {},
		OnUsageError:    usageError,
		Commands: []*ucli.Command{
			{
				Name:      "build",
				Usage:     "build the EPUB and the PDF",
				UsageText: "publish build [BOOK_DIR] [--format epub|pdf|all] [-v] [--strict] [--book DIR] [--layout DIR] [--out DIR] [--quiet] [--json]",
				Description: "Examples:\n   publish build\n   publish build ~/livre --out /tmp/livre-out\n" +
					"   publish build --format epub --book ~/livre/book",
				Flags: append(folderFlags(),
					&ucli.StringFlag{Name: "format", Value: "all", Usage: "which output: epub, pdf or all"},
					&ucli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print each stage's time and write the line-breaking dump to out/<slug>.lines.txt"},
					strictFlag(),
				),
				Action: func(c *ucli.Context) error { return runBuild(c, stdout, stderr) },
			},
			{
				Name:        "check",
				Usage:       "check the manuscript and print its problems; writes nothing",
				UsageText:   "publish check [BOOK_DIR] [--strict] [--preflight] [--book DIR] [--layout DIR] [--quiet] [--json]",
				Description: "Examples:\n   publish check\n   publish check ~/livre --strict\n   publish check --json ~/livre",
				Flags: append(folderFlags(), strictFlag(),
					&ucli.BoolFlag{Name: "preflight", Usage: "lay out the print edition and print its preflight report"}),
				Action: func(c *ucli.Context) error { return runCheck(c, stdout, stderr) },
			},
			watchCommand(stdout, stderr),
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
				UsageText: "publish slug [BOOK_DIR] [--book DIR]",
				Flags:     folderFlags(),
				Action: func(c *ucli.Context) error {
					f, err := resolveFolders(c)
					if err != nil {
						return err
					}
					slug, err := build.Slug(f.book)
					if err != nil {
						return ucli.Exit("publish slug: "+err.Error(), ExitManuscript)
					}
					fmt.Fprintln(stdout, slug)
					return nil
				},
			},
			corpusCommand(stdout),
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
	// Without its own handler, a command's flag error prints the
	// command's help on standard output, which --json keeps for JSON.
	for _, cmd := range app.Commands {
		cmd.OnUsageError = usageError
	}
	return app
}

// usageError turns a flag that cannot be parsed into a short message on
// standard error and the usage exit status.
func usageError(_ *ucli.Context, err error, _ bool) error {
	return ucli.Exit("publish: "+err.Error()+"\nRun 'publish --help' for usage.", ExitUsage)
}

// flagValue returns the value of a string flag given on the command or
// before it (the command's own wins), and whether it was given at all.
func flagValue(c *ucli.Context, name string) (string, bool) {
	for _, ctx := range lineage(c) {
		if slices.Contains(ctx.LocalFlagNames(), name) {
			return ctx.String(name), true
		}
	}
	return "", false
}

// flagBool reports whether a bool flag was given on the command or before
// it.
func flagBool(c *ucli.Context, name string) bool {
	for _, ctx := range lineage(c) {
		if slices.Contains(ctx.LocalFlagNames(), name) && ctx.Bool(name) {
			return true
		}
	}
	return false
}

// folders are the book, layout and output folders of a command.
type folders struct {
	book, layout, out string
}

// resolveFolders applies the rule of helpText: BOOK_DIR or --book names
// the book folder (or the project folder holding it as book/), and
// --layout and --out default to layout/ and out/ beside the book folder.
func resolveFolders(c *ucli.Context) (folders, error) {
	name := c.Command.Name
	if c.NArg() > 1 {
		return folders{}, ucli.Exit(fmt.Sprintf("publish %s: unexpected argument %q (give one book folder)", name, c.Args().Get(1)), ExitUsage)
	}
	book, given := flagValue(c, "book")
	if c.NArg() == 1 {
		if given {
			return folders{}, ucli.Exit(fmt.Sprintf("publish %s: the book folder is given twice (%q and --book %q)", name, c.Args().First(), book), ExitUsage)
		}
		book, given = c.Args().First(), true
	}
	if !given || book == "" {
		book = "book"
	}
	book = filepath.Clean(book)
	if _, err := os.Stat(filepath.Join(book, "book.yaml")); err != nil {
		if _, err := os.Stat(filepath.Join(book, "book", "book.yaml")); err == nil {
			book = filepath.Join(book, "book")
		}
	}
	project := filepath.Dir(book)
	f := folders{book: book, layout: filepath.Join(project, "layout"), out: filepath.Join(project, "out")}
	if v, ok := flagValue(c, "layout"); ok {
		f.layout = v
	}
	if v, ok := flagValue(c, "out"); ok {
		f.out = v
	}
	return f, nil
}

func buildOptions(c *ucli.Context) (build.Options, error) {
	f, err := resolveFolders(c)
	if err != nil {
		return build.Options{}, err
	}
	return build.Options{
		BookDir:        f.book,
		LayoutDir:      f.layout,
		OutDir:         f.out,
		Strict:         c.Bool("strict"),
		SharedCacheDir: sharedCacheDir(),
	}, nil
}

// sharedCacheDir is where builds keep what every book of the user may
// share (build.Options.SharedCacheDir): $PUBLISH_CHECKED_DIR when it is
// set (empty for none), else publish/checked in the user's cache folder
// ($XDG_CACHE_HOME, else ~/.cache, on Linux), or "" when there is none.
func sharedCacheDir() string {
	if dir, ok := os.LookupEnv("PUBLISH_CHECKED_DIR"); ok {
		return dir
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "publish", "checked")
}

func runBuild(c *ucli.Context, stdout, stderr io.Writer) error {
	opts, err := buildOptions(c)
	if err != nil {
		return err
	}
	if !fitMemoryLimit(opts.BookDir) {
		opts.CollectBeforeDrawing = collectAtLimit()
	}
	if err := setFormat(c, &opts); err != nil {
		return err
	}
	rep := newReporter(c, stdout, stderr)
	if c.Bool("verbose") {
		opts.Log = stderr
		opts.LineDump = true
	}
	if !rep.quiet && !rep.json {
		opts.Notify = stderr
	}
	// Ctrl-C or a TERM stops the build between its steps: the new set is
	// removed and the lock released, so nothing is left in out/.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := build.RunContext(ctx, opts)
	rep.diagnostics(res)
	if err != nil {
		rep.result("build", res, err)
		return exitFor(err)
	}
	for _, o := range res.Outputs {
		if c.Bool("verbose") && strings.HasSuffix(o.Path, ".pdf") {
			fmt.Fprintf(stderr, "line-breaking dump: %s\n", strings.TrimSuffix(o.Path, ".pdf")+".lines.txt")
		}
	}
	rep.result("build", res, nil)
	rep.say(builtLine(res))
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
	opts, err := buildOptions(c)
	if err != nil {
		return err
	}
	if !fitMemoryLimit(opts.BookDir) {
		opts.CollectBeforeDrawing = collectAtLimit()
	}
	rep := newReporter(c, stdout, stderr)
	// Both outputs are made in memory and nothing is written, so that
	// check reports exactly what build reports (the renderers find
	// problems too: a skipped heading level, a character the typeface
	// lacks, a figure below the printer's resolution).
	opts.EPUB, opts.PDF, opts.CheckOnly = true, true, true
	res, err := build.Run(opts)
	rep.diagnostics(res)
	rep.result("check", res, err)
	if err != nil {
		return exitFor(err)
	}
	if c.Bool("preflight") && res.Preflight != "" && !rep.json {
		fmt.Fprint(stdout, res.Preflight)
	}
	rep.say(fmt.Sprintf("checked %s: %s, %s%s", opts.BookDir, plural(len(res.Book.Chapters), "chapter"), plural(len(res.Book.Figures), "figure"), summary(res)))
	return nil
}

// plural writes a count with its noun: "1 chapter", "2 chapters".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func summary(res *build.Result) string {
	w := res.Diagnostics.Count(0) + res.Diagnostics.Count(1)
	if w == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s or suggestions)", plural(w, "warning"))
}

func exitFor(err error) error {
	if errors.Is(err, build.ErrManuscript) {
		return ucli.Exit("publish: the manuscript has errors; nothing was written", ExitManuscript)
	}
	if errors.Is(err, context.Canceled) {
		return ucli.Exit("publish: interrupted; the previous outputs are kept", ExitInternal)
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
