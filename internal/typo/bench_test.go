package typo

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/cputime"
	"github.com/publish-books/publish/internal/model"
)

// sampleParagraphs returns the running text of the sample book's chapters
// as typed (no headings, figures or citations), plus a few sentences in
// the same vein that use the constructs the rules handle.
func sampleParagraphs(t testing.TB) []string {
	files, _ := filepath.Glob("../../book/*.md")
	if len(files) == 0 {
		t.Fatal("sample book not found")
	}
	citation := regexp.MustCompile(` ?\[@[^\]]*\]`)
	var paras []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(string(data), "\n\n") {
			p = strings.TrimSpace(p)
			if p == "" || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "![") {
				continue
			}
			paras = append(paras, citation.ReplaceAllString(p, ""))
		}
	}
	return append(paras,
		`Le général Heim déclare : "La garnison se rend." Les Canadiens demandent : "Combien d'hommes ?" Réponse : 10 000 environ !`,
		`-- Où sont les batteries ? demande l'officier. Au Cap Gris-Nez - répond le guide - et à Sangatte... Voir p. 12 et n° 5 du XIXe siècle.`,
		`Le 1er octobre 1944, à 8 h 30, M. Dupont note : « la ville est libre ». Le port (3 km de quais) est détruit à 90 %.`,
	)
}

// corpus builds a French book of about words words from the paragraphs.
func corpus(paras []string, words int) (*model.Book, int) {
	var blocks []model.Block
	n, size := 0, 0
	for i := 0; n < words; i++ {
		p := paras[i%len(paras)]
		blocks = append(blocks, &model.Paragraph{Inlines: []model.Inline{&model.Text{Value: p}}})
		n += len(strings.Fields(p))
		size += len(p)
	}
	return &model.Book{Meta: model.Metadata{Language: "fr"},
		Chapters: []*model.Chapter{{ID: "c", Blocks: blocks}}}, size
}

// BenchmarkApply sets about 90 000 words of French made from the sample
// book's text.
func BenchmarkApply(b *testing.B) {
	paras := sampleParagraphs(b)
	_, size := corpus(paras, 90000)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var cpu time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		book, _ := corpus(paras, 90000)
		start := cputime.Process()
		b.StartTimer()
		Apply(book, &model.Diagnostics{})
		b.StopTimer()
		cpu += cputime.Process() - start
		n++
		b.StartTimer()
	}
	// Wall time suffers when other processes share the machine; processor
	// time (this process's, the garbage collector's included) does not.
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(n)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// TestCorpusIdempotent runs the benchmark's book twice.
func TestCorpusIdempotent(t *testing.T) {
	book, _ := corpus(sampleParagraphs(t), 5000)
	Apply(book, nil)
	var once strings.Builder
	model.WalkInlines(book.Chapters[0], func(ins *[]model.Inline) { once.WriteString(notation(*ins) + "\n") })
	Apply(book, nil)
	var twice strings.Builder
	model.WalkInlines(book.Chapters[0], func(ins *[]model.Inline) { twice.WriteString(notation(*ins) + "\n") })
	if once.String() != twice.String() {
		t.Error("second run changed the text")
	}
	for _, want := range []string{"«⍽La garnison se rend.⍽»", "—~Où sont", "Combien d’hommes⍽?⍽»", "1⟨sup|er⟩~octobre~1944"} {
		if !strings.Contains(once.String(), want) {
			t.Errorf("%q not in the result", want)
		}
	}
}
