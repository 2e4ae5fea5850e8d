package typo

import (
	"os"
	"os/exec"
	"path/filepath"
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

// TestCacheOnRealText runs the comparison of TestCacheGivesTheUncachedResult
// on pandoc's manual (code, URLs, quotes, dashes, tables), read as English
// and as French, and on The Devil's Dictionary, when their mirrors are
// on this machine.
func TestCacheOnRealText(t *testing.T) {
	texts := map[string]string{}
	if out, err := exec.Command("git", "-C", "/work/.mirror/jgm+pandoc/repo", "show", "HEAD:MANUAL.txt").Output(); err == nil {
		texts["pandoc-manual"] = string(out)
	} else {
		t.Logf("SKIP pandoc's manual: no mirror of jgm/pandoc here (%v)", err)
	}
	if out, err := exec.Command("git", "-C", "/work/.mirror/GITenberg+The-Devil-s-Dictionary_972/repo", "show", "HEAD:972.txt").Output(); err == nil {
		texts["devils-dictionary"] = "# The Devil's Dictionary\n\n" + string(out)
	} else {
		t.Logf("SKIP The Devil's Dictionary: no mirror here (%v)", err)
	}
	if len(texts) == 0 {
		// The mirrors are this machine's test data, not a tool CI
		// installs: TestCacheGivesTheUncachedResult runs there.
		t.Skip("SKIP: no real text on this machine (mirrors of jgm/pandoc and The Devil's Dictionary)")
	}
	for name, text := range texts {
		for _, lang := range []string{"en", "fr"} {
			dir := t.TempDir()
			yaml := "title: " + name + "\nlanguage: " + lang + "\nchapters:\n  body:\n    - text.md\n"
			if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "text.md"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			read := func() *model.Book {
				book, ds := manuscript.Read(manuscript.Options{BookDir: dir})
				cite.Apply(book, &ds)
				return book
			}
			cold := read()
			var coldDS model.Diagnostics
			Apply(cold, &coldDS)
			cache := NewCache()
			for run := 0; run < 2; run++ {
				book := read()
				var ds model.Diagnostics
				ApplyCached(book, &ds, cache)
				hits, misses := cache.Stats()
				t.Logf("%s in %s, run %d: %d hits, %d misses, %d diagnostics", name, lang, run, hits, misses, len(ds.List))
				if model.Dump(book) != model.Dump(cold) || ds.String() != coldDS.String() {
					t.Errorf("%s in %s, run %d: the result differs from the pass without a cache", name, lang, run)
				}
				if run == 1 && (misses != 0 || hits == 0) {
					t.Errorf("%s in %s, run %d: %d hits, %d misses; want every list from the cache", name, lang, run, hits, misses)
				}
			}
		}
	}
}
