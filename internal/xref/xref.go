// Package xref writes the labels of the book's cross-references
// (@fig-plan, @tbl-pertes, @sec-combats, and empty links [](#id)): the
// target's kind and number in the book's language (« fig. 2 »,
// « tabl. 1 », « chap. 3 », « sect. 2.1 ») or, for chapters and sections
// when the book asks for it, the target's title. Both renderers print the
// label the model holds; the print edition may add the target's page.
package xref

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
)

// target is what an id of the book names, as far as a label goes.
type target struct {
	figure  *model.Figure
	table   *model.Table
	chapter *model.Chapter
	heading *model.Heading
	// number is a chapter's or section's number ("2", "2.1"), "" when it
	// has none (front and back matter, unnumbered headings).
	number string
}

// Apply writes the label of every cross-reference of the book as its
// children. A reference whose target is of another kind than its prefix
// says (@fig- to a table), or that has no number to print, is an error at
// its position; an empty link to an element without a label is a
// warning.
func Apply(b *model.Book, ds *model.Diagnostics) {
	terms := locale.For(b.Meta.Language)
	targets := collect(b)
	byTitle := b.Meta.RefSections != "number"
	for _, ch := range b.Chapters {
		model.Walk(ch, func(n model.Node, entering bool) model.WalkStatus {
			l, ok := n.(*model.Link)
			if !ok || !entering || l.Ref == model.NoRef || l.Internal == "" {
				return model.WalkContinue
			}
			label, kind, problem := labelFor(l, targets[l.Internal], terms, byTitle)
			switch {
			case problem != "" && l.Ref == model.AnyRef:
				ds.Warnf(l.Pos, "empty link to #%s: %s, so the link has no text (write the link's text in its brackets)", l.Internal, problem)
				l.Ref = model.NoRef
			case problem != "":
				ds.Errorf(l.Pos, "cross-reference @%s: %s", l.Internal, problem)
				l.Children = []model.Inline{&model.Text{Value: "@" + l.Internal, Pos: l.Pos}}
			default:
				if l.Capital {
					label = capitalise(label)
				}
				l.Ref = kind
				l.Children = []model.Inline{&model.Text{Value: label, Pos: l.Pos}}
			}
			return model.WalkSkipChildren
		})
	}
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// labelFor returns a reference's label and the kind of its target, or
// why it has none.
func labelFor(l *model.Link, t *target, terms *locale.Terms, byTitle bool) (string, model.RefKind, string) {
	if t == nil {
		if l.Ref == model.EquationRef {
			return "", 0, "publish does not number equations, so @eq- has no label to print (link to it with text: [the equation](#id))"
		}
		return "", 0, "its target is no figure, table, chapter or section, which have labels"
	}
	want := l.Ref
	nb := "\u00a0"
	switch {
	case t.figure != nil:
		if want != model.AnyRef && want != model.FigureRef {
			return "", 0, wrongKind(want, "a figure")
		}
		return terms.RefFigure + nb + strconv.Itoa(t.figure.Number), model.FigureRef, ""
	case t.table != nil:
		if want != model.AnyRef && want != model.TableRef {
			return "", 0, wrongKind(want, "a table")
		}
		if t.table.Number == 0 {
			return "", 0, "the table has no caption, so it has no number (add a « Table: … » caption)"
		}
		return terms.RefTable + nb + strconv.Itoa(t.table.Number), model.TableRef, ""
	case t.chapter != nil || t.heading != nil:
		if want != model.AnyRef && want != model.SectionRef {
			return "", 0, wrongKind(want, "a chapter or section")
		}
		if !byTitle && t.number != "" {
			word := terms.RefSection
			if t.heading == nil {
				word = terms.RefChapter
			}
			return word + nb + t.number, model.SectionRef, ""
		}
		var title []model.Inline
		if t.heading != nil {
			title = t.heading.Inlines
		} else {
			title = t.chapter.Title
		}
		text := strings.Join(strings.Fields(model.PlainText(title)), " ")
		if text == "" {
			return "", 0, "the chapter has no title to name it by"
		}
		return terms.Quotes[0] + text + terms.Quotes[1], model.SectionRef, ""
	}
	return "", 0, "its target is no figure, table, chapter or section, which have labels"
}

func wrongKind(want model.RefKind, is string) string {
	prefix := map[model.RefKind]string{model.FigureRef: "fig-", model.TableRef: "tbl-", model.SectionRef: "sec-", model.EquationRef: "eq-"}[want]
	if want == model.EquationRef {
		return "publish does not number equations; the id names " + is + " (an id's prefix says what it names: fig-, tbl-, sec-)"
	}
	return "the id starts with " + prefix + " but names " + is + " (an id's prefix says what it names: fig- a figure, tbl- a table, sec- a chapter or section)"
}

// collect maps every id a cross-reference may name to its target, and
// numbers the chapters of the body and their sections (2, 2.1, 2.1.3).
func collect(b *model.Book) map[string]*target {
	out := map[string]*target{}
	for _, f := range b.Figures {
		if f.ID != "" {
			out[f.ID] = &target{figure: f}
		}
	}
	for _, t := range b.Tables {
		if t.ID != "" {
			out[t.ID] = &target{table: t}
		}
	}
	chapterNo := 0
	for _, ch := range b.Chapters {
		num := ""
		if ch.Matter == model.BodyMatter && !ch.Untitled {
			chapterNo++
			num = strconv.Itoa(chapterNo)
		}
		t := &target{chapter: ch, number: num}
		for _, id := range []string{ch.ID, ch.TitleID} {
			if _, ok := out[id]; id != "" && !ok {
				out[id] = t
			}
		}
		var counts [7]int
		model.Walk(ch, func(n model.Node, entering bool) model.WalkStatus {
			switch v := n.(type) {
			case *model.Table:
				if entering && v.ID != "" && out[v.ID] == nil {
					out[v.ID] = &target{table: v}
				}
			case *model.Heading:
				if !entering || v.Level < 2 || v.Level > 6 {
					break
				}
				hn := ""
				if num != "" && !hasClass(v.Classes, "unnumbered") {
					counts[v.Level]++
					for l := v.Level + 1; l < len(counts); l++ {
						counts[l] = 0
					}
					parts := []string{num}
					for l := 2; l <= v.Level; l++ {
						parts = append(parts, strconv.Itoa(counts[l]))
					}
					hn = strings.Join(parts, ".")
				}
				if v.ID != "" && out[v.ID] == nil {
					out[v.ID] = &target{chapter: ch, heading: v, number: hn}
				}
			}
			return model.WalkContinue
		})
	}
	return out
}

func hasClass(cs []string, c string) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
