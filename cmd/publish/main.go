// Command publish turns a manuscript (book.yaml, Markdown chapters,
// sources, images) into an EPUB 3 and a print-ready PDF.
package main

import (
	"os"

	"github.com/publish-books/publish/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdout, os.Stderr))
}
