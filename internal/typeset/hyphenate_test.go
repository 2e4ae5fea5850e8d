package typeset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hyphenated returns word with a hyphen at every break the setter allows.
func hyphenated(h *hyphenator, lang, word string, sentenceStart bool) string {
	part, off, name, ok := hyphenatable(word)
	if name && !sentenceStart {
		return word
	}
	if !ok {
		return word
	}
	pts := h.points(lang, part)
	rs := []rune(word)
	var b strings.Builder
	j := 0
	for i, r := range rs {
		if j < len(pts) && int(pts[j])+off == i {
			b.WriteByte('-')
			j++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// The expected hyphenations are TeX's: xelatex with babel (french,
// english) and \showhyphens on the same words, same patterns.
func TestHyphenateLikeTeX(t *testing.T) {
	cases := []struct{ lang, want string }{
		{"fr", "an-ti-cons-ti-tu-tion-nel-le-ment li-bé-ra-tion bom-bar-de-ment dé-bar-que-ment en-thou-siasme gar-ni-son al-le-mande ca-se-mates opé-ra-tions ca-pi-tu-la-tion bat-te-ries ar-tille-rie lit-to-ral pri-son-niers ré-sis-tance sou-lè-ve-ment mou-ve-ments dif-fé-rents com-man-dée re-tran-chée dé-clen-che-ment éva-cués in-tense ca-na-diennes pré-parent for-te-resse dis-po-si-tif dé-fenses convoi na-vires an-nonce for-ma-tions en-semble sa-bo-tages sep-tembre"},
		{"en", "hy-phen-ation as-so-ciate as-so-ciates dec-li-na-tion oblig-a-tory phil-an-thropic type-set-ting al-go-rithm para-graph break-ing jus-ti-fi-ca-tion present pre-sen-ta-tion com-puter prob-a-bil-ity knowl-edge demon-stra-tion"},
		{"en-US", "hy-phen-ation"},
		{"fr-FR", "li-bé-ra-tion"},
	}
	h := newHyphenator(nil, 0, 0)
	for _, c := range cases {
		for _, want := range strings.Fields(c.want) {
			word := strings.ReplaceAll(want, "-", "")
			if got := hyphenated(h, langKey(c.lang), word, false); got != want {
				t.Errorf("%s %q: got %q, want %q", c.lang, word, got, want)
			}
		}
	}
}

func TestHyphenateRules(t *testing.T) {
	h := newHyphenator([]string{"Bou-logne", "ta-ble-ta-bles", "calais"}, 0, 0)
	cases := []struct {
		word          string
		sentenceStart bool
		want          string
	}{
		{"l’enthousiasme", false, "l’en-thou-siasme"},
		{"d'artillerie", false, "d'ar-tille-rie"},
		{"qu’anticonstitutionnellement", false, "qu’an-ti-cons-ti-tu-tion-nel-le-ment"},
		{"Libération", true, "Li-bé-ra-tion"},  // opens a sentence
		{"Libération", false, "Libération"},    // a name inside a sentence
		{"l’Europe", false, "l’Europe"},        // a name after an apostrophe
		{"SNCF", true, "SNCF"},                 // acronym
		{"DÉBARQUEMENT", true, "DÉBARQUEMENT"}, // all capitals
		{"iPhone", false, "iPhone"},            // capital inside
		{"McDonald", true, "McDonald"},         // capital inside
		{"1944", false, "1944"},                // number
		{"B52bombardement", false, "B52bombardement"},
		{"bombardement2", false, "bombardement2"}, // digits
		{"Boulogne-sur-Mer", true, "Boulogne-sur-Mer"},
		{"calais", false, "calais"}, // exception without hyphen: never
		{"tabletables", false, "ta-ble-ta-bles"},
	}
	for _, c := range cases {
		if got := hyphenated(h, "fr", c.word, c.sentenceStart); got != c.want {
			t.Errorf("%q: got %q, want %q", c.word, got, c.want)
		}
	}
}

func TestExceptionMinimums(t *testing.T) {
	// Exceptions keep the language minimums (TeX does too).
	h := newHyphenator([]string{"a-b-cdefg-h"}, 0, 0)
	if got := hyphenated(h, "fr", "abcdefgh", false); got != "ab-cdefgh" {
		t.Errorf("got %q", got)
	}
	h = newHyphenator(nil, 3, 4)
	if got := hyphenated(h, "fr", "libération", false); got != "libé-ra-tion" {
		t.Errorf("LeftMin 3 RightMin 4: got %q", got)
	}
}

// TestHyphenateBookLikeTeX compares with the hyphenations xelatex gave the
// sample book's words (testdata/hyphenation/*-tex.txt).
func TestHyphenateBookLikeTeX(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "hyphenation", "fr-book-tex.txt"))
	if err != nil {
		t.Fatal(err)
	}
	h := newHyphenator(nil, 0, 0)
	n := 0
	for _, want := range strings.Split(string(b), "\n") {
		want = strings.TrimSpace(want)
		if want == "" || strings.HasPrefix(want, "#") {
			continue
		}
		n++
		word := strings.ReplaceAll(want, "-", "")
		if got := hyphenated(h, "fr", word, false); got != want {
			t.Errorf("%q: got %q, TeX %q", word, got, want)
		}
	}
	if n < 100 {
		t.Fatalf("only %d words compared", n)
	}
}
