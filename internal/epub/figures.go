package epub

import (
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/imaging"
	"github.com/publish-books/publish/internal/model"
)

// addFigureImages prepares every figure's image for e-readers (scaled,
// converted) and adds it to the manifest. Figures that show the same file
// share one copy.
func (b *builder) addFigureImages() error {
	byContent := map[[32]byte]string{}
	for _, fig := range b.book.Figures {
		if fig.ImagePath == "" {
			continue
		}
		im, err := imaging.PrepareEPUBImage(fig.ImagePath, figureImageOptions(b.opts))
		if err != nil {
			b.ds.Errorf(fig.Pos, "figure %q: image %q for the EPUB: %v", fig.ID, fig.Image, err)
			continue
		}
		sum := sha256.Sum256(im.Data)
		if href, ok := byContent[sum]; ok {
			b.figureImage[fig] = href
			continue
		}
		name := "fig-" + safeName(strings.TrimPrefix(fig.ID, "fig-")) + im.Ext()
		b.add("img-"+safeName(fig.ID), imageDir+name, im.MediaType(), "", im.Data)
		href := "../" + imageDir + name
		byContent[sum] = href
		b.figureImage[fig] = href
	}
	return nil
}

// figureLabel is the figure's number worded as the print edition words
// it: « Fig.\u00a03 ».
func (b *builder) figureLabel(fig *model.Figure) string {
	return fmt.Sprintf("%s\u00a0%d", b.terms.FigureAbbrev, fig.Number)
}

// figureAlt is the image's text alternative: the alt text, else the
// caption (the manuscript reader has already warned about the missing
// alt text).
func figureAlt(fig *model.Figure) string {
	if fig.Alt != "" {
		return fig.Alt
	}
	return strings.TrimSpace(model.PlainText(fig.Caption))
}

// figure writes a figure: the image with its text alternative, and a
// caption holding the number, the caption and the credit line from the
// citation formatter.
func (r *ren) figure(fig *model.Figure) {
	w := r.w
	classes := append([]string{"figure"}, fig.Classes...)
	w.open("figure", "id", fig.ID, "class", strings.Join(classes, " "))
	w.nl()
	if src, ok := r.b.figureImage[fig]; ok {
		alt := figureAlt(fig)
		if alt == "" {
			alt = r.b.figureLabel(fig)
		}
		style := ""
		if fig.Width > 0 {
			style = "width: " + strconv.FormatFloat(fig.Width*100, 'f', -1, 64) + "%"
		}
		w.empty("img", "src", src, "alt!", alt, "style", style)
		w.nl()
	}
	w.open("figcaption")
	w.elem("span", r.b.figureLabel(fig), "class", "figure-label")
	if len(fig.Caption) > 0 {
		w.elem("span", r.b.words.FigureSep, "class", "figure-sep")
		w.open("span", "class", "figure-caption")
		r.inlines(fig.Caption)
		w.close("span")
	}
	if len(fig.Credit) > 0 {
		w.WriteByte(' ')
		w.open("span", "class", "figure-credit")
		r.inlines(fig.Credit)
		w.close("span")
	}
	w.close("figcaption")
	w.nl()
	w.close("figure")
	w.nl()
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	dot := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return true
}
