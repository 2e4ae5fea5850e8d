package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// builder collects formatted inlines, merging adjacent plain texts so that
// the renderers and the typography pass see whole runs of text.
type builder struct{ out []model.Inline }

// text appends plain text.
func (b *builder) text(s string) {
	if s == "" {
		return
	}
	if n := len(b.out); n > 0 {
		if t, ok := b.out[n-1].(*model.Text); ok {
			t.Value += s
			return
		}
	}
	b.out = append(b.out, &model.Text{Value: s})
}

// add appends inlines, merging a leading text with the last one.
func (b *builder) add(ins ...model.Inline) {
	for _, in := range ins {
		if t, ok := in.(*model.Text); ok {
			b.text(t.Value)
			continue
		}
		b.out = append(b.out, in)
	}
}

// empty reports whether nothing was added.
func (b *builder) empty() bool { return len(b.out) == 0 }

// inlines returns what was built.
func (b *builder) inlines() []model.Inline { return b.out }

// txt is a piece of plain text; empty text is no piece at all.
func txt(s string) []model.Inline {
	if s == "" {
		return nil
	}
	return []model.Inline{&model.Text{Value: s}}
}

// italic is a piece of italic text.
func italic(ins ...model.Inline) []model.Inline {
	if len(ins) == 0 {
		return nil
	}
	return []model.Inline{&model.Emphasis{Children: ins}}
}

// join joins non-empty pieces with a separator.
func join(sep string, pieces ...[]model.Inline) []model.Inline {
	var b builder
	for _, p := range pieces {
		if len(p) == 0 {
			continue
		}
		if !b.empty() {
			b.text(sep)
		}
		b.add(p...)
	}
	return b.inlines()
}

// concat joins pieces without separator.
func concat(pieces ...[]model.Inline) []model.Inline {
	var b builder
	for _, p := range pieces {
		b.add(p...)
	}
	return b.inlines()
}

// lastRune returns the last visible character of inlines.
func lastRune(ins []model.Inline) rune {
	s := model.PlainText(ins)
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r
}

// endSentence adds a final period unless the text already ends with one
// (as after « s. d. » or « Ibid. »), or with ? or !.
func endSentence(ins []model.Inline) []model.Inline {
	switch lastRune(ins) {
	case '.', '?', '!', '…':
		return ins
	}
	return concat(ins, txt("."))
}

// capitalizeFirst upper-cases the first letter of the first text, as at
// the start of a note (« Voir », « Ibid. »).
func capitalizeFirst(ins []model.Inline) {
	for _, in := range ins {
		switch n := in.(type) {
		case *model.Text:
			if n.Value == "" {
				continue
			}
			r, size := utf8.DecodeRuneInString(n.Value)
			n.Value = string(unicode.ToUpper(r)) + n.Value[size:]
			return
		case *model.Emphasis:
			capitalizeFirst(n.Children)
			return
		case *model.Span:
			capitalizeFirst(n.Children)
			return
		case *model.Link:
			return
		default:
			return
		}
	}
}
