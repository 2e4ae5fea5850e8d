package pdf

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/publish-books/publish/internal/sfntname"

	"golang.org/x/image/font/sfnt"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// The font keys the page builder gives the line breaker (typeset.Style.Font);
// each names one fpdf family+style.
const (
	fontRegular    = "serif"
	fontItalic     = "serif-italic"
	fontBold       = "serif-bold"
	fontBoldItalic = "serif-bolditalic"
	// fontMono is the monospaced face of code; its fpdf style is monoStyle.
	fontMono = "mono"
	// fontSmallCaps is the family's small-capitals face, when the layout
	// names one; its fpdf style is smallCapsStyle.
	fontSmallCaps = "smallcaps"
)

// monoStyle is the fontSet style of the monospaced face, registered with
// fpdf as the family "mono" in its regular style; smallCapsStyle that of
// the small-capitals face, the family "smallcaps".
const (
	monoStyle      = "M"
	smallCapsStyle = "SC"
)

// fpdfFont returns the fpdf family and style of a fontSet style.
func fpdfFont(style string) (family, fstyle string) {
	switch style {
	case monoStyle:
		return "mono", ""
	case smallCapsStyle:
		return "smallcaps", ""
	}
	return "serif", style
}

// fontSet holds the book's faces by key, with the fpdf style of each.
type fontSet struct {
	faces  map[string]*typeset.Face
	styles map[string]string // key -> fpdf style ("", "I", "B", "BI")
	files  map[string]string // key -> absolute path
	// postscript names, for the preflight report
	names map[string]string
	// data and paths hold each fpdf style's font file (data shares the
	// bytes the layout read, which nothing changes); added says which
	// were given to fpdf (only fonts a page uses are embedded).
	data  map[string][]byte
	paths map[string]string
	added map[string]bool
	// quotes are the book language's quotation marks for an inline <q>:
	// opening and closing, then those of a quotation inside one.
	quotes [4]string
	// kinds reports the model kinds the page builder does not know.
	kinds *kindReport
	// refPage, when not nil, returns what follows a cross-reference to
	// the id in print (« , p. 6 »), not counted in the model's text.
	refPage func(id string) string
	// codeScale is the size of code relative to the text around it
	// (layout CodeSize / Size).
	codeScale float64
	// addresses says how links' web addresses are printed, with the
	// notes made for them (addresses.go); nil prints none.
	addresses *addressNotes
}

// Quotation marks by language: French guillemets with a narrow no-break
// space inside (never drawn, measured), English curly quotes.
var (
	frenchQuotes  = [4]string{"«\u202f", "\u202f»", "“", "”"}
	englishQuotes = [4]string{"“", "”", "‘", "’"}
)

// kindReport records an error, once per kind, for a model node that the
// page builder does not draw: a kind added to the model and forgotten
// here fails the build loudly instead of losing text. It is safe for the
// warmer's goroutine.
type kindReport struct {
	mu   sync.Mutex
	ds   *model.Diagnostics
	seen map[string]bool
}

// unknown reports n's kind (see kindReport); a nil fontSet or report
// (tests) says nothing.
func (fs *fontSet) unknown(n model.Node) {
	if fs == nil || fs.kinds == nil || fs.kinds.ds == nil {
		return
	}
	r := fs.kinds
	name := model.KindName(n)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen[name] {
		return
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[name] = true
	r.ds.Errorf(n.Position(), "the print edition does not know the model's %s: its content is not printed as it should be (internal/pdf lacks a case for it)", name)
}

// loadFonts parses the layout's font files and registers them with the
// PDF writer from bytes (fpdf mangles absolute font paths). A missing
// style falls back to the nearest one the layout has.
func loadFonts(f *fpdf.Fpdf, lay *layout.Print) (*fontSet, error) {
	return loadFontsCached(f, lay, nil, nil)
}

// Faces are a layout's fonts parsed ahead of the make-up, by the bytes
// the layout read to check them (layout.Print.FontData).
type Faces struct {
	byPath map[string]*typeset.Face
}

// ParseFaces parses every font of lay whose bytes it holds: a build
// calls it where a core is free (while the manuscript is read), and
// Layout (Options.Faces) then finds the faces parsed instead of parsing
// them at the start of the make-up, with one core waiting (3 ms of a
// novel's build). A font that does not parse is left to Layout, which
// says why, and so is one whose bytes the layout did not keep (a layout
// loaded without a cache folder, or a font this process checked before).
func ParseFaces(lay *layout.Print) *Faces {
	fs := &Faces{byPath: map[string]*typeset.Face{}}
	paths := make([]string, 0, len(lay.Fonts)+2)
	for _, f := range lay.Fonts {
		paths = append(paths, f.Path)
	}
	for _, f := range []*layout.FontFile{lay.Mono, lay.SmallCaps} {
		if f != nil {
			paths = append(paths, f.Path)
		}
	}
	for _, path := range paths {
		if _, done := fs.byPath[path]; done {
			continue
		}
		data, _, ok := lay.FontData(path)
		if !ok {
			continue
		}
		if face, err := typeset.ParseFace(data); err == nil {
			fs.byPath[path] = face
		}
	}
	return fs
}

// face returns the face parsed ahead from the bytes at path, nil for
// none.
func (fs *Faces) face(path string) *typeset.Face {
	if fs == nil {
		return nil
	}
	return fs.byPath[path]
}

// loadFontsCached is loadFonts taking the faces that c parsed in the
// builds before from the same bytes (a nil c has none).
func loadFontsCached(f *fpdf.Fpdf, lay *layout.Print, c *Cache, ahead *Faces) (*fontSet, error) {
	fs := &fontSet{faces: map[string]*typeset.Face{}, styles: map[string]string{}, files: map[string]string{}, names: map[string]string{},
		data: map[string][]byte{}, paths: map[string]string{}, added: map[string]bool{}, quotes: englishQuotes, codeScale: 0.8}
	if lay.Size > 0 && lay.CodeSize > 0 {
		fs.codeScale = lay.CodeSize / lay.Size
	}
	want := []struct {
		key          string
		style        string
		italic, bold bool
	}{
		{fontRegular, "", false, false},
		{fontItalic, "I", true, false},
		{fontBold, "B", false, true},
		{fontBoldItalic, "BI", true, true},
	}
	cache := map[string]*typeset.Face{}
	for _, w := range want {
		ff := lay.Font(w.italic, w.bold)
		if ff == nil {
			return nil, fmt.Errorf("pdf: the layout has no typeface")
		}
		face := cache[ff.Path]
		if face == nil {
			var err error
			if face, err = fs.readFace(c, ahead, lay, ff.Path, w.style); err != nil {
				return nil, err
			}
			cache[ff.Path] = face
			fs.styles[w.key] = w.style
		} else {
			// Same file as an earlier style: reuse that style's fpdf font.
			for k, p := range fs.files {
				if p == ff.Path {
					fs.styles[w.key] = fs.styles[k]
				}
			}
		}
		fs.faces[w.key] = face
		fs.files[w.key] = ff.Path
	}
	// Code: the layout's monospaced face, else the text face (Layout
	// warns where the book has code).
	fs.faces[fontMono], fs.styles[fontMono], fs.files[fontMono] = fs.faces[fontRegular], fs.styles[fontRegular], fs.files[fontRegular]
	if m := lay.Mono; m != nil {
		face, err := fs.readFace(c, ahead, lay, m.Path, monoStyle)
		if err != nil {
			return nil, err
		}
		fs.faces[fontMono], fs.styles[fontMono], fs.files[fontMono] = face, monoStyle, m.Path
	}
	// Small capitals: the layout's small-caps face, embedded only when a
	// page uses it (fontSet.use).
	if sc := lay.SmallCaps; sc != nil {
		face, err := fs.readFace(c, ahead, lay, sc.Path, smallCapsStyle)
		if err != nil {
			return nil, err
		}
		fs.faces[fontSmallCaps], fs.styles[fontSmallCaps], fs.files[fontSmallCaps] = face, smallCapsStyle, sc.Path
	}
	return fs, nil
}

// readFace reads the font file at path (or takes the bytes the layout
// read there to check it), parses it (or takes the face c parsed from
// the same bytes, or the face parsed ahead from the layout's bytes) and
// keeps its bytes, path and PostScript name for the fpdf style style.
func (fs *fontSet) readFace(c *Cache, ahead *Faces, lay *layout.Print, path, style string) (*typeset.Face, error) {
	data, _, ok := lay.FontData(path)
	if !ok {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("pdf: read font: %w", err)
		}
	}
	var face *typeset.Face
	if ok && c == nil {
		face = ahead.face(path)
	}
	if face == nil {
		var err error
		if face, err = c.parseFace(data); err != nil {
			return nil, fmt.Errorf("pdf: parse font %s: %w", path, err)
		}
	}
	fs.data[style] = data
	fs.paths[style] = path
	fs.names[style] = postScriptName(data)
	return face, nil
}

// addFont registers the TrueType font of a fontSet style with fpdf, turning a panic of the
// font parser into an error.
func addFont(f *fpdf.Fpdf, style string, data []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the PDF library cannot read this font (%v)", p)
		}
	}()
	family, fstyle := fpdfFont(style)
	f.AddUTF8FontFromBytes(family, fstyle, data)
	if f.Err() {
		return f.Error()
	}
	return nil
}

// style returns the typeset style for a font key at a size.
func (fs *fontSet) style(key string, size float64) typeset.Style {
	return typeset.Style{Font: key, Face: fs.faces[key], Size: size}
}

// psName returns the PostScript name of the font fpdf registered with
// style ("", "I", "B", "BI" or monoStyle).
func (fs *fontSet) psName(style string) string {
	if n := fs.names[style]; n != "" {
		return n
	}
	return "Font" + style
}

// postScriptName reads a font's PostScript name (name ID 6), keeping only
// the characters a PDF name may hold plainly; "" when the name table lacks
// it or is damaged.
func postScriptName(data []byte) string {
	return strings.Map(func(r rune) rune {
		if r > 32 && r < 127 && !strings.ContainsRune("()<>[]{}/%#", r) {
			return r
		}
		return -1
	}, sfntname.Read(data, sfnt.NameIDPostScript))
}

// use registers the font of an fpdf style with the PDF writer the first
// time a page uses it, so that unused styles are not embedded.
func (fs *fontSet) use(f *fpdf.Fpdf, style string) {
	if fs.added[style] {
		return
	}
	fs.added[style] = true
	// fpdf is given a copy: it keeps the bytes it parses, which the
	// layout and the print file's stamp read too.
	if err := addFont(f, style, bytes.Clone(fs.data[style])); err != nil {
		f.SetError(fmt.Errorf("embed font %s: %w", fs.paths[style], err))
	}
}
