package pdf

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// glyphScope says which text of the book a face draws.
type glyphScope int

const (
	allText   glyphScope = iota // prose and code: no monospaced face
	proseOnly                   // the text face beside a monospaced face
	codeOnly                    // the monospaced face: code only
)

// reportMissingGlyphs warns, at its first place in the manuscript, about
// every character of the book's text that the body typeface cannot draw:
// the print edition leaves a blank where it stands, while the EPUB keeps
// it (the reader's system fonts may have it); scope says which text the
// face draws (the monospaced face draws code). Spaces and format
// characters, which are never drawn, are not reported.
func reportMissingGlyphs(book *model.Book, face *typeset.Face, fontName string, ds *model.Diagnostics, scope glyphScope) {
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
		prose, code := scope != codeOnly, scope != proseOnly
		switch v := n.(type) {
		case *model.Text:
			if prose {
				check(v.Value, v.Pos)
			}
		case *model.Code:
			if code {
				check(v.Text, v.Pos)
			}
		case *model.CodeBlock:
			if code {
				check(v.Text, v.Pos)
			}
		case *model.RawInline:
			if prose {
				check(model.HTMLText(v.Nodes), v.Pos)
			}
		case *model.HTMLBlock:
			if prose {
				check(model.HTMLText(v.Nodes), v.Pos)
			}
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

// reportCodeWithoutMono warns, at the book's first code, that the layout
// names no monospaced face: code is then set in the text face, with its
// spaces and without hyphenation, but cannot be told from the text.
func reportCodeWithoutMono(book *model.Book, ds *model.Diagnostics) {
	var first model.Node
	model.WalkBook(book, func(n model.Node, entering bool) model.WalkStatus {
		switch n.(type) {
		case *model.Code, *model.CodeBlock:
			first = n
			return model.WalkStop
		}
		return model.WalkContinue
	})
	if first != nil {
		ds.WarnCodef("no-monospace", first.Position(), "the print layout names no monospaced face: code is printed in the text face (give monospace: regular: … in layout/print.yaml; publish ships fonts/LiberationMono-Regular.ttf)")
	}
}
