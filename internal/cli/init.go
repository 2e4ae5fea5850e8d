package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	ucli "github.com/urfave/cli/v2"

	"github.com/publish-books/publish/internal/imaging"
)

const initBookYAML = `# A new book. See docs/manuscript.md in the publish repository for every key.
title: Mon livre
language: fr
authors:
  - name: Prénom Nom
chapters:
  - 01-premier-chapitre.md
`

const initChapter = `# Premier chapitre

Le texte du premier chapitre. Un paragraphe est une suite de lignes ; une ligne vide
sépare deux paragraphes.

![Une figure et sa légende](images/exemple.jpg){#fig-exemple alt="Image grise de remplacement marquée PLACEHOLDER." credit="D.R."}

Une note se place ainsi[^1].

[^1]: Le texte de la note.
`

// runInit creates a new book folder with a chapter and a placeholder
// figure, ready to build with publish --book DIR build.
func runInit(c *ucli.Context, stdout io.Writer) error {
	if c.NArg() != 1 {
		return ucli.Exit("publish init: give the folder to create: publish init DIR", ExitUsage)
	}
	dir := c.Args().First()
	if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err == nil {
		return ucli.Exit(fmt.Sprintf("publish init: %s already holds a book.yaml; nothing was changed", dir), ExitUsage)
	}
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		return ucli.Exit("publish init: "+err.Error(), ExitInternal)
	}
	var img bytes.Buffer
	if err := imaging.WritePlaceholder(&img, imaging.PlaceholderSpec{Width: 1800, Height: 1200}); err != nil {
		return ucli.Exit("publish init: "+err.Error(), ExitInternal)
	}
	files := map[string][]byte{
		"book.yaml":              []byte(initBookYAML),
		"01-premier-chapitre.md": []byte(initChapter),
		"images/exemple.jpg":     img.Bytes(),
	}
	for _, name := range []string{"book.yaml", "01-premier-chapitre.md", "images/exemple.jpg"} {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return ucli.Exit("publish init: "+err.Error(), ExitInternal)
		}
	}
	fmt.Fprintf(stdout, "created %s; build it with: publish --book %s --out %s build\n", dir, dir, filepath.Join(dir, "out"))
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
