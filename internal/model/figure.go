package model

// Figure is an illustration: an image with its number, caption, alt text
// and credit.
type Figure struct {
	ID      string
	Number  int
	Chapter string // the ID of the chapter holding the figure
	// Image is the image path relative to the book folder; ImagePath is
	// the same file as an absolute path.
	Image     string
	ImagePath string
	// PixelWidth and PixelHeight are the image's size in pixels; Format is
	// "jpeg", "png", "tiff", "gif" or "webp".
	PixelWidth  int
	PixelHeight int
	Format      string
	Alt         string
	Caption     []Inline
	// CreditText is a free-text credit; CreditSource is the key of the
	// source the credit refers to. At most one of them is set.
	CreditText   string
	CreditSource string
	// Credit is the formatted credit line (filled by the citation pass).
	Credit  []Inline
	Classes []string
	// Width is the figure's width as a fraction of the text measure
	// (width=60% gives 0.6), or 0 for the default: fit to the measure.
	Width float64
	Pos   Position
}

// HasCredit reports whether the figure names a credit.
func (f *Figure) HasCredit() bool { return f.CreditText != "" || f.CreditSource != "" }

// Source is one entry of the sources file: a CSL item.
type Source struct {
	Key   string
	Type  string // CSL type: "book", "manuscript", "graphic", …
	Title string
	// TitleShort is the short title used in repeated notes (CSL
	// title-short); "" means the formatter shortens Title itself.
	TitleShort string
	Authors    []Name
	Editors    []Name
	// Interviewers are the people who conducted an interview.
	Interviewers []Name
	// Translators are the translators of a translated work (CSL
	// translator); OriginalTitle is its title in the original language.
	Translators   []Name
	OriginalTitle string
	// ContainerAuthors are the authors of the book holding a chapter
	// (CSL container-author), when it is not an edited book.
	ContainerAuthors []Name
	Issued           Date
	Accessed         Date
	ContainerTitle   string
	CollectionTitle  string
	Archive          string
	ArchiveLocation  string // the « cote »
	// ArchiveCollection is the fonds or series within the archive (CSL
	// archive_collection).
	ArchiveCollection string
	ArchivePlace      string
	Publisher         string
	PublisherPlace    string
	Page              string
	NumberOfPages     string
	Volume            string
	Issue             string
	Edition           string
	URL               string
	DOI               string
	Medium            string
	Genre             string
	Note              string
	// Credit is the exact credit line an archive asks for, if any.
	Credit string
	Lang   string
	Pos    Position
}

// Name is a person's name, or a body's name in Literal.
type Name struct {
	Family  string
	Given   string
	Literal string
	// Particle is a dropping particle such as the « de » of « Charles de
	// Gaulle », printed with the name but not sorted on.
	Particle string
}

// Date is a CSL date: one or two points in time, possibly approximate,
// or a free-text date in Literal.
type Date struct {
	Parts       [][3]int // each [year, month, day]; 0 = absent
	Circa       bool
	Literal     string
	Unparseable string
}

// IsZero reports whether the date is empty.
func (d Date) IsZero() bool { return len(d.Parts) == 0 && d.Literal == "" }
