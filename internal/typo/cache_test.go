package typo

import (
	"testing"

	"github.com/publish-books/publish/internal/cite"
	"github.com/publish-books/publish/internal/manuscript"
	"github.com/publish-books/publish/internal/model"
)

// readAgain reads the sample book as readSample does, from the project
// folder readSample moved to.
func readAgain(t *testing.T) *model.Book {
	t.Helper()
	book, ds := manuscript.Read(manuscript.Options{BookDir: "book"})
	if ds.HasErrors() {
		t.Fatalf("sample book: %s", ds.String())
	}
	cite.Apply(book, &ds)
	return book
}

// TestCacheGivesTheUncachedResult passes the sample book through the
// rules without a cache, then, each time from a fresh read, with one cache
// three times: the model and the diagnostics must be those of the pass
// without it, the second and third passes must find every list in the
// cache, and a change of the book's language must find none of its French
// lists there.
func TestCacheGivesTheUncachedResult(t *testing.T) {
	cold := readSample(t)
	var coldDS model.Diagnostics
	Apply(cold, &coldDS)
	want, wantDS := model.Dump(cold), coldDS.String()
	if len(coldDS.List) == 0 {
		t.Fatal("the sample book gives no suggestion: the test would not see them replayed")
	}

	cache := NewCache()
	for run := 0; run < 3; run++ {
		book := readAgain(t)
		var ds model.Diagnostics
		ApplyCached(book, &ds, cache)
		if got := model.Dump(book); got != want {
			t.Fatalf("run %d: the model differs from the pass without a cache", run)
		}
		if got := ds.String(); got != wantDS {
			t.Fatalf("run %d: diagnostics\n%s\nwant\n%s", run, got, wantDS)
		}
		hits, misses := cache.Stats()
		t.Logf("run %d: %d hits, %d misses", run, hits, misses)
		switch {
		case run == 0 && hits > misses/4:
			// Repeated lists (a title, a credit) may hit in the first run.
			t.Errorf("run %d: %d hits for %d misses in an empty cache", run, hits, misses)
		case run > 0 && (misses != 0 || hits == 0):
			t.Errorf("run %d: %d hits, %d misses; want every list from the cache", run, hits, misses)
		}
	}

	// Another language: the rules differ, so no French list may be
	// reused (those without letters, a number alone, may).
	en := readAgain(t)
	en.Meta.Language = "en"
	var enDS model.Diagnostics
	ApplyCached(en, &enDS, cache)
	hits, misses := cache.Stats()
	t.Logf("in English: %d hits, %d misses", hits, misses)
	if hits > misses/10 {
		t.Errorf("in English: %d hits, %d misses; the language is not part of the key", hits, misses)
	}
	plain := readAgain(t)
	plain.Meta.Language = "en"
	Apply(plain, &model.Diagnostics{})
	if model.Dump(en) != model.Dump(plain) {
		t.Error("in English: the model differs from the pass without a cache")
	}
}
