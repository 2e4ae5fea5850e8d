// Package locale holds the words a book prints around the author's text
// (« Table des matières », « Crédits iconographiques », « p. » …) in the
// languages publish supports, chosen by the book's BCP 47 language tag.
package locale

import (
	"strconv"
	"strings"
)

// Terms are the generated words of one language.
type Terms struct {
	Lang             string
	Contents         string // title of the table of contents
	Figures          string // title of the list of illustrations
	Credits          string // title of the picture credits page
	Notes            string // title of the notes section
	Bibliography     string // title of the bibliography
	ArchivalSources  string // bibliography group of archive documents
	PrintedWorks     string // bibliography group of printed works
	OtherSources     string // bibliography group of everything else
	Figure           string // "Figure" before a figure number
	FigureAbbrev     string // "Fig." in lists
	Table            string // "Tableau" before a table number
	Tables           string // title of the list of tables
	TableSep         string // between a table's label and caption: " — " (fr), ". " (en)
	Page             string // "p." before a page number
	Pages            string // "p." before a page range
	NoDate           string // "s. d."
	NoPlace          string // "s. l."
	NoPublisher      string // "s. n."
	NoPages          string // "n. p."
	Ibid             string // "Ibid."
	OpCit            string // "op. cit."
	Circa            string // "vers" before an approximate date
	Collection       string // "coll."
	Edited           string // "dir." after an editor's name
	EditedPlural     string // "dir." after several editors' names ("eds.")
	EtAl             string // "et al." after the first of many authors
	ArtCit           string // "art. cit." in a repeated note citing an article
	Edition          string // "éd." after an edition number
	Volume           string // "vol." before a volume number
	Issue            string // "n°" before an issue number
	Interview        string // "entretien" when an interview has no title
	InterviewBy      string // "entretien réalisé par" before the interviewer
	CreditSource     string // "Source" before a credit that cites a work
	In               string // "dans" before a container title
	Accessed         string // "consulté le"
	Cover            string // the cover's title
	TitlePage        string // the title page's name in navigation
	Copyright        string // the copyright page's name in navigation
	LegalDeposit     string // "Dépôt légal"
	PrintedBy        string // "Achevé d'imprimer par"
	AllRightsReserve string // "Tous droits réservés"
	Start            string // "Début du texte" for landmarks
	BackToText       string // label of a footnote's back link
	NoteLabel        string // "Note" for note references
	Months           [12]string
	// ListSeparator and LastSeparator join names: "A, B et C".
	ListSeparator string
	LastSeparator string
	// French is true for French typographic conventions.
	French bool
	// Roles labels contributors other than authors by MARC relator code
	// ("trl": "Traduction"), on the title and copyright pages of both
	// outputs.
	Roles map[string]string
}

var french = Terms{
	Lang: "fr", Contents: "Table des matières", Figures: "Table des illustrations",
	Credits: "Crédits iconographiques", Notes: "Notes", Bibliography: "Sources et bibliographie",
	ArchivalSources: "Sources d’archives", PrintedWorks: "Ouvrages et articles", OtherSources: "Autres sources",
	Figure: "Figure", FigureAbbrev: "Fig.", Page: "p.", Pages: "p.", NoDate: "s. d.", NoPlace: "s. l.",
	Table: "Tableau", Tables: "Liste des tableaux", TableSep: "\u00a0— ",
	NoPublisher: "s. n.", NoPages: "n. p.", Ibid: "Ibid.", OpCit: "op. cit.", Circa: "vers",
	Collection: "coll.", Edited: "dir.", In: "dans",
	EditedPlural: "dir.", EtAl: "et al.", ArtCit: "art. cit.", Edition: "éd.", Volume: "vol.", Issue: "n°",
	Interview: "entretien", InterviewBy: "entretien réalisé par", CreditSource: "Source", Accessed: "consulté le",
	Cover: "Couverture", TitlePage: "Page de titre", Copyright: "Mentions légales",
	LegalDeposit: "Dépôt légal", PrintedBy: "Achevé d’imprimer par", AllRightsReserve: "Tous droits réservés",
	Start: "Début du texte", BackToText: "Retour au texte", NoteLabel: "Note",
	Months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"},
	ListSeparator: ", ", LastSeparator: " et ", French: true,
	Roles: map[string]string{"trl": "Traduction", "edt": "Direction", "ill": "Illustrations", "pht": "Photographies",
		"aui": "Préface", "win": "Introduction", "ctb": "Contributions", "com": "Compilation",
		"bkd": "Conception graphique", "cov": "Couverture", "nrt": "Narration"},
}

var english = Terms{
	Lang: "en", Contents: "Contents", Figures: "List of Illustrations", Credits: "Picture Credits",
	Notes: "Notes", Bibliography: "Sources and Bibliography", ArchivalSources: "Archival Sources",
	PrintedWorks: "Published Works", OtherSources: "Other Sources",
	Figure: "Figure", FigureAbbrev: "Fig.", Page: "p.", Pages: "pp.", NoDate: "n.d.", NoPlace: "n.p.",
	Table: "Table", Tables: "List of Tables", TableSep: ". ",
	NoPublisher: "n.p.", NoPages: "n. pag.", Ibid: "Ibid.", OpCit: "op. cit.", Circa: "c.",
	Collection: "coll.", Edited: "ed.", In: "in",
	EditedPlural: "eds.", EtAl: "et al.", ArtCit: "", Edition: "ed.", Volume: "vol.", Issue: "no.",
	Interview: "interview", InterviewBy: "interview by", CreditSource: "Source", Accessed: "accessed",
	Cover: "Cover", TitlePage: "Title Page", Copyright: "Copyright",
	LegalDeposit: "Legal deposit", PrintedBy: "Printed by", AllRightsReserve: "All rights reserved",
	Start: "Start of content", BackToText: "Back to text", NoteLabel: "Note",
	Months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"},
	ListSeparator: ", ", LastSeparator: " and ",
	Roles: map[string]string{"trl": "Translation", "edt": "Editor", "ill": "Illustrations", "pht": "Photographs",
		"aui": "Foreword", "win": "Introduction", "ctb": "Contributions", "com": "Compilation",
		"bkd": "Book design", "cov": "Cover", "nrt": "Narration"},
}

// For returns the terms for a BCP 47 language tag; languages publish does
// not know get English terms.
func For(lang string) *Terms {
	primary := strings.ToLower(lang)
	if i := strings.IndexAny(primary, "-_"); i >= 0 {
		primary = primary[:i]
	}
	if primary == "fr" {
		t := french
		return &t
	}
	t := english
	return &t
}

// TableLabel is a table's number as both outputs print it before its
// caption and in the list of tables: "Tableau 3" (with a no-break space).
func (t *Terms) TableLabel(n int) string {
	return t.Table + "\u00a0" + strconv.Itoa(n)
}

// ContributorLine is how a contributor who is not an author is named on
// the title and copyright pages: "Traduction : Marie Dupont" (with a
// no-break space before the colon in French), "Translation: Mary Smith",
// or the name alone for a role the terms do not label.
func (t *Terms) ContributorLine(role, name string) string {
	label, ok := t.Roles[role]
	switch {
	case !ok:
		return name
	case t.French:
		return label + "\u00a0: " + name
	}
	return label + ": " + name
}
