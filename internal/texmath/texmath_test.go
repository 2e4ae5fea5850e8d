package texmath

import (
	"fmt"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// show writes inlines compactly: _x_ for italics, ^{x} and _{x} for
// scripts, *x* for bold.
func show(ins []model.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch n := in.(type) {
		case *model.Text:
			b.WriteString(n.Value)
		case *model.Emphasis:
			b.WriteString("_" + show(n.Children) + "_")
		case *model.Strong:
			b.WriteString("*" + show(n.Children) + "*")
		case *model.Superscript:
			b.WriteString("^{" + show(n.Children) + "}")
		case *model.Subscript:
			b.WriteString("_{" + show(n.Children) + "}")
		default:
			fmt.Fprintf(&b, "%T", in)
		}
	}
	return b.String()
}

func TestConvert(t *testing.T) {
	tests := []struct{ tex, want, err string }{
		{`x^2 + y_i`, `_x_^{2} + _y__{_i_}`, ``},
		{`\alpha \leq \beta`, `_α_ ≤ _β_`, ``},
		{`E = mc^2`, `_E_ = _mc_^{2}`, ``},
		{`2^{10}`, `2^{10}`, ``},
		{`a_{n+1}`, `_a__{_n_ + 1}`, ``},
		{`\frac{1}{2}`, `1/2`, ``},
		{`\frac{a+b}{c}`, `(_a_ + _b_)/_c_`, ``},
		{`\sqrt{x}`, `√_x_`, ``},
		{`\sqrt[3]{8}`, `^{3}√8`, ``},
		{`\text{if } x > 0`, `if _x_ > 0`, ``},
		{`\mathrm{d}x`, `d_x_`, ``},
		{`\Omega \times \infty`, `Ω × ∞`, ``},
		{`\sum_{i=1}^{n} i`, `∑_{_i_ = 1}^{_n_}_i_`, ``},
		{`x \to \infty`, `_x_ → ∞`, ``},
		{`a \cdot b \pm c \neq d \approx e \geq f`, `_a_ ⋅ _b_ ± _c_ ≠ _d_ ≈ _e_ ≥ _f_`, ``},
		{`\partial f, \ldots, \cdots`, `∂_f_,…,⋯`, ``},
		{`\sin x`, `sin _x_`, ``},
		{`\mathbb{R}^n`, `ℝ^{_n_}`, ``},
		{`\mathbf{v}`, `*_v_*`, ``},
		{`\left( x \right)`, `(_x_)`, ``},
		{`-x + (-1)`, `−_x_ + (−1)`, ``},
		{`a = -b`, `_a_ = −_b_`, ``},
		{`a \leq -b`, `_a_ ≤ −_b_`, ``},
		{`\begin{matrix} a & b \end{matrix}`, ``, `\begin`},
		{`\unknown x`, ``, `\unknown`},
		{`x^`, ``, `missing argument`},
		{`{x`, ``, `unbalanced {`},
		{`x}`, ``, `unbalanced }`},
		{`a & b`, ``, `& outside an environment`},
		{strings.Repeat("{", 100) + "x" + strings.Repeat("}", 100), ``, `formula nested too deep`},
	}
	for _, tt := range tests {
		got, err := Convert(tt.tex, model.Position{File: "f", Line: 1, Col: 1})
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %q", tt.tex, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.tex, err)
			continue
		}
		if s := show(got); s != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.tex, s, tt.want)
		}
		model.Walk(&model.Paragraph{Inlines: got}, func(n model.Node, entering bool) model.WalkStatus {
			if entering && n.Position().Line == 0 {
				if _, ok := n.(*model.Paragraph); !ok {
					t.Errorf("%q: %T without a position", tt.tex, n)
				}
			}
			return model.WalkContinue
		})
	}
}
