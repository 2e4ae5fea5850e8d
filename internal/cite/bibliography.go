package cite

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/publish-books/publish/internal/model"
)

// newCollator sorts as the book's language does (« Éluard » with « Eluard »,
// « Œuvres » as « Oeuvres »), numbers by value (« 3 Fi 99 » before « 3 Fi
// 1234 »).
func newCollator(lang string) *collate.Collator {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	return collate.New(tag, collate.Numeric)
}

// credits formats every figure's credit line.
func (a *applier) credits() {
	for _, fig := range a.book.Figures {
		fig.Credit = nil
		switch {
		case fig.CreditText != "":
			fig.Credit = txt(fig.CreditText)
		case fig.CreditSource != "":
			s := a.book.Sources[fig.CreditSource]
			if s == nil {
				a.ds.Errorf(fig.Pos, "figure %q: unknown source %q", fig.ID, fig.CreditSource)
				continue
			}
			a.used[s.Key] = true
			fig.Credit = a.f.credit(s)
		}
	}
}

// group is the bibliography group a source belongs to.
func group(s *model.Source) int {
	switch {
	case isArchival(s):
		return 0
	case printedTypes[s.Type]:
		return 1
	}
	return 2
}

// sortKey is the text a bibliography entry sorts on: the archive, its
// fonds, the cote and the title for archive documents; the authors (or
// editors, else the title), the date and the title for the others.
func (f *formatter) sortKey(s *model.Source) string {
	if f.authorDate && f.bodyLabel(s) && !isArchival(s) {
		return model.PlainText(f.label(s)) + " " + datePrefix(s.Issued) + " " + s.Title
	}
	if isArchival(s) {
		return strings.Join([]string{s.Archive, s.ArchivePlace, s.ArchiveCollection, s.ArchiveLocation, s.Title}, " ")
	}
	who := sortName(s.Authors)
	if who == "" {
		who = sortName(s.Editors)
	}
	year := datePrefix(s.Issued)
	if who == "" {
		// An anonymous work sorts on its title.
		return strings.TrimSpace(s.Title + " " + year)
	}
	return strings.TrimSpace(who + " " + year + " " + s.Title)
}

// datePrefix writes a date's first point as sortable digits.
func datePrefix(d model.Date) string {
	if len(d.Parts) == 0 {
		return ""
	}
	p := d.Parts[0]
	return fmt.Sprintf("%04d%02d%02d", p[0], p[1], p[2])
}

// bibliography builds the book's bibliography from the sources cited in
// the text or named in a figure's credit, in three groups (archive
// documents, printed works, other sources), each sorted with the
// language's collation. A source never used is reported and left out.
func (a *applier) bibliography() {
	a.book.Bibliography = nil
	titles := [3]string{a.f.t.ArchivalSources, a.f.t.PrintedWorks, a.f.t.OtherSources}
	var groups [3][]*model.Source
	for _, k := range a.book.SourceKeys {
		s := a.book.Sources[k]
		if s == nil {
			continue
		}
		if !a.used[k] {
			a.ds.WarnCodef("source-unused", s.Pos,
				"source %q is never cited nor named as a figure's credit: it is left out of the bibliography", k)
			continue
		}
		g := group(s)
		groups[g] = append(groups[g], s)
	}
	col := newCollator(a.book.Meta.Language)
	for g, list := range groups {
		if len(list) == 0 {
			continue
		}
		keys := make([]string, len(list))
		for i, s := range list {
			keys[i] = a.f.sortKey(s)
		}
		idx := make([]int, len(list))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool {
			if c := col.CompareString(keys[idx[i]], keys[idx[j]]); c != 0 {
				return c < 0
			}
			return list[idx[i]].Key < list[idx[j]].Key
		})
		bg := model.BibliographyGroup{Title: titles[g]}
		for _, i := range idx {
			s := list[i]
			ins := a.f.full(s, entryOptions{bibliography: true, dateAfterAuthor: a.f.authorDate})
			bg.Entries = append(bg.Entries, model.BibliographyEntry{Key: s.Key, Inlines: endSentence(ins)})
		}
		a.book.Bibliography = append(a.book.Bibliography, bg)
	}
}
