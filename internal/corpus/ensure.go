package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// version names the generator's output; bump it when the text or the
// images change so that Ensure never returns an older corpus.
const version = "v4"

var ensured sync.Map // cache key → *ensureResult

type ensureResult struct {
	once sync.Once
	dir  string
	err  error
}

// Ensure returns the folder of a generated corpus, generating it the first
// time. Corpora are kept under $PUBLISH_CORPUS_DIR, else the user cache
// folder, else the temporary folder, so that benchmark runs after the
// first do not generate them again; several processes may call Ensure at
// once (go test runs packages in parallel).
func Ensure(kind Kind, size Size) (string, error) {
	spec, err := SpecFor(kind, size)
	if err != nil {
		return "", err
	}
	root := os.Getenv("PUBLISH_CORPUS_DIR")
	if root == "" {
		if d, err := os.UserCacheDir(); err == nil {
			root = filepath.Join(d, "publish", "corpus")
		} else {
			root = filepath.Join(os.TempDir(), "publish-corpus")
		}
	}
	key := filepath.Join(root, version, string(kind)+"-"+string(size))
	v, _ := ensured.LoadOrStore(key, &ensureResult{})
	res := v.(*ensureResult)
	res.once.Do(func() { res.dir, res.err = ensureAt(key, spec) })
	return res.dir, res.err
}

func ensureAt(parent string, spec Spec) (string, error) {
	// The book folder sits one level down so that the manuscript's root
	// (the book folder's parent) holds nothing else.
	dir := filepath.Join(parent, "book")
	if _, err := os.Stat(filepath.Join(parent, "complete")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(filepath.Dir(parent), 0o755); err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(parent), ".gen-")
	if err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	if _, err := Generate(filepath.Join(tmp, "book"), spec); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, "complete"), []byte(version+"\n"), 0o644); err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("corpus: %w", err)
	}
	if err := os.Rename(tmp, parent); err != nil {
		os.RemoveAll(tmp)
		// Another process finished first: use its corpus.
		if _, serr := os.Stat(filepath.Join(parent, "complete")); serr == nil {
			return dir, nil
		}
		return "", errors.Join(fmt.Errorf("corpus: install %s", parent), err)
	}
	return dir, nil
}
