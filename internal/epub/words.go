package epub

import "strings"

// words are the EPUB's own generated words that internal/locale does not
// hold: navigation labels and the sentences of the accessibility summary.
type words struct {
	Landmarks     string
	PageList      string
	ISBNDigital   string
	ISBNPrint     string
	Identifier    string
	CoverOf       string // "Couverture du livre « %s »"
	FigureSep     string // between "Figure 3" and the caption
	EditionLabel  string
	SummaryStart  string
	SummaryAlt    string
	SummaryNoAlt  string
	SummaryPages  string
	SummaryNoPage string
	SummaryEnd    string
	Conforms      string
	NotConforms   string
	// TaskOpen and TaskDone are the text alternatives of a task list
	// item's check box.
	TaskOpen string
	TaskDone string
}

var frenchWords = words{
	Landmarks: "Repères", PageList: "Pages de l’édition imprimée",
	ISBNDigital: "ISBN (édition numérique)", ISBNPrint: "ISBN (édition imprimée)", Identifier: "Identifiant",
	CoverOf: "Couverture du livre « %s »", FigureSep: ". ", EditionLabel: "Édition",
	SummaryStart:  "Ce livre numérique peut être lu en mode texte seul : il a une table des matières, des titres de chapitres et de sections structurés et un ordre de lecture qui suit celui du texte ; sa mise en page s’adapte à la taille et à la police de caractères choisies par le lecteur.",
	SummaryAlt:    " Chaque illustration a une description textuelle et une légende.",
	SummaryNoAlt:  " Certaines illustrations n’ont pas de description textuelle.",
	SummaryPages:  " Des repères de page renvoient aux pages de l’édition imprimée.",
	SummaryNoPage: "",
	SummaryEnd:    " Il ne présente aucun risque connu (clignotement, son, mouvement).",
	Conforms:      " Il respecte la norme EPUB Accessibility 1.1 au niveau WCAG 2.1 AA.",
	NotConforms:   "",
	TaskOpen:      "à faire",
	TaskDone:      "fait",
}

var englishWords = words{
	Landmarks: "Landmarks", PageList: "Pages of the print edition",
	ISBNDigital: "ISBN (ebook)", ISBNPrint: "ISBN (print)", Identifier: "Identifier",
	CoverOf: "Cover of the book “%s”", FigureSep: ". ", EditionLabel: "Edition",
	SummaryStart: "This ebook can be read in text alone: it has a table of contents, structured chapter and section headings and a reading order that follows the text; its layout adapts to the size and typeface the reader chooses.",
	SummaryAlt:   " Every illustration has a text description and a caption.",
	SummaryNoAlt: " Some illustrations have no text description.",
	SummaryPages: " Page markers give the pages of the print edition.",
	SummaryEnd:   " It has no known hazards (flashing, sound, motion).",
	Conforms:     " It meets EPUB Accessibility 1.1 at WCAG 2.1 level AA.",
	TaskOpen:     "to do",
	TaskDone:     "done",
}

func wordsFor(lang string) *words {
	l := strings.ToLower(lang)
	if l == "fr" || strings.HasPrefix(l, "fr-") || strings.HasPrefix(l, "fr_") {
		w := frenchWords
		return &w
	}
	w := englishWords
	return &w
}
