package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// kindsBook is a one-chapter book of the sample's metadata (French)
// holding blocks.
func kindsBook(t *testing.T, blocks ...model.Block) *model.Book {
	t.Helper()
	return notesBook(t, func(ch *model.Chapter) { ch.Blocks = blocks })
}

// renderKinds renders a book with links (pdf-x none) and fails on any
// error diagnostic.
func renderKinds(t *testing.T, book *model.Book) ([]byte, *Result) {
	t.Helper()
	data, res, ds := render(t, book, sampleLayout(t, func(p *layout.Print) { p.PDFX = "none" }))
	keepPDF(t, t.Name(), data)
	if ds.HasErrors() {
		t.Errorf("error diagnostics:\n%s", ds.String())
	}
	return data, res
}

var reDumpSetLine = regexp.MustCompile(`(?m)^\s+[\d.]+ line @\d+ r=([+-][\d.]+)( -)? (".*")$`)

// dumpLines returns the text of the set lines of a layout dump, with
// each line's ratio.
func dumpLines(t *testing.T, dump string) (texts []string, ratios []float64) {
	t.Helper()
	for _, m := range reDumpSetLine.FindAllStringSubmatch(dump, -1) {
		s, err := strconv.Unquote(m[3])
		if err != nil {
			t.Fatalf("dump line %s: %v", m[0], err)
		}
		r, _ := strconv.ParseFloat(m[1], 64)
		texts, ratios = append(texts, s), append(ratios, r)
	}
	return texts, ratios
}

// lineIndex returns the index of the first line holding s, -1 if none.
func lineIndex(lines []string, s string) int {
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i
		}
	}
	return -1
}

func TestHardLineBreak(t *testing.T) {
	book := kindsBook(t,
		&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "Premier vers"}, &model.LineBreak{}, &model.Text{Value: "second vers"}}},
		&model.Paragraph{Inlines: []model.Inline{&model.Text{Value: strings.Repeat("Les navires quittent le port avant l’aube et gagnent la haute mer. ", 4) + "Fin de la prose"},
			&model.LineBreak{}, &model.Text{Value: "Après la coupure."}}},
	)
	data, res := renderKinds(t, book)
	lines, ratios := dumpLines(t, res.Dump)
	i := lineIndex(lines, "Premier vers")
	if i < 0 || i+1 >= len(lines) || strings.TrimSpace(lines[i]) != "Premier vers" || lines[i+1] != "second vers" {
		t.Fatalf("a hard line break does not give two lines: %q", lines)
	}
	j := lineIndex(lines, "Fin de la prose")
	if j < 0 || j+1 >= len(lines) || !strings.HasSuffix(lines[j], "Fin de la prose") || lines[j+1] != "Après la coupure." {
		t.Fatalf("the break after the prose is lost: %q", lines)
	}
	if ratios[j] != 0 {
		t.Errorf("the line before a hard break is stretched (ratio %+.2f): %q", ratios[j], lines[j])
	}
	if ratios[j-1] == 0 {
		t.Errorf("the prose line before is not justified: %q", lines[j-1])
	}
	// The offsets count the break as a space (model.PlainText).
	checkPageStarts(t, book, res)
	if text := pdfTextIfAny(t, data); text != "" && !regexp.MustCompile(`Premier vers\s*\n\s*second vers`).MatchString(text) {
		t.Errorf("pdftotext does not show the break:\n%s", text)
	}
}

// pdfTextIfAny returns the PDF's text from pdftotext, or "" (and a log
// line) when poppler is missing outside CI; the dump checks still run.
func pdfTextIfAny(t *testing.T, data []byte) string {
	t.Helper()
	var text string
	t.Run("pdftotext", func(t *testing.T) { text = pdfText(t, data) })
	return text
}

func TestInlineKindsRuns(t *testing.T) {
	lay := sampleLayout(t, nil)
	fonts, err := loadFonts(fpdf.New("P", "pt", "A4", ""), lay)
	if err != nil {
		t.Fatal(err)
	}
	fonts.quotes = frenchQuotes
	ins := []model.Inline{
		&model.Strikeout{Children: txt("barré")},
		&model.Subscript{Children: txt("2")},
		&model.Element{Tag: "small", Children: txt("petit")},
		&model.Element{Tag: "cite", Children: txt("Titre")},
		&model.Element{Tag: "strong", Children: txt("fort")},
		&model.Element{Tag: "q", Children: []model.Inline{&model.Text{Value: "dit "}, &model.Element{Tag: "q", Children: txt("cité")}}},
		&model.Element{Tag: "kbd", Children: txt("Ctrl")},
		&model.Math{TeX: "x^2", Children: []model.Inline{&model.Emphasis{Children: txt("x")}, &model.Superscript{Children: txt("2")}}},
		&model.RawInline{Nodes: []*model.HTMLNode{{Tag: "span", Children: []*model.HTMLNode{{Text: "brut"}}}}},
		&model.LineBreak{},
	}
	runs := runsOf(fonts, 10, false, nil, ins, false)
	find := func(text string) typeset.Run {
		for _, r := range runs {
			if r.Text == text {
				return r
			}
		}
		t.Fatalf("no run %q in %+v", text, runs)
		return typeset.Run{}
	}
	if r := find("barré"); !r.Style.Strike {
		t.Error("struck-out text is not struck")
	}
	if r := find("2"); r.Style.Rise >= 0 || r.Style.Size >= 10 {
		t.Errorf("subscript: rise %.2f size %.2f, want lowered and smaller", r.Style.Rise, r.Style.Size)
	}
	if r := find("petit"); r.Style.Size != 8.5 {
		t.Errorf("small: size %.2f, want 8.5", r.Style.Size)
	}
	if r := find("Titre"); r.Style.Font != fontItalic {
		t.Errorf("cite: font %s, want italic", r.Style.Font)
	}
	if r := find("fort"); r.Style.Font != fontBold {
		t.Errorf("strong: font %s, want bold", r.Style.Font)
	}
	if r := find("x"); r.Style.Font != fontItalic {
		t.Errorf("math letter: font %s, want italic", r.Style.Font)
	}
	if r := find("brut"); r.Uncounted {
		t.Error("raw HTML text is not counted")
	}
	if r := runs[len(runs)-1]; !r.Break || r.Text != " " || r.Uncounted {
		t.Errorf("line break run %+v, want a counted forced break of one space", r)
	}
	var all, counted strings.Builder
	for _, r := range runs {
		all.WriteString(r.Text)
		if !r.Uncounted {
			counted.WriteString(r.Text)
		}
	}
	if want := "«\u202fdit “cité”\u202f»"; !strings.Contains(all.String(), want) {
		t.Errorf("quotations %q, want %q inside", all.String(), want)
	}
	if got, want := counted.String(), model.PlainText(ins); got != want {
		t.Errorf("counted runs %q, model text %q", got, want)
	}
	fonts.quotes = englishQuotes
	runs = runsOf(fonts, 10, false, nil, []model.Inline{&model.Element{Tag: "q", Children: txt("said")}}, false)
	if len(runs) != 3 || runs[0].Text != "“" || !runs[0].Uncounted || runs[2].Text != "”" {
		t.Errorf("English q: %+v", runs)
	}
}

func TestInlineKindsPrinted(t *testing.T) {
	book := kindsBook(t,
		&model.Paragraph{Inlines: []model.Inline{
			&model.Text{Value: "Le mot "}, &model.Strikeout{Children: txt("raturé")}, &model.Text{Value: ", l’eau H"},
			&model.Subscript{Children: txt("2")}, &model.Text{Value: "O, "}, &model.Element{Tag: "q", Children: txt("une réplique")},
			&model.Text{Value: ", "}, &model.Element{Tag: "abbr", Attrs: [][2]string{{"title", "Société nationale"}}, Children: txt("SNCF")},
			&model.Text{Value: ", "}, &model.Element{Tag: "kbd", Children: txt("Entrée")}, &model.Text{Value: ", "},
			&model.Element{Tag: "mark", Children: txt("surligné")}, &model.Text{Value: ", "},
			&model.RawInline{Nodes: []*model.HTMLNode{{Tag: "span", Children: []*model.HTMLNode{{Text: "brut"}}}}},
			&model.Text{Value: " et la formule "},
			&model.Math{TeX: "E=mc^2", Children: []model.Inline{&model.Emphasis{Children: txt("E")}, &model.Text{Value: "\u00a0=\u00a0"},
				&model.Emphasis{Children: txt("mc")}, &model.Superscript{Children: txt("2")}}},
			&model.Text{Value: " puis, en display,"},
			&model.Math{TeX: "a+b", Display: true, Children: []model.Inline{&model.Emphasis{Children: txt("a")}, &model.Text{Value: "\u00a0+\u00a0"}, &model.Emphasis{Children: txt("b")}}},
			&model.Text{Value: "et la suite."},
		}},
	)
	data, res := renderKinds(t, book)
	lines, _ := dumpLines(t, res.Dump)
	joined := strings.Join(lines, "\n")
	for _, want := range []string{"raturé", "H2O", "«une réplique»", "SNCF", "Entrée", "surligné", "brut", "E\u00a0=\u00a0mc2"} {
		if !strings.Contains(joined, want) {
			t.Errorf("dump lacks %q:\n%s", want, joined)
		}
	}
	i := lineIndex(lines, "a\u00a0+\u00a0b")
	if i < 1 || !strings.HasSuffix(lines[i-1], "en display,") || !strings.HasPrefix(lines[i+1], "et la suite.") {
		t.Errorf("display math is not on a line of its own: %q", lines)
	}
	checkPageStarts(t, book, res)
	// The line through « raturé »: a stroked path on the chapter's page.
	ctx, err := api.ReadContext(bytes.NewReader(data), pdfmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	struck := false
	for p := 1; p <= ctx.PageCount; p++ {
		c, err := pdfcpuPageContent(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if regexp.MustCompile(`(?m) l S\s*$`).Match(c) {
			struck = true
		}
	}
	if !struck {
		t.Error("no line drawn through the struck-out text")
	}
	if text := pdfTextIfAny(t, data); text != "" {
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range []string{"raturé", "« une réplique »", "SNCF", "Entrée", "surligné", "brut"} {
			if !strings.Contains(flat, want) {
				t.Errorf("pdftotext lacks %q:\n%s", want, flat)
			}
		}
	}
}

func TestBlockKindsPrinted(t *testing.T) {
	item := func(s string) *model.ListItem {
		return &model.ListItem{Blocks: []model.Block{&model.Paragraph{Inlines: txt(s)}}}
	}
	book := kindsBook(t,
		&model.DefinitionList{Items: []*model.DefinitionItem{
			{Term: txt("Terme premier"), Definitions: [][]model.Block{{&model.Paragraph{Inlines: txt("Sa définition.")}}, {&model.Paragraph{Inlines: txt("Une autre.")}}}},
			{Term: txt("Terme second"), Definitions: [][]model.Block{{&model.Paragraph{Inlines: txt("La seconde définition.")}}}},
		}},
		&model.LineBlock{Lines: [][]model.Inline{txt("Le vent se lève"), txt("\u00a0\u00a0\u00a0\u00a0il faut tenter de vivre"), nil, txt("Paul Valéry")}},
		&model.LineBlock{Lines: [][]model.Inline{txt("Premier"), txt("    en retrait")}},
		&model.Div{Tag: "div", ID: "epi", Classes: []string{"epigraph"}, Blocks: []model.Block{&model.Paragraph{Inlines: txt("Une épigraphe en exergue.")}}},
		&model.Div{Tag: "div", Lang: "en", Blocks: []model.Block{&model.Paragraph{Inlines: txt("A paragraph in English.")}}},
		&model.Table{ID: "tbl-tonnages", Caption: txt("Tonnages débarqués"), Header: [][]model.Inline{txt("Port"), txt("Tonnes")},
			Rows: [][][]model.Inline{{txt("Boulogne"), txt("1200")}}},
		&model.List{Ordered: true, Start: 1, Style: model.LowerAlpha, Delim: model.OneParen, Items: []*model.ListItem{item("alpha un"), item("alpha deux")}},
		&model.List{Ordered: true, Start: 3, Style: model.UpperRoman, Delim: model.TwoParens, Items: []*model.ListItem{item("romain trois")}},
		&model.List{Items: []*model.ListItem{
			{Task: model.TaskOpen, Blocks: []model.Block{&model.Paragraph{Inlines: txt("tâche ouverte")}}},
			{Task: model.TaskDone, Blocks: []model.Block{&model.Paragraph{Inlines: txt("tâche faite")}}},
		}},
	)
	data, res := renderKinds(t, book)
	lines, _ := dumpLines(t, res.Dump)
	// The term on its own line, the definitions after it.
	i := lineIndex(lines, "Terme premier")
	if i < 0 || lines[i] != "Terme premier" || lines[i+1] != "Sa définition." || lines[i+2] != "Une autre." || lines[i+3] != "Terme second" {
		t.Errorf("definition list lines: %q", lines)
	}
	// A line block keeps its lines, the empty one too.
	j := lineIndex(lines, "Le vent se lève")
	if j < 0 || j+3 >= len(lines) || lines[j+1] != "il faut tenter de vivre" || lines[j+2] != "" || lines[j+3] != "Paul Valéry" {
		t.Errorf("line block lines: %q", lines)
	}
	if k := lineIndex(lines, "Premier"); k < 0 || k+1 >= len(lines) || lines[k+1] != "en retrait" {
		t.Errorf("line block with spaces: %q", lines)
	}
	for _, want := range []string{"Une épigraphe en exergue.", "A paragraph in English.", "Tonnages débarqués", "alpha un", "romain trois"} {
		if lineIndex(lines, want) < 0 {
			t.Errorf("dump lacks %q", want)
		}
	}
	if k := strings.Index(res.Dump, "Tonnages débarqués"); k < 0 || !strings.Contains(res.Dump[k:], `table row "Port" "Tonnes"`) {
		t.Errorf("table caption not above the table:\n%s", res.Dump)
	}
	// The table's and the div's ids are anchors where they start.
	if !regexp.MustCompile(`anchor tbl-tonnages\n.*"Tonnages débarqués"`).MatchString(res.Dump) ||
		!regexp.MustCompile(`anchor epi\n.*space\n.*"Une épigraphe en exergue\."`).MatchString(res.Dump) {
		t.Errorf("no anchors for the table's and the div's ids:\n%s", res.Dump)
	}
	box := "[ ] tâche ouverte"
	done := "[x] tâche faite"
	if testFace(t).HasGlyph('\u2610') {
		box, done = "\u2610 tâche ouverte", "\u2611 tâche faite"
	}
	if lineIndex(lines, box) < 0 || lineIndex(lines, done) < 0 {
		t.Errorf("task boxes: want %q and %q in %q", box, done, lines)
	}
	if text := pdfTextIfAny(t, data); text != "" {
		for _, want := range []string{"a) alpha un", "b) alpha deux", "(III) romain trois", "Tonnages débarqués", "Boulogne"} {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
				t.Errorf("pdftotext lacks %q:\n%s", want, text)
			}
		}
	}
}

// testFace is the sample layout's regular face.
func testFace(t *testing.T) *typeset.Face {
	t.Helper()
	fonts, err := loadFonts(fpdf.New("P", "pt", "A4", ""), sampleLayout(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	return fonts.faces[fontRegular]
}

func TestListMarkers(t *testing.T) {
	for _, c := range []struct {
		l    model.List
		k    int
		want string
	}{
		{model.List{}, 0, "–"},
		{model.List{Ordered: true, Start: 1}, 1, "2."},
		{model.List{Ordered: true, Start: 1, Style: model.LowerAlpha}, 2, "c."},
		{model.List{Ordered: true, Start: 26, Style: model.LowerAlpha}, 1, "aa."},
		{model.List{Ordered: true, Start: 1, Style: model.UpperAlpha, Delim: model.OneParen}, 0, "A)"},
		{model.List{Ordered: true, Start: 4, Style: model.LowerRoman, Delim: model.TwoParens}, 0, "(iv)"},
		{model.List{Ordered: true, Start: 9, Style: model.UpperRoman}, 5, "XIV."},
		{model.List{Ordered: true, Start: 0, Style: model.LowerRoman}, 0, "0."},
	} {
		if got := listMarker(&c.l, c.k); got != c.want {
			t.Errorf("list %+v item %d: marker %q, want %q", c.l, c.k, got, c.want)
		}
	}
}

// TestEveryKindPrinted builds a book holding every block and inline kind
// of the model, each with a word of its own, and checks that every word
// is printed and that no kind is reported unknown.
func TestEveryKindPrinted(t *testing.T) {
	sample := sampleBook(t)
	note := &model.Note{ID: "n-k-1", Number: 1, Blocks: []model.Block{&model.Paragraph{Inlines: txt("kindNoteRef")}}}
	fig := *sample.Figures[0]
	fig.Chapter, fig.Caption, fig.Credit = "ch-n", txt("kindFigureBlock"), nil
	fig.CreditText, fig.CreditSource = "", ""
	w := func(s string) []model.Inline { return txt("kind" + s) }
	inlines := map[string]model.Inline{
		"Text":        &model.Text{Value: "kindText"},
		"Emphasis":    &model.Emphasis{Children: w("Emphasis")},
		"Strong":      &model.Strong{Children: w("Strong")},
		"Strikeout":   &model.Strikeout{Children: w("Strikeout")},
		"Code":        &model.Code{Text: "kindCode"},
		"Superscript": &model.Superscript{Children: w("Superscript")},
		"Subscript":   &model.Subscript{Children: w("Subscript")},
		"SmallCaps":   &model.SmallCaps{Children: w("SmallCaps")},
		"LineBreak":   &model.LineBreak{},
		"Span":        &model.Span{Lang: "en", Children: w("Span")},
		"Element":     &model.Element{Tag: "q", Children: w("Element")},
		"Math":        &model.Math{TeX: "kindMath", Children: w("Math")},
		"Link":        &model.Link{URL: "https://example.org", Children: w("Link")},
		"NoteRef":     &model.NoteRef{Note: note},
		"Citation":    &model.Citation{Rendered: w("Citation")},
		"RawInline":   &model.RawInline{Nodes: []*model.HTMLNode{{Text: "kindRawInline"}}},
	}
	var para []model.Inline
	var words []string
	for _, k := range model.InlineKinds() {
		name := model.KindName(k)
		in, ok := inlines[name]
		if !ok {
			t.Fatalf("inline kind %s: add it to this test (and to the print edition)", name)
		}
		para = append(para, &model.Text{Value: " "}, in)
		if name != "LineBreak" {
			words = append(words, "kind"+name)
		}
	}
	p := func(s string) model.Block { return &model.Paragraph{Inlines: txt(s)} }
	blocks := map[string]model.Block{
		"Paragraph":      &model.Paragraph{Inlines: para},
		"Heading":        &model.Heading{Level: 2, ID: "h-kind", Inlines: w("Heading")},
		"FigureBlock":    &model.FigureBlock{Figure: &fig},
		"List":           &model.List{Items: []*model.ListItem{{Task: model.TaskDone, Blocks: []model.Block{p("kindList")}}}},
		"DefinitionList": &model.DefinitionList{Items: []*model.DefinitionItem{{Term: w("DefinitionList"), Definitions: [][]model.Block{{p("kindDefinition")}}}}},
		"LineBlock":      &model.LineBlock{Lines: [][]model.Inline{w("LineBlock"), w("LineBlockSecond")}},
		"BlockQuote":     &model.BlockQuote{Blocks: []model.Block{p("kindBlockQuote")}},
		"Div":            &model.Div{Tag: "div", Classes: []string{"epigraph"}, Blocks: []model.Block{p("kindDiv")}},
		"CodeBlock":      &model.CodeBlock{Text: "kindCodeBlock\n"},
		"ThematicBreak":  &model.ThematicBreak{},
		"Table":          &model.Table{Caption: w("Table"), Header: [][]model.Inline{w("TableHead")}, Rows: [][][]model.Inline{{w("TableCell")}}},
		"HTMLBlock":      &model.HTMLBlock{Nodes: []*model.HTMLNode{{Tag: "p", Block: true, Children: []*model.HTMLNode{{Text: "kindHTMLBlock"}}}}},
	}
	var chBlocks []model.Block
	for _, k := range model.BlockKinds() {
		name := model.KindName(k)
		blk, ok := blocks[name]
		if !ok {
			t.Fatalf("block kind %s: add it to this test (and to the print edition)", name)
		}
		chBlocks = append(chBlocks, blk)
		if name != "ThematicBreak" && name != "Paragraph" {
			words = append(words, "kind"+name)
		}
	}
	words = append(words, "kindDefinition", "kindLineBlockSecond", "kindTableHead", "kindTableCell")
	book := kindsBook(t, chBlocks...)
	book.Chapters[0].Notes = []*model.Note{note}
	book.Figures = []*model.Figure{&fig}
	data, res := renderKinds(t, book)
	dump := strings.ToLower(res.Dump)
	for _, word := range words {
		if !strings.Contains(dump, strings.ToLower(word)) {
			t.Errorf("the layout dump lacks %s", word)
		}
	}
	if !strings.Contains(res.Dump, "  break\n") && !regexp.MustCompile(`(?m) break$`).MatchString(res.Dump) {
		t.Error("no thematic break in the dump")
	}
	lines, _ := dumpLines(t, res.Dump)
	if i := lineIndex(lines, "kindLineBlock"); i < 0 || i+1 >= len(lines) || lines[i+1] != "kindLineBlockSecond" {
		t.Errorf("line block: %q", lines)
	}
	if text := pdfTextIfAny(t, data); text != "" {
		flat := strings.ToLower(strings.Join(strings.Fields(text), ""))
		for _, word := range words {
			if !strings.Contains(flat, strings.ToLower(word)) {
				t.Errorf("the PDF's text lacks %s", word)
			}
		}
	}
}

// TestUnknownKindReported checks that a kind the page builder does not
// know is an error diagnostic naming it, and its text is still printed.
func TestUnknownKindReported(t *testing.T) {
	var ds model.Diagnostics
	fs := &fontSet{kinds: &kindReport{ds: &ds}}
	fs.unknown(&model.Paragraph{})
	fs.unknown(&model.Paragraph{})
	if len(ds.List) != 1 || ds.List[0].Severity != model.Error || !strings.Contains(ds.List[0].Message, "Paragraph") {
		t.Errorf("diagnostics: %s", ds.String())
	}
}

func TestHTMLBlockBreak(t *testing.T) {
	book := kindsBook(t, &model.HTMLBlock{Nodes: []*model.HTMLNode{{Tag: "p", Block: true, Children: []*model.HTMLNode{
		{Text: "Rue des Pipots,"}, {Tag: "br"}, {Text: "\n62200 Boulogne"}}}}})
	_, res := renderKinds(t, book)
	lines, _ := dumpLines(t, res.Dump)
	if i := lineIndex(lines, "Rue des Pipots,"); i < 0 || i+1 >= len(lines) || lines[i+1] != "62200 Boulogne" {
		t.Errorf("a <br> in raw HTML does not break the line: %q", lines)
	}
}

// TestDivLang sets the same paragraph in the book's language (French,
// hyphenated) and in a div of another language without patterns (German:
// not hyphenated with French patterns).
func TestDivLang(t *testing.T) {
	para := func() *model.Paragraph {
		return &model.Paragraph{Inlines: txt(strings.Repeat("Les administrations départementales reconstruisirent méthodiquement les infrastructures portuaires bombardées. ", 6))}
	}
	book := kindsBook(t, para(), &model.Div{Tag: "div", Lang: "de", Blocks: []model.Block{para()}})
	_, res := renderKinds(t, book)
	hyph := []int{0, 0}
	k := -1
	for _, l := range strings.Split(res.Dump, "\n") {
		m := reDumpSetLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if strings.Contains(l, " line @0 ") {
			k++
		}
		if k >= 0 && k < 2 && m[2] != "" {
			hyph[k]++
		}
	}
	if k != 1 || hyph[0] == 0 || hyph[1] != 0 {
		t.Errorf("hyphenated lines: %d in French, %d in the German div (paragraphs seen %d); want some, then none", hyph[0], hyph[1], k+1)
	}
}

// TestDisplayMathCentred sets a paragraph with a display formula: the
// formula's line is found and moved so that its text is centred.
func TestDisplayMathCentred(t *testing.T) {
	lay := sampleLayout(t, nil)
	fonts, err := loadFonts(fpdf.New("P", "pt", "A4", ""), lay)
	if err != nil {
		t.Fatal(err)
	}
	ins := []model.Inline{&model.Text{Value: "On pose"},
		&model.Math{Display: true, Children: []model.Inline{&model.Emphasis{Children: txt("a")}, &model.Text{Value: "\u00a0+\u00a0"}, &model.Emphasis{Children: txt("b")}}},
		&model.Text{Value: "et l’on conclut."}}
	runs := runsOf(fonts, 11, false, nil, ins, false)
	const width = 300.0
	res := newSetter(lay).Set(typeset.Paragraph{Runs: runs, Width: width, Indent: 11, Align: typeset.Justify, Lang: "fr"})
	starts := displayStarts(runs)
	found := 0
	for _, l := range res.Lines {
		if !starts[l.Offset] {
			continue
		}
		found++
		if got := typeset.LineText(l, false); got != "a\u00a0+\u00a0b" {
			t.Errorf("display line %q", got)
		}
		dx := displayShift(l, width)
		left := l.Pieces[0].X + dx
		right := l.Width + dx
		if d := left - (width - right); d > 0.01 || d < -0.01 {
			t.Errorf("display line from %.2f to %.2f on a measure of %.0f: not centred", left, right, width)
		}
	}
	if found != 1 || len(res.Lines) != 3 {
		t.Errorf("%d display lines in %d lines, want 1 in 3", found, len(res.Lines))
	}
}

func TestIndentLine(t *testing.T) {
	in := txt("  deux")
	out := indentLine(in)
	if got := out[0].(*model.Text).Value; got != "\u00a0\u00a0deux" {
		t.Errorf("indentLine: %q", got)
	}
	if in[0].(*model.Text).Value != "  deux" {
		t.Error("indentLine changed the model")
	}
}
