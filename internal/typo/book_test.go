package typo

import (
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

func txt(s string) []model.Inline { return []model.Inline{&model.Text{Value: s}} }

// TestEveryPlace checks that every text of the book is set, and that code,
// raw HTML and link targets are not.
func TestEveryPlace(t *testing.T) {
	const in = `"x" : y`
	const want = "«\u202Fx\u202F»\u00A0: y"
	genNote := &model.Note{Generated: true, Blocks: []model.Block{&model.Paragraph{Inlines: txt(in)}}}
	userNote := &model.Note{Blocks: []model.Block{&model.Paragraph{Inlines: txt(in)}}}
	fig := &model.Figure{Caption: txt(in), Credit: txt(in), Alt: in}
	loose := &model.Figure{Caption: txt(in), Credit: txt(in)} // listed in Figures only
	link := &model.Link{URL: `http://x.fr/"a" : b`, Children: txt(in)}
	cite := &model.Citation{Rendered: []model.Inline{&model.Emphasis{Children: txt(in)}}, Note: genNote}
	code := &model.Code{Text: in}
	raw := &model.RawInline{Nodes: []*model.HTMLNode{{Text: in}}}
	htmlBlock := &model.HTMLBlock{Nodes: []*model.HTMLNode{{Text: in}}}
	codeBlock := &model.CodeBlock{Text: in}
	table := &model.Table{Header: [][]model.Inline{txt(in)}, Rows: [][][]model.Inline{{txt(in)}}}
	list := &model.List{Items: []*model.ListItem{{Blocks: []model.Block{&model.Paragraph{Inlines: txt(in)}}}}}
	quote := &model.BlockQuote{Blocks: []model.Block{&model.Paragraph{Inlines: txt(in)}}}
	para := &model.Paragraph{Inlines: []model.Inline{link, &model.Text{Value: " "}, cite, code, raw,
		&model.Strong{Children: txt(in)}, &model.SmallCaps{Children: txt(in)}, &model.Superscript{Children: txt(in)}}}
	book := &model.Book{
		Meta: model.Metadata{Language: "fr-FR", Title: in, Description: "De la « forteresse » : les combats"},
		Chapters: []*model.Chapter{{Title: txt(in), Notes: []*model.Note{userNote},
			Blocks: []model.Block{para, &model.Heading{Inlines: txt(in)}, &model.FigureBlock{Figure: fig},
				table, list, quote, htmlBlock, codeBlock}}},
		Figures:      []*model.Figure{fig, loose},
		Bibliography: []model.BibliographyGroup{{Title: "Sources d'archives", Entries: []model.BibliographyEntry{{Key: "k", Inlines: txt(in)}}}},
	}
	Apply(book, &model.Diagnostics{})

	check := func(where string, ins []model.Inline) {
		t.Helper()
		if got := model.PlainText(ins); got != want {
			t.Errorf("%s: got %q, want %q", where, got, want)
		}
	}
	ch := book.Chapters[0]
	check("chapter title", ch.Title)
	check("link text", link.Children)
	check("rendered citation", cite.Rendered)
	check("generated note", genNote.Blocks[0].(*model.Paragraph).Inlines)
	check("user note", userNote.Blocks[0].(*model.Paragraph).Inlines)
	check("strong", para.Inlines[5].(*model.Strong).Children)
	check("small caps", para.Inlines[6].(*model.SmallCaps).Children)
	check("superscript", para.Inlines[7].(*model.Superscript).Children)
	check("heading", ch.Blocks[1].(*model.Heading).Inlines)
	check("caption", fig.Caption)
	check("credit", fig.Credit)
	check("figure listed only in Figures", loose.Caption)
	check("table header", table.Header[0])
	check("table cell", table.Rows[0][0])
	check("list item", list.Items[0].Blocks[0].(*model.Paragraph).Inlines)
	check("block quote", quote.Blocks[0].(*model.Paragraph).Inlines)
	check("bibliography entry", book.Bibliography[0].Entries[0].Inlines)
	if fig.Alt != want {
		t.Errorf("alt text: %q", fig.Alt)
	}
	if book.Meta.Title != want {
		t.Errorf("title: %q", book.Meta.Title)
	}
	if got := book.Meta.Description; got != "De la «\u202Fforteresse\u202F»\u00A0: les combats" {
		t.Errorf("description: %q", got)
	}
	if got := book.Bibliography[0].Title; got != "Sources d’archives" {
		t.Errorf("bibliography group title: %q", got)
	}
	if link.URL != `http://x.fr/"a" : b` || code.Text != in || raw.Nodes[0].Text != in ||
		htmlBlock.Nodes[0].Text != in || codeBlock.Text != in {
		t.Errorf("code, raw HTML or a URL was changed")
	}
}

// TestChapterLanguage checks that a chapter's language overrides the book's.
func TestChapterLanguage(t *testing.T) {
	p := &model.Paragraph{Inlines: txt(`He said "yes" : fine !`)}
	book := &model.Book{Meta: model.Metadata{Language: "fr"},
		Chapters: []*model.Chapter{{Lang: "en-GB", Blocks: []model.Block{p}}}}
	Apply(book, nil)
	if got := model.PlainText(p.Inlines); got != "He said “yes”: fine!" {
		t.Errorf("got %q", got)
	}
}

// TestNilAndEmpty checks that odd models do not make the pass panic.
func TestNilAndEmpty(t *testing.T) {
	Apply(nil, nil)
	Apply(&model.Book{}, nil)
	book := &model.Book{Meta: model.Metadata{Language: "fr"}, Chapters: []*model.Chapter{nil, {
		Blocks: []model.Block{&model.Paragraph{}, &model.List{Items: []*model.ListItem{nil}},
			&model.FigureBlock{}, &model.Paragraph{Inlines: []model.Inline{(*model.Text)(nil), &model.Citation{}, &model.NoteRef{}, &model.Link{}}}},
		Notes: []*model.Note{nil}}},
		Figures: []*model.Figure{nil}}
	Apply(book, &model.Diagnostics{})
}

// TestDeepNesting checks that a deeply nested inline does not exhaust the
// stack and that text beyond the depth limit is kept.
func TestDeepNesting(t *testing.T) {
	var in model.Inline = &model.Text{Value: "fin ?"}
	for range 5000 {
		in = &model.Emphasis{Children: []model.Inline{in}}
	}
	p := &model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "début ?"}, in}}
	book := &model.Book{Meta: model.Metadata{Language: "fr"}, Chapters: []*model.Chapter{{Blocks: []model.Block{p}}}}
	Apply(book, nil)
	if got := model.PlainText(p.Inlines); !strings.HasPrefix(got, "début\u202F?") || !strings.HasSuffix(got, "fin ?") {
		t.Errorf("got %q", got)
	}
}

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		def  lang
		want lang
	}{
		{"fr", langOther, langFR}, {"fr-CA", langOther, langFR}, {"FR_be", langOther, langFR},
		{"en-GB", langFR, langEN}, {"", langFR, langFR}, {"de", langFR, langOther}, {" en ", langOther, langEN},
	} {
		if got := parseLang(tc.tag, tc.def); got != tc.want {
			t.Errorf("parseLang(%q) = %d, want %d", tc.tag, got, tc.want)
		}
	}
}

func TestOrdinalWords(t *testing.T) {
	for _, tc := range []struct {
		word    string
		ordinal bool
		fix     string
	}{
		{"1er", true, ""}, {"1re", true, ""}, {"1ers", true, ""}, {"1res", true, ""},
		{"2e", true, ""}, {"2d", true, ""}, {"2de", true, ""}, {"2des", true, ""}, {"21e", true, ""},
		{"XIXe", true, ""}, {"XIXes", true, ""}, {"Ier", true, ""}, {"Ve", true, ""}, {"IVe", true, ""},
		{"3d", false, ""}, {"11er", false, ""}, {"1e", false, "1er (or 1re)"}, {"0e", false, ""},
		{"3ème", false, "3e"}, {"3eme", false, "3e"}, {"3ièmes", false, "3es"}, {"1ère", false, "1re"},
		{"1ier", false, "1er"}, {"2nde", false, "2de"}, {"2nd", false, "2d"}, {"XXème", false, "XXe"},
		{"Le", false, ""}, {"Ce", false, ""}, {"De", false, ""}, {"Me", false, ""}, {"Vers", false, ""},
		{"Xes", false, ""}, {"ILe", false, ""}, {"VIe", true, ""}, {"Mme", false, ""}, {"8h", false, ""},
	} {
		h, s := splitOrdinal(tc.word)
		if got := isOrdinalSuffix(h, s); got != tc.ordinal {
			t.Errorf("%s: ordinal %v, want %v", tc.word, got, tc.ordinal)
		}
		fix := ""
		if h != "" {
			fix = ordinalFix(h, s)
		}
		if fix != tc.fix {
			t.Errorf("%s: fix %q, want %q", tc.word, fix, tc.fix)
		}
	}
}

func TestRoman(t *testing.T) {
	for w, want := range map[string]bool{"I": true, "IV": true, "XIX": true, "MCMXLIV": true, "XXI": true,
		"IIII": false, "IL": false, "VX": false, "": false, "MMMM": false} {
		if isRoman(w) != want {
			t.Errorf("isRoman(%q) != %v", w, want)
		}
	}
}

func TestAddresses(t *testing.T) {
	for _, tc := range []struct {
		text, protected string
	}{
		{"voir http://x.fr/a?b=c.", "http://x.fr/a?b=c"},
		{"(https://fr.wikipedia.org/wiki/Calais_(ville))", "https://fr.wikipedia.org/wiki/Calais_(ville)"},
		{"écrire à a.b@x.fr !", "a.b@x.fr"},
		{"écrire à a.b@x.fr.", "a.b@x.fr"},
		{"b@0.AA!!0", "b@0.AA"}, // an e-mail address ends with its domain
		{"b@x.fr/a", "b@x.fr"},
		{"0 www..!", ""}, // not an address, whatever follows the points
		{"www.x.fr!", "www.x.fr"},
		{"a@b.fr@!c@d.fr", "a@b.frc@d.fr"}, // every address of a token
		{"mailto:a@b.fr", "mailto:a@b.fr"},
		{"doi:10.1000/182 ;", "doi:10.1000/182"},
		{"www.x.fr, ou", "www.x.fr"},
		{"x.fr/a?b", "x.fr/a?b"},
		{"Note:voir et/ou 3.5/10 fin.Puis", ""},
	} {
		var s stream
		s.pieces = []piece{{}}
		for _, r := range tc.text {
			s.cells = append(s.cells, cell{r: r})
		}
		s.protect()
		var got strings.Builder
		for _, c := range s.cells {
			if c.flags&fProtected != 0 {
				got.WriteRune(c.r)
			}
		}
		if got.String() != tc.protected {
			t.Errorf("%q: protected %q, want %q", tc.text, got.String(), tc.protected)
		}
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct{ in, lang, want string }{
		{"Couverture : « titre »", "fr", "Couverture\u00A0: «\u202Ftitre\u202F»"},
		{"Cover : it's", "en-US", "Cover: it’s"},
		{"le 1er mai", "fr-FR", "le 1er\u00A0mai"},
		{"", "fr", ""},
	} {
		if got := String(tc.in, tc.lang); got != tc.want {
			t.Errorf("String(%q, %q) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}
