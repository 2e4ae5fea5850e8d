package pdf

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
// face draws (the monospaced face draws code, and links' addresses when
// addresses is true). Spaces and format
// characters, which are never drawn, are not reported.
func reportMissingGlyphs(book *model.Book, face *typeset.Face, fontName string, ds *model.Diagnostics, scope glyphScope, addresses bool) {
	if face == nil {
		return
	}
	type missing struct {
		first model.Position
		count int
	}
	found := map[rune]*missing{}
	var order []rune
	drawn := func(r rune) bool {
		// The face's table answers most characters; the Unicode
		// classes (a search of tables) only those it lacks.
		if r > 0xFFFF {
			return unicode.Is(unicode.Cf, r) // see drawer.text
		}
		return face.HasGlyph(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
	}
	// asciiDrawn answers drawn for the ASCII characters, which are most
	// of a book's text: a string of them is passed over byte by byte.
	var asciiDrawn [utf8.RuneSelf]bool
	for r := range asciiDrawn {
		asciiDrawn[r] = drawn(rune(r))
	}
	// check looks at s, which starts at pos (a link's address is placed
	// at the link: atLink keeps the column).
	check := func(s string, pos model.Position, atLink bool) {
		i := 0
		for i < len(s) && s[i] < utf8.RuneSelf && asciiDrawn[s[i]] {
			i++
		}
		if i == len(s) {
			return
		}
		col := utf8.RuneCountInString(s[:i])
		for _, r := range s[i:] {
			col++
			if r < utf8.RuneSelf && asciiDrawn[r] || r >= utf8.RuneSelf && drawn(r) {
				continue
			}
			m := found[r]
			if m == nil {
				p := pos
				if p.Line > 0 && !atLink {
					p.Col += col - 1
				}
				m = &missing{first: p}
				found[r] = m
				order = append(order, r)
			}
			m.count++
		}
	}
	// literal counts the elements and autolinks being walked whose text
	// is set as code (<kbd>, <samp>, <code>, <tt>, an address).
	literal := 0
	prose, code := scope != codeOnly, scope != proseOnly
	model.WalkBook(book, func(n model.Node, entering bool) model.WalkStatus {
		step := 1
		if !entering {
			step = -1
		}
		switch v := n.(type) {
		case *model.Element:
			if literalTag(v.Tag) {
				literal += step
			}
		case *model.Link:
			if linkAddress(v) != "" && showsAddress(v) {
				literal += step
			} else if entering && code && addresses && linkAddress(v) != "" {
				check(linkAddress(v), v.Pos, true) // printed in a note or inline
			}
		}
		if !entering {
			return model.WalkContinue
		}
		switch v := n.(type) {
		case *model.Text:
			if literal > 0 && code || literal == 0 && prose {
				check(v.Value, v.Pos, false)
			}
		case *model.Code:
			if code {
				check(v.Text, v.Pos, false)
			}
		case *model.CodeBlock:
			if code {
				check(v.Text, v.Pos, false)
			}
		case *model.RawInline:
			if prose {
				check(model.HTMLText(v.Nodes), v.Pos, false)
			}
		case *model.HTMLBlock:
			if prose {
				check(model.HTMLText(v.Nodes), v.Pos, false)
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
		if r > 0xFFFF {
			ds.WarnCodef("missing-glyph", m.first, "%q (U+%04X) is outside the Basic Multilingual Plane, which the PDF library cannot print: the print edition leaves a blank here%s; the EPUB keeps the character",
				string(r), r, more)
			continue
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

// literalTag reports whether an inline HTML element is set as code.
func literalTag(tag string) bool {
	switch strings.ToLower(tag) {
	case "kbd", "samp", "code", "tt":
		return true
	}
	return false
}
