package epub

import (
	"path/filepath"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
)

// minCoverEdge is the long edge a cover image keeps at least: stores ask
// for covers of 1600×2560 pixels.
const minCoverEdge = 2560

// ImageJob is one image the EPUB needs, with the settings Write prepares
// it with.
type ImageJob struct {
	Path    string
	Options imaging.EPUBImageOptions
}

// ImageJobs lists the images Write will prepare for book (each figure's
// image once, and the book's own cover), with the same settings, so that a
// caller can convert them ahead of time into opts.CacheDir.
func ImageJobs(book *model.Book, opts Options) []ImageJob {
	opts = withDefaults(opts)
	var jobs []ImageJob
	seen := map[string]bool{}
	for _, f := range book.Figures {
		if f.ImagePath != "" && !seen[f.ImagePath] {
			seen[f.ImagePath] = true
			jobs = append(jobs, ImageJob{f.ImagePath, figureImageOptions(opts)})
		}
	}
	if p := coverPath(book); p != "" {
		jobs = append(jobs, ImageJob{p, coverImageOptions(opts)})
	}
	return jobs
}

// figureImageOptions are the settings of a figure's image.
func figureImageOptions(opts Options) imaging.EPUBImageOptions {
	return imaging.EPUBImageOptions{MaxEdge: opts.MaxImageEdge, CacheDir: opts.CacheDir}
}

// coverImageOptions are the settings of the book's cover image.
func coverImageOptions(opts Options) imaging.EPUBImageOptions {
	return imaging.EPUBImageOptions{MaxEdge: max(opts.MaxImageEdge, minCoverEdge), CacheDir: opts.CacheDir}
}

// coverPath returns the absolute path of the book's cover image, or "".
func coverPath(book *model.Book) string {
	p := book.Meta.Cover
	if p != "" && !filepath.IsAbs(p) {
		p = filepath.Join(book.Dir, p)
	}
	return p
}
