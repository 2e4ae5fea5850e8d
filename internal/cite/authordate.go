package cite

import (
	"sort"

	"github.com/publish-books/publish/internal/model"
)

// parenthetical formats a citation in the author-date style: « (Dupont
// 1998, p. 12) », « (voir Dupont 1998 ; Martin 2001a) », and for an archive
// document « (Archives municipales de Boulogne-sur-Mer, s. d.) ».
func (f *formatter) parenthetical(items []item) []model.Inline {
	sep := "; "
	if f.t.French {
		sep = " ; "
	}
	var b builder
	b.text("(")
	for n, it := range items {
		if n > 0 {
			b.text(sep)
		}
		if it.prefix != "" {
			b.text(it.prefix + " ")
		}
		if it.src == nil {
			b.text(it.key)
			b.text(it.suffix)
			continue
		}
		year := f.year(it.src.Issued) + f.yearSuffix[it.key]
		switch {
		case it.suppressAuthor:
			b.text(year)
		case f.bodyLabel(it.src):
			// An archive is a body, not a person: a comma separates it
			// from the date, and the title tells its documents apart.
			b.add(f.label(it.src)...)
			b.text(", ")
			if it.src.Type == "article-newspaper" {
				year = f.date(it.src.Issued) + f.yearSuffix[it.key]
			}
			if f.archiveByTitle[it.key] {
				b.add(f.title(it.src, true)...)
				b.text(", ")
			}
			b.text(year)
		default:
			b.add(f.label(it.src)...)
			b.text(" " + year)
		}
		if !it.loc.isZero() {
			b.text(", " + f.locatorText(it.loc))
		}
		b.text(it.suffix)
	}
	b.text(")")
	return b.inlines()
}

// bodyLabel reports whether an author-date citation names a body rather
// than a person (an archive, a newspaper): a comma then separates it from
// the date, « (Archives municipales de Boulogne-sur-Mer, s. d.) », « (*La
// Voix du Nord*, 23 septembre 1944) ».
func (f *formatter) bodyLabel(s *model.Source) bool {
	if len(s.Authors) > 0 || len(s.Editors) > 0 {
		return false
	}
	return (isArchival(s) && s.Archive != "") || (s.Type == "article-newspaper" && s.ContainerTitle != "")
}

// disambiguate gives the letters a, b, c … to the years of cited works
// that would otherwise be cited alike (« Dupont 1998a », « Dupont 1998b »),
// in the order of the bibliography: by date (a month, a day), then title.
// Archive documents cited by the archive's name get no letter: their short
// title is shown instead.
func (a *applier) disambiguate() {
	cited := citedKeys(a.book)
	groups := map[string][]*model.Source{}
	var order []string
	for _, k := range a.book.SourceKeys {
		s := a.book.Sources[k]
		if s == nil || !cited[k] {
			continue
		}
		// Works are told apart as they are cited: by their label and year,
		// or their label and full date for an unsigned newspaper article.
		when := a.f.year(s.Issued)
		if s.Type == "article-newspaper" && a.f.bodyLabel(s) {
			when = a.f.date(s.Issued)
		}
		id := model.PlainText(a.f.label(s)) + "\x00" + when
		if _, ok := groups[id]; !ok {
			order = append(order, id)
		}
		groups[id] = append(groups[id], s)
	}
	col := newCollator(a.book.Meta.Language)
	for _, id := range order {
		g := groups[id]
		if len(g) < 2 {
			continue
		}
		// The order of the bibliography, which lists an author's works
		// by date then title: 1999a comes before 1999b there too.
		sort.SliceStable(g, func(i, j int) bool {
			if di, dj := datePrefix(g[i].Issued), datePrefix(g[j].Issued); di != dj {
				return di < dj
			}
			if c := col.CompareString(g[i].Title, g[j].Title); c != 0 {
				return c < 0
			}
			return g[i].Key < g[j].Key
		})
		for i, s := range g {
			if isArchival(s) && a.f.bodyLabel(s) {
				// An archive is cited by its name: its documents are
				// told apart by their short titles, not by letters.
				a.f.archiveByTitle[s.Key] = true
				continue
			}
			a.f.yearSuffix[s.Key] = suffixLetters(i)
		}
	}
}

// suffixLetters gives a, b, … z, aa, ab …
func suffixLetters(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return suffixLetters(i/26-1) + string(rune('a'+i%26))
}

// citedKeys lists the sources a book cites or credits.
func citedKeys(book *model.Book) map[string]bool {
	keys := map[string]bool{}
	model.WalkBook(book, func(n model.Node, entering bool) model.WalkStatus {
		if c, ok := n.(*model.Citation); ok && entering {
			for _, it := range c.Items {
				keys[it.Key] = true
			}
		}
		return model.WalkContinue
	})
	for _, f := range book.Figures {
		if f.CreditSource != "" {
			keys[f.CreditSource] = true
		}
	}
	return keys
}
