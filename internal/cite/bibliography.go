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
				a.ds.ErrorCodef("unknown-source", fig.Pos, "figure %q: unknown source %q", fig.ID, fig.CreditSource)
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
// editors, else the title), the date and the title for the others and for
// an archive document with an author in the author-date style, which is
// filed under its author as the text cites it.
func (f *formatter) sortKey(s *model.Source) string {
	if f.authorDate && f.bodyLabel(s) && !isArchival(s) {
		return model.PlainText(f.label(s)) + " " + datePrefix(s.Issued) + " " + s.Title
	}
	if isArchival(s) && !(f.authorDate && sortName(s.Authors) != "") {
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
// When the book asks for it (citation: group-archives), the archive
// documents are listed under their repository and fonds.
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
		a.f.sortSources(col, list)
		if g == 0 && a.f.opts.GroupArchives {
			a.book.Bibliography = append(a.book.Bibliography, a.archiveGroups(col, list)...)
			continue
		}
		a.book.Bibliography = append(a.book.Bibliography,
			model.BibliographyGroup{Title: titles[g], Entries: a.entries(list, false)})
	}
}

// sortSources sorts sources on their sort keys with the collator, then on
// their ids.
func (f *formatter) sortSources(col *collate.Collator, list []*model.Source) {
	keys := map[*model.Source]string{}
	for _, s := range list {
		keys[s] = f.sortKey(s)
	}
	sort.SliceStable(list, func(i, j int) bool {
		if c := col.CompareString(keys[list[i]], keys[list[j]]); c != 0 {
			return c < 0
		}
		return list[i].Key < list[j].Key
	})
}

// archiveGroups lists archive documents under « Sources manuscrites »
// by repository (« Archives nationales (Pierrefitte-sur-Seine) ») and,
// within it, by fonds, each list in the order of the cotes. Manuscripts
// held by no archive come first, under the group's title; documents
// without a fonds come first in their repository.
func (a *applier) archiveGroups(col *collate.Collator, list []*model.Source) []model.BibliographyGroup {
	byCote := func(l []*model.Source) []*model.Source {
		sort.SliceStable(l, func(i, j int) bool {
			ki := l[i].ArchiveLocation + " " + l[i].Title
			kj := l[j].ArchiveLocation + " " + l[j].Title
			return col.CompareString(ki, kj) < 0
		})
		return l
	}
	var repos []string
	byRepo := map[string][]*model.Source{}
	for _, s := range list {
		r := archiveName(s)
		if _, ok := byRepo[r]; !ok && r != "" {
			repos = append(repos, r)
		}
		byRepo[r] = append(byRepo[r], s)
	}
	sort.SliceStable(repos, func(i, j int) bool { return col.CompareString(repos[i], repos[j]) < 0 })
	// Manuscripts held by no archive keep the order of their authors.
	out := []model.BibliographyGroup{{Title: a.f.t.ManuscriptSources, Entries: a.entries(byRepo[""], false)}}
	for _, r := range repos {
		var loose []*model.Source
		var fonds []string
		byFonds := map[string][]*model.Source{}
		for _, s := range byRepo[r] {
			if s.ArchiveCollection == "" {
				loose = append(loose, s)
				continue
			}
			if _, ok := byFonds[s.ArchiveCollection]; !ok {
				fonds = append(fonds, s.ArchiveCollection)
			}
			byFonds[s.ArchiveCollection] = append(byFonds[s.ArchiveCollection], s)
		}
		sort.SliceStable(fonds, func(i, j int) bool { return col.CompareString(fonds[i], fonds[j]) < 0 })
		out = append(out, model.BibliographyGroup{Title: r, Level: 1, Entries: a.entries(byCote(loose), true)})
		for _, fd := range fonds {
			out = append(out, model.BibliographyGroup{Title: fd, Level: 2, Entries: a.entries(byCote(byFonds[fd]), true)})
		}
	}
	return out
}

// entries formats sorted sources as bibliography entries. An entry whose
// authors are those of the entry before it gets the book's
// subsequent-author-substitute (the 3-em dash) instead of the names, when
// the book asks for one and the names lead the entry.
func (a *applier) entries(list []*model.Source, grouped bool) []model.BibliographyEntry {
	var out []model.BibliographyEntry
	prev := ""
	for _, s := range list {
		o := entryOptions{bibliography: true, dateAfterAuthor: a.f.authorDate, grouped: grouped}
		h := ""
		if !isArchival(s) || a.f.authorDate {
			h = heads(s)
		}
		if h != "" && h == prev && a.f.opts.SubsequentAuthorSubstitute != "" {
			o.substitute = a.f.opts.SubsequentAuthorSubstitute
		}
		prev = h
		ins := a.f.full(s, o)
		out = append(out, model.BibliographyEntry{Key: s.Key, Inlines: endSentence(ins)})
	}
	return out
}
