package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/manuscript"
)

func TestGenerateIsDeterministicAndReadable(t *testing.T) {
	tests := []struct {
		kind    Kind
		size    Size
		figures int
	}{
		{Novel, Small, 0},
		{Illustrated, Small, 25},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			spec, err := SpecFor(tc.kind, tc.size)
			if err != nil {
				t.Fatal(err)
			}
			a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
			st, err := Generate(a, spec)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Generate(b, spec); err != nil {
				t.Fatal(err)
			}
			sameTree(t, a, b)

			want := spec.Chapters * spec.WordsPerChapter
			if st.Words < want || st.Words > want*105/100 {
				t.Errorf("words = %d, want %d to %d", st.Words, want, want*105/100)
			}
			if st.Figures != tc.figures {
				t.Errorf("figures = %d, want %d", st.Figures, tc.figures)
			}
			if st.Notes != spec.Chapters*spec.NotesPerChapter || st.Citations != spec.Chapters*spec.CitationsPerChapter {
				t.Errorf("notes, citations = %d, %d; want %d, %d", st.Notes, st.Citations,
					spec.Chapters*spec.NotesPerChapter, spec.Chapters*spec.CitationsPerChapter)
			}

			book, ds := manuscript.Read(manuscript.Options{BookDir: a})
			if ds.HasErrors() || len(ds.List) > 0 {
				t.Fatalf("the generated book has problems:\n%s", ds.String())
			}
			if len(book.Chapters) != spec.Chapters || len(book.Figures) != tc.figures {
				t.Errorf("read %d chapters and %d figures, want %d and %d", len(book.Chapters), len(book.Figures), spec.Chapters, tc.figures)
			}
			for _, f := range book.Figures {
				if f.PixelWidth < 1500 || f.Alt == "" || !f.HasCredit() {
					t.Errorf("figure %s: %d px wide, alt %q, credit %v", f.ID, f.PixelWidth, f.Alt, f.HasCredit())
				}
			}
			text, _ := os.ReadFile(filepath.Join(a, "chapitre-02.md"))
			marks := []string{"[^1]", "[@", "## "}
			if tc.kind == Novel {
				marks = []string{"« ", " »", "— ", "[^1]", "[@", "* * *"}
			}
			for _, mark := range marks {
				if !bytes.Contains(text, []byte(mark)) {
					t.Errorf("chapter 2 has no %q", mark)
				}
			}
		})
	}
}

func sameTree(t *testing.T, a, b string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two generations", rel)
		}
		n++
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walk: %v (%d files)", err, n)
	}
}

func TestSpecForRejectsUnknown(t *testing.T) {
	for _, c := range [][2]string{{"poem", "small"}, {"novel", "huge"}} {
		if _, err := SpecFor(Kind(c[0]), Size(c[1])); err == nil || !strings.Contains(err.Error(), c[0]+"") && !strings.Contains(err.Error(), c[1]) {
			t.Errorf("SpecFor(%s, %s) = %v, want an error naming it", c[0], c[1], err)
		}
	}
}

func TestGrammarAgreement(t *testing.T) {
	p := &prose{r: newRNG(1)}
	var all strings.Builder
	for i := 0; i < 3000; i++ {
		all.WriteString(p.sentence())
		all.WriteByte(' ')
	}
	s := all.String()
	for _, bad := range []string{" à le ", " de les ", " que A", " que É", " que il", "le enveloppe", "la atelier", "ce enveloppe", " ,", "  "} {
		if strings.Contains(s, bad) {
			t.Errorf("generated text holds %q", bad)
		}
	}
}

func TestEnsureGeneratesOnceAndReuses(t *testing.T) {
	t.Setenv("PUBLISH_CORPUS_DIR", t.TempDir())
	dir, err := Ensure(Novel, Small)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err != nil {
		t.Fatalf("Ensure returned %s without a book: %v", dir, err)
	}
	again, err := Ensure(Novel, Small)
	if err != nil || again != dir {
		t.Errorf("second Ensure = %q, %v; want %q", again, err, dir)
	}
	// A new process finds the finished corpus instead of writing it again.
	stamp := filepath.Join(dir, "chapitre-01.md")
	before, _ := os.Stat(stamp)
	if got, err := ensureAt(filepath.Dir(dir), Spec{}); err != nil || got != dir {
		t.Fatalf("ensureAt on a complete corpus = %q, %v", got, err)
	}
	if after, _ := os.Stat(stamp); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a complete corpus was written again")
	}
}
