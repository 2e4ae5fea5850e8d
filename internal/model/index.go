package model

// IndexMark is what the author wrote on an index term in the text
// ([général Heim]{.index term="Heim, Ferdinand" index=names}).
type IndexMark struct {
	// Index names the index the term belongs to: "" for the book's
	// general index, or names, places, subjects.
	Index string
	// Terms is the entry's heading and its sub-entries, outermost first
	// (term="Calais!port" gives "Calais", "port"); by default the span's
	// text.
	Terms []string
	// See sends the reader to another heading instead of a page (« voir
	// Forteresse »); an occurrence with See gives no page number.
	See string
	// SeeAlso lists headings to look at as well (« voir aussi … »).
	SeeAlso []string
}

// The index names an author may choose (index=… on an index term).
const (
	GeneralIndex  = ""
	NamesIndex    = "names"
	PlacesIndex   = "places"
	SubjectsIndex = "subjects"
)

// IndexNames lists the indexes a term may belong to, in the order the
// book prints them.
func IndexNames() []string {
	return []string{GeneralIndex, NamesIndex, PlacesIndex, SubjectsIndex}
}

// Index is one index of the book, built from the terms marked in the
// text: its entries sorted by the book's language and grouped by their
// initial letter. Both renderers print it from this one model.
type Index struct {
	// Name is the index's name (see IndexNames).
	Name   string
	Groups []IndexGroup
}

// IndexGroup holds the entries that start with one letter.
type IndexGroup struct {
	Letter  string
	Entries []*IndexEntry
}

// IndexEntry is one heading of an index, with the places it is found,
// its cross-references and its sub-entries (sorted).
type IndexEntry struct {
	Term string
	// Occurrences are the marked places in reading order.
	Occurrences []IndexOccurrence
	// See and SeeAlso are the headings the entry sends the reader to.
	See     []string
	SeeAlso []string
	Sub     []*IndexEntry
}

// IndexOccurrence is one marked place of a term: the id of the span
// that marks it and the chapter holding it.
type IndexOccurrence struct {
	ID      string
	Chapter string
}
