package build

import (
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// samplePages returns the text of each page of the sample's PDF, without
// the running heads (the book's and the chapters' titles, which repeat
// the places the index lists), with their printed labels: arabic from 1
// at the first chapter's opening page, as the folios are.
func samplePages(t *testing.T, res *Result, pdf string) (texts []string, labels []string) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	b := res.Book
	heads := []string{letters(b.Meta.Title)}
	var first string
	for _, ch := range b.Chapters {
		heads = append(heads, letters(model.PlainText(ch.Title)))
		if first == "" && ch.Matter == model.BodyMatter {
			first = letters(model.PlainText(ch.Title))
		}
	}
	pages := strings.Split(string(out), "\f")
	start := -1
	for i, p := range pages {
		text := letters(p)
		if start < 0 && strings.HasPrefix(text, first) {
			start = i
		}
		for _, h := range heads {
			text = strings.ReplaceAll(text, h, "")
		}
		texts = append(texts, text)
	}
	if start < 0 {
		t.Fatalf("no page opens the first chapter %q", first)
	}
	for i := range pages {
		l := ""
		if i >= start {
			l = strconv.Itoa(i - start + 1)
		}
		labels = append(labels, l)
	}
	return texts, labels
}

// TestSampleIndexPagesMatchThePDF reads the sample's indexes in the PDF's
// text and checks each entry's page numbers against the pages where its
// marked words are printed: every page listed holds one of them, and the
// page of every marked occurrence is listed.
func TestSampleIndexPagesMatchThePDF(t *testing.T) {
	requireTool(t, "pdftotext")
	res, _ := buildSample(t)
	pdf := pdfOf(res)
	texts, labels := samplePages(t, res, pdf)
	layoutText, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	indexStart := strings.Index(string(layoutText), "Index des noms de personnes")
	if indexStart < 0 || len(res.Book.Indexes) != 2 {
		t.Fatalf("the sample has %d indexes; want names and places printed", len(res.Book.Indexes))
	}
	indexText := string(layoutText)[indexStart:]
	words := map[string]string{} // span id -> its letters
	model.WalkBook(res.Book, func(n model.Node, entering bool) model.WalkStatus {
		if sp, ok := n.(*model.Span); ok && entering && sp.Index != nil {
			words[sp.ID] = letters(model.PlainText(sp.Children))
		}
		return model.WalkContinue
	})
	checked := 0
	var check func(es []*model.IndexEntry)
	check = func(es []*model.IndexEntry) {
		for _, e := range es {
			check(e.Sub)
			if len(e.Occurrences) == 0 {
				continue
			}
			m := regexp.MustCompile(`(?m)(?:^|  )\s*` + regexp.QuoteMeta(e.Term) + `, ([0-9ivxlc, –-]+?)(?:  |\.|$)`).FindStringSubmatch(indexText)
			if m == nil {
				t.Errorf("index entry %q is not printed with page numbers", e.Term)
				continue
			}
			listed := map[string]bool{}
			for _, p := range strings.Split(m[1], ", ") {
				lo, hi, isRange := strings.Cut(p, "–")
				if !isRange {
					lo, hi, isRange = strings.Cut(p, "-")
				}
				if !isRange {
					listed[p] = true
					continue
				}
				a, _ := strconv.Atoi(lo)
				z, _ := strconv.Atoi(hi)
				for n := a; n <= z; n++ {
					listed[strconv.Itoa(n)] = true
				}
			}
			for page := range listed {
				found := false
				for i, l := range labels {
					if l != page {
						continue
					}
					for _, o := range e.Occurrences {
						found = found || strings.Contains(texts[i], words[o.ID])
					}
				}
				if !found {
					t.Errorf("index entry %q lists page %s, where none of its marked words is printed", e.Term, page)
				}
			}
			for _, o := range e.Occurrences {
				found := false
				for i, l := range labels {
					found = found || listed[l] && strings.Contains(texts[i], words[o.ID])
				}
				if !found {
					t.Errorf("index entry %q: the page of its occurrence %q (%s) is not listed in %q", e.Term, words[o.ID], o.ID, m[1])
				}
			}
			checked++
		}
	}
	for _, ix := range res.Book.Indexes {
		for _, g := range ix.Groups {
			check(g.Entries)
		}
	}
	if checked < 10 {
		t.Errorf("%d index entries checked: want the sample's places and persons (10 or more)", checked)
	}
}

// TestSampleCrossReferencePage checks the sample's cross-reference to
// the harbour plan: the page it prints is the page of the chapters where
// the figure's caption is printed.
func TestSampleCrossReferencePage(t *testing.T) {
	requireTool(t, "pdftotext")
	res, _ := buildSample(t)
	_, labels := samplePages(t, res, pdfOf(res))
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfOf(res), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var fig *model.Figure
	for _, f := range res.Book.Figures {
		if f.ID == "fig-plan" {
			fig = f
		}
	}
	if fig == nil {
		t.Fatal("the sample has no figure fig-plan")
	}
	num := strconv.Itoa(fig.Number)
	ref := regexp.MustCompile(`voir\s+fig\.\s` + num + `,\s+p\.\s(\w+)`)
	caption := regexp.MustCompile(`(?m)^Fig\.\s` + num + `\.\s+` + regexp.QuoteMeta(strings.Fields(model.PlainText(fig.Caption))[0]))
	var printed, actual []string
	for i, page := range strings.Split(string(out), "\f") {
		if strings.HasPrefix(strings.TrimSpace(page), "Sources et bibliographie") {
			break // the generated pages list the figures too
		}
		if m := ref.FindStringSubmatch(page); m != nil {
			printed = append(printed, m[1])
		}
		if caption.MatchString(page) {
			actual = append(actual, labels[i])
		}
	}
	if len(printed) != 1 || len(actual) != 1 {
		t.Fatalf("the reference prints pages %v and the caption is on pages %v: want one each", printed, actual)
	}
	if printed[0] != actual[0] {
		t.Errorf("the cross-reference prints p. %s; the figure is on page %s", printed[0], actual[0])
	}
}
