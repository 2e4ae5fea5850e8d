package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	ucli "github.com/urfave/cli/v2"

	"github.com/publish-books/publish/internal/corpus"
)

// corpusCommand is `publish corpus`: write one of the generated benchmark
// books (scripts/bench.sh builds them). It is hidden from --help.
func corpusCommand(stdout io.Writer) *ucli.Command {
	return &ucli.Command{
		Name:      "corpus",
		Hidden:    true, // a developer's tool (scripts/bench.sh), not for books
		Usage:     "write a generated benchmark book (a novel or an illustrated book, small or large)",
		UsageText: "publish corpus [--kind novel|illustrated] [--size small|large] DIR",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "kind", Value: "novel", Usage: "novel (about 90 000 words when large) or illustrated (about 100 figures when large)"},
			&ucli.StringFlag{Name: "size", Value: "large", Usage: "small (about 100 pages) or large (novel length)"},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() != 1 {
				return ucli.Exit("publish corpus: give the book folder to write: publish corpus [options] DIR", ExitUsage)
			}
			dir := c.Args().First()
			spec, err := corpus.SpecFor(corpus.Kind(c.String("kind")), corpus.Size(c.String("size")))
			if err != nil {
				return ucli.Exit("publish "+err.Error(), ExitUsage)
			}
			if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err == nil {
				return ucli.Exit(fmt.Sprintf("publish corpus: %s already holds a book.yaml; nothing was changed", dir), ExitUsage)
			}
			st, err := corpus.Generate(dir, spec)
			if err != nil {
				return ucli.Exit("publish "+err.Error(), ExitInternal)
			}
			fmt.Fprintf(stdout, "wrote %s: %d chapters, %d words, %d distinct word forms, %d notes, %d citations, %d figures\n",
				dir, st.Chapters, st.Words, st.Vocabulary, st.Notes, st.Citations, st.Figures)
			return nil
		},
	}
}
