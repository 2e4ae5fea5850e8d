package pdf

import (
	"sync"

	"github.com/publish-books/publish/internal/model"
)

// refPages knows the page labels of the last make-up, for the page
// numbers printed after cross-references (« fig. 2, p. 6 ») and in the
// indexes, and remembers which label each cross-reference printed, so
// that the make-up can tell when the pages have settled.
type refPages struct {
	mu sync.Mutex // the warmer sets paragraphs on another core
	// labels maps an anchor id (figure, heading, table, chapter) to its
	// page label; pag is the last pagination; spans locates the spans
	// with ids (index terms among them).
	labels map[string]string
	pag    *model.Pagination
	spans  map[string]model.Location
	// titleChapter maps a chapter's title id to the chapter's id.
	titleChapter map[string]string
	// used records the label each cross-reference was set with.
	used map[string]string
}

func newRefPages(b *model.Book) *refPages {
	r := &refPages{labels: map[string]string{}, spans: model.LocateSpans(b), titleChapter: map[string]string{}, used: map[string]string{}}
	for _, ch := range b.Chapters {
		if ch.TitleID != "" {
			r.titleChapter[ch.TitleID] = ch.ID
		}
	}
	return r
}

// refPlaceholder stands for a page number not yet known: about the width
// of the numbers of a short book.
const refPlaceholder = "00"

// page returns the page label of the element with the id, or "".
func (r *refPages) page(id string) string {
	if l, ok := r.labels[id]; ok {
		return l
	}
	if ch, ok := r.titleChapter[id]; ok {
		if l, ok := r.labels[ch]; ok {
			return l
		}
	}
	if loc, ok := r.spans[id]; ok && r.pag != nil {
		return r.pag.PageAt(loc)
	}
	return ""
}

// refText is what follows a cross-reference to id in print: « , p. 6 »,
// with a placeholder while the page is not known.
func (r *refPages) refText(id, pageWord string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.page(id)
	if l == "" {
		l = refPlaceholder
	}
	r.used[id] = l
	return ", " + pageWord + "\u00a0" + l
}

// update takes the labels of a new make-up and reports whether a
// cross-reference printed a page number that is now wrong (the chapters
// must be laid out again).
func (r *refPages) update(mk *makeup) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.labels, r.pag = mk.labels, mk.pagination
	changed := false
	for id, used := range r.used {
		if r.page(id) != used {
			changed = true
		}
	}
	return changed
}

// indexPage returns the page label of an index term's occurrence, or a
// placeholder while the pages are not known.
func (r *refPages) indexPage(id string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if l := r.page(id); l != "" {
		return l
	}
	if r.pag == nil {
		return refPlaceholder
	}
	return ""
}
