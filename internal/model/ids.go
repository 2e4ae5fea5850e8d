package model

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// IDs is the book's one register of identifiers. The manuscript reader
// reserves the ids the author wrote ({#id}, id="…" in raw HTML) first;
// every automatic id (chapters, headings, figures, notes, note calls,
// page breaks, generated pages, bibliography entries) is then minted by
// Mint, which adds a suffix rather than clash. No other place formats an
// id, so no two elements of the book can share one. It is safe for
// concurrent use.
type IDs struct {
	mu    sync.Mutex
	taken map[string]idUse
}

type idUse struct {
	pos      Position
	explicit bool
}

// NewIDs returns an empty register.
func NewIDs() *IDs { return &IDs{taken: map[string]idUse{}} }

// Reserve records an id written in the manuscript at pos. When the id is
// already reserved, it returns false and the position of the first use:
// two equal explicit ids are an error at both places.
func (r *IDs) Reserve(id string, pos Position) (first Position, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if u, dup := r.taken[id]; dup {
		return u.pos, false
	}
	r.taken[id] = idUse{pos: pos, explicit: true}
	return Position{}, true
}

// Mint returns a new id made from base: base itself made a valid XHTML id
// (letters, digits, '-', '_' and '.', starting with a letter) when it is
// free, else base-1, base-2 … as pandoc numbers repeated headings. The id
// is recorded as taken.
func (r *IDs) Mint(base string) string {
	base = CleanID(base)
	r.mu.Lock()
	defer r.mu.Unlock()
	id := base
	for n := 1; ; n++ {
		if _, dup := r.taken[id]; !dup {
			break
		}
		id = base + "-" + strconv.Itoa(n)
	}
	r.taken[id] = idUse{}
	return id
}

// Taken reports whether id is reserved or minted.
func (r *IDs) Taken(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.taken[id]
	return ok
}

// Explicit reports whether id was written in the manuscript, and where.
func (r *IDs) Explicit(id string) (Position, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, ok := r.taken[id]
	return u.pos, ok && u.explicit
}

// CleanID turns s into a valid XHTML id for an automatic id: characters
// other than letters, digits, combining marks, '-', '_' and '.' become
// '-', and an id that does not start with a letter gets the prefix "id-".
func CleanID(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' || c == '_' || c == '.':
			b.WriteRune(c)
		case unicode.Is(unicode.Mn, c) && b.Len() > 0:
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	out := b.String()
	if r, _ := utf8.DecodeRuneInString(out); out == "" || !unicode.IsLetter(r) {
		out = "id-" + out
	}
	return out
}

// MintNoteIDs gives every note of the book, numbered, an id and its call
// an id ("note-<chapter>-<n>", "ref-note-<chapter>-<n>"), in reading
// order. The preparation pass calls it once the citation pass has made
// and numbered the notes.
func (b *Book) MintNoteIDs() {
	r := b.Register()
	for _, ch := range b.Chapters {
		for _, n := range ch.Notes {
			if n.ID == "" {
				n.ID = r.Mint("note-" + ch.ID + "-" + strconv.Itoa(n.Number))
			}
			if n.RefID == "" {
				n.RefID = r.Mint("ref-" + n.ID)
			}
		}
	}
}

// MintBibliographyIDs gives every bibliography entry an id ("bib-<key>").
func (b *Book) MintBibliographyIDs() {
	r := b.Register()
	for gi := range b.Bibliography {
		for ei := range b.Bibliography[gi].Entries {
			e := &b.Bibliography[gi].Entries[ei]
			if e.ID == "" {
				e.ID = r.Mint("bib-" + e.Key)
			}
		}
	}
}

// MintIDs gives each page start an id for its page-break marker
// ("page-<label>").
func (p *Pagination) MintIDs(r *IDs) {
	for i := range p.Pages {
		if p.Pages[i].ID == "" {
			p.Pages[i].ID = r.Mint("page-" + p.Pages[i].Label)
		}
	}
}
