package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/pdf"
	"github.com/publish-books/publish/internal/prepare"
)

// layOut reads, prepares and lays out the book in dir with the project's
// layout, as the pipeline does.
func layOut(t *testing.T, dir string) *pdf.Laid {
	t.Helper()
	book, ds := manuscript.Read(manuscript.Options{BookDir: dir})
	if ds.HasErrors() {
		t.Fatalf("read %s:\n%s", dir, ds.String())
	}
	lay := layout.Load(filepath.Join("..", "..", "layout"), &ds)
	if err := prepare.Book(context.Background(), book, &ds); err != nil {
		t.Fatal(err)
	}
	laid, err := pdf.Layout(context.Background(), book, pdf.Options{Layout: lay}, &ds)
	if err != nil {
		t.Fatalf("lay out %s: %v", dir, err)
	}
	return laid
}

// TestMakeup measures the page make-up of the sample book, and of the
// book folders PUBLISH_NOVEL_BOOK lists (real novels kept outside the
// project, separated as in PATH): short pages, facing pages ending on
// different baselines, widows and orphans, figures far from their call.
// Widows and orphans must be none, and no figure may be printed more than
// a page after the page where the text reaches it; on the novels, at most 2% of the pages of running text may stop
// short of the foot and every spread must be aligned.
func TestMakeup(t *testing.T) {
	dirs := []string{filepath.Join("..", "..", "book")}
	novels := false
	if env := os.Getenv("PUBLISH_NOVEL_BOOK"); env != "" {
		dirs, novels = filepath.SplitList(env), true
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(filepath.Clean(dir)), func(t *testing.T) {
			r := layOut(t, dir).Makeup()
			t.Logf("%s: %s", dir, r)
			if testing.Verbose() && len(r.Details) > 0 {
				t.Logf("details:\n%s", strings.Join(r.Details, "\n"))
			}
			if r.Widows > 0 || r.Orphans > 0 {
				t.Errorf("%d widows and %d orphans", r.Widows, r.Orphans)
			}
			if r.FarFigures > 0 {
				t.Errorf("%d of %d figures printed more than a page after their call", r.FarFigures, r.Figures)
			}
			if novels {
				if r.TextPages > 0 && float64(r.Short) > 0.02*float64(r.TextPages) {
					t.Errorf("%d of %d pages of running text are short of the foot (at most 2%%)", r.Short, r.TextPages)
				}
				if r.Misaligned > 0 {
					t.Errorf("%d of %d spreads end on different baselines", r.Misaligned, r.Spreads)
				}
			}
		})
	}
}
