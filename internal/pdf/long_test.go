package pdf

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

var longWords = strings.Fields(`la ville les troupes canadiennes préparent assaut pendant plus de quinze jours
garnison allemande est commandée par lieutenant-général compte environ hommes dont une grande partie
retranchée dans des casemates réparties sur les hauteurs avant déclenchement opérations civils sont
évacués combats durent ensuite jusqu'au jour capitulation soldats remontent vers Calais libérant fur
et mesure batteries artillerie lourde situées littoral comme au cap garnison calaisienne capitule
bombardés raids alliés depuis des mois dynamités départ deux ports état effroyable reconstruction
quais bassins ouvrages détruits population retour administration préfecture archives départementales
témoignages photographies correspondance rapports municipaux délibérations conseil reconstruction`)

// longBook generates a book of several hundred pages: chapters of
// paragraphs of varied length, section headings, figures and notes.
func longBook(t *testing.T, chapters int) *model.Book {
	t.Helper()
	sample := sampleBook(t)
	r := rand.New(rand.NewPCG(1944, 9))
	book := &model.Book{Meta: sample.Meta, Dir: sample.Dir}
	book.Meta.Title = "Un long livre d’essai"
	sentence := func() string {
		n := 6 + r.IntN(18)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = longWords[r.IntN(len(longWords))]
		}
		rs := []rune(strings.Join(ws, " "))
		return strings.ToUpper(string(rs[:1])) + string(rs[1:]) + "."
	}
	para := func(sentences int) []model.Inline {
		var ss []string
		for range sentences {
			ss = append(ss, sentence())
		}
		return []model.Inline{&model.Text{Value: strings.Join(ss, " ")}}
	}
	figNum := 0
	for c := 1; c <= chapters; c++ {
		ch := &model.Chapter{ID: fmt.Sprintf("ch-%02d", c), Matter: model.BodyMatter,
			Title: []model.Inline{&model.Text{Value: fmt.Sprintf("Chapitre %d : %s", c, sentence())}}}
		blocks := 20 + r.IntN(25)
		for i := 0; i < blocks; i++ {
			switch k := r.IntN(20); {
			case k == 0 && i > 2:
				ch.Blocks = append(ch.Blocks, &model.Heading{Level: 2, ID: fmt.Sprintf("%s-s%d", ch.ID, i), Inlines: para(1)})
			case k == 1 && len(sample.Figures) > 0:
				src := sample.Figures[figNum%len(sample.Figures)]
				figNum++
				f := *src
				f.ID = fmt.Sprintf("fig-long-%d", figNum)
				f.Number = figNum
				f.Chapter = ch.ID
				book.Figures = append(book.Figures, &f)
				ch.Blocks = append(ch.Blocks, &model.FigureBlock{Figure: &f})
			default:
				ins := para(1 + r.IntN(9))
				if r.IntN(6) == 0 {
					n := &model.Note{ID: fmt.Sprintf("n-%s-%d", ch.ID, len(ch.Notes)+1), Number: len(ch.Notes) + 1,
						Blocks: []model.Block{&model.Paragraph{Inlines: para(1 + r.IntN(2))}}}
					ch.Notes = append(ch.Notes, n)
					ins = append(ins, &model.NoteRef{Note: n})
				}
				ch.Blocks = append(ch.Blocks, &model.Paragraph{Inlines: ins})
			}
		}
		book.Chapters = append(book.Chapters, ch)
	}
	return book
}

var reDumpLine = regexp.MustCompile(`^\s+[\d.]+ line @(\d+) `)

// checkWidowsOrphans reads a layout dump and reports a paragraph that
// leaves fewer than two lines on either side of a page break.
func checkWidowsOrphans(t *testing.T, dump string) (breaks int) {
	t.Helper()
	type run struct {
		page  string
		lines int
	}
	var cur []run // the current paragraph's lines per page
	flush := func() {
		if len(cur) > 1 {
			breaks++
			for i, r := range cur {
				if r.lines < 2 {
					side := "orphan (first line alone at the foot)"
					if i > 0 {
						side = "widow (last line alone at the head)"
					}
					t.Errorf("%s: %s", r.page, side)
				}
			}
		}
		cur = nil
	}
	page := ""
	for _, l := range strings.Split(dump, "\n") {
		if strings.HasPrefix(l, "page ") {
			page = l
			continue
		}
		if strings.HasPrefix(l, "  foot ") {
			continue // the notes at the foot of the page
		}
		m := reDumpLine.FindStringSubmatch(l)
		if m == nil {
			if strings.Contains(l, "figure ") {
				continue // a figure at the top of a page floats; the paragraph goes on
			}
			flush()
			continue
		}
		if m[1] == "0" {
			flush()
		}
		if len(cur) == 0 || cur[len(cur)-1].page != page {
			cur = append(cur, run{page: page})
		}
		cur[len(cur)-1].lines++
	}
	flush()
	return breaks
}

func TestLongBook(t *testing.T) {
	if testing.Short() {
		t.Skip("long book skipped in -short mode")
	}
	book := longBook(t, 26)
	lay := sampleLayout(t, nil)
	data, res, ds := render(t, book, lay)
	if res.Pages < 300 {
		t.Errorf("long book has %d pages, want several hundred", res.Pages)
	}
	if res.Pages%2 != 0 {
		t.Errorf("odd page count %d", res.Pages)
	}
	breaks := checkWidowsOrphans(t, res.Dump)
	if breaks < 50 {
		t.Errorf("only %d paragraphs broken across pages: the check saw too little", breaks)
	}
	// No hyphen on a page's last line (except where the paragraph could
	// not be set again without one).
	pages := strings.Split(res.Dump, "\npage ")
	hyphenLast := 0
	for _, p := range pages {
		lines := strings.Split(strings.TrimRight(p, "\n"), "\n")
		for len(lines) > 1 && strings.HasPrefix(lines[len(lines)-1], "  foot ") {
			lines = lines[:len(lines)-1] // the notes at the foot of the page
		}
		last := lines[len(lines)-1]
		if reDumpLine.MatchString(last) && strings.Contains(last, " - \"") {
			hyphenLast++
		}
	}
	if hyphenLast > 0 {
		t.Errorf("%d pages end with a hyphenated line", hyphenLast)
	}
	// Facing pages: a full verso and recto of the same chapter hold the
	// same number of lines, unless a figure or a chapter end is on it.
	for _, ch := range book.Chapters {
		if _, ok := res.Pagination.ChapterPages[ch.ID]; !ok {
			t.Errorf("chapter %s has no page", ch.ID)
		}
	}
	for id := range res.Pagination.ChapterPages {
		n, err := strconv.Atoi(res.Pagination.ChapterPages[id])
		if err != nil || n%2 != 1 {
			t.Errorf("chapter %s opens on %q", id, res.Pagination.ChapterPages[id])
		}
	}
	fst := checkFootnotes(t, res.Dump, book)
	if fst.notes < 30 {
		t.Errorf("only %d footnotes printed", fst.notes)
	}
	unequal := facingMismatches(res.Dump)
	t.Logf("%d pages, %d paragraph breaks, %d facing-page mismatches, %d warnings, %d footnotes on %d pages (%d split)",
		res.Pages, breaks, unequal, ds.Count(model.Warning), fst.notes, fst.pagesWithNotes, fst.split)
	if unequal > res.Pages/40 {
		t.Errorf("%d spreads have facing pages of different lengths", unequal)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-1.4")) {
		t.Error("not a PDF 1.4 file")
	}
	validateStrict(t, data)
	_ = filepath.Join
	if testing.Verbose() {
		_ = os.WriteFile("/tmp/long.dump", []byte(res.Dump), 0o644)
	}
}

// facingMismatches counts spreads (verso, recto of the same chapter, no
// figure on either, neither the chapter's last page) whose line counts
// differ.
func facingMismatches(dump string) int {
	re := regexp.MustCompile(`^(\d+) \[[^\]]*\] (recto|verso) (\S+)( opening)? start=\S+ lines=(\d+)/(\d+)`)
	type pg struct {
		side, sec       string
		used            int
		opening, figure bool
	}
	var pages []pg
	for _, chunk := range strings.Split(dump, "\npage ") {
		m := re.FindStringSubmatch(strings.TrimPrefix(chunk, "page "))
		if m == nil {
			pages = append(pages, pg{})
			continue
		}
		u, _ := strconv.Atoi(m[5])
		pages = append(pages, pg{m[2], m[3], u, m[4] != "", strings.Contains(chunk, " figure ")})
	}
	n := 0
	for i := 0; i+2 < len(pages); i++ {
		v, r, next := pages[i], pages[i+1], pages[i+2]
		if v.side != "verso" || v.opening || r.opening || v.sec != r.sec || next.sec != r.sec ||
			v.figure || r.figure || !strings.HasPrefix(v.sec, "ch-") {
			continue
		}
		if v.used != r.used {
			n++
		}
	}
	return n
}

// TestSetAheadSameBook renders a book of several chapters on two cores,
// where the warmer sets chapters' paragraphs ahead of the page builder,
// and on one, where it does not run: the PDFs are byte-identical.
func TestSetAheadSameBook(t *testing.T) {
	lay := sampleLayout(t, nil)
	renderOn := func(procs int) ([]byte, *Result) {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		data, res, _ := render(t, longBook(t, 6), lay)
		return data, res
	}
	one, resOne := renderOn(1)
	two, resTwo := renderOn(2)
	if resOne.SetAhead != 0 {
		t.Errorf("on one core %d paragraphs were set ahead", resOne.SetAhead)
	}
	if resTwo.SetAhead == 0 {
		t.Errorf("on two cores no paragraph was set ahead")
	}
	if !bytes.Equal(one, two) {
		t.Errorf("the PDF set on two cores (%d paragraphs ahead) differs from the one set on one", resTwo.SetAhead)
	}
	t.Logf("%d paragraphs set ahead", resTwo.SetAhead)
}

// TestSetAheadOneChapter renders a book of one chapter long enough to be
// cut into several units of the warmer's work (unitBlocks) on two cores
// and on one: the warmer sets paragraphs of the chapter's later units,
// the loose helper sets paragraphs a line longer and shorter ahead of
// the page builder, and the PDFs are byte-identical.
func TestSetAheadOneChapter(t *testing.T) {
	lay := sampleLayout(t, nil)
	book := longBook(t, 16)
	one := book.Chapters[0]
	for _, ch := range book.Chapters[1:] {
		one.Blocks = append(one.Blocks, ch.Blocks...)
	}
	book.Chapters = book.Chapters[:1]
	if len(one.Blocks) <= 2*unitBlocks {
		t.Fatalf("the chapter has %d blocks: too few to be cut in three units", len(one.Blocks))
	}
	renderOn := func(procs int) ([]byte, *Result) {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		data, res, _ := render(t, book, lay)
		return data, res
	}
	data1, res1 := renderOn(1)
	data2, res2 := renderOn(2)
	if res1.SetAhead != 0 || res2.SetAhead == 0 {
		t.Errorf("paragraphs set ahead: %d on one core, %d on two; want 0 and more", res1.SetAhead, res2.SetAhead)
	}
	if res1.LooseAhead != 0 || res2.LooseAhead == 0 {
		t.Errorf("settings a line longer or shorter made ahead: %d on one core, %d on two; want 0 and more", res1.LooseAhead, res2.LooseAhead)
	}
	if !bytes.Equal(data1, data2) {
		t.Errorf("the PDF set on two cores (%d paragraphs and %d looser or tighter settings ahead) differs from the one set on one", res2.SetAhead, res2.LooseAhead)
	}
	t.Logf("%d blocks, %d paragraphs and %d looser or tighter settings set ahead", len(one.Blocks), res2.SetAhead, res2.LooseAhead)
}
