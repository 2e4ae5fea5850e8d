package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// TestVocabularyLikeANovel generates the small novel (30 000 words) and
// checks that its vocabulary has the shape of a real novel's: thousands of
// distinct forms (Katrine, a novel of 64 000 words, has 3 832 in its first
// 30 000; the corpus had 589 before the lexicon), a head of frequent words
// that covers about half the text, many words used once, English passages
// and words in italics.
func TestVocabularyLikeANovel(t *testing.T) {
	spec, err := SpecFor(Novel, Small)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := Generate(dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "chapitre-*.md"))
	counts := map[string]int{}
	tokens := 0
	var all strings.Builder
	attrs := regexp.MustCompile(`\{[^}]*\}`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
		for _, w := range strings.FieldsFunc(attrs.ReplaceAllString(string(data), " "), func(r rune) bool { return !unicode.IsLetter(r) }) {
			counts[strings.ToLower(w)]++
			tokens++
		}
	}
	if st.Vocabulary != len(counts) {
		t.Errorf("Stats.Vocabulary = %d, the chapters hold %d forms", st.Vocabulary, len(counts))
	}
	freqs := make([]int, 0, len(counts))
	once := 0
	for _, c := range counts {
		freqs = append(freqs, c)
		if c == 1 {
			once++
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(freqs)))
	head := 0
	for _, c := range freqs[:100] {
		head += c
	}
	t.Logf("%d words, %d forms, %d%% used once, the 100 most frequent cover %d%%", tokens, len(counts), once*100/len(counts), head*100/tokens)
	if len(counts) < 2500 {
		t.Errorf("%d distinct forms in %d words: a real novel has thousands", len(counts), tokens)
	}
	if p := head * 100 / tokens; p < 40 || p > 70 {
		t.Errorf("the 100 most frequent forms cover %d%% of the text, real novels 50 to 57%%", p)
	}
	if p := once * 100 / len(counts); p < 35 || p > 80 {
		t.Errorf("%d%% of the forms are used once, real novels 40 to 56%%", p)
	}
	text := all.String()
	if n := strings.Count(text, "]{lang=en}"); n < 20 {
		t.Errorf("%d passages in English", n)
	}
	if n := strings.Count(text, " *"); n < 20 {
		t.Errorf("%d words in italics", n)
	}
}
