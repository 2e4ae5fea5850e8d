package cite

import (
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
}

func newFormatter(lang, style string) *formatter {
	primary := strings.ToLower(lang)
	if i := strings.IndexAny(primary, "-_"); i >= 0 {
		primary = primary[:i]
	}
	return &formatter{t: locale.For(lang), lang: primary, authorDate: style == "author-date",
		yearSuffix: map[string]string{}, archiveByTitle: map[string]bool{}}
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
	if f.t.French {
		return concat(txt("« "), ins, txt(" »"))
	}
	return concat(txt("“"), ins, txt("”"))
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
// editors followed by « (dir.) ».
func (f *formatter) authorsText(s *model.Source, form nameForm) string {
	if len(s.Authors) > 0 {
		return f.names(s.Authors, form)
	}
	if len(s.Editors) > 0 {
		return f.names(s.Editors, form) + " " + f.editedLabel(s.Editors)
	}
	return ""
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
	if f.t.French {
		if n == 1 {
			return "1re " + f.t.Edition
		}
		return strconv.Itoa(n) + "e " + f.t.Edition
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
			return f.t.Pages + " " + l.value
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
	return label + " " + l.value
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
	// bibliography selects the bibliography's name form and adds the
	// page range of a part of a publication.
	bibliography bool
	// dateAfterAuthor moves the year after the author (the author-date
	// bibliography): « DUPONT Marie, 1998, *Titre* », « Dupont, Marie
	// (1998), *Title* ».
	dateAfterAuthor bool
	// hasLocator drops the page range, which the locator replaces.
	hasLocator bool
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
	var pieces [][]model.Inline
	auth := f.authorsText(s, form)
	dateText := f.date(s.Issued)
	title := f.title(s, false)
	lead := txt(auth)
	if auth == "" {
		lead, title = title, nil
	}
	if o.dateAfterAuthor {
		// « DUPONT Marie, 1998, *Titre* » (French social sciences),
		// « Dupont, Marie (1998), *Title* » (Harvard).
		y := f.year(s.Issued) + f.yearSuffix[s.Key]
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
		return join(", ", f.label(s), txt(f.date(s.Issued)), f.title(s, false), f.pages(s))
	}
	pieces = append(pieces, lead, title)
	switch s.Type {
	case "chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference":
		var in []model.Inline
		if len(s.Editors) > 0 && len(s.Authors) > 0 {
			in = txt(f.names(s.Editors, formNote) + " " + f.editedLabel(s.Editors))
		}
		in = join(", ", in, italic(f.langWrap(s, s.ContainerTitle)...))
		if s.ContainerTitle == "" {
			in = nil
		}
		if len(in) > 0 {
			pieces = append(pieces, concat(txt(f.t.In+" "), in))
		}
		pieces = append(pieces, f.volume(s))
		if s.Edition != "" {
			pieces = append(pieces, txt(f.edition(s.Edition)))
		}
		pieces = append(pieces, f.publication(s)...)
		pieces = append(pieces, f.series(s), txt(dateText))
		if o.bibliography || !o.hasLocator {
			pieces = append(pieces, f.pages(s))
		}
	case "article", "article-journal", "article-magazine", "review", "review-book":
		if s.ContainerTitle != "" {
			pieces = append(pieces, italic(f.langWrap(s, s.ContainerTitle)...))
		}
		pieces = append(pieces, f.volume(s))
		if s.Issue != "" {
			pieces = append(pieces, txt(f.t.Issue+" "+s.Issue))
		}
		pieces = append(pieces, txt(dateText))
		if o.bibliography || !o.hasLocator {
			pieces = append(pieces, f.pages(s))
		}
		pieces = append(pieces, f.onlinePieces(s, s.ContainerTitle == "")...)
	case "article-newspaper":
		if s.ContainerTitle != "" {
			pieces = append(pieces, italic(f.langWrap(s, s.ContainerTitle)...))
		}
		pieces = append(pieces, txt(dateText))
		if o.bibliography || !o.hasLocator {
			pieces = append(pieces, f.pages(s))
		}
		pieces = append(pieces, f.onlinePieces(s, false)...)
	case "webpage", "post", "post-weblog":
		if s.ContainerTitle != "" {
			pieces = append(pieces, italic(f.langWrap(s, s.ContainerTitle)...))
		}
		if len(s.Issued.Parts) > 0 || s.Issued.Literal != "" {
			pieces = append(pieces, txt(dateText))
		}
		pieces = append(pieces, f.onlinePieces(s, true)...)
	case "interview", "personal_communication":
		switch {
		case len(s.Interviewers) > 0:
			pieces = append(pieces, txt(f.t.InterviewBy+" "+f.naturalNames(s.Interviewers)))
		case s.Title == "" && auth != "":
			pieces = append(pieces, txt(f.t.Interview))
		}
		pieces = append(pieces, txt(s.Genre), txt(s.Medium), txt(s.PublisherPlace), txt(dateText))
		pieces = append(pieces, f.onlinePieces(s, true)...)
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
		pieces = append(pieces, f.onlinePieces(s, webTypes[s.Type])...)
	}
	return join(", ", pieces...)
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
// octobre 1944 ».
func (f *formatter) archival(s *model.Source, o entryOptions) []model.Inline {
	form := formNote
	if o.bibliography {
		form = formSort
	}
	kind := s.Medium
	if kind == "" {
		kind = s.Genre
	}
	return join(", ",
		txt(archiveName(s)),
		txt(s.ArchiveCollection),
		txt(s.ArchiveLocation),
		txt(f.authorsText(s, form)),
		f.title(s, false),
		txt(kind),
		txt(f.date(s.Issued)),
	)
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
		ins = txt(f.names(s.Authors, formShort))
	} else if len(s.Editors) > 0 {
		ins = txt(f.names(s.Editors, formShort))
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
		return txt(f.names(s.Authors, formShort))
	case len(s.Editors) > 0:
		return txt(f.names(s.Editors, formShort))
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
