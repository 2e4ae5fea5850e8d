package cite

import (
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// nameForm says how a person's name is written.
type nameForm int

const (
	// formNote is the form of a note: « DUPONT Marie » in French (the
	// usage of French history journals), « Marie Dupont » in English.
	formNote nameForm = iota
	// formSort is the form of a bibliography entry: « DUPONT Marie » in
	// French, « Dupont, Marie » in English (first name only).
	formSort
	// formShort is the family name alone: « DUPONT » in a French short
	// note, « Dupont » in English and in author-date citations.
	formShort
)

// name formats one name. Bodies (literal names) are written as given.
func (f *formatter) name(n model.Name, form nameForm, first bool) string {
	if n.Literal != "" {
		return n.Literal
	}
	family := n.Family
	if f.t.French && form != formShort {
		family = strings.ToUpper(family)
	}
	if f.t.French && form == formShort && !f.authorDate {
		family = strings.ToUpper(family)
	}
	given := strings.Join(strings.Fields(n.Given+" "+n.Particle), " ")
	switch {
	case form == formShort || given == "":
		return family
	case f.t.French:
		// DUPONT Marie, GAULLE Charles de.
		return family + " " + given
	case form == formSort && first:
		// Dupont, Marie; Gaulle, Charles de.
		return family + ", " + given
	}
	// Marie Dupont, Charles de Gaulle.
	return strings.Join(strings.Fields(n.Given+" "+n.Particle+" "+family), " ")
}

// names formats a list of names: « A, B et C »; more than three names
// give « A et al. » (ISO 690). In author-date citations, more than two
// names give « A et al. ». The book's citation options change these
// limits: from et-al-min names on, the first et-al-use-first are printed,
// then « et al. »; bib selects the bibliography's limits.
func (f *formatter) names(ns []model.Name, form nameForm, bib bool) string {
	min, first := 4, 1
	if form == formShort && f.authorDate {
		min = 3
	}
	o := f.opts
	lmin, lfirst := o.EtAlMin, o.EtAlUseFirst
	if bib {
		lmin, lfirst = o.BibliographyEtAlMin, o.BibliographyEtAlUseFirst
	}
	if lmin > 0 {
		min = lmin
	}
	if lfirst > 0 {
		first = lfirst
		if lmin == 0 && first >= min {
			// Only use-first given: shorten from the next name on.
			min = first + 1
		}
	}
	if len(ns) >= min && first < len(ns) {
		parts := make([]string, first)
		for i := range parts {
			parts[i] = f.name(ns[i], form, i == 0)
		}
		return strings.Join(parts, f.t.ListSeparator) + " " + f.t.EtAl
	}
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = f.name(n, form, i == 0)
	}
	return joinWords(parts, f.t.ListSeparator, f.t.LastSeparator)
}

// joinWords joins words as « A, B et C ».
func joinWords(parts []string, sep, last string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], sep) + last + parts[len(parts)-1]
}

// sortName is the text a person's name sorts on: family name first, the
// dropping particle left out (« Gaulle Charles »).
func sortName(ns []model.Name) string {
	var parts []string
	for _, n := range ns {
		if n.Literal != "" {
			parts = append(parts, n.Literal)
			continue
		}
		parts = append(parts, n.Family+" "+n.Given)
	}
	return strings.Join(parts, " ")
}

// naturalNames writes names as in a sentence, given name first and
// without capitals: « entretien réalisé par Jean Dupont ».
func (f *formatter) naturalNames(ns []model.Name) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		if n.Literal != "" {
			parts[i] = n.Literal
			continue
		}
		parts[i] = strings.Join(strings.Fields(n.Given+" "+n.Particle+" "+n.Family), " ")
	}
	return joinWords(parts, f.t.ListSeparator, f.t.LastSeparator)
}

// sameNames reports whether two lists name the same people in the same
// order.
func sameNames(a, b []model.Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
