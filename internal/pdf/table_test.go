package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// row makes a table row of plain cells.
func row(cells ...string) [][]model.Inline {
	var out [][]model.Inline
	for _, c := range cells {
		out = append(out, txt(c))
	}
	return out
}

// renderTables renders a book of blocks and returns its layout dump and
// diagnostics.
func renderTables(t *testing.T, blocks ...model.Block) (string, model.Diagnostics) {
	t.Helper()
	book := kindsBook(t, blocks...)
	_, res, ds := render(t, book, sampleLayout(t, nil))
	if ds.HasErrors() {
		t.Errorf("error diagnostics:\n%s", ds.String())
	}
	return res.Dump, ds
}

// tableRows returns the "table row" lines of a dump, page by page.
func tableRows(dump string) [][]string {
	var pages [][]string
	for _, l := range strings.Split(dump, "\n") {
		if strings.HasPrefix(l, "page ") {
			pages = append(pages, nil)
			continue
		}
		if i := strings.Index(l, "table row"); i >= 0 && len(pages) > 0 {
			pages[len(pages)-1] = append(pages[len(pages)-1], l[i:])
		}
	}
	return pages
}

// TestTableIssueReproduction sets issue 14's table: its long words and
// address fit their columns without a warning, the address broken after
// a slash, nothing hyphenated.
func TestTableIssueReproduction(t *testing.T) {
	tb := &model.Table{Align: []string{"", "", ""},
		Header: row("colonne_un_tres_longue", "deux", "quatre_identifiant_long"),
		Rows:   [][][]model.Inline{row("valeur_sans_espace_tres_longue_123456789", "b", "https://example.org/un/chemin/tres/long/")}}
	dump, ds := renderTables(t, tb)
	for _, d := range ds.List {
		if d.Code == "table-too-wide" {
			t.Errorf("unexpected warning: %s", d)
		}
	}
	want := regexp.MustCompile(`table row "valeur_sans_espace_tres_longue_123456789" "b" "https://example\.org/[a-z/]*/ [a-z/]+"`)
	if !want.MatchString(dump) {
		t.Errorf("dump lacks %s:\n%s", want, dump)
	}
	if !strings.Contains(dump, `table row "colonne_un_tres_longue" "deux" "quatre_identifiant_long"`) {
		t.Errorf("header row broken:\n%s", dump)
	}
}

// TestTableHeaderNotHyphenated: a header cell that must wrap wraps
// between words, never inside one ("Houses de-stroyed").
func TestTableHeaderNotHyphenated(t *testing.T) {
	long := "Le nombre total de maisons détruites ou endommagées par les bombardements de septembre"
	// The dash widths leave the last two columns as narrow as their
	// longest word.
	tb := &model.Table{Align: []string{"", "right", "right"}, Widths: []float64{0.9, 0.05, 0.05},
		Header: row("Commune", "Houses destroyed", "Maisons endommagées"),
		Rows:   [][][]model.Inline{row(long+" à Boulogne-sur-Mer, selon le rapport du préfet", "4 568", "12 000")}}
	dump, _ := renderTables(t, tb)
	m := regexp.MustCompile(`table row ("Commune".*)`).FindStringSubmatch(dump)
	if m == nil {
		t.Fatalf("no header row:\n%s", dump)
	}
	if m[1] != `"Commune" "Houses destroyed" "Maisons endommagées"` {
		t.Errorf("header hyphenated: %s", m[1])
	}
}

// TestTableHeaderRepeated: a table longer than a page draws its header
// row again at the top of every page it continues on, and every row is
// set once.
func TestTableHeaderRepeated(t *testing.T) {
	tb := &model.Table{Align: []string{"right", "right", ""}, Header: row("Année", "Tonnes", "Port")}
	for i := 0; i < 90; i++ {
		tb.Rows = append(tb.Rows, row(fmt.Sprint(1900+i), fmt.Sprint(i*137), "Boulogne"))
	}
	dump, _ := renderTables(t, tb)
	pages := 0
	body := 0
	for _, rows := range tableRows(dump) {
		if len(rows) == 0 {
			continue
		}
		pages++
		if pages > 1 && !strings.HasPrefix(rows[0], `table row (again) "Année" "Tonnes" "Port"`) {
			t.Errorf("page %d of the table starts with %q", pages, rows[0])
		}
		for _, r := range rows {
			if strings.HasPrefix(r, `table row "19`) {
				body++
			}
		}
	}
	if pages < 3 {
		t.Errorf("the table takes %d pages, want at least 3:\n%s", pages, dump)
	}
	if body != 90 {
		t.Errorf("%d body rows set, want 90", body)
	}
}

// TestTableTooWide: a table whose words do not fit the measure is set
// smaller with a warning at its position; one that does not fit even at
// the smallest size has its words broken, with a warning saying so.
func TestTableTooWide(t *testing.T) {
	pos := model.Position{File: "ch.md", Line: 12, Col: 1}
	smaller := &model.Table{BlockBase: model.BlockBase{Pos: pos}, Align: []string{"", "", ""},
		Header: row("identifiant_de_la_premiere_colonne", "identifiant_de_la_deuxieme_colonne", "identifiant_troisieme"),
		Rows:   [][][]model.Inline{row("a", "b", "c")}}
	_, ds := renderTables(t, smaller)
	if !hasWarning(ds, "table-too-wide", pos, "it is set at") {
		t.Errorf("no size warning at %s:\n%s", pos, ds.String())
	}
	broken := &model.Table{BlockBase: model.BlockBase{Pos: pos}, Align: []string{"", "", ""},
		Header: row("anticonstitutionnellement_et_encore_plus_long_que_cela", "anticonstitutionnellement_et_encore_plus_long_que_cela_bis", "anticonstitutionnellement_et_encore_plus_long"),
		Rows:   [][][]model.Inline{row("x", "y", "z")}}
	dump, ds := renderTables(t, broken)
	if !hasWarning(ds, "table-too-wide", pos, "words are broken") {
		t.Errorf("no broken-words warning at %s:\n%s", pos, ds.String())
	}
	// The words are broken after their underscores, not hyphenated,
	// and none of their characters is lost.
	m := regexp.MustCompile(`table row (".*")`).FindStringSubmatch(dump)
	if m == nil || !strings.Contains(m[1], "anticonstitutionnellement_et_ ") || strings.Contains(m[1], "-") {
		t.Errorf("header row: %v", m)
	}
}

// TestTableCaptionNumbered: a captioned table is numbered above it as
// the EPUB numbers it, and listed in the list of tables.
func TestTableCaptionNumbered(t *testing.T) {
	tb := &model.Table{ID: "tbl-1", Number: 1, Caption: txt("Tonnages débarqués"), Align: []string{"", ""},
		Header: row("Port", "Tonnes"), Rows: [][][]model.Inline{row("Boulogne", "12")}}
	book := kindsBook(t, tb)
	book.Tables = []*model.Table{tb}
	book.PlanGenerated()
	_, res, ds := render(t, book, sampleLayout(t, nil))
	if ds.HasErrors() {
		t.Fatal(ds.String())
	}
	if !strings.Contains(res.Dump, `"Tableau\u00a01\u00a0— Tonnages débarqués"`) {
		t.Errorf("caption not numbered:\n%s", res.Dump)
	}
	if !regexp.MustCompile(`entry \d+ Tableau\x{a0}1\x{a0}— Tonnages débarqués`).MatchString(res.Dump) {
		t.Errorf("no list of tables:\n%s", res.Dump)
	}
}

// hasWarning reports whether ds holds a warning of code at pos whose
// message contains text.
func hasWarning(ds model.Diagnostics, code string, pos model.Position, text string) bool {
	for _, d := range ds.List {
		if d.Code == code && d.Pos == pos && d.Severity == model.Warning && strings.Contains(d.Message, text) {
			return true
		}
	}
	return false
}

// TestTableRowLongerThanAPage: a row whose cell holds more lines than a
// page is cut between lines, each part on a page under the repeated
// header, none running past the text block.
func TestTableRowLongerThanAPage(t *testing.T) {
	long := strings.Repeat("Une phrase assez longue pour remplir plusieurs lignes de la cellule. ", 120)
	tb := &model.Table{Align: []string{"", ""}, Header: row("Date", "Récit"),
		Rows: [][][]model.Inline{row("1944", long), row("1945", "Fin.")}}
	dump, _ := renderTables(t, tb)
	pages := 0
	for _, rows := range tableRows(dump) {
		if len(rows) > 0 {
			pages++
		}
	}
	if pages < 2 {
		t.Fatalf("the long row is on %d page(s):\n%s", pages, dump)
	}
	for _, m := range regexp.MustCompile(`(?m)^page .* lines=(\d+)/(\d+)$`).FindAllStringSubmatch(dump, -1) {
		if used, cap := atoi(m[1]), atoi(m[2]); used > cap {
			t.Errorf("a page is overfull: %s", m[0])
		}
	}
	if !strings.Contains(dump, `table row "1945" "Fin."`) {
		t.Errorf("the row after the long one is lost:\n%s", dump)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestShareWidths checks how the measure is shared among columns.
func TestShareWidths(t *testing.T) {
	near := func(a, b []float64) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if d := a[i] - b[i]; d > 0.01 || d < -0.01 {
				return false
			}
		}
		return true
	}
	cases := []struct {
		name               string
		mins, maxs, dashes []float64
		avail              float64
		want               []float64
	}{
		{"natural widths fit", []float64{10, 20}, []float64{30, 40}, nil, 300, []float64{30, 40}},
		{"what each lacks, in proportion", []float64{10, 20}, []float64{110, 220}, nil, 180, []float64{60, 120}},
		{"dashes share the measure", []float64{10, 10}, []float64{500, 500}, []float64{0.25, 0.75}, 200, []float64{50, 150}},
		{"a column is raised to its longest word", []float64{80, 10}, []float64{80, 500}, []float64{0.1, 0.9}, 200, []float64{80, 120}},
		// Short dashes over numbers and a long text column (2000-row
		// test book): the numbers keep their width, the text gets the rest.
		{"no column wider than its content while another wraps", []float64{20, 15, 25, 50}, []float64{20, 15, 25, 230},
			[]float64{0.27, 0.27, 0.27, 0.19}, 250, []float64{20, 15, 25, 190}},
	}
	for _, c := range cases {
		if got := shareWidths(c.mins, c.maxs, c.dashes, c.avail); !near(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestShortTableNeverCut: a table of three rows is never cut between
// pages, wherever the text before it ends; a long table keeps at least
// two body rows on each page it runs over.
func TestShortTableNeverCut(t *testing.T) {
	prose := strings.Repeat("Les registres du port de Boulogne gardent la trace des navires entrés et sortis, jour après jour. ", 6)
	crossed := false
	for n := 1; n <= 14; n++ {
		var blocks []model.Block
		for i := 0; i < n; i++ {
			blocks = append(blocks, &model.Paragraph{Inlines: txt(prose)})
		}
		blocks = append(blocks, &model.Table{Align: []string{"", "right"}, Header: row("Quartier", "Maisons"),
			Rows: [][][]model.Inline{row("Haute-Ville", "120"), row("Saint-Pierre", "1 870"), row("Capécure", "2 004")}})
		dump, _ := renderTables(t, blocks...)
		var with []int
		for p, rows := range tableRows(dump) {
			if len(rows) > 0 {
				with = append(with, p)
			}
		}
		if len(with) != 1 {
			t.Errorf("%d paragraphs: the three-row table is on pages %v, want one page", n, with)
		}
		if len(with) > 0 && with[0] > 0 {
			crossed = true
		}
	}
	if !crossed {
		t.Error("the table never left the first page: the test does not reach a page break")
	}
	long := &model.Table{Header: row("Année", "Port")}
	for i := 0; i < 61; i++ {
		long.Rows = append(long.Rows, row(fmt.Sprint(1880+i), "Calais"))
	}
	dump, _ := renderTables(t, &model.Paragraph{Inlines: txt(prose)}, long)
	for p, rows := range tableRows(dump) {
		body := 0
		for _, r := range rows {
			if strings.HasPrefix(r, `table row "18`) || strings.HasPrefix(r, `table row "19`) {
				body++
			}
		}
		if len(rows) > 0 && body < 2 {
			t.Errorf("page %d holds %d body rows of the long table, want at least 2", p+1, body)
		}
	}
}
