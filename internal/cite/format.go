package cite

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

// formatter turns sources into model inlines in one style and language.
// It is the only place where a citation's words and punctuation are
// decided, so that every output says the same thing.
type formatter struct {
	t          *locale.Terms
	lang       string // the book's primary language subtag
	authorDate bool
	// yearSuffix holds the letter that tells apart two works of the same
	// author and year in the author-date style (« 1998a »).
	yearSuffix map[string]string
	// archiveByTitle marks archive documents cited by their title in the
	// author-date style, as their archive and date alone are not enough.
	archiveByTitle map[string]bool
	// opts are the book's citation options (et-al limits, the
	// repeated-author substitute, archives grouped by repository).
	opts model.CitationOptions
}

func newFormatter(lang, style string, opts model.CitationOptions) *formatter {
	return &formatter{t: locale.For(lang), lang: locale.Primary(lang), authorDate: style == "author-date",
		yearSuffix: map[string]string{}, archiveByTitle: map[string]bool{}, opts: opts}
}

// The CSL types whose title is italic (a whole publication or a work of
// art); the others are between quotation marks (a part of a publication
// or an unpublished document).
var italicTitle = map[string]bool{
	"book": true, "thesis": true, "report": true, "map": true, "graphic": true, "motion_picture": true,
	"broadcast": true, "periodical": true, "pamphlet": true, "musical_score": true, "software": true,
	"dataset": true, "classic": true, "collection": true, "standard": true, "performance": true,
}

// printedTypes are the types listed among printed works in the
// bibliography when no archive holds them.
var printedTypes = map[string]bool{
	"book": true, "chapter": true, "article": true, "article-journal": true, "article-magazine": true,
	"article-newspaper": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true,
	"paper-conference": true, "report": true, "thesis": true, "pamphlet": true, "periodical": true,
	"review": true, "review-book": true, "collection": true, "classic": true, "map": true,
	"legislation": true, "standard": true, "patent": true, "musical_score": true, "regulation": true,
	"bill": true, "treaty": true,
}

// isArchival reports whether a source is an archive document: held by an
// archive (archive or cote given), or a manuscript.
func isArchival(s *model.Source) bool {
	return s.Archive != "" || s.ArchiveLocation != "" || s.Type == "manuscript"
}

// quote puts text between the language's quotation marks, with ordinary
// spaces (the typography pass makes them no-break).
func (f *formatter) quote(ins []model.Inline) []model.Inline {
	return concat(txt(f.t.Quotes[0]), ins, txt(f.t.Quotes[1]))
}

// langWrap marks text in the source's language when it differs from the
// book's, so that it is hyphenated and read aloud correctly.
func (f *formatter) langWrap(s *model.Source, text string) []model.Inline {
	if s.Lang != "" {
		p := strings.ToLower(s.Lang)
		if i := strings.IndexAny(p, "-_"); i >= 0 {
			p = p[:i]
		}
		if p != f.lang {
			return []model.Inline{&model.Span{Lang: s.Lang, Children: txt(text)}}
		}
	}
	return txt(text)
}

// title formats a source's title, italic or quoted after its type.
func (f *formatter) title(s *model.Source, short bool) []model.Inline {
	t := s.Title
	if short {
		t = shortTitle(s)
	}
	if t == "" {
		return nil
	}
	ins := f.langWrap(s, t)
	if italicTitle[s.Type] {
		return italic(ins...)
	}
	return f.quote(ins)
}

// shortTitle is the CSL title-short, else the title up to its subtitle,
// cut after eight words with an ellipsis.
func shortTitle(s *model.Source) string {
	if s.TitleShort != "" {
		return s.TitleShort
	}
	t := s.Title
	if i := strings.IndexAny(t, ":.?!"); i > 0 {
		t = strings.TrimSpace(t[:i])
	}
	if w := strings.Fields(t); len(w) > 8 {
		t = strings.Join(w[:6], " ") + "…"
	}
	return t
}

// authorsText gives the author part of an entry: the authors, else the
// editors followed by « (dir.) »; bib selects the bibliography's et-al
// limits.
func (f *formatter) authorsText(s *model.Source, form nameForm, bib bool) string {
	if len(s.Authors) > 0 {
		return f.names(s.Authors, form, bib)
	}
	if len(s.Editors) > 0 {
		return f.names(s.Editors, form, bib) + " " + f.editedLabel(s.Editors)
	}
	return ""
}

// heads are the names an entry is filed under (the authors, else the
// editors), for the repeated-author substitute: two entries with the same
// heads follow each other in the bibliography.
func heads(s *model.Source) string {
	ns, role := s.Authors, "a"
	if len(ns) == 0 {
		ns, role = s.Editors, "e"
	}
	if len(ns) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(role)
	for _, n := range ns {
		b.WriteString("\x00" + n.Family + "\x01" + n.Given + "\x01" + n.Particle + "\x01" + n.Literal)
	}
	return b.String()
}

// translation gives what a translated work adds after its title: its
// original title between square brackets and « trad. Marie Dupont »
// (« trans. », « übers. von » …).
func (f *formatter) translation(s *model.Source) (orig, by []model.Inline) {
	if s.OriginalTitle != "" {
		t := txt(s.OriginalTitle)
		if italicTitle[s.Type] {
			t = italic(t...)
		} else {
			t = f.quote(t)
		}
		orig = concat(txt("["), t, txt("]"))
	}
	if len(s.Translators) > 0 {
		by = txt(f.t.Translated + " " + f.naturalNames(s.Translators))
	}
	return orig, by
}

func (f *formatter) editedLabel(eds []model.Name) string {
	if len(eds) > 1 {
		return "(" + f.t.EditedPlural + ")"
	}
	return "(" + f.t.Edited + ")"
}

// edition writes « 2e éd. » / « 2nd ed. » from a number, or the text as
// given.
func (f *formatter) edition(e string) string {
	n, err := strconv.Atoi(strings.TrimSpace(e))
	if err != nil {
		return e
	}
	if n == 1 && f.t.FirstEdition != "" {
		return f.t.FirstEdition
	}
	if f.t.EditionOrdinal != "" {
		return strings.ReplaceAll(f.t.EditionOrdinal, "{n}", strconv.Itoa(n))
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix + " " + f.t.Edition
}

// publication gives « Paris, Seuil » (French, each its own piece) or
// « London: Penguin » (English), with « s. l. » / « s. n. » for the
// missing half.
func (f *formatter) publication(s *model.Source) [][]model.Inline {
	place, pub := s.PublisherPlace, s.Publisher
	if place == "" && pub == "" {
		return nil
	}
	if f.t.French {
		if place == "" {
			place = f.t.NoPlace
		}
		if pub == "" {
			pub = f.t.NoPublisher
		}
		return [][]model.Inline{txt(place), txt(pub)}
	}
	switch {
	case place == "":
		return [][]model.Inline{txt(pub)}
	case pub == "":
		return [][]model.Inline{txt(place)}
	}
	return [][]model.Inline{txt(place + ": " + pub)}
}

// series gives « coll. « Folio histoire » » in French, the series name
// alone in English.
func (f *formatter) series(s *model.Source) []model.Inline {
	if s.CollectionTitle == "" {
		return nil
	}
	if f.t.French {
		return concat(txt(f.t.Collection+" "), f.quote(txt(s.CollectionTitle)))
	}
	return txt(s.CollectionTitle)
}

// pages gives « p. 12-34 » for the page range of a part of a publication.
func (f *formatter) pages(s *model.Source) []model.Inline {
	if s.Page == "" {
		return nil
	}
	return txt(f.locatorText(locator{kind: "page", value: s.Page}))
}

// locatorText writes a locator with its label: « p. 12 », « pp. 12-14 »,
// « chap. 3 », « fol. 12v ».
func (f *formatter) locatorText(l locator) string {
	switch {
	case l.raw != "":
		return l.raw
	case l.value == "":
		return ""
	case l.kind == "passim":
		return l.value
	case l.kind == "page":
		if plural(l.value) {
			return f.t.Pages + " " + f.ranges(l.value)
		}
		return f.t.Page + " " + l.value
	}
	labels := locatorLabels[f.t.Lang]
	if labels == nil {
		labels = locatorLabels["en"]
	}
	lb, ok := labels[l.kind]
	if !ok {
		return l.value
	}
	label := lb[0]
	if plural(l.value) {
		label = lb[1]
	}
	if l.kind == "sub-verbo" {
		// A word, not a range: « s. v. Boulogne-sur-Mer ».
		return label + " " + l.value
	}
	return label + " " + f.ranges(l.value)
}

// rangeDash matches the dash between the two ends of a range of pages,
// folios or years (« 511-530 », « 12v – 13r », « xii–xiv »).
var rangeDash = regexp.MustCompile(`([0-9IVXLCDMivxlcdmr°])[ \t]*[-–‑][ \t]*([0-9IVXLCDMivxlcdm])`)

// ranges writes the ranges of a value with the language's dash: a hyphen
// in French (« p. 511-530 »), an en dash in English (“pp. 511–530”).
func (f *formatter) ranges(v string) string {
	return rangeDash.ReplaceAllString(v, "${1}"+f.t.RangeDash+"${2}")
}

// link makes a URL (or a DOI) a link showing the address.
func link(url string) []model.Inline {
	return []model.Inline{&model.Link{URL: url, Children: txt(url)}}
}

// onlinePieces gives the address and the access date of an online
// source: « https://…, consulté le 3 mars 2024 ».
func (f *formatter) onlinePieces(s *model.Source, withURL bool) [][]model.Inline {
	var out [][]model.Inline
	switch {
	case withURL && s.URL != "":
		out = append(out, link(s.URL))
		if !s.Accessed.IsZero() {
			out = append(out, txt(f.t.Accessed+" "+f.date(s.Accessed)))
		}
	case s.DOI != "":
		out = append(out, link("https://doi.org/"+strings.TrimPrefix(s.DOI, "https://doi.org/")))
	}
	return out
}

// webTypes print their URL; for other types the URL is usually a library
// catalogue's and is left out.
var webTypes = map[string]bool{"webpage": true, "post": true, "post-weblog": true, "dataset": true, "software": true}

// archiveName gives « Archives départementales du Pas-de-Calais (Arras) »;
// the place is left out when the archive's name already says it
// (« Archives municipales de Boulogne-sur-Mer »).
func archiveName(s *model.Source) string {
	name := s.Archive
	if s.ArchivePlace != "" && !strings.Contains(strings.ToLower(name), strings.ToLower(s.ArchivePlace)) {
		if name == "" {
			return s.ArchivePlace
		}
		name += " (" + s.ArchivePlace + ")"
	}
	return name
}

// entryOptions say which variant of a full reference is wanted.
type entryOptions struct {
	// bibliography selects the bibliography's name form and et-al limits,
	// and adds the page range of a part of a publication.
	bibliography bool
	// dateAfterAuthor moves the year after the author (the author-date
	// bibliography): « DUPONT Marie, 1998, *Titre* », « Dupont, Marie
	// (1998), *Title* ».
	dateAfterAuthor bool
	// locator is the place cited (« p. 515 »): it replaces the page range
	// and comes before the URL or DOI, which end the reference.
	locator string
	// substitute replaces the names of an entry whose authors are those
	// of the entry before it (the 3-em dash of a bibliography).
	substitute string
	// grouped leaves out the archive and the fonds of an archive
	// document, which the bibliography's headings already give.
	grouped bool
}

// full formats a source's complete reference, without final period.
func (f *formatter) full(s *model.Source, o entryOptions) []model.Inline {
	if isArchival(s) {
		return f.archival(s, o)
	}
	form := formNote
	if o.bibliography {
		form = formSort
	}
	var pieces, online [][]model.Inline
	auth := f.authorsText(s, form, o.bibliography)
	if auth != "" && o.substitute != "" {
		auth = o.substitute
		if len(s.Authors) == 0 {
			auth += " " + f.editedLabel(s.Editors)
		}
	}
	// The letter that tells apart two works of an author and year in the
	// author-date style goes wherever the year is printed (a credit line
	// included), so that the reader finds the work the text cites.
	suffix := f.yearSuffix[s.Key]
	dateText := f.date(s.Issued) + suffix
	title := f.title(s, false)
	orig, by := f.translation(s)
	if len(orig) > 0 {
		title = concat(title, txt(" "), orig)
	}
	whole := title
	lead := txt(auth)
	if auth == "" {
		lead, title = title, nil
	}
	if o.dateAfterAuthor {
		// « DUPONT Marie, 1998, *Titre* » (French social sciences),
		// « Dupont, Marie (1998), *Title* » (Harvard).
		y := f.year(s.Issued) + suffix
		if f.t.French {
			lead = join(", ", lead, txt(y))
		} else {
			lead = concat(lead, txt(" ("+y+")"))
		}
		dateText = ""
		// A full date still matters for newspapers and web pages.
		if (s.Type == "article-newspaper" || webTypes[s.Type]) && len(s.Issued.Parts) > 0 && s.Issued.Parts[0][1] != 0 {
			dateText = f.date(s.Issued)
		}
	}
	if o.dateAfterAuthor && f.bodyLabel(s) {
		// An unsigned newspaper article is listed under the newspaper, as
		// it is cited: « *La Voix du Nord*, 23 septembre 1944, « Titre » ».
		return join(", ", f.label(s), txt(f.date(s.Issued)+suffix), whole, by, f.pages(s),
			join(", ", f.onlinePieces(s, false)...))
	}
	pieces = append(pieces, lead, title, by)
	partPages := func() {
		if o.bibliography || o.locator == "" {
			pieces = append(pieces, f.pages(s))
		}
	}
	switch s.Type {
	case "chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference":
		pieces = append(pieces, f.container(s, o.bibliography))
		pieces = append(pieces, f.volume(s))
		if s.Edition != "" {
			pieces = append(pieces, txt(f.edition(s.Edition)))
		}
		pieces = append(pieces, f.publication(s)...)
		pieces = append(pieces, f.series(s), txt(dateText))
		partPages()
	case "article", "article-journal", "article-magazine", "review", "review-book":
		if s.ContainerTitle != "" {
			pieces = append(pieces, italic(f.langWrap(s, s.ContainerTitle)...))
		}
		pieces = append(pieces, f.volume(s))
		if s.Issue != "" {
			pieces = append(pieces, txt(f.t.Issue+" "+s.Issue))
		}
		pieces = append(pieces, txt(dateText))
		partPages()
		online = f.onlinePieces(s, s.ContainerTitle == "")
	case "article-newspaper":
		if s.ContainerTitle != "" {
			pieces = append(pieces, italic(f.langWrap(s, s.ContainerTitle)...))
		}
		pieces = append(pieces, txt(dateText))
		partPages()
		online = f.onlinePieces(s, false)
	case "webpage", "post", "post-weblog":
		if s.ContainerTitle != "" {
			pieces = append(pieces, italic(f.langWrap(s, s.ContainerTitle)...))
		}
		if len(s.Issued.Parts) > 0 || s.Issued.Literal != "" {
			pieces = append(pieces, txt(dateText))
		}
		online = f.onlinePieces(s, true)
	case "interview", "personal_communication":
		switch {
		case len(s.Interviewers) > 0:
			pieces = append(pieces, txt(f.t.InterviewBy+" "+f.naturalNames(s.Interviewers)))
		case s.Title == "" && auth != "":
			pieces = append(pieces, txt(f.t.Interview))
		}
		pieces = append(pieces, txt(s.Genre), txt(s.Medium), txt(s.PublisherPlace), txt(dateText))
		online = f.onlinePieces(s, true)
	case "thesis":
		pieces = append(pieces, txt(s.Genre), txt(s.Publisher), txt(s.PublisherPlace), txt(dateText))
	default:
		if s.Edition != "" {
			pieces = append(pieces, txt(f.edition(s.Edition)))
		}
		pieces = append(pieces, f.volume(s))
		if s.Type == "graphic" || s.Type == "map" || s.Type == "motion_picture" {
			pieces = append(pieces, txt(s.Medium))
		}
		pieces = append(pieces, f.publication(s)...)
		pieces = append(pieces, f.series(s), txt(dateText))
		online = f.onlinePieces(s, webTypes[s.Type])
	}
	// The place cited belongs to the work; the address that finds the
	// work comes last (« 2004, p. 515, https://doi.org/… »).
	pieces = append(pieces, txt(o.locator))
	pieces = append(pieces, online...)
	return join(", ", pieces...)
}

// container gives the book holding a chapter, with its editors or its
// author: French « dans LEMAIRE Anne et PETIT Luc (dir.), *Titre* »,
// English “in *Title*, ed. Anne Lemaire and Luc Petit”, and « dans
// BLOCH Marc, *Titre* » for a chapter of a book by one author (left out
// when the chapter's author wrote the book).
func (f *formatter) container(s *model.Source, bib bool) []model.Inline {
	if s.ContainerTitle == "" {
		return nil
	}
	book := italic(f.langWrap(s, s.ContainerTitle)...)
	var in []model.Inline
	switch {
	case len(s.Editors) > 0 && len(s.Authors) > 0 && f.t.EditedBy != "":
		in = join(", ", book, txt(f.t.EditedBy+" "+f.names(s.Editors, formNote, bib)))
	case len(s.Editors) > 0 && len(s.Authors) > 0:
		in = join(", ", txt(f.names(s.Editors, formNote, bib)+" "+f.editedLabel(s.Editors)), book)
	case len(s.ContainerAuthors) > 0 && !sameNames(s.ContainerAuthors, s.Authors):
		in = join(", ", txt(f.names(s.ContainerAuthors, formNote, bib)), book)
	default:
		in = book
	}
	return concat(txt(f.t.In+" "), in)
}

func (f *formatter) volume(s *model.Source) []model.Inline {
	if s.Volume == "" {
		return nil
	}
	return txt(f.locatorText(locator{kind: "volume", value: s.Volume}))
}

// archival formats an archive document: the archive first, then the fonds,
// the « cote », the author, the title, the kind of document and the date:
// « Archives départementales du Pas-de-Calais (Arras), 3 Fi 1234, *Plan…*,
// octobre 1944 ». In an author-date bibliography a document with an
// author is filed under that author and year, as the text cites it:
// « WRIGHT John, 1945, « Rapport… », …, Archives nationales, F/1cIII/1152 ».
// A bibliography grouped by repository and fonds leaves them out, as its
// headings give them.
func (f *formatter) archival(s *model.Source, o entryOptions) []model.Inline {
	form := formNote
	if o.bibliography {
		form = formSort
	}
	kind := s.Medium
	if kind == "" {
		kind = s.Genre
	}
	where := [][]model.Inline{txt(archiveName(s)), txt(s.ArchiveCollection), txt(s.ArchiveLocation)}
	if o.grouped {
		where = [][]model.Inline{txt(s.ArchiveLocation)}
	}
	title := f.title(s, false)
	orig, by := f.translation(s)
	if len(orig) > 0 {
		title = concat(title, txt(" "), orig)
	}
	auth := f.authorsText(s, form, o.bibliography)
	if o.dateAfterAuthor && auth != "" {
		if o.substitute != "" {
			auth = o.substitute
			if len(s.Authors) == 0 {
				auth += " " + f.editedLabel(s.Editors)
			}
		}
		y := f.year(s.Issued) + f.yearSuffix[s.Key]
		lead := txt(auth + ", " + y)
		if !f.t.French {
			lead = txt(auth + " (" + y + ")")
		}
		var date []model.Inline
		if len(s.Issued.Parts) > 0 && s.Issued.Parts[0][1] != 0 {
			date = txt(f.date(s.Issued))
		}
		pieces := [][]model.Inline{lead, title, by, txt(kind), date}
		return join(", ", append(pieces, where...)...)
	}
	pieces := append(where, txt(auth), title, by, txt(kind), txt(f.date(s.Issued)+f.yearSuffix[s.Key]), txt(o.locator))
	return join(", ", pieces...)
}

// short formats the shortened reference of a repeated note: « DUPONT,
// *Histoire de Boulogne*, op. cit. », « MARTIN, « Les ports », art. cit. »,
// « Archives départementales du Pas-de-Calais, 3 Fi 1234 ».
func (f *formatter) short(s *model.Source) []model.Inline {
	if isArchival(s) {
		second := txt(s.ArchiveLocation)
		if s.ArchiveLocation == "" {
			second = f.title(s, true)
		}
		return join(", ", txt(s.Archive), second)
	}
	var ins []model.Inline
	if len(s.Authors) > 0 {
		ins = txt(f.names(s.Authors, formShort, false))
	} else if len(s.Editors) > 0 {
		ins = txt(f.names(s.Editors, formShort, false))
	}
	ins = join(", ", ins, f.title(s, true))
	if !f.t.French {
		return ins
	}
	cit := f.t.OpCit
	if !italicTitle[s.Type] && s.Type != "webpage" && s.Type != "interview" && f.t.ArtCit != "" {
		cit = f.t.ArtCit
	}
	return join(", ", ins, italic(txt(cit)...))
}

// ibid is « Ibid. » (in italics in French, as a Latin word).
func (f *formatter) ibid(capital bool) []model.Inline {
	word := f.t.Ibid
	if !capital {
		r := []rune(word)
		r[0] = unicode.ToLower(r[0])
		word = string(r)
	}
	if f.t.French {
		return italic(txt(word)...)
	}
	return txt(word)
}

// label is what an author-date citation names: the authors' family
// names, else the editors', else the archive, else the short title.
func (f *formatter) label(s *model.Source) []model.Inline {
	switch {
	case len(s.Authors) > 0:
		return txt(f.names(s.Authors, formShort, false))
	case len(s.Editors) > 0:
		return txt(f.names(s.Editors, formShort, false))
	case isArchival(s) && s.Archive != "":
		return txt(s.Archive)
	case s.Type == "article-newspaper" && s.ContainerTitle != "":
		return italic(f.langWrap(s, s.ContainerTitle)...)
	}
	return f.title(s, true)
}

// credit formats a figure's credit line from its source: the exact line
// the archive asks for when the source gives one; « © Archive, fonds,
// cote » for an archive document; « Source : » and the full reference for
// a published work.
func (f *formatter) credit(s *model.Source) []model.Inline {
	switch {
	case s.Credit != "":
		return txt(s.Credit)
	case isArchival(s) && s.Archive != "":
		return join(", ", txt("© "+s.Archive), txt(s.ArchiveCollection), txt(s.ArchiveLocation))
	}
	colon := ": "
	if f.t.French {
		colon = " : "
	}
	return concat(txt(f.t.CreditSource+colon), f.full(s, entryOptions{}))
}
