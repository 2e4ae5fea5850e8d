package manuscript

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDiagnostics checks that each kind of manuscript problem gives the
// exact message at the exact position.
func TestDiagnostics(t *testing.T) {
	const okYAML = "title: T\nlanguage: fr\nchapters:\n  - ch.md\n"
	tests := []struct {
		name  string
		yaml  string
		files map[string]string
		want  []string // diagnostics that must be present, in order
	}{
		{"misspelt key", "title: T\nlangage: fr\nlanguage: fr\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:2:1: error: unknown key "langage" in book.yaml (did you mean "language"?)`}},
		{"missing required keys", "title: T\n", nil,
			[]string{`book/book.yaml:1:1: error: missing required key "language" in book.yaml`,
				`book/book.yaml:1:1: error: missing required key "chapters" in book.yaml`}},
		{"wrong type", "title: [a, b]\nlanguage: fr\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:1:8: error: title must be a text value, not a list`}},
		{"bad language", "title: T\nlanguage: french!\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:2:11: error: language "french!" is not a BCP 47 tag (for example fr, en or en-GB)`}},
		{"language without terms", "title: T\nlanguage: nl\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:2:11: error: language "nl": publish has no words for it (contents, notes, citations); known languages: de, en, es, fr, it, pt`}},
		{"citation options", "title: T\nlanguage: fr\ncitation:\n  et-al-min: deux\n  et-al-use-frist: 1\n  bibliography-et-al-min: 0\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:4:14: error: citation.et-al-min must be a whole number`,
				`book/book.yaml:5:3: error: unknown key "et-al-use-frist" in citation (did you mean "et-al-use-first"?)`,
				`book/book.yaml:6:27: error: citation.bibliography-et-al-min must be a number of names, 1 or more`}},
		{"et-al-use-first above et-al-min", "title: T\nlanguage: fr\ncitation:\n  et-al-min: 3\n  et-al-use-first: 4\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:5:20: error: citation.et-al-use-first (4) is larger than et-al-min (3): the list would never be shortened`}},
		{"cross-references options", "title: T\nlanguage: fr\ncross-references:\n  sections: numbers\n  pages: true\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:4:13: error: cross-references.sections "numbers" is not known: use number`,
				`book/book.yaml:5:3: error: unknown key "pages" in cross-references`}},
		{"bad isbn", "title: T\nlanguage: fr\nidentifiers:\n  isbn: 978-2-07-036822-9\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:4:9: error: identifiers.isbn "978-2-07-036822-9" is not a valid ISBN-13 (check digit or length)`}},
		{"yaml syntax", "title: T\nlanguage: fr\nchapters: [ch.md\n", nil,
			[]string{`book/book.yaml:3:11: error: YAML syntax:`}},
		{"duplicate key", "title: T\ntitle: U\nlanguage: fr\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:2:1: error: YAML syntax: mapping key "title" already defined at [1:1]`}},
		{"yaml alias", "title: &t T\nsubtitle: *t\nlanguage: fr\nchapters: [ch.md]\n", map[string]string{"ch.md": "# C\n"},
			[]string{`book/book.yaml:2:11: error: YAML aliases (*name) are not supported here: write the value out`}},
		{"table row with more cells than columns", okYAML, map[string]string{"ch.md": "# C\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 | 5\\|6 |\n| `x|y` | z |\n"},
			[]string{`book/ch.md:6:1: warning: this table row has 3 cells but the table has 2 columns: the cells after column 2 are not printed (add a column to the header and delimiter rows, or remove the extra cells)`,
				`book/ch.md:7:1: warning: this table row has 3 cells but the table has 2 columns`}},
		{"empty link to an unknown id", okYAML, map[string]string{"ch.md": "# C {#sec-c}\n\nVoir [](#nulle-part) et [](#sec-c), [texte](#ailleurs).\n"},
			[]string{`book/ch.md:3:6: error: empty link "#nulle-part" points to id "nulle-part", which no heading, figure or element of the book has: it has no text of its own, so nothing could be printed in its place`,
				`book/ch.md:3:37: warning: link "#ailleurs" points to id "ailleurs"`}},
		{"missing chapter", okYAML, nil,
			[]string{`book/book.yaml:4:5: error: chapter file "ch.md": not found`}},
		{"chapter outside", "title: T\nlanguage: fr\nchapters:\n  - ../../x.md\n", nil,
			[]string{`book/book.yaml:4:5: error: "../../x.md" leads outside the project folder`}},
		{"missing image", okYAML, map[string]string{"ch.md": "# C\n\n![Cap](../images/none.jpg){alt=\"a\" credit=\"b\"}\n"},
			[]string{`book/ch.md:3:1: error: image "../images/none.jpg" not found`}},
		{"unreadable image", okYAML, map[string]string{"ch.md": "# C\n\n![Cap](notimage.jpg){alt=\"a\" credit=\"b\"}\n", "notimage.jpg": "hello"},
			[]string{`book/ch.md:3:1: error: image "notimage.jpg" not an image publish can read (JPEG, PNG, TIFF, GIF or WebP)`}},
		{"remote image", okYAML, map[string]string{"ch.md": "# C\n\n![Cap](https://example.org/a.jpg){alt=\"a\" credit=\"b\"}\n"},
			[]string{`book/ch.md:3:1: error: "https://example.org/a.jpg" is a remote address: publish never fetches files from the network; download it into the book folder`}},
		{"unknown citation", "title: T\nlanguage: fr\nsources: s.yaml\nchapters: [ch.md]\n",
			map[string]string{"ch.md": "# C\n\nTexte [@nope, p. 2].\n", "s.yaml": "- id: a\n  type: book\n  title: A\n"},
			[]string{`book/ch.md:3:7: error: unknown source "nope"`}},
		{"unknown citation near a known key", "title: T\nlanguage: fr\nsources: s.yaml\nchapters: [ch.md]\n",
			map[string]string{"ch.md": "# C\n\nTexte [@dupond].\n", "s.yaml": "- id: dupont\n  type: book\n  title: A\n"},
			[]string{`book/ch.md:3:7: error: unknown source "dupond" (did you mean "dupont"?)`}},
		{"duplicate id", okYAML, map[string]string{"ch.md": "# C\n\n## A {#x}\n\n## B {#x}\n"},
			[]string{`book/ch.md:5:1: error: duplicate id "x" (also at book/ch.md:3:1)`, `book/ch.md:3:1: error: duplicate id "x" (also at book/ch.md:5:1)`}},
		{"figure without credit or alt", okYAML, map[string]string{"ch.md": "# C\n\n![Cap](../images/img.jpg)\n"},
			[]string{`book/ch.md:3:1: warning: figure "fig-1" has no alt text (add alt="…" describing the image for screen readers)`,
				`book/ch.md:3:1: warning: figure "fig-1" has no credit (add credit="…" or source=key)`}},
		{"invalid utf-8", okYAML, map[string]string{"ch.md": "# C\n\nab\xffcd\n"},
			[]string{`book/ch.md:3:3: error: invalid UTF-8 (byte 0xFF): save the file as UTF-8`}},
		{"invalid utf-8 in yaml", "title: T\xe9\nlanguage: fr\nchapters: [ch.md]\n", nil,
			[]string{`book/book.yaml:1:9: error: invalid UTF-8 byte sequence`}},
		{"bad figure attributes", okYAML, map[string]string{"ch.md": "# C\n\n![Cap](../images/img.jpg){alt=\"open credit=x}\n"},
			[]string{`book/ch.md:3:26: error: figure attributes: attribute alt: the quoted value is not closed`}},
		{"unknown source in sources file type", "title: T\nlanguage: fr\nsources: s.yaml\nchapters: [ch.md]\n",
			map[string]string{"ch.md": "# C\n", "s.yaml": "- id: a\n  type: livre\n  title: A\n"},
			[]string{`book/s.yaml:2:9: error: unknown CSL type "livre" (for an archive document use manuscript or document, for a photograph graphic)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := tt.files
			if files == nil {
				files = map[string]string{}
			}
			bookDir := writeBook(t, tt.yaml, files)
			chdir(t, filepath.Dir(bookDir))
			_, ds := Read(Options{BookDir: "book"})
			got := ds.String()
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing diagnostic\n  %s\ngot:\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(tt.name, "without credit") || !strings.Contains(strings.Join(tt.want, "\n"), ": error: ") {
				if ds.HasErrors() {
					t.Errorf("warnings only expected, got errors:\n%s", got)
				}
			} else if !ds.HasErrors() {
				t.Errorf("expected an error, got:\n%s", got)
			}
		})
	}
}
