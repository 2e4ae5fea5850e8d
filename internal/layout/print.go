// Package layout reads layout/print.yaml, the print edition's page and
// type settings, checking every key and reporting problems at
// file:line:col. A missing print.yaml gives the documented defaults
// (docs/layout.md).
package layout

import "sync"

// Print is the print layout: page geometry, typefaces, type sizes and the
// make-up choices of the print edition. Lengths are in PDF points
// (1/72 inch).
type Print struct {
	// File is the print.yaml path (for messages), Dir the layout folder.
	File string
	Dir  string
	// fontCache is LoadOptions.CacheDir, sharedFontCache its
	// SharedCacheDir; newVerdicts are the cache files that SaveFontChecks
	// writes for the fonts checked by this load.
	fontCache       string
	sharedFontCache string
	fontMu          sync.Mutex
	newVerdicts     []string
	// fontsChecked counts the fonts this load checked glyph by glyph
	// (no verdict was found).
	fontsChecked int
	// fontSums are the bytes and SHA-256 of the font files checked, by
	// path (see FontSum).
	fontSums map[string]fontSum

	// TrimWidth and TrimHeight are the trimmed page size; TrimName is how
	// print.yaml named it ("A5", "15x21cm" …).
	TrimWidth, TrimHeight float64
	TrimName              string
	// Bleed is the bleed beyond the trim on every side.
	Bleed float64
	// CropMarks adds crop marks outside the bleed (the MediaBox grows to
	// hold them).
	CropMarks bool

	// Margins of the text block; Inner is the binding side, mirrored on
	// facing pages.
	Inner, Outer, Top, Bottom float64

	// Fonts are the typeface's files, regular first.
	Fonts []FontFile
	// Family is the typeface's family name (for the EPUB and messages).
	Family string
	// Mono is the monospaced face of code (code blocks and inline code),
	// nil when the layout has none (code is then set in the text face,
	// with a warning).
	Mono *FontFile
	// SmallCaps is the family's small-capitals face (typeface.small-caps:
	// a TrueType file whose lower-case letters are small capitals, such
	// as EB Garamond SC), nil when the layout names none; small capitals
	// are then capitals at 80 %.
	SmallCaps *FontFile

	// Size and Leading are the body text's size and line distance.
	Size, Leading float64
	// Indent is the first-line indent of paragraphs after the first.
	Indent float64
	// NoteSize, CaptionSize and HeadSize are the sizes of notes, captions
	// and credits, and running heads and folios.
	NoteSize, CaptionSize, HeadSize float64
	// ChapterTitleSize is the size of chapter titles.
	ChapterTitleSize float64
	// CodeSize is the size of code (blocks and inline); 0 until Load
	// sets it, by default to 0.8 of the text size, which gives the
	// monospaced face about the text face's x-height.
	CodeSize float64

	// RunningHeads says what the head lines of verso and recto pages
	// hold: "book-title", "chapter-title", "author", "section" or "none".
	VersoHead, RectoHead string
	// Folio is where the page number stands: "bottom-center",
	// "bottom-outside" or "top-outside".
	Folio string

	// ChapterRecto opens every chapter on a recto page; ChapterDrop is the
	// space above a chapter title on its opening page.
	ChapterRecto bool
	ChapterDrop  float64

	// Contents is "front" or "back".
	Contents string

	// RefPages follows every cross-reference with the page of its target
	// (« fig. 2, p. 6 »): print.yaml's cross-references: pages: true.
	RefPages bool

	// Notes is "footnotes" (a note's text at the foot of the page of its
	// call, the default) or "endnotes" (each chapter's notes after its
	// text, under « Notes »).
	Notes string

	// Links says how the print edition shows the address of a link to
	// the web: "footnote" (the address in a note at the foot of the page,
	// the default), "inline" (in parentheses after the link's text) or
	// "none" (the text only). A link whose text is its address is printed
	// once whatever the choice.
	Links string

	// HyphenExceptions are words with their allowed hyphenation points
	// marked by "-" (e.g. "Bou-logne"), passed to the line breaker.
	HyphenExceptions []string

	// MinPPI is the resolution under which a figure gets a warning;
	// Upscale allows a figure to print larger than its MinPPI size.
	MinPPI  float64
	Upscale bool
	// ScreenPPI is the resolution a screenshot or screen line art prints
	// at (see imaging.FigureWidth).
	ScreenPPI float64

	// Color is "gray" (a black-and-white book: text and images in gray
	// only) or "color".
	Color string
	// PDFX is "x-1a" (claim PDF/X-1a:2003) or "none".
	PDFX string
	// OutputCondition is the registered characterization of the printing
	// condition named by the PDF/X output intent (e.g. "FOGRA39").
	OutputCondition string
}

// FontFile is one font file of the layout.
type FontFile struct {
	Family string
	Path   string // absolute
	Italic bool
	Bold   bool
}

// TextWidth returns the width of the text block.
func (p *Print) TextWidth() float64 { return p.TrimWidth - p.Inner - p.Outer }

// TextHeight returns the height of the text block.
func (p *Print) TextHeight() float64 { return p.TrimHeight - p.Top - p.Bottom }

// LinesPerPage returns how many body lines fit in the text block.
func (p *Print) LinesPerPage() int {
	if p.Leading <= 0 {
		return 1
	}
	n := int((p.TextHeight()-p.Size)/p.Leading) + 1
	return max(n, 4)
}

// markSpace is the room beyond the bleed for crop marks: 18 pt, enough
// for 12 pt marks that start 6 pt outside the bleed.
const markSpace = 18.0

// MarkSpace returns the room outside the bleed kept for crop marks (0
// without marks).
func (p *Print) MarkSpace() float64 {
	if !p.CropMarks {
		return 0
	}
	return markSpace
}

// Font returns the font file with the given style, falling back to the
// regular one.
func (p *Print) Font(italic, bold bool) *FontFile {
	for i := range p.Fonts {
		if p.Fonts[i].Italic == italic && p.Fonts[i].Bold == bold {
			return &p.Fonts[i]
		}
	}
	if italic && bold {
		return p.Font(false, true)
	}
	if len(p.Fonts) > 0 {
		return &p.Fonts[0]
	}
	return nil
}
