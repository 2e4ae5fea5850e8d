// Package corpus generates the benchmark books: a novel-length French
// novel with dialogue, notes and citations, and an illustrated local
// history with about a hundred figures. The text comes from a small French
// grammar in this package driven by a fixed-seed generator, so the same
// spec always writes the same bytes and needs no outside data.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Kind names a corpus.
type Kind string

// The two corpora.
const (
	Novel       Kind = "novel"
	Illustrated Kind = "illustrated"
)

// Size names one of the two sizes of a corpus.
type Size string

// The two sizes: about 100 and about 400 printed pages.
const (
	Small Size = "small"
	Large Size = "large"
)

// Spec says what to generate.
type Spec struct {
	Kind            Kind
	Chapters        int
	WordsPerChapter int
	// Figures is the number of figures of the whole book (illustrated
	// corpus only).
	Figures int
	// NotesPerChapter and CitationsPerChapter place footnotes and
	// citations in the text.
	NotesPerChapter     int
	CitationsPerChapter int
	Seed                uint64
	// ImageCacheDir keeps generated placeholder images between runs; ""
	// uses the user cache folder (or none when there is none).
	ImageCacheDir string
}

// seed is the fixed seed of every corpus.
const seed = 0x5eed_1944_0922

// SpecFor returns the spec of a corpus at a size. The novel's large size
// is the novel-length book of the performance budget (15 chapters, about
// 90 000 words, some 300 pages of the sample layout); its small size is
// about 100 pages. The illustrated book has 25 or 100 figures in about
// 100 or 400 pages.
func SpecFor(kind Kind, size Size) (Spec, error) {
	s := Spec{Kind: kind, Seed: seed, NotesPerChapter: 3, CitationsPerChapter: 2}
	switch kind {
	case Novel:
		s.WordsPerChapter = 6000
		s.Chapters = 15
		if size == Small {
			s.Chapters = 5
		}
	case Illustrated:
		s.WordsPerChapter = 8000
		s.Chapters, s.Figures = 12, 100
		if size == Small {
			s.Chapters, s.Figures = 3, 25
		}
	default:
		return s, fmt.Errorf("corpus: unknown kind %q (use novel or illustrated)", kind)
	}
	if size != Small && size != Large {
		return s, fmt.Errorf("corpus: unknown size %q (use small or large)", size)
	}
	return s, nil
}

// Stats says what was generated.
type Stats struct {
	Chapters   int
	Paragraphs int
	Words      int
	Figures    int
	Notes      int
	Citations  int
	// Vocabulary is the number of distinct word forms (runs of letters,
	// in lower case) of the chapters' text, attribute blocks aside.
	Vocabulary int
}

// Generate writes a complete book folder into dir: book.yaml, the
// chapters, sources.yaml and, for the illustrated corpus, the images.
func Generate(dir string, spec Spec) (Stats, error) {
	var st Stats
	if spec.Chapters <= 0 || spec.WordsPerChapter <= 0 {
		return st, fmt.Errorf("corpus: the spec needs chapters and words per chapter")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("corpus: create %s: %w", dir, err)
	}
	g := &generator{spec: spec, p: &prose{r: newRNG(spec.Seed), lx: newLexicon(spec.Seed)}}
	files := []string{}
	forms := map[string]bool{}
	for i := 1; i <= spec.Chapters; i++ {
		name := fmt.Sprintf("chapitre-%02d.md", i)
		text := g.chapter(i)
		addForms(forms, text)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return st, fmt.Errorf("corpus: write chapter: %w", err)
		}
		files = append(files, name)
	}
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(bookYAML(spec, files)), 0o644); err != nil {
		return st, fmt.Errorf("corpus: write book.yaml: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sources.yaml"), []byte(sourcesYAML(spec, g.citedKeys(), min(g.graphics, graphicSources))), 0o644); err != nil {
		return st, fmt.Errorf("corpus: write sources.yaml: %w", err)
	}
	if len(g.images) > 0 {
		if err := writeImages(filepath.Join(dir, "images"), g.images, spec.ImageCacheDir); err != nil {
			return st, err
		}
	}
	st = g.stats
	st.Chapters = spec.Chapters
	st.Vocabulary = len(forms)
	return st, nil
}

// addForms adds to forms the word forms of a chapter's Markdown: its runs
// of letters in lower case, leaving out attribute blocks ({#ch-01},
// {lang=en}) and image file names.
func addForms(forms map[string]bool, md string) {
	skip := byte(0)
	start := -1
	for i, r := range md {
		switch {
		case skip != 0:
			if r == rune(skip) {
				skip = 0
			}
			continue
		case r == '{':
			skip = '}'
		case r == '(' && i > 0 && md[i-1] == ']':
			skip = ')'
		}
		letter := unicode.IsLetter(r) && skip == 0
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			forms[strings.ToLower(md[start:i])] = true
			start = -1
		}
	}
	if start >= 0 {
		forms[strings.ToLower(md[start:])] = true
	}
}

func bookYAML(spec Spec, files []string) string {
	var b strings.Builder
	if spec.Kind == Illustrated {
		b.WriteString("title: Les Ports du Détroit\nsubtitle: Un siècle d'images, 1850-1960\n")
	} else {
		b.WriteString("title: La Maison du quai\nsubtitle: Roman\n")
	}
	b.WriteString(`language: fr
authors:
  - name: Claire Vasseur
    file-as: Vasseur, Claire
publisher: Éditions du Détroit
date: "2026-11-01"
identifiers:
  uuid: urn:uuid:0b5e2c1a-7d44-4e8f-9a31-5c2d8e6f1b90
rights: © 2026 Éditions du Détroit. Texte généré pour les mesures de performance de publish.
description: >-
  Un livre de mesure généré par publish : le texte est produit par une petite
  grammaire française et ne raconte rien de vrai.
subjects:
  - Littérature
sources: sources.yaml
citation-style: notes
legal-deposit: novembre 2026
chapters:
  body:
`)
	for _, f := range files {
		b.WriteString("    - " + f + "\n")
	}
	return b.String()
}

// bookSources are the works the text cites.
const bookSources = `references:
  - id: leclercq-1952
    type: book
    title: Boulogne sous l'Occupation
    author:
      - family: Leclercq
        given: André
    publisher: Imprimerie du Détroit
    publisher-place: Boulogne-sur-Mer
    issued:
      date-parts: [[1952]]
  - id: vasseur-1978
    type: book
    title: Les gens du port
    author:
      - family: Vasseur
        given: Hélène
    publisher: Presses du Nord
    publisher-place: Lille
    issued:
      date-parts: [[1978]]
  - id: morel-1946
    type: book
    title: Journal d'un médecin de quartier
    author:
      - family: Morel
        given: Georges
    publisher: Éditions de la Côte
    publisher-place: Calais
    issued:
      date-parts: [[1946]]
  - id: caron-1961
    type: article-journal
    title: Les évacuations de 1944 sur le littoral
    author:
      - family: Caron
        given: Marcel
    container-title: Revue du Nord
    volume: "43"
    page: 211-230
    issued:
      date-parts: [[1961]]
  - id: registre-1944
    type: manuscript
    title: Registre des délibérations municipales, 1940-1944
    archive: Archives départementales du Pas-de-Calais
    archive-place: Arras
    archive-location: 5 Z 112
    issued:
      date-parts: [[1944]]
`

var citeKeys = []string{"leclercq-1952", "vasseur-1978", "morel-1946", "caron-1961", "registre-1944"}

// graphicSources is how many archive images the illustrated corpus's
// figures may name with source=key.
const graphicSources = 12

// sourcesYAML writes the sources the text cites and the first graphics
// archive sources, so that none is left unused (which publish reports).
func sourcesYAML(spec Spec, cited map[string]bool, graphics int) string {
	var b strings.Builder
	b.WriteString("# Sources of the generated benchmark book (CSL-YAML). Fictitious.\nreferences:\n")
	for _, entry := range strings.Split(strings.TrimPrefix(bookSources, "references:\n"), "  - id: ")[1:] {
		key := entry[:strings.IndexByte(entry, '\n')]
		if cited[key] {
			b.WriteString("  - id: " + entry)
		}
	}
	if graphics > 0 {
		archives := []string{"Archives municipales de Boulogne-sur-Mer", "Archives départementales du Pas-de-Calais", "Archives municipales de Calais"}
		placesOf := []string{"Boulogne-sur-Mer", "Arras", "Calais"}
		for i := 1; i <= graphics; i++ {
			a := (i - 1) % len(archives)
			fmt.Fprintf(&b, `  - id: fonds-%02d
    type: graphic
    title: %s
    medium: %s
    archive: %s
    archive-place: %s
    archive-location: %d Fi %d
    issued:
      date-parts: [[%d]]
`, i, figSubjects[i%len(figSubjects)], []string{"carte postale", "photographie", "plan"}[i%3], archives[a], placesOf[a], 3+i%5, 100+i*7, 1900+i*4)
		}
	}
	return b.String()
}
