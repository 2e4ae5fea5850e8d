package texmath

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// FuzzConvert feeds any text to the converter: it must not panic, and
// what it returns is either text (no error) or an error with no inlines
// lost: the caller then prints the TeX source.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{`x^2`, `\frac{a}{b}`, `\sqrt{x_i^2}`, `\alpha \leq \beta`, `\begin{matrix}a\end{matrix}`,
		`{{{`, `}}}`, `x^`, `_`, `\`, `\frac{}{`, `\text{a $b$ c}`, strings.Repeat("{", 1000), strings.Repeat(`\sqrt`, 500) + "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tex string) {
		if !utf8.ValidString(tex) {
			return
		}
		ins, err := Convert(tex, model.Position{File: "f.md", Line: 1, Col: 1})
		if err != nil {
			return
		}
		// A formula converted to text keeps its letters and digits.
		text := model.PlainText(ins)
		for _, r := range tex {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				if !strings.ContainsRune(text, r) && !strings.Contains(tex, `\`) {
					t.Fatalf("Convert(%q) = %q: %q lost", tex, text, r)
				}
			}
		}
	})
}
