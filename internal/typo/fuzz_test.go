package typo

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// FuzzApply checks on any text, split into nodes at any place, that the
// pass does not panic, writes valid UTF-8, keeps the letters and digits in
// order, and is idempotent.
func FuzzApply(f *testing.F) {
	for _, s := range []string{
		`« Quoi ?! » "a" 'b' -- c --- d ... 10 000 hommes, le 1er septembre, la 3ème DI`,
		`http://x.fr/a?b=c a.b@x.fr : 8:30 8 h 30 p. 12 n° 5 M. Dupont XIXe siècle`,
		`du XVIe au XVIIIe siècle, les XIXe et XXe siècles, la XXe armée`,
		"- Bonjour\u2028— Oui !", `"" '' «» «`, `"'"'"`, ` : ; ! ? `, "…...-–—",
	} {
		f.Add(s, uint8(3), false)
		f.Add(s, uint8(7), true)
	}
	f.Fuzz(func(t *testing.T, s string, split uint8, english bool) {
		if !utf8.ValidString(s) || len(s) > 4096 {
			return // long inputs only slow the fuzzer's minimising down
		}
		// A run that does not end is reported as a crash with its input.
		timer := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Apply did not end on %q (split %d, English %v)", s, split, english)) })
		defer timer.Stop()
		lang := "fr"
		if english {
			lang = "en"
		}
		ins := splitNodes(s, int(split), english)
		out, _ := applyOne(lang, "para", ins)
		got := model.PlainText(out)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		// A century's numeral is the one change of letters the pass makes:
		// into lower case, inside small capitals (« xixe siècle »).
		if alnum(textWithSmallCapsUpper(out)) != alnum(s) {
			t.Fatalf("letters changed: %q -> %q", s, got)
		}
		once := notation(out)
		again, _ := applyOne(lang, "para", out)
		if g2 := notation(again); g2 != once {
			t.Fatalf("not idempotent on %q:\n once: %s\ntwice: %s", s, once, g2)
		}
	})
}

// textWithSmallCapsUpper returns the plain text of ins with the letters of
// small-capitals nodes in upper case, as the author typed a century.
func textWithSmallCapsUpper(ins []model.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch n := in.(type) {
		case *model.SmallCaps:
			b.WriteString(strings.ToUpper(model.PlainText(n.Children)))
		case *model.Text:
			b.WriteString(n.Value)
		default:
			b.WriteString(textWithSmallCapsUpper(model.InlineChildren(in)))
		}
	}
	return b.String()
}

// splitNodes cuts s into text, emphasis, span (in the other language),
// line break and note call nodes every n runes.
func splitNodes(s string, n int, english bool) []model.Inline {
	if n <= 0 {
		return []model.Inline{&model.Text{Value: s}}
	}
	other := "en"
	if english {
		other = "fr"
	}
	var out []model.Inline
	rs := []rune(s)
	for i := 0; i < len(rs); i += n {
		part := string(rs[i:min(i+n, len(rs))])
		switch (i / n) % 5 {
		case 0:
			out = append(out, &model.Text{Value: part})
		case 1:
			out = append(out, &model.Emphasis{Children: []model.Inline{&model.Text{Value: part}}})
		case 2:
			out = append(out, &model.Span{Lang: other, Children: []model.Inline{&model.Text{Value: part}}})
		case 3:
			out = append(out, &model.Text{Value: part}, &model.LineBreak{})
		default:
			out = append(out, &model.NoteRef{}, &model.Strong{Children: []model.Inline{&model.Text{Value: part}}})
		}
	}
	return out
}

// alnum keeps the letters and digits of s, the ellipsis and dashes the
// pass makes aside.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isAlnum(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
