package pdf

import (
	"sync"

	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/typeset"

	"github.com/publish-books/publish/internal/model"
)

// Web addresses in print: a reader of the printed book cannot click a
// link, so the print edition prints where it goes, as layout/print.yaml's
// `links:` says. With "footnote" (the default) the address is a note at
// the foot of the page, called by a letter (a, b … z, aa …, counted per
// chapter) so that the author's notes keep in print the numbers they have
// in the EPUB; with "inline" it follows the link's text in parentheses;
// with "none" only the text is printed. A link whose text is its address
// is printed once, and internal links (#id) are not web addresses.
// Addresses are set as literal text: no hyphen is added and they break
// only after / . - _ = ? & # (typeset.Run.Literal).

// addressNotes holds the notes made for the links of a book whose
// addresses go to the foot of the page. It is made before the layout and
// only read during it (the warmer's goroutine reads it too).
type addressNotes struct {
	// mode is the layout's links setting.
	mode string
	// byLink is the note of each link; label is each note's call.
	byLink map[*model.Link]*model.Note
	label  map[*model.Note]string
	// byChapter lists each chapter's address notes in reading order.
	byChapter map[*model.Chapter][]*model.Note
	// widest caches widestLabel's result.
	widestOnce sync.Once
	widest     float64
}

// widestLabel returns the width of the widest address note label with
// its full stop, in face at size (the same for every call).
func (a *addressNotes) widestLabel(face *typeset.Face, size float64) float64 {
	a.widestOnce.Do(func() {
		for _, l := range a.label {
			a.widest = max(a.widest, face.Measure(l+".", size))
		}
	})
	return a.widest
}

// linkAddress returns the address a link's reader needs in print ("" for
// an internal link or one without an address): its URL, without the
// "mailto:" of an e-mail address.
func linkAddress(l *model.Link) string {
	if l.Internal != "" || l.URL == "" || strings.HasPrefix(l.URL, "#") {
		return ""
	}
	return strings.TrimPrefix(l.URL, "mailto:")
}

// showsAddress reports whether a link's text already is its address (an
// autolink such as <https://example.org> or <www.example.org>), which
// is printed once.
func showsAddress(l *model.Link) bool {
	t := strings.TrimSpace(model.PlainText(l.Children))
	addr := linkAddress(l)
	if t == "" {
		return false
	}
	for _, a := range []string{addr, l.URL, strings.TrimPrefix(strings.TrimPrefix(addr, "https://"), "http://")} {
		if t == a || strings.TrimSuffix(t, "/") == strings.TrimSuffix(a, "/") {
			return true
		}
	}
	return false
}

// newAddressNotes makes the notes of the links of the book's chapters
// when the layout prints addresses as footnotes (and notes are at the
// foot of the page; with endnotes, addresses are printed inline).
func newAddressNotes(book *model.Book, mode string, footnotes bool) *addressNotes {
	a := &addressNotes{mode: mode, byLink: map[*model.Link]*model.Note{}, label: map[*model.Note]string{}, byChapter: map[*model.Chapter][]*model.Note{}}
	if mode == "footnote" && !footnotes {
		a.mode = "inline"
	}
	if a.mode != "footnote" {
		return a
	}
	for _, ch := range book.Chapters {
		k := 0
		// The title and the blocks, not the notes: a link in a note
		// prints its address inline.
		var nodes []model.Node
		for _, in := range ch.Title {
			nodes = append(nodes, in)
		}
		for _, blk := range ch.Blocks {
			nodes = append(nodes, blk)
		}
		for _, node := range nodes {
			model.Walk(node, func(n model.Node, entering bool) model.WalkStatus {
				l, ok := n.(*model.Link)
				if !ok || !entering || linkAddress(l) == "" || showsAddress(l) || a.byLink[l] != nil {
					return model.WalkContinue
				}
				k++
				lbl := alpha(k)
				note := &model.Note{
					// Not a model id: the colon keeps it apart from every
					// id of the book; it names the note's call in the PDF.
					ID: "address:" + ch.ID + ":" + lbl,
					// The address, a link to itself (clickable when the PDF
					// has links), printed once as an address.
					Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Link{URL: l.URL,
						Children: []model.Inline{&model.Text{Value: linkAddress(l), Pos: l.Pos}}, Pos: l.Pos}}}},
					Pos: l.Pos,
				}
				a.byLink[l] = note
				a.label[note] = lbl
				a.byChapter[ch] = append(a.byChapter[ch], note)
				return model.WalkContinue
			})
		}
	}
	return a
}

// isAddress reports whether n is an address note (false for a nil a).
func (a *addressNotes) isAddress(n *model.Note) bool {
	if a == nil {
		return false
	}
	_, ok := a.label[n]
	return ok
}

// noteLabel returns the call of a note: its number, or the letter of an
// address note.
func (fs *fontSet) noteLabel(n *model.Note) string {
	if fs.addresses != nil {
		if l, ok := fs.addresses.label[n]; ok {
			return l
		}
	}
	return strconv.Itoa(n.Number)
}
