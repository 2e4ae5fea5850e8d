// Package locale holds the words a book prints around the author's text
// (« Table des matières », « Crédits iconographiques », « p. » …) in the
// languages publish supports, chosen by the book's BCP 47 language tag.
package locale

import (
	"sort"
	"strconv"
	"strings"
)

// Terms are the generated words of one language.
type Terms struct {
	Lang            string
	Contents        string // title of the table of contents
	Figures         string // title of the list of illustrations
	Credits         string // title of the picture credits page
	Notes           string // title of the notes section
	Bibliography    string // title of the bibliography
	ArchivalSources string // bibliography group of archive documents
	// ManuscriptSources titles the archive documents when the bibliography
	// groups them by repository and fonds (« Sources manuscrites »).
	ManuscriptSources string
	PrintedWorks      string // bibliography group of printed works
	OtherSources      string // bibliography group of everything else
	Figure            string // "Figure" before a figure number
	FigureAbbrev      string // "Fig." in lists
	Table             string // "Tableau" before a table number
	Tables            string // title of the list of tables
	TableSep          string // between a table's label and caption: " — " (fr), ". " (en)
	Page              string // "p." before a page number
	Pages             string // "p." before a page range
	NoDate            string // "s. d."
	NoPlace           string // "s. l."
	NoPublisher       string // "s. n."
	NoPages           string // "n. p."
	Ibid              string // "Ibid."
	OpCit             string // "op. cit."
	Circa             string // "vers" before an approximate date
	Collection        string // "coll."
	Edited            string // "dir." after an editor's name
	EditedBy          string // "ed." before the editors of a chapter's book in English ("" to write them first)
	Translated        string // "trad." before a translator's name
	EditedPlural      string // "dir." after several editors' names ("eds.")
	EtAl              string // "et al." after the first of many authors
	ArtCit            string // "art. cit." in a repeated note citing an article
	Edition           string // "éd." after an edition number
	Volume            string // "vol." before a volume number
	Issue             string // "n°" before an issue number
	Interview         string // "entretien" when an interview has no title
	InterviewBy       string // "entretien réalisé par" before the interviewer
	CreditSource      string // "Source" before a credit that cites a work
	In                string // "dans" before a container title
	Accessed          string // "consulté le"
	Cover             string // the cover's title
	TitlePage         string // the title page's name in navigation
	Copyright         string // the copyright page's name in navigation
	LegalDeposit      string // "Dépôt légal"
	PrintedBy         string // "Achevé d'imprimer par"
	AllRightsReserve  string // "Tous droits réservés"
	Start             string // "Début du texte" for landmarks
	BackToText        string // label of a footnote's back link
	NoteLabel         string // "Note" for note references
	Months            [12]string
	// RefFigure, RefTable, RefChapter and RefSection are the labels of
	// cross-references in running text (« fig. 2 », « tabl. 1 »,
	// « chap. 3 », « sect. 2.1 »).
	RefFigure, RefTable, RefChapter, RefSection string
	// IndexTitle, IndexNames, IndexPlaces and IndexSubjects title the
	// general index and the indexes of names, places and subjects.
	IndexTitle, IndexNames, IndexPlaces, IndexSubjects string
	// See and SeeAlso send the reader of an index to another heading.
	See, SeeAlso string
	// RangeDash joins the ends of a page range: a hyphen in French
	// (« p. 511-530 »), an en dash in English and German (“pp. 511–530”).
	RangeDash string
	// Quotes are the quotation marks around a title, with the spaces
	// French puts inside them (the typography pass makes them no-break).
	Quotes [2]string
	// EditionOrdinal writes an edition number: "{n}e éd.", "{n}. Aufl.";
	// "" uses English ordinals ("2nd ed.").
	EditionOrdinal string
	// FirstEdition replaces EditionOrdinal for the first edition (French
	// « 1re éd. »), when the language says it differently.
	FirstEdition string
	// DayMonthYear and MonthYear write a date from its parts, {d} the day,
	// {m} the month and {y} the year: "{d} {m} {y}" (« 8 octobre 1944 »),
	// "{d}. {m} {y}" (German), "{d} de {m} de {y}" (Spanish).
	DayMonthYear string
	MonthYear    string
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
	RefFigure: "fig.", RefTable: "tabl.", RefChapter: "chap.", RefSection: "sect.", IndexTitle: "Index", IndexNames: "Index des noms de personnes", IndexPlaces: "Index des noms de lieux", IndexSubjects: "Index thématique", See: "voir", SeeAlso: "voir aussi",
	Lang: "fr", DayMonthYear: "{d} {m} {y}", MonthYear: "{m} {y}", Contents: "Table des matières", Figures: "Table des illustrations",
	Credits: "Crédits iconographiques", Notes: "Notes", Bibliography: "Sources et bibliographie",
	ArchivalSources: "Sources d’archives", ManuscriptSources: "Sources manuscrites",
	PrintedWorks: "Ouvrages et articles", OtherSources: "Autres sources",
	Figure: "Figure", FigureAbbrev: "Fig.", Page: "p.", Pages: "p.", NoDate: "s. d.", NoPlace: "s. l.",
	Table: "Tableau", Tables: "Liste des tableaux", TableSep: "\u00a0— ",
	NoPublisher: "s. n.", NoPages: "n. p.", Ibid: "Ibid.", OpCit: "op. cit.", Circa: "vers",
	Collection: "coll.", Edited: "dir.", In: "dans", Translated: "trad.",
	EditedPlural: "dir.", EtAl: "et al.", ArtCit: "art. cit.", Edition: "éd.", Volume: "vol.", Issue: "n°",
	Interview: "entretien", InterviewBy: "entretien réalisé par", CreditSource: "Source", Accessed: "consulté le",
	Cover: "Couverture", TitlePage: "Page de titre", Copyright: "Mentions légales",
	LegalDeposit: "Dépôt légal", PrintedBy: "Achevé d’imprimer par", AllRightsReserve: "Tous droits réservés",
	Start: "Début du texte", BackToText: "Retour au texte", NoteLabel: "Note",
	Months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"},
	RangeDash: "-", Quotes: [2]string{"« ", " »"}, EditionOrdinal: "{n}e éd.", FirstEdition: "1re éd.",
	ListSeparator: ", ", LastSeparator: " et ", French: true,
	Roles: map[string]string{"trl": "Traduction", "edt": "Direction", "ill": "Illustrations", "pht": "Photographies",
		"aui": "Préface", "win": "Introduction", "ctb": "Contributions", "com": "Compilation",
		"bkd": "Conception graphique", "cov": "Couverture", "nrt": "Narration"},
}

var english = Terms{
	RefFigure: "fig.", RefTable: "table", RefChapter: "ch.", RefSection: "sect.", IndexTitle: "Index", IndexNames: "Index of Names", IndexPlaces: "Index of Places", IndexSubjects: "Index of Subjects", See: "see", SeeAlso: "see also",
	Lang: "en", DayMonthYear: "{d} {m} {y}", MonthYear: "{m} {y}", Contents: "Contents", Figures: "List of Illustrations", Credits: "Picture Credits",
	Notes: "Notes", Bibliography: "Sources and Bibliography", ArchivalSources: "Archival Sources",
	ManuscriptSources: "Archival Sources", PrintedWorks: "Published Works", OtherSources: "Other Sources",
	Figure: "Figure", FigureAbbrev: "Fig.", Page: "p.", Pages: "pp.", NoDate: "n.d.", NoPlace: "n.p.",
	Table: "Table", Tables: "List of Tables", TableSep: ". ",
	NoPublisher: "n.p.", NoPages: "n. pag.", Ibid: "Ibid.", OpCit: "op. cit.", Circa: "c.",
	Collection: "coll.", Edited: "ed.", EditedBy: "ed.", In: "in", Translated: "trans.",
	EditedPlural: "eds.", EtAl: "et al.", ArtCit: "", Edition: "ed.", Volume: "vol.", Issue: "no.",
	Interview: "interview", InterviewBy: "interview by", CreditSource: "Source", Accessed: "accessed",
	Cover: "Cover", TitlePage: "Title Page", Copyright: "Copyright",
	LegalDeposit: "Legal deposit", PrintedBy: "Printed by", AllRightsReserve: "All rights reserved",
	Start: "Start of content", BackToText: "Back to text", NoteLabel: "Note",
	Months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"},
	RangeDash: "–", Quotes: [2]string{"“", "”"},
	ListSeparator: ", ", LastSeparator: " and ",
	Roles: map[string]string{"trl": "Translation", "edt": "Editor", "ill": "Illustrations", "pht": "Photographs",
		"aui": "Foreword", "win": "Introduction", "ctb": "Contributions", "com": "Compilation",
		"bkd": "Book design", "cov": "Cover", "nrt": "Narration"},
}

// german follows the usage of German historical scholarship: « S. » for
// pages, « Hg. » for editors, « o. J. » for a missing date, „…“ quotes.
var german = Terms{
	RefFigure: "Abb.", RefTable: "Tab.", RefChapter: "Kap.", RefSection: "Abschn.", IndexTitle: "Register", IndexNames: "Personenregister", IndexPlaces: "Ortsregister", IndexSubjects: "Sachregister", See: "siehe", SeeAlso: "siehe auch",
	Lang: "de", DayMonthYear: "{d}. {m} {y}", MonthYear: "{m} {y}", Contents: "Inhalt", Figures: "Abbildungsverzeichnis", Credits: "Bildnachweis",
	Notes: "Anmerkungen", Bibliography: "Quellen und Literatur", ArchivalSources: "Archivalische Quellen",
	ManuscriptSources: "Ungedruckte Quellen", PrintedWorks: "Gedruckte Quellen und Literatur", OtherSources: "Weitere Quellen",
	Figure: "Abbildung", FigureAbbrev: "Abb.", Page: "S.", Pages: "S.", NoDate: "o. J.", NoPlace: "o. O.",
	Table: "Tabelle", Tables: "Tabellenverzeichnis", TableSep: ": ",
	NoPublisher: "o. V.", NoPages: "o. S.", Ibid: "Ebd.", OpCit: "a. a. O.", Circa: "um",
	Collection: "Reihe", Edited: "Hg.", In: "in", Translated: "übers. von",
	EditedPlural: "Hg.", EtAl: "u. a.", ArtCit: "", Edition: "Aufl.", Volume: "Bd.", Issue: "Nr.",
	Interview: "Interview", InterviewBy: "Interview geführt von", CreditSource: "Quelle", Accessed: "abgerufen am",
	Cover: "Umschlag", TitlePage: "Titelseite", Copyright: "Impressum",
	LegalDeposit: "Pflichtexemplar", PrintedBy: "Gedruckt bei", AllRightsReserve: "Alle Rechte vorbehalten",
	Start: "Textbeginn", BackToText: "Zurück zum Text", NoteLabel: "Anmerkung",
	Months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
		"September", "Oktober", "November", "Dezember"},
	RangeDash: "–", Quotes: [2]string{"„", "“"}, EditionOrdinal: "{n}. Aufl.",
	ListSeparator: ", ", LastSeparator: " und ",
	Roles: map[string]string{"trl": "Übersetzung", "edt": "Herausgeber", "ill": "Illustrationen", "pht": "Fotografien",
		"aui": "Vorwort", "win": "Einleitung", "ctb": "Beiträge", "com": "Zusammenstellung",
		"bkd": "Gestaltung", "cov": "Umschlaggestaltung", "nrt": "Sprecher"},
}

// spanish follows the usage of the Real Academia: « p./pp. », « s. f. »
// for a missing date, «…» quotes, a hyphen in ranges.
var spanish = Terms{
	RefFigure: "fig.", RefTable: "tabla", RefChapter: "cap.", RefSection: "secc.", IndexTitle: "Índice analítico", IndexNames: "Índice onomástico", IndexPlaces: "Índice toponímico", IndexSubjects: "Índice temático", See: "véase", SeeAlso: "véase también",
	Lang: "es", DayMonthYear: "{d} de {m} de {y}", MonthYear: "{m} de {y}", Contents: "Índice", Figures: "Índice de ilustraciones", Credits: "Créditos de las imágenes",
	Notes: "Notas", Bibliography: "Fuentes y bibliografía", ArchivalSources: "Fuentes de archivo",
	ManuscriptSources: "Fuentes manuscritas", PrintedWorks: "Obras publicadas", OtherSources: "Otras fuentes",
	Figure: "Figura", FigureAbbrev: "Fig.", Page: "p.", Pages: "pp.", NoDate: "s. f.", NoPlace: "s. l.",
	Table: "Tabla", Tables: "Índice de tablas", TableSep: ". ",
	NoPublisher: "s. e.", NoPages: "s. p.", Ibid: "Ibid.", OpCit: "op. cit.", Circa: "ca.",
	Collection: "col.", Edited: "ed.", In: "en", Translated: "trad.",
	EditedPlural: "eds.", EtAl: "et al.", ArtCit: "", Edition: "ed.", Volume: "vol.", Issue: "n.º",
	Interview: "entrevista", InterviewBy: "entrevista realizada por", CreditSource: "Fuente", Accessed: "consultado el",
	Cover: "Cubierta", TitlePage: "Portada", Copyright: "Página de créditos",
	LegalDeposit: "Depósito legal", PrintedBy: "Impreso por", AllRightsReserve: "Todos los derechos reservados",
	Start: "Inicio del texto", BackToText: "Volver al texto", NoteLabel: "Nota",
	Months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
		"septiembre", "octubre", "noviembre", "diciembre"},
	RangeDash: "-", Quotes: [2]string{"«", "»"}, EditionOrdinal: "{n}.ª ed.",
	ListSeparator: ", ", LastSeparator: " y ",
	Roles: map[string]string{"trl": "Traducción", "edt": "Edición", "ill": "Ilustraciones", "pht": "Fotografías",
		"aui": "Prólogo", "win": "Introducción", "ctb": "Colaboraciones", "com": "Compilación",
		"bkd": "Diseño", "cov": "Cubierta", "nrt": "Narración"},
}

// italian follows Italian humanities usage: « a cura di » for editors,
// « s.d. » for a missing date, «…» quotes, a hyphen in ranges.
var italian = Terms{
	RefFigure: "fig.", RefTable: "tab.", RefChapter: "cap.", RefSection: "par.", IndexTitle: "Indice analitico", IndexNames: "Indice dei nomi", IndexPlaces: "Indice dei luoghi", IndexSubjects: "Indice degli argomenti", See: "vedi", SeeAlso: "vedi anche",
	Lang: "it", DayMonthYear: "{d} {m} {y}", MonthYear: "{m} {y}", Contents: "Indice", Figures: "Indice delle illustrazioni", Credits: "Referenze iconografiche",
	Notes: "Note", Bibliography: "Fonti e bibliografia", ArchivalSources: "Fonti archivistiche",
	ManuscriptSources: "Fonti manoscritte", PrintedWorks: "Opere a stampa", OtherSources: "Altre fonti",
	Figure: "Figura", FigureAbbrev: "Fig.", Page: "p.", Pages: "pp.", NoDate: "s.d.", NoPlace: "s.l.",
	Table: "Tabella", Tables: "Indice delle tabelle", TableSep: ". ",
	NoPublisher: "s.e.", NoPages: "s.p.", Ibid: "Ibid.", OpCit: "op. cit.", Circa: "ca.",
	Collection: "coll.", Edited: "a cura di", In: "in", Translated: "trad. di",
	EditedPlural: "a cura di", EtAl: "et al.", ArtCit: "", Edition: "ed.", Volume: "vol.", Issue: "n.",
	Interview: "intervista", InterviewBy: "intervista condotta da", CreditSource: "Fonte", Accessed: "consultato il",
	Cover: "Copertina", TitlePage: "Frontespizio", Copyright: "Colophon",
	LegalDeposit: "Deposito legale", PrintedBy: "Stampato da", AllRightsReserve: "Tutti i diritti riservati",
	Start: "Inizio del testo", BackToText: "Torna al testo", NoteLabel: "Nota",
	Months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
		"settembre", "ottobre", "novembre", "dicembre"},
	RangeDash: "-", Quotes: [2]string{"«", "»"}, EditionOrdinal: "{n}ª ed.",
	ListSeparator: ", ", LastSeparator: " e ",
	Roles: map[string]string{"trl": "Traduzione", "edt": "A cura di", "ill": "Illustrazioni", "pht": "Fotografie",
		"aui": "Prefazione", "win": "Introduzione", "ctb": "Contributi", "com": "Compilazione",
		"bkd": "Progetto grafico", "cov": "Copertina", "nrt": "Narrazione"},
}

// portuguese follows Portuguese and Brazilian usage (ABNT): « org. » for
// editors, « s.d. » for a missing date, a hyphen in ranges.
var portuguese = Terms{
	RefFigure: "fig.", RefTable: "tab.", RefChapter: "cap.", RefSection: "seç.", IndexTitle: "Índice remissivo", IndexNames: "Índice onomástico", IndexPlaces: "Índice toponímico", IndexSubjects: "Índice de assuntos", See: "ver", SeeAlso: "ver também",
	Lang: "pt", DayMonthYear: "{d} de {m} de {y}", MonthYear: "{m} de {y}", Contents: "Sumário", Figures: "Lista de ilustrações", Credits: "Créditos das imagens",
	Notes: "Notas", Bibliography: "Fontes e bibliografia", ArchivalSources: "Fontes de arquivo",
	ManuscriptSources: "Fontes manuscritas", PrintedWorks: "Obras publicadas", OtherSources: "Outras fontes",
	Figure: "Figura", FigureAbbrev: "Fig.", Page: "p.", Pages: "p.", NoDate: "s.d.", NoPlace: "s.l.",
	Table: "Tabela", Tables: "Lista de tabelas", TableSep: ". ",
	NoPublisher: "s.n.", NoPages: "s.p.", Ibid: "Ibid.", OpCit: "op. cit.", Circa: "c.",
	Collection: "col.", Edited: "org.", In: "in", Translated: "trad.",
	EditedPlural: "orgs.", EtAl: "et al.", ArtCit: "", Edition: "ed.", Volume: "v.", Issue: "n.",
	Interview: "entrevista", InterviewBy: "entrevista concedida a", CreditSource: "Fonte", Accessed: "acesso em",
	Cover: "Capa", TitlePage: "Folha de rosto", Copyright: "Ficha técnica",
	LegalDeposit: "Depósito legal", PrintedBy: "Impresso por", AllRightsReserve: "Todos os direitos reservados",
	Start: "Início do texto", BackToText: "Voltar ao texto", NoteLabel: "Nota",
	Months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
		"setembro", "outubro", "novembro", "dezembro"},
	RangeDash: "-", Quotes: [2]string{"“", "”"}, EditionOrdinal: "{n}. ed.",
	ListSeparator: ", ", LastSeparator: " e ",
	Roles: map[string]string{"trl": "Tradução", "edt": "Organização", "ill": "Ilustrações", "pht": "Fotografias",
		"aui": "Prefácio", "win": "Introdução", "ctb": "Colaborações", "com": "Compilação",
		"bkd": "Projeto gráfico", "cov": "Capa", "nrt": "Narração"},
}

// byLanguage maps a primary language subtag to its terms.
var byLanguage = map[string]*Terms{
	"fr": &french, "en": &english, "de": &german, "es": &spanish, "it": &italian, "pt": &portuguese,
}

// Languages lists the primary language subtags publish has terms for, in
// alphabetical order.
func Languages() []string {
	out := make([]string, 0, len(byLanguage))
	for k := range byLanguage {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Primary returns the primary subtag of a BCP 47 tag, in lower case:
// "fr" for "fr-CA", "pt" for "pt_BR".
func Primary(lang string) string {
	p := strings.ToLower(lang)
	if i := strings.IndexAny(p, "-_"); i >= 0 {
		p = p[:i]
	}
	return p
}

// Lookup returns a copy of the terms for a BCP 47 language tag, and false
// when publish has no terms for its language.
func Lookup(lang string) (*Terms, bool) {
	t, ok := byLanguage[Primary(lang)]
	if !ok {
		return nil, false
	}
	c := *t
	return &c, true
}

// For returns the terms for a BCP 47 language tag. The book reader
// reports a language without terms as an error at book.yaml's language
// key, so a build never gets here with one; a model built otherwise (a
// test, an empty language) gets English terms.
func For(lang string) *Terms {
	if t, ok := Lookup(lang); ok {
		return t
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
