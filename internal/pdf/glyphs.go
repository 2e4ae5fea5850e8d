package pdf

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// reportMissingGlyphs warns, at its first place in the manuscript, about
// every character of the book's text that the body typeface cannot draw:
// the print edition leaves a blank where it stands, while the EPUB keeps
// it (the reader's system fonts may have it). Spaces and format
// characters, which are never drawn, are not reported.
func reportMissingGlyphs(book *model.Book, face *typeset.Face, fontName string, ds *model.Diagnostics) {
	if face == nil {
		return
	}
	type missing struct {
		first model.Position
		count int
	}
	found := map[rune]*missing{}
	var order []rune
	check := func(s string, pos model.Position) {
		col := 0
		for _, r := range s {
			col++
			if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
				continue
			}
			if face.HasGlyph(r) {
				continue
			}
			m := found[r]
			if m == nil {
				p := pos
				if p.Line > 0 {
					p.Col += col - 1
				}
				m = &missing{first: p}
				found[r] = m
				order = append(order, r)
			}
			m.count++
		}
	}
	model.WalkBook(book, func(n model.Node, entering bool) model.WalkStatus {
		if !entering {
			return model.WalkContinue
		}
		switch v := n.(type) {
		case *model.Text:
			check(v.Value, v.Pos)
		case *model.Code:
			check(v.Text, v.Pos)
		case *model.CodeBlock:
			check(v.Text, v.Pos)
		case *model.RawInline:
			check(model.HTMLText(v.Nodes), v.Pos)
		case *model.HTMLBlock:
			check(model.HTMLText(v.Nodes), v.Pos)
		}
		return model.WalkContinue
	})
	sort.SliceStable(order, func(i, j int) bool {
		a, b := found[order[i]].first, found[order[j]].first
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	for _, r := range order {
		m := found[r]
		more := ""
		switch {
		case m.count == 2:
			more = " (and in 1 other place)"
		case m.count > 2:
			more = fmt.Sprintf(" (and in %d other places)", m.count-1)
		}
		ds.WarnCodef("missing-glyph", m.first, "the typeface %s has no glyph for %q (U+%04X): the print edition leaves a blank here%s; the EPUB keeps the character (use a typeface that has it in layout/print.yaml)",
			strings.TrimSpace(fontName), string(r), r, more)
	}
}
