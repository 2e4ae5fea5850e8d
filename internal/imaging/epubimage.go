package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"

	"github.com/publish-books/publish/internal/cachefile"

	"golang.org/x/image/draw"
)

// DefaultEPUBMaxEdge is the longest side, in pixels, of an image prepared
// for e-readers unless told otherwise.
const DefaultEPUBMaxEdge = 2000

// epubImageVersion names the conversion rules; it is part of the cache key,
// so that changing the rules never serves an image made by older ones.
const epubImageVersion = "epubimage-v2"

// lineArtColours is the most distinct colours an image may have to count
// as line art (a plan, a diagram, a facsimile in a few inks) and stay PNG.
// A gray scan has up to 256 levels and is a photograph for this purpose.
const lineArtColours = 64

// EPUBImageOptions say how to prepare an image for an EPUB.
type EPUBImageOptions struct {
	// MaxEdge is the longest side in pixels (default DefaultEPUBMaxEdge).
	MaxEdge int
	// Quality is the JPEG quality (default 85).
	Quality int
	// CacheDir, when not empty, keeps converted images by the hash of the
	// original and of these settings, so that a rebuild does not convert
	// them again.
	CacheDir string
	// MaxPixels refuses larger originals (default DefaultMaxPixels).
	MaxPixels int
}

// EPUBImage is an image ready to be stored in an EPUB.
type EPUBImage struct {
	Data   []byte
	Format string // "jpeg" or "png"
	Width  int
	Height int
	// Converted is false when the original file is shipped unchanged
	// (a JPEG or a line-art PNG already within the size limit).
	Converted bool
	// Cached is true when the image came from the cache.
	Cached bool
}

// MediaType returns the image's MIME type.
func (im *EPUBImage) MediaType() string { return "image/" + im.Format }

// Ext returns the file name extension for the image, with its dot.
func (im *EPUBImage) Ext() string {
	if im.Format == "jpeg" {
		return ".jpg"
	}
	return "." + im.Format
}

// PrepareEPUBImage reads the image file at path and returns a copy fit for
// e-readers: its long edge at most opts.MaxEdge pixels (scaled down with
// Catmull-Rom), photographs as JPEG, line art and screenshots as PNG. A
// PNG, GIF, TIFF or WebP image is line art unless it is photographic:
// opaque, with more than 64 colours and few runs of equal pixels (a
// screenshot's flat backgrounds and antialiased text are not, and JPEG
// would ring around its letters). A PNG stays PNG unless it is
// photographic and JPEG is smaller. TIFF, WebP, GIF and CMYK JPEG are
// always converted. An original is shipped unchanged when it is a JPEG,
// or a PNG that is not photographic (or whose JPEG is larger), that
// already fits the limit.
func PrepareEPUBImage(path string, opts EPUBImageOptions) (*EPUBImage, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	return PrepareEPUBImageData(data, opts)
}

// PrepareEPUBImageData is PrepareEPUBImage for an image held in memory.
func PrepareEPUBImageData(data []byte, opts EPUBImageOptions) (*EPUBImage, error) {
	if opts.MaxEdge <= 0 {
		opts.MaxEdge = DefaultEPUBMaxEdge
	}
	if opts.Quality <= 0 || opts.Quality > 100 {
		opts.Quality = 85
	}
	info, err := Probe(bytes.NewReader(data), opts.MaxPixels)
	if err != nil {
		return nil, err
	}
	fits := max(info.Width, info.Height) <= opts.MaxEdge
	switch {
	case fits && info.Format == "jpeg" && (info.ColorModel == "rgb" || info.ColorModel == "gray"):
		return &EPUBImage{Data: data, Format: "jpeg", Width: info.Width, Height: info.Height}, nil
	case fits && info.Format == "png" && info.ColorModel == "paletted":
		return &EPUBImage{Data: data, Format: "png", Width: info.Width, Height: info.Height}, nil
	}
	key := cacheKey(data, opts)
	if im := readCached(opts.CacheDir, key); im != nil {
		return im, nil
	}
	im, err := convertEPUBImage(data, info, opts)
	if err != nil {
		return nil, err
	}
	writeCached(opts.CacheDir, key, im)
	return im, nil
}

func cacheKey(data []byte, opts EPUBImageOptions) string {
	h := sha256.New()
	h.Write(data)
	fmt.Fprintf(h, "\x00%s edge=%d quality=%d", epubImageVersion, opts.MaxEdge, opts.Quality)
	return hex.EncodeToString(h.Sum(nil))
}

func cachePaths(dir, key string) []string {
	return []string{filepath.Join(dir, "epub-"+key+".jpg"), filepath.Join(dir, "epub-"+key+".png")}
}

// readCached returns the cached conversion for key, or nil.
func readCached(dir, key string) *EPUBImage {
	if dir == "" {
		return nil
	}
	for _, p := range cachePaths(dir, key) {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || (format != "jpeg" && format != "png") {
			continue // a damaged cache entry is converted again
		}
		return &EPUBImage{Data: data, Format: format, Width: cfg.Width, Height: cfg.Height, Converted: true, Cached: true}
	}
	return nil
}

// writeCached stores a conversion (cachefile: never on the space the
// outputs need).
func writeCached(dir, key string, im *EPUBImage) {
	if dir != "" {
		cachefile.Write(filepath.Join(dir, "epub-"+key+im.Ext()), im.Data)
	}
}

func convertEPUBImage(data []byte, info Info, opts EPUBImageOptions) (im *EPUBImage, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable image: decoder failed (%v)", p)
		}
	}()
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	lineArt := false
	switch info.Format {
	case "png", "gif", "tiff", "webp":
		lineArt = !photographic(src)
	}
	fits := max(info.Width, info.Height) <= opts.MaxEdge
	original := &EPUBImage{Data: data, Format: "png", Width: info.Width, Height: info.Height}
	if info.Format == "png" && fits && lineArt {
		return original, nil
	}
	scaled := scaleToFit(src, opts.MaxEdge, lineArt)
	out := &EPUBImage{Width: scaled.Bounds().Dx(), Height: scaled.Bounds().Dy(), Converted: true}
	encodePNG := func() ([]byte, error) {
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, scaled); err != nil {
			return nil, fmt.Errorf("encode PNG: %w", err)
		}
		return buf.Bytes(), nil
	}
	if lineArt {
		if out.Data, err = encodePNG(); err != nil {
			return nil, err
		}
		out.Format = "png"
		return out, nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, opaque(scaled), &jpeg.Options{Quality: opts.Quality}); err != nil {
		return nil, fmt.Errorf("encode JPEG: %w", err)
	}
	out.Data, out.Format = buf.Bytes(), "jpeg"
	if info.Format == "png" {
		// A photographic PNG becomes JPEG only when that is smaller.
		if fits {
			if len(data) <= len(out.Data) {
				return original, nil
			}
			return out, nil
		}
		p, err := encodePNG()
		if err != nil {
			return nil, err
		}
		if len(p) <= len(out.Data) {
			out.Data, out.Format = p, "png"
		}
	}
	return out, nil
}

// flatShare is the share of pixels equal to their left neighbour above
// which an image is a screenshot or a drawing, not a photograph: a
// screenshot's backgrounds, rules and text stems repeat the same pixel
// (typically more than 70 %), while a photograph's grain or a scan's
// paper makes neighbours differ (typically under 20 %).
const flatShare = 0.5

// photographic reports whether an image is a photograph or a continuous
// tone scan, which JPEG suits: opaque, more than lineArtColours colours,
// and not flat (see flatShare). At most about a million pixels are
// looked at, on evenly spaced rows.
func photographic(img image.Image) bool {
	if hasAlpha(img) || fewColours(img, lineArtColours) {
		return false
	}
	b := img.Bounds()
	step := max(1, b.Dx()*b.Dy()/1_000_000)
	same, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += step {
		pr, pg, pb, _ := img.At(b.Min.X, y).RGBA()
		for x := b.Min.X + 1; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r == pr && g == pg && bl == pb {
				same++
			}
			pr, pg, pb = r, g, bl
			total++
		}
	}
	return total == 0 || float64(same)/float64(total) < flatShare
}

// scaleToFit returns src scaled so that its long edge is at most maxEdge,
// as a gray image when src is gray, else as RGBA (NRGBA for line art, to
// keep transparency).
func scaleToFit(src image.Image, maxEdge int, keepAlpha bool) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > maxEdge {
		if w >= h {
			h = max(1, (h*maxEdge+long/2)/long)
			w = maxEdge
		} else {
			w = max(1, (w*maxEdge+long/2)/long)
			h = maxEdge
		}
	}
	if !b.Empty() && (w != b.Dx() || h != b.Dy()) {
		// The pixels CatmullRom.Scale gives, sooner (scale.go); an
		// empty source is left to the library, which draws nothing.
		switch src := src.(type) {
		case *image.Gray:
			return scaleGray(src, w, h)
		case *image.YCbCr:
			if !keepAlpha {
				return scaleYCbCr(src, w, h)
			}
		}
	}
	rect := image.Rect(0, 0, w, h)
	var dst draw.Image
	switch {
	case isGray(src):
		dst = image.NewGray(rect)
	case keepAlpha:
		dst = image.NewNRGBA(rect)
	default:
		dst = image.NewRGBA(rect)
	}
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, rect, src, b.Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(dst, rect, src, b, draw.Src, nil)
	}
	return dst
}

func isGray(img image.Image) bool {
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		return true
	}
	return false
}

// opaque returns img composed over white when it has transparency, since
// JPEG has none.
func opaque(img image.Image) image.Image {
	if !hasAlpha(img) {
		return img
	}
	dst := image.NewRGBA(img.Bounds())
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(dst, dst.Bounds(), img, img.Bounds().Min, draw.Over)
	return dst
}

// hasAlpha reports whether any pixel of img is not fully opaque.
func hasAlpha(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return !o.Opaque()
	}
	return false
}

// fewColours reports whether img has at most limit distinct colours; it
// stops counting as soon as there are more.
func fewColours(img image.Image, limit int) bool {
	if p, ok := img.(*image.Paletted); ok && len(p.Palette) <= limit {
		return true
	}
	seen := make(map[uint64]struct{}, limit+1)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[uint64(r>>8)<<24|uint64(g>>8)<<16|uint64(bl>>8)<<8|uint64(a>>8)] = struct{}{}
			if len(seen) > limit {
				return false
			}
		}
	}
	return true
}
