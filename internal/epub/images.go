package epub

import (
	"path/filepath"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
)

// minCoverEdge is the long edge a cover image keeps at least: stores ask
// for covers of 1600×2560 pixels.
const minCoverEdge = 2560

// Job is work Write would do that a caller may do ahead of time, on a
// core left idle, into opts.CacheDir (a font's stream into the shared
// folder, see streamFolders), where Write then finds its result: an image
// converted for e-readers, the generated cover drawn, or a font's deflate
// stream. A problem is left for Write to report.
type Job struct {
	// image is the path of an image, converted with imageOpts.
	image     string
	imageOpts imaging.EPUBImageOptions
	// cover is the generated cover's spec.
	cover *imaging.CoverSpec
	// font is a font file to deflate.
	font *Font
	// folders are where the cover and the font's stream are kept.
	folders streamFolders
}

// Jobs lists what Write will prepare for book with opts into
// opts.CacheDir, with the same settings: the generated cover (the
// longest job: drawing and encoding 1600×2560 pixels) or the book's own,
// each figure's image once, and the fonts. Without a cache folder there
// is nothing to prepare ahead.
func Jobs(book *model.Book, opts Options) []Job {
	opts = withDefaults(opts)
	if opts.CacheDir == "" {
		return nil
	}
	var jobs []Job
	if p := coverPath(book); p != "" {
		jobs = append(jobs, Job{image: p, imageOpts: coverImageOptions(opts)})
	} else if spec, err := coverSpec(&book.Meta, opts.Fonts); err == nil {
		jobs = append(jobs, Job{cover: &spec, folders: streamFoldersOf(opts)})
	}
	seen := map[string]bool{}
	for _, f := range book.Figures {
		if f.ImagePath != "" && !seen[f.ImagePath] {
			seen[f.ImagePath] = true
			jobs = append(jobs, Job{image: f.ImagePath, imageOpts: figureImageOptions(opts)})
		}
	}
	bold := usesBold(book)
	for i, f := range opts.Fonts {
		if embeds(f, bold) {
			jobs = append(jobs, Job{font: &opts.Fonts[i], folders: streamFoldersOf(opts)})
		}
	}
	return jobs
}

// Do does the job.
func (j Job) Do() {
	switch {
	case j.cover != nil:
		imaging.WarmCover(imaging.CoverFolders{Own: j.folders.own, Shared: j.folders.shared}, *j.cover)
	case j.font != nil:
		if data, err := j.font.read(); err == nil {
			warmDeflated(data, j.font.sum(data), j.folders)
		}
	default:
		imaging.PrepareEPUBImage(j.image, j.imageOpts)
	}
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
