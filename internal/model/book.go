package model

// Book is a whole manuscript after reading: its metadata, its chapters in
// reading order, its sources and the material generated from them.
type Book struct {
	Meta Metadata
	// Dir is the book folder; paths in the model are relative to it unless
	// they say otherwise.
	Dir string
	// Chapters holds every chapter file in reading order, front matter,
	// body and back matter alike; Chapter.Matter says which is which.
	Chapters []*Chapter
	// Figures lists every figure of the book in reading order, numbered
	// from 1.
	Figures []*Figure
	// Tables lists the tables that have a caption, in reading order,
	// numbered from 1.
	Tables []*Table
	// Indexes holds the book's indexes (names, places, subjects …) built
	// from the terms marked in the text (see package index); the
	// preparation pass fills it.
	Indexes []*Index
	// Sources holds the cited works and archive documents, by key.
	Sources map[string]*Source
	// SourceKeys lists the source keys in the order of the sources file.
	SourceKeys []string
	// Bibliography is filled by the citation formatter: groups of
	// formatted entries for the back matter.
	Bibliography []BibliographyGroup
	// Style is the citation style in force (see Metadata.CitationStyle).
	Style string
	// IDs is the register of every id in the book (see IDs).
	IDs *IDs
	// Generated lists the generated back-matter pages in their one order,
	// with their ids; the preparation pass fills it (see PlanGenerated) and
	// both renderers follow it.
	Generated []GeneratedPage
}

// GeneratedKind names a page that publish generates from the model.
type GeneratedKind int

// The generated back-matter pages.
const (
	BibliographyPage GeneratedKind = iota
	IllustrationsPage
	CreditsPage
	TablesPage
	IndexPage
)

// String names the page as file names and ids spell it.
func (k GeneratedKind) String() string {
	switch k {
	case BibliographyPage:
		return "bibliography"
	case IllustrationsPage:
		return "illustrations"
	case TablesPage:
		return "tables"
	case IndexPage:
		return "index"
	}
	return "credits"
}

// GeneratedPage is one generated page and the id of its title.
type GeneratedPage struct {
	Kind GeneratedKind
	ID   string
	// Index is the index an IndexPage prints.
	Index *Index
}

// PlanGenerated fills b.Generated: the bibliography when any source is
// listed, the list of illustrations when the book has figures, the list
// of tables when a table has a caption, the credits when a figure has a
// credit line, then each index that has entries, in that order, each
// with an id minted by the register.
func (b *Book) PlanGenerated() {
	b.Generated = b.Generated[:0]
	add := func(k GeneratedKind) {
		b.Generated = append(b.Generated, GeneratedPage{Kind: k, ID: b.Register().Mint(k.String())})
	}
	for _, g := range b.Bibliography {
		if len(g.Entries) > 0 {
			add(BibliographyPage)
			break
		}
	}
	if len(b.Figures) > 0 {
		add(IllustrationsPage)
	}
	if len(b.Tables) > 0 {
		add(TablesPage)
	}
	for _, f := range b.Figures {
		if len(f.Credit) > 0 {
			add(CreditsPage)
			break
		}
	}
	for _, ix := range b.Indexes {
		if len(ix.Groups) == 0 {
			continue
		}
		base := "index"
		if ix.Name != "" {
			base += "-" + ix.Name
		}
		b.Generated = append(b.Generated, GeneratedPage{Kind: IndexPage, ID: b.Register().Mint(base), Index: ix})
	}
}

// HasGenerated reports whether the book has the generated page of kind k.
func (b *Book) HasGenerated(k GeneratedKind) bool {
	_, ok := b.GeneratedPage(k)
	return ok
}

// GeneratedPage returns the generated page of kind k, if the book has it.
func (b *Book) GeneratedPage(k GeneratedKind) (GeneratedPage, bool) {
	for _, g := range b.Generated {
		if g.Kind == k {
			return g, true
		}
	}
	return GeneratedPage{}, false
}

// Register returns the book's id register, making it on first use.
func (b *Book) Register() *IDs {
	if b.IDs == nil {
		b.IDs = NewIDs()
	}
	return b.IDs
}

// Metadata is what book.yaml says about the book.
type Metadata struct {
	Title       string
	Subtitle    string
	Language    string // BCP 47 tag, e.g. "fr" or "en-GB"
	Creators    []Contributor
	Publisher   string
	Date        string // ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
	ISBN        string // the EPUB edition's ISBN, digits and hyphens
	PrintISBN   string // the print edition's ISBN
	UUID        string // urn:uuid:… when the book has no ISBN
	Rights      string
	Description string
	Subjects    []string
	// Cover is the cover image path relative to the book folder, or "".
	Cover string
	// SourcesFile is the CSL-JSON or CSL-YAML file, relative to the book
	// folder, or "".
	SourcesFile string
	// CitationStyle is "notes" (French humanities notes) or "author-date".
	CitationStyle string
	// Citation holds book.yaml's citation: options.
	Citation CitationOptions
	// RefSections says how a cross-reference to a chapter or section
	// reads: "number" (« chap. 2 », « sect. 2.1 ») or "title" (its title
	// in quotation marks), the default (book.yaml's cross-references:
	// sections:).
	RefSections string
	// LegalDeposit is the « Dépôt légal » line's date, e.g. "novembre 2026".
	LegalDeposit string
	// Printer names the printing house for the copyright page.
	Printer string
	// Edition is free text such as "Première édition".
	Edition string
	// AccessibilitySummary overrides the generated accessibility summary.
	AccessibilitySummary string
	Pos                  Position
}

// Identifier returns the book's main identifier as a URN: the EPUB ISBN,
// else the print ISBN, else the UUID.
func (m *Metadata) Identifier() string {
	switch {
	case m.ISBN != "":
		return "urn:isbn:" + CompactISBN(m.ISBN)
	case m.PrintISBN != "":
		return "urn:isbn:" + CompactISBN(m.PrintISBN)
	}
	return m.UUID
}

// CompactISBN removes hyphens and spaces from an ISBN.
func CompactISBN(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '-' && c != ' ' {
			out = append(out, c)
		}
	}
	return string(out)
}

// Authors returns the creators whose role is "aut", or all creators when
// none is.
func (m *Metadata) Authors() []Contributor {
	var out []Contributor
	for _, c := range m.Creators {
		if c.Role == "aut" {
			out = append(out, c)
		}
	}
	return out
}

// Contributor is a person or body who made the book, with a MARC relator
// role code ("aut", "edt", "trl", "ill", "pht", "aui", …).
type Contributor struct {
	Name   string
	FileAs string // sort form, e.g. "Dupont, Marie"
	Role   string
}

// Matter says where a chapter stands in the book.
type Matter int

// The three divisions of a book.
const (
	BodyMatter Matter = iota
	FrontMatter
	BackMatter
)

// String names the division as book.yaml spells it.
func (m Matter) String() string {
	switch m {
	case FrontMatter:
		return "front"
	case BackMatter:
		return "back"
	}
	return "body"
}

// Chapter is one chapter file: its title, blocks and notes.
type Chapter struct {
	// ID is unique in the book, derived from the file name ("01-boulogne").
	ID string
	// File is the chapter file, relative to the book folder.
	File   string
	Matter Matter
	// Title is the `#` heading's content; Untitled is true when the file
	// has none (the chapter then has no title in the contents).
	Title    []Inline
	TitleID  string
	Untitled bool
	Lang     string // the chapter's language when it differs from the book's
	Blocks   []Block
	// Notes holds the chapter's footnotes in the order of their first
	// reference, numbered from 1 within the chapter.
	Notes []*Note
	Pos   Position
}

// Position returns where the chapter starts.
func (ch *Chapter) Position() Position { return ch.Pos }

// Note is a footnote: its number, its blocks, and where it was defined.
type Note struct {
	ID string // unique in the book, e.g. "note-01-boulogne-3"
	// RefID is the id of the note's call in the text.
	RefID  string
	Label  string // the label in the manuscript ([^label])
	Number int
	Blocks []Block
	// Generated is true for notes made by the citation formatter.
	Generated bool
	// Inline is true for a note written where it is called (^[text]).
	Inline bool
	Pos    Position
}

// Position returns where the note is defined.
func (n *Note) Position() Position { return n.Pos }

// BibliographyGroup is a titled group of bibliography entries, e.g.
// « Sources d'archives » or « Ouvrages ».
type BibliographyGroup struct {
	Title string
	// Level is 0 for a group of the bibliography (« Sources manuscrites »,
	// « Ouvrages et articles »), 1 for a repository within it and 2 for a
	// fonds within a repository, when the book groups its archives.
	Level   int
	Entries []BibliographyEntry
}

// BibliographyEntry is one formatted source.
type BibliographyEntry struct {
	Key     string
	ID      string // minted by the register
	Inlines []Inline
}

// Pagination is what the print layout hands to other outputs: where each
// printed page starts and on which page each figure sits. It is plain data
// so that the EPUB writer never depends on the PDF renderer.
type Pagination struct {
	Pages []PageStart
	// FigurePages maps a figure ID to the label of its printed page.
	FigurePages map[string]string
	// ChapterPages maps a chapter ID to the label of its first page.
	ChapterPages map[string]string
	// NotePages maps a note ID to the label of the page where its text
	// starts, when the notes are printed after each chapter (endnotes)
	// rather than at the foot of their call's page.
	NotePages map[string]string
}

// PageStart says where one printed page of a chapter begins.
type PageStart struct {
	Label string // the folio as printed, e.g. "12" or "ix"
	// Chapter is the ID of the chapter the page's first line belongs to,
	// or of the generated page (Book.Generated) it prints.
	Chapter string
	// Block is the index of the top-level block in Chapter.Blocks where the
	// page begins (-1: before the first block, at the chapter title). On a
	// generated page it counts the page's entries (figures for the list of
	// illustrations and the credits, tables, bibliography entries across
	// its groups).
	Block int
	// ID is the id of the page-break marker, minted by the register.
	ID string
	// AtFigure is true when the page opens with a figure that waited for
	// room on the page before: the page's marker goes before that figure,
	// at FigureBlock and FigureOffset (counted as Block and Offset are),
	// while Block and Offset stay where the page's text begins.
	AtFigure                  bool
	FigureBlock, FigureOffset int
	// Contents is true for a page of the print edition's own contents,
	// which the EPUB marks in its navigation document; Entry is then the
	// id of the section or heading named by the page's first entry ("" on
	// the contents' first page, marked at its title), and Block counts
	// the contents' entries as on a generated page.
	Contents bool
	Entry    string
	// Offset counts the characters (runes) of visible text of that block
	// that stand before the page's first character, following the order
	// in which a renderer writes them (see TextOf).
	Offset int
}

// CitationOptions are the conventions a book chooses for its citations
// and bibliography (book.yaml's citation: key); zero values keep the
// formatter's defaults.
type CitationOptions struct {
	// EtAlMin and EtAlUseFirst shorten the author lists of notes and
	// author-date citations: from EtAlMin names on, the first EtAlUseFirst
	// are printed, then « et al. » (CSL's et-al-min, et-al-use-first).
	EtAlMin, EtAlUseFirst int
	// BibliographyEtAlMin and BibliographyEtAlUseFirst do the same in the
	// bibliography.
	BibliographyEtAlMin, BibliographyEtAlUseFirst int
	// SubsequentAuthorSubstitute replaces the names of an entry whose
	// authors are those of the entry before it ("———", the 3-em dash);
	// "" repeats the names.
	SubsequentAuthorSubstitute string
	// GroupArchives lists archive documents under their repository and
	// fonds, before printed works (« Sources manuscrites »).
	GroupArchives bool
}
