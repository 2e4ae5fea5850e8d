// Package texmath turns simple TeX formulas into text with a little
// formatting, as pandoc's HTML writer sets math without MathML: letters in
// italics, digits and operators upright, scripts raised or lowered, Greek
// letters and common symbols as Unicode characters, \frac{a}{b} as a/b.
// Anything else (environments, unknown commands) is an error, so that the
// caller keeps the TeX source.
package texmath

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// maxDepth bounds the nesting of groups and scripts.
const maxDepth = 50

// Convert returns the inlines that show the formula tex, each at pos. The
// error names the first construct it does not know.
func Convert(tex string, pos model.Position) ([]model.Inline, error) {
	c := &conv{src: tex, pos: pos}
	out, err := c.seq(0, false)
	if err != nil {
		return nil, err
	}
	if c.i < len(c.src) {
		return nil, fmt.Errorf("unbalanced }")
	}
	return tidy(out), nil
}

type conv struct {
	src string
	i   int
	pos model.Position
}

// seq reads atoms up to the end or, in a group, its closing brace.
func (c *conv) seq(depth int, group bool) ([]model.Inline, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("formula nested too deep")
	}
	var out []model.Inline
	for c.i < len(c.src) {
		r, size := utf8.DecodeRuneInString(c.src[c.i:])
		switch {
		case r == '}':
			if !group {
				return nil, fmt.Errorf("unbalanced }")
			}
			c.i++
			return out, nil
		case r == '^' || r == '_':
			c.i++
			arg, err := c.arg(depth + 1)
			if err != nil {
				return nil, err
			}
			if r == '^' {
				out = append(out, &model.Superscript{Children: arg, Pos: c.pos})
			} else {
				out = append(out, &model.Subscript{Children: arg, Pos: c.pos})
			}
		case (r == '-' || r == '+') && !operandBefore(out):
			// A sign, not an operation: no spaces around it.
			c.i++
			out = append(out, &model.Text{Value: strings.TrimSpace(spacedChars[r]), Pos: c.pos})
		default:
			ins, err := c.atom(depth)
			if err != nil {
				return nil, err
			}
			out = append(out, ins...)
		}
		_ = size
	}
	if group {
		return nil, fmt.Errorf("unbalanced {")
	}
	return out, nil
}

// arg reads the argument of a script or a command: a group or one atom.
func (c *conv) arg(depth int) ([]model.Inline, error) {
	c.skipSpace()
	if c.i >= len(c.src) {
		return nil, fmt.Errorf("missing argument")
	}
	if c.src[c.i] == '{' {
		c.i++
		return c.seq(depth+1, true)
	}
	if c.src[c.i] == '}' || c.src[c.i] == '^' || c.src[c.i] == '_' {
		return nil, fmt.Errorf("missing argument")
	}
	return c.atom(depth + 1)
}

// rawArg reads a braced argument as plain text (for \text).
func (c *conv) rawArg() (string, error) {
	c.skipSpace()
	if c.i >= len(c.src) || c.src[c.i] != '{' {
		return "", fmt.Errorf("missing argument")
	}
	level, start := 0, c.i+1
	for j := c.i; j < len(c.src); j++ {
		switch c.src[j] {
		case '\\':
			j++
		case '{':
			level++
		case '}':
			level--
			if level == 0 {
				c.i = j + 1
				s := c.src[start:j]
				if strings.ContainsAny(s, "\\{}$") {
					return "", fmt.Errorf("commands inside \\text")
				}
				return s, nil
			}
		}
	}
	return "", fmt.Errorf("unbalanced {")
}

func (c *conv) skipSpace() {
	for c.i < len(c.src) && strings.IndexByte(" \t\n\r", c.src[c.i]) >= 0 {
		c.i++
	}
}

// atom reads one letter, digit, symbol, command or group.
func (c *conv) atom(depth int) ([]model.Inline, error) {
	r, size := utf8.DecodeRuneInString(c.src[c.i:])
	text := func(s string) []model.Inline { return []model.Inline{&model.Text{Value: s, Pos: c.pos}} }
	italic := func(s string) []model.Inline {
		return []model.Inline{&model.Emphasis{Children: text(s), Pos: c.pos}}
	}
	switch {
	case r == ' ' || r == '\t' || r == '\n' || r == '\r':
		c.i += size
		return nil, nil
	case r == '{':
		c.i++
		return c.seq(depth+1, true)
	case r == '\\':
		return c.command(depth)
	case r == '&' || r == '#' || r == '%':
		return nil, fmt.Errorf("%c outside an environment", r)
	case r == '~':
		c.i += size
		return text("\u00a0"), nil
	case r == '\'':
		c.i += size
		return text("′"), nil
	case unicode.IsLetter(r):
		c.i += size
		return italic(string(r)), nil
	}
	c.i += size
	if s, ok := spacedChars[r]; ok {
		return text(" " + s + " "), nil
	}
	return text(string(r)), nil
}

// command reads a command and its arguments.
func (c *conv) command(depth int) ([]model.Inline, error) {
	start := c.i + 1
	j := start
	for j < len(c.src) && (c.src[j] >= 'a' && c.src[j] <= 'z' || c.src[j] >= 'A' && c.src[j] <= 'Z') {
		j++
	}
	if j == start && j < len(c.src) {
		_, size := utf8.DecodeRuneInString(c.src[j:])
		j += size
	}
	name := c.src[start:j]
	c.i = j
	text := func(s string) []model.Inline { return []model.Inline{&model.Text{Value: s, Pos: c.pos}} }
	if g, ok := greek[name]; ok {
		if unicode.IsLower([]rune(name)[0]) {
			return []model.Inline{&model.Emphasis{Children: text(g), Pos: c.pos}}, nil
		}
		return text(g), nil
	}
	if s, ok := spaced[name]; ok {
		return text(" " + s + " "), nil
	}
	if s, ok := symbols[name]; ok {
		return text(s), nil
	}
	if functions[name] {
		return text(name + " "), nil
	}
	switch name {
	case "frac", "dfrac", "tfrac":
		num, err := c.arg(depth + 1)
		if err != nil {
			return nil, err
		}
		den, err := c.arg(depth + 1)
		if err != nil {
			return nil, err
		}
		out := append(paren(num, c.pos), &model.Text{Value: "/", Pos: c.pos})
		return append(out, paren(den, c.pos)...), nil
	case "sqrt":
		var index []model.Inline
		if c.skipSpace(); c.i < len(c.src) && c.src[c.i] == '[' {
			end := strings.IndexByte(c.src[c.i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [ after \\sqrt")
			}
			inner := &conv{src: c.src[c.i+1 : c.i+end], pos: c.pos}
			idx, err := inner.seq(depth+1, false)
			if err != nil {
				return nil, err
			}
			index = []model.Inline{&model.Superscript{Children: idx, Pos: c.pos}}
			c.i += end + 1
		}
		body, err := c.arg(depth + 1)
		if err != nil {
			return nil, err
		}
		out := append(index, &model.Text{Value: "√", Pos: c.pos})
		return append(out, paren(body, c.pos)...), nil
	case "text", "textrm", "textup", "mathrm", "operatorname", "textnormal", "mbox":
		s, err := c.rawArg()
		if err != nil {
			return nil, err
		}
		return text(s), nil
	case "textit", "mathit", "emph":
		arg, err := c.arg(depth + 1)
		if err != nil {
			return nil, err
		}
		return []model.Inline{&model.Emphasis{Children: upright(arg), Pos: c.pos}}, nil
	case "textbf", "mathbf", "boldsymbol":
		arg, err := c.arg(depth + 1)
		if err != nil {
			return nil, err
		}
		return []model.Inline{&model.Strong{Children: arg, Pos: c.pos}}, nil
	case "mathbb":
		s, err := c.rawArg()
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		for _, r := range s {
			bb, ok := blackboard[string(r)]
			if !ok {
				return nil, fmt.Errorf("\\mathbb{%s}", s)
			}
			b.WriteString(bb)
		}
		return text(b.String()), nil
	case "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr":
		// Sizing: the delimiter that follows is kept, "." is none.
		c.skipSpace()
		if c.i < len(c.src) && c.src[c.i] == '.' {
			c.i++
		}
		return nil, nil
	case "displaystyle", "textstyle", "limits", "nolimits":
		return nil, nil
	case "":
		return nil, fmt.Errorf("\\ at the end")
	}
	return nil, fmt.Errorf("\\%s", name)
}

// paren puts a compound fraction part or root in parentheses.
func paren(ins []model.Inline, pos model.Position) []model.Inline {
	s := strings.TrimSpace(model.PlainText(ins))
	simple := true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' {
			simple = false
		}
	}
	if simple || len(ins) == 1 && !isText(ins[0]) {
		return ins
	}
	out := []model.Inline{&model.Text{Value: "(", Pos: pos}}
	out = append(out, ins...)
	return append(out, &model.Text{Value: ")", Pos: pos})
}

func isText(in model.Inline) bool {
	_, ok := in.(*model.Text)
	return ok
}

// upright removes the italics of letters inside \textit (already italic).
func upright(ins []model.Inline) []model.Inline {
	var out []model.Inline
	for _, in := range ins {
		if e, ok := in.(*model.Emphasis); ok {
			out = append(out, e.Children...)
			continue
		}
		out = append(out, in)
	}
	return out
}

// tidy merges neighbouring texts and italics, collapses the spaces set
// around operators and trims the ends.
func tidy(ins []model.Inline) []model.Inline {
	var out []model.Inline
	for _, in := range ins {
		switch n := in.(type) {
		case *model.Text:
			if n.Value == "" {
				continue
			}
			if last, ok := lastOf(out).(*model.Text); ok {
				last.Value += n.Value
				continue
			}
		case *model.Emphasis:
			n.Children = tidy(n.Children)
			if last, ok := lastOf(out).(*model.Emphasis); ok {
				last.Children = tidy(append(last.Children, n.Children...))
				continue
			}
		default:
			model.SetInlineChildren(in, tidy(model.InlineChildren(in)))
		}
		out = append(out, in)
	}
	for i, in := range out {
		t, ok := in.(*model.Text)
		if !ok {
			continue
		}
		for strings.Contains(t.Value, "  ") {
			t.Value = strings.ReplaceAll(t.Value, "  ", " ")
		}
		if i == 0 {
			t.Value = strings.TrimLeft(t.Value, " ")
		}
		if i == len(out)-1 {
			t.Value = strings.TrimRight(t.Value, " ")
		}
	}
	kept := out[:0]
	for _, in := range out {
		if t, ok := in.(*model.Text); ok && t.Value == "" {
			continue
		}
		kept = append(kept, in)
	}
	return kept
}

func lastOf(ins []model.Inline) model.Inline {
	if len(ins) == 0 {
		return nil
	}
	return ins[len(ins)-1]
}

// operandBefore reports whether the inlines end with something a binary
// operator can follow: not nothing, not an operator (set with a space
// after it), a sign or an opening bracket.
func operandBefore(ins []model.Inline) bool {
	if len(ins) == 0 {
		return false
	}
	t, ok := ins[len(ins)-1].(*model.Text)
	if !ok {
		return true
	}
	if t.Value == "" || strings.HasSuffix(t.Value, " ") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t.Value)
	return !strings.ContainsRune("([{,−+", last)
}
