package cli

import (
	"bytes"
	"crypto/rand"
	"embed"
	"fmt"
	"io"
	"os"
	"path/filepath"

	ucli "github.com/urfave/cli/v2"

	fontfiles "github.com/publish-books/publish/fonts"
	"github.com/publish-books/publish/internal/imaging"
	layoutfiles "github.com/publish-books/publish/layout"
)

const initBookYAML = `# A new book. See docs/manuscript.md in the publish repository for every key.
title: Mon livre
language: fr
authors:
  - name: Prénom Nom
identifiers:
  uuid: %s
chapters:
  - 01-premier-chapitre.md
`

const initChapter = `# Premier chapitre

Le texte du premier chapitre. Un paragraphe est une suite de lignes ; une ligne vide
sépare deux paragraphes.

![Une figure et sa légende](../images/exemple.jpg){#fig-exemple alt="Image grise de remplacement marquée PLACEHOLDER." credit="D.R."}

Une note se place ainsi[^1].

[^1]: Le texte de la note.
`

// runInit creates a new project folder: DIR/book (book.yaml, a chapter),
// DIR/images (a placeholder figure), DIR/layout and DIR/fonts (copies of
// the default layout and fonts), ready to build from DIR with publish build.
func runInit(c *ucli.Context, stdout io.Writer) error {
	if c.NArg() != 1 {
		return ucli.Exit("publish init: give the folder to create: publish init DIR", ExitUsage)
	}
	dir := c.Args().First()
	if _, err := os.Stat(filepath.Join(dir, "book", "book.yaml")); err == nil {
		return ucli.Exit(fmt.Sprintf("publish init: %s already holds a book; nothing was changed", dir), ExitUsage)
	}
	var img bytes.Buffer
	if err := imaging.WritePlaceholder(&img, imaging.PlaceholderSpec{Width: 1800, Height: 1200}); err != nil {
		return ucli.Exit("publish init: "+err.Error(), ExitInternal)
	}
	files := []struct {
		name string
		data []byte
	}{
		{"book/book.yaml", []byte(fmt.Sprintf(initBookYAML, newUUID()))},
		{"book/01-premier-chapitre.md", []byte(initChapter)},
		{"images/exemple.jpg", img.Bytes()},
	}
	for _, fs := range []struct {
		dir string
		fs  embed.FS
	}{{"layout", layoutfiles.Files}, {"fonts", fontfiles.Files}} {
		entries, err := fs.fs.ReadDir(".")
		if err != nil {
			return ucli.Exit("publish init: "+err.Error(), ExitInternal)
		}
		for _, e := range entries {
			data, err := fs.fs.ReadFile(e.Name())
			if err != nil {
				return ucli.Exit("publish init: "+err.Error(), ExitInternal)
			}
			files = append(files, struct {
				name string
				data []byte
			}{fs.dir + "/" + e.Name(), data})
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return ucli.Exit("publish init: "+err.Error(), ExitInternal)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return ucli.Exit("publish init: "+err.Error(), ExitInternal)
		}
	}
	fmt.Fprintf(stdout, "created %s; build it with: cd %s && publish build\n(or from anywhere: publish build %s)\n",
		dir, dir, dir)
	return nil
}

// runPlaceholder writes a placeholder image.
func runPlaceholder(c *ucli.Context) error {
	if c.NArg() != 1 {
		return ucli.Exit("publish placeholder: give the output file: publish placeholder [options] OUT.jpg", ExitUsage)
	}
	spec := imaging.PlaceholderSpec{Width: c.Int("width"), Height: c.Int("height"), Lines: c.StringSlice("line")}
	if len(spec.Lines) > 0 {
		font, err := os.ReadFile(c.String("font"))
		if err != nil {
			return ucli.Exit("publish placeholder: font: "+err.Error(), ExitUsage)
		}
		spec.Font = font
	}
	var buf bytes.Buffer
	if err := imaging.WritePlaceholder(&buf, spec); err != nil {
		return ucli.Exit("publish placeholder: "+err.Error(), ExitUsage)
	}
	if err := os.WriteFile(c.Args().First(), buf.Bytes(), 0o644); err != nil {
		return ucli.Exit("publish placeholder: "+err.Error(), ExitInternal)
	}
	return nil
}

// newUUID returns a random (version 4) UUID URN: a new book gets its own
// identifier once, at creation; builds never invent one.
func newUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "urn:uuid:00000000-0000-4000-8000-000000000000"
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
