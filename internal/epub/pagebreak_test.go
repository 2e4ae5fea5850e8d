package epub

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// markerRE finds a page-break marker and captures its label.
var markerRE = regexp.MustCompile(`<span epub:type="pagebreak" role="doc-pagebreak" id="[^"]*" aria-label="([^"]*)"/>`)

// visibleBefore returns the visible text of a paragraph's XHTML before
// the marker labelled label, as model.PlainText counts it: tags removed,
// note calls removed, <br/> as one space.
func visibleBefore(t *testing.T, para, label string) (string, bool) {
	t.Helper()
	loc := -1
	for _, m := range markerRE.FindAllStringSubmatchIndex(para, -1) {
		if para[m[2]:m[3]] == label {
			loc = m[0]
		}
	}
	if loc < 0 {
		return "", false
	}
	s := para[:loc]
	s = regexp.MustCompile(`<a class="noteref"[^>]*>[^<]*</a>`).ReplaceAllString(s, "")
	s = markerRE.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "<br/>", " ")
	s = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, "")
	s = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(s)
	return s, true
}

func TestPageBreakOffsets(t *testing.T) {
	note1 := &model.Note{ID: "n1", Number: 1, Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "Note."}}}}}
	note2 := &model.Note{ID: "n2", Number: 2, Generated: true, Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "Source."}}}}}
	para := &model.Paragraph{Inlines: []model.Inline{
		&model.Text{Value: "Le « débarquement » "},
		&model.Emphasis{Children: []model.Inline{&model.Text{Value: "a eu lieu"}}},
		&model.NoteRef{Note: note1},
		&model.Text{Value: " le 6 juin"},
		&model.LineBreak{},
		&model.Superscript{Children: []model.Inline{&model.Text{Value: "er"}}},
		&model.Citation{Note: note2, Rendered: []model.Inline{&model.Text{Value: "(Dupont 2020)"}}},
		&model.Text{Value: " & fin."},
	}}
	list := &model.List{Items: []*model.ListItem{
		{Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "un"}}}}},
		{Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "deux"}}}}},
	}, Tight: true}
	ch := &model.Chapter{ID: "c", TitleID: "title-c", File: "c.md", Title: []model.Inline{&model.Text{Value: "Titre"}},
		Blocks: []model.Block{para, list}, Notes: []*model.Note{note1, note2}}
	plain := model.PlainText(para.Inlines)
	n := utf8.RuneCountInString(plain)

	cases := []struct {
		name   string
		block  int
		offset int
		// where: "para" checks the text before the marker in the
		// paragraph; otherwise a substring that must follow the marker.
		where string
	}{
		{"start of paragraph", 0, 0, "para"},
		{"inside text with guillemets", 0, 5, "para"},
		{"inside emphasis", 0, 22, "para"},
		{"right after the note call", 0, 29, "para"},
		{"at the line break", 0, 39, "para"},
		{"after the line break", 0, 40, "para"},
		{"inside the skipped citation text", 0, 45, "para"},
		{"after the citation", 0, n - 6, "para"},
		{"at the last character", 0, n - 1, "para"},
		{"past the end", 0, n + 3, "para"},
		{"before the title", -1, 0, `<h1 id="title-c"`},
		{"second list item", 1, 2, "deux"},
		{"end of chapter", 2, 0, `<div class="footnotes">`},
	}
	pg := &model.Pagination{}
	for i, c := range cases {
		pg.Pages = append(pg.Pages, model.PageStart{Label: itoa(i + 1), Chapter: "c", Block: c.block, Offset: c.offset})
	}
	book := &model.Book{Meta: model.Metadata{Title: "T", Language: "fr", UUID: "urn:uuid:00000000-0000-5000-8000-000000000000"}, Chapters: []*model.Chapter{ch}}
	data, _ := writeEPUB(t, book, Options{Pagination: pg})
	_, files := unzip(t, data)
	doc := string(files["EPUB/text/c.xhtml"])
	pStart := strings.Index(doc, "<p>")
	pEnd := strings.Index(doc, "</p>")
	if pStart < 0 || pEnd < 0 {
		t.Fatalf("no paragraph in\n%s", doc)
	}
	paraXML := doc[pStart : pEnd+4]
	for i, c := range cases {
		label := itoa(i + 1)
		t.Run(c.name, func(t *testing.T) {
			if c.where == "para" {
				got, ok := visibleBefore(t, paraXML, label)
				if !ok {
					t.Fatalf("marker %s not in the paragraph:\n%s", label, paraXML)
				}
				// The citation's text is in its note, not in the paragraph:
				// a marker inside it goes right after the note call.
				r := []rune(plain)
				cs := utf8.RuneCountInString(plain[:strings.Index(plain, "(Dupont 2020)")])
				ce := cs + utf8.RuneCountInString("(Dupont 2020)")
				off := min(c.offset, n)
				var want string
				switch {
				case off <= cs:
					want = string(r[:off])
				case off < ce:
					want = string(r[:cs])
				default:
					want = string(r[:cs]) + string(r[ce:off])
				}
				if got != want {
					t.Errorf("text before marker = %q, want %q", got, want)
				}
				return
			}
			i := strings.Index(doc, `aria-label="`+label+`"/>`)
			if i < 0 {
				t.Fatalf("marker %s missing", label)
			}
			if !strings.HasPrefix(strings.TrimSpace(doc[i+len(`aria-label="`+label+`"/>`):]), c.where) &&
				!strings.Contains(doc[i:min(len(doc), i+80)], c.where) {
				t.Errorf("marker %s not followed by %q:\n%s", label, c.where, doc[i:min(len(doc), i+120)])
			}
		})
	}
	if strings.Count(doc, `epub:type="pagebreak"`) != len(cases) {
		t.Errorf("%d markers, want %d", strings.Count(doc, `epub:type="pagebreak"`), len(cases))
	}
}

// TestPageBreakOffsetsInNewKinds places markers inside raw HTML, line
// blocks, divs and definition lists, whose characters count as
// model.PlainText and textLen count them.
func TestPageBreakOffsetsInNewKinds(t *testing.T) {
	txt := func(s string) []model.Inline { return []model.Inline{&model.Text{Value: s}} }
	para := func(s string) model.Block { return &model.Paragraph{Inlines: txt(s)} }
	raw := &model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "ab"},
		&model.RawInline{Nodes: []*model.HTMLNode{{Tag: "span", Children: []*model.HTMLNode{{Text: "CD"}}}}}, &model.Text{Value: "ef"}}}
	lines := &model.LineBlock{Lines: [][]model.Inline{txt("gh"), txt("ij")}}
	div := &model.Div{Classes: []string{"d"}, Blocks: []model.Block{para("kl"), para("mn")}}
	dl := &model.DefinitionList{Items: []*model.DefinitionItem{{Term: txt("op"), Definitions: [][]model.Block{{para("qr")}}}}}
	ch := &model.Chapter{ID: "c", TitleID: "title-c", Title: txt("Titre"), Blocks: []model.Block{raw, lines, div, dl, para("end")}}
	starts := []string{"<p>ab", `<div class="line-block">`, `<div class="d">`, "<dl>", "<p>end"}
	cases := []struct {
		name          string
		block, offset int
		want          string // the block's visible text before the marker
	}{
		{"before raw HTML", 0, 2, "ab"},
		{"inside raw HTML: before it", 0, 3, "ab"},
		{"after raw HTML", 0, 4, "abCD"},
		{"inside the text after raw HTML", 0, 5, "abCDe"},
		{"at a line break", 1, 2, "gh"},
		{"after a line break", 1, 3, "gh "},
		{"second paragraph of a div", 2, 3, "klm"},
		{"inside a term", 3, 1, "o"},
		{"start of a definition", 3, 2, "op"},
		{"inside a definition", 3, 3, "opq"},
	}
	pg := &model.Pagination{}
	for i, c := range cases {
		pg.Pages = append(pg.Pages, model.PageStart{Label: itoa(i + 1), Chapter: "c", Block: c.block, Offset: c.offset})
	}
	book := &model.Book{Meta: model.Metadata{Title: "T", Language: "fr", UUID: "urn:uuid:00000000-0000-5000-8000-000000000000"}, Chapters: []*model.Chapter{ch}}
	data, _ := writeEPUB(t, book, Options{Pagination: pg})
	_, files := unzip(t, data)
	doc := string(files["EPUB/text/c.xhtml"])
	block := func(i int) string {
		s := strings.Index(doc, starts[i])
		e := strings.Index(doc, starts[i+1])
		if s < 0 || e < s {
			t.Fatalf("block %d not found in\n%s", i, doc)
		}
		return doc[s:e]
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := visibleBefore(t, block(c.block), itoa(i+1))
			if !ok {
				t.Fatalf("marker %d not in block %d:\n%s", i+1, c.block, block(c.block))
			}
			if got = strings.ReplaceAll(got, "\n", ""); got != c.want {
				t.Errorf("text before marker = %q, want %q", got, c.want)
			}
		})
	}
}
