// Package index builds the book's indexes (names, places, subjects) from
// the terms the author marked in the text, as one model that both
// renderers print: entries sorted by the book's language, grouped by
// their first letter, with sub-entries, "see" and "see also", and the
// anchors of every marked place. It also merges printed page numbers
// into ranges (12–14).
package index

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/publish-books/publish/internal/model"
)

// Build gives every index term of the book an anchor id (when the author
// wrote none) and fills b.Indexes, one index per name used, in the order
// of model.IndexNames. A "see" or "see also" that names no entry of the
// same index is a warning at the term.
func Build(b *model.Book, ds *model.Diagnostics) {
	b.Indexes = nil
	type mark struct {
		span    *model.Span
		chapter string
	}
	byIndex := map[string][]mark{}
	for _, ch := range b.Chapters {
		model.Walk(ch, func(n model.Node, entering bool) model.WalkStatus {
			if sp, ok := n.(*model.Span); ok && entering && sp.Index != nil {
				if sp.ID == "" {
					sp.ID = b.Register().Mint("ix-" + ch.ID)
				}
				byIndex[sp.Index.Index] = append(byIndex[sp.Index.Index], mark{sp, ch.ID})
			}
			return model.WalkContinue
		})
	}
	col := newCollator(b.Meta.Language)
	for _, name := range model.IndexNames() {
		marks := byIndex[name]
		if len(marks) == 0 {
			continue
		}
		root := &model.IndexEntry{}
		for _, m := range marks {
			e := root
			for _, t := range terms(m.span) {
				e = child(e, t)
			}
			im := m.span.Index
			if im.See != "" {
				e.See = appendNew(e.See, im.See)
			} else {
				e.Occurrences = append(e.Occurrences, model.IndexOccurrence{ID: m.span.ID, Chapter: m.chapter})
			}
			for _, s := range im.SeeAlso {
				e.SeeAlso = appendNew(e.SeeAlso, s)
			}
		}
		sortEntries(col, root.Sub)
		ix := &model.Index{Name: name, Groups: group(root.Sub)}
		checkSee(ix, root, marks2spans(marks, func(m mark) *model.Span { return m.span }), ds)
		b.Indexes = append(b.Indexes, ix)
	}
}

func marks2spans[T any](ms []T, f func(T) *model.Span) []*model.Span {
	out := make([]*model.Span, len(ms))
	for i, m := range ms {
		out[i] = f(m)
	}
	return out
}

// terms returns the headings of a marked term, outermost first: its
// term= levels, or its text.
func terms(sp *model.Span) []string {
	if len(sp.Index.Terms) > 0 {
		return sp.Index.Terms
	}
	return []string{Clean(model.PlainText(sp.Children))}
}

// Clean trims a term and joins its words with single spaces (a term
// broken across manuscript lines is one term).
func Clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func child(e *model.IndexEntry, term string) *model.IndexEntry {
	for _, c := range e.Sub {
		if c.Term == term {
			return c
		}
	}
	c := &model.IndexEntry{Term: term}
	e.Sub = append(e.Sub, c)
	return c
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func newCollator(lang string) *collate.Collator {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	return collate.New(tag, collate.Numeric)
}

// sortEntries sorts entries and their sub-entries by the collation of the
// book's language; equal keys keep their order of first use.
func sortEntries(col *collate.Collator, es []*model.IndexEntry) {
	sort.SliceStable(es, func(i, j int) bool { return col.CompareString(es[i].Term, es[j].Term) < 0 })
	for _, e := range es {
		sortEntries(col, e.Sub)
	}
}

// Letter returns the letter group of a term: its first letter without
// accents, in capitals (« Éperlecques » under E); "" for a term that
// starts with a digit or a sign.
func Letter(term string) string {
	for _, r := range norm.NFD.String(term) {
		if unicode.IsLetter(r) {
			return string(unicode.ToUpper(r))
		}
		if unicode.IsDigit(r) || !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			return ""
		}
	}
	return ""
}

func group(es []*model.IndexEntry) []model.IndexGroup {
	var out []model.IndexGroup
	for _, e := range es {
		l := Letter(e.Term)
		if len(out) == 0 || out[len(out)-1].Letter != l {
			out = append(out, model.IndexGroup{Letter: l})
		}
		g := &out[len(out)-1]
		g.Entries = append(g.Entries, e)
	}
	return out
}

// checkSee warns at a term whose "see" or "see also" names no heading of
// its index: the reader would look for it in vain.
func checkSee(ix *model.Index, root *model.IndexEntry, spans []*model.Span, ds *model.Diagnostics) {
	known := map[string]bool{}
	var walk func(es []*model.IndexEntry, prefix string)
	walk = func(es []*model.IndexEntry, prefix string) {
		for _, e := range es {
			known[prefix+e.Term] = true
			walk(e.Sub, prefix+e.Term+"!")
		}
	}
	walk(root.Sub, "")
	for _, sp := range spans {
		targets := append([]string{}, sp.Index.SeeAlso...)
		if sp.Index.See != "" {
			targets = append(targets, sp.Index.See)
		}
		for _, t := range targets {
			if !known[t] {
				ds.Warnf(sp.Pos, "index term sends the reader to %q, which is no entry of %s: mark that term too, or correct the name", t, describe(ix.Name))
			}
		}
	}
}

func describe(name string) string {
	if name == "" {
		return "the index"
	}
	return "the index of " + name
}

// Pages returns the page labels of an entry's occurrences, each page
// once, in reading order, with runs of consecutive arabic page numbers
// merged into ranges joined by dash ("12–14"); pageOf gives an
// occurrence's page label ("" when it is unknown, then left out).
func Pages(occ []model.IndexOccurrence, pageOf func(id string) string, dash string) []string {
	var labels []string
	seen := map[string]bool{}
	for _, o := range occ {
		l := pageOf(o.ID)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		labels = append(labels, l)
	}
	return MergeRanges(labels, dash)
}

// MergeRanges merges runs of consecutive arabic numbers in labels (12,
// 13, 14) into one range ("12–14"); other labels (roman folios) stay as
// they are. Labels keep their order.
func MergeRanges(labels []string, dash string) []string {
	var out []string
	for i := 0; i < len(labels); {
		n, err := strconv.Atoi(labels[i])
		j := i + 1
		if err == nil {
			for j < len(labels) {
				m, err := strconv.Atoi(labels[j])
				if err != nil || m != n+(j-i) {
					break
				}
				j++
			}
		}
		if j-i >= 2 {
			out = append(out, labels[i]+dash+labels[j-1])
		} else {
			out = append(out, labels[i])
		}
		i = j
	}
	return out
}

// Capitalise returns s with its first letter in capitals (« Voir
// aussi » after a full stop).
func Capitalise(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
