package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/publish-books/publish/fonts"
	"github.com/publish-books/publish/internal/imaging"
)

// imageSpec is one placeholder image of the illustrated corpus.
type imageSpec struct {
	file          string // relative to the book folder
	width, height int
	number        int
}

// imageVersion changes when the placeholders' content changes, so that a
// cache never serves an image of an older generator.
const imageVersion = "v1"

func (s imageSpec) cacheName() string {
	return fmt.Sprintf("%s-fig%03d-%dx%d.jpg", imageVersion, s.number, s.width, s.height)
}

// defaultImageCache returns the user cache folder for placeholders, or ""
// when there is none.
func defaultImageCache() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "publish", "corpus-images")
}

// writeImages writes the placeholders into dir, drawing those the cache
// does not hold yet (a 2400×1600 JPEG takes some 50 ms to draw and encode)
// on all cores.
func writeImages(dir string, specs []imageSpec, cacheDir string) error {
	if cacheDir == "" {
		cacheDir = defaultImageCache()
	}
	if err := os.MkdirAll(filepath.Join(dir), 0o755); err != nil {
		return fmt.Errorf("corpus: create images folder: %w", err)
	}
	font, err := fonts.Files.ReadFile("EBGaramond12-Regular.ttf")
	if err != nil {
		return fmt.Errorf("corpus: font: %w", err)
	}
	jobs := make(chan imageSpec)
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range jobs {
				errs[s.number-1] = writeImage(dir, s, cacheDir, font)
			}
		}()
	}
	for _, s := range specs {
		jobs <- s
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func writeImage(dir string, s imageSpec, cacheDir string, font []byte) error {
	dst := filepath.Join(dir, filepath.Base(s.file))
	if cacheDir != "" {
		if data, err := os.ReadFile(filepath.Join(cacheDir, s.cacheName())); err == nil {
			return os.WriteFile(dst, data, 0o644)
		}
	}
	var buf bytes.Buffer
	spec := imaging.PlaceholderSpec{Width: s.width, Height: s.height, Font: font,
		Lines: []string{fmt.Sprintf("FIGURE %d", s.number), "image de remplacement", fmt.Sprintf("%d × %d px", s.width, s.height)}}
	if err := imaging.WritePlaceholder(&buf, spec); err != nil {
		return fmt.Errorf("corpus: figure %d: %w", s.number, err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("corpus: write image: %w", err)
	}
	if cacheDir != "" {
		// The cache is an optimisation: failing to fill it is not an error.
		if os.MkdirAll(cacheDir, 0o755) == nil {
			tmp := filepath.Join(cacheDir, fmt.Sprintf(".tmp-%d-%s", os.Getpid(), s.cacheName()))
			if os.WriteFile(tmp, buf.Bytes(), 0o644) == nil {
				if os.Rename(tmp, filepath.Join(cacheDir, s.cacheName())) != nil {
					os.Remove(tmp)
				}
			}
		}
	}
	return nil
}
