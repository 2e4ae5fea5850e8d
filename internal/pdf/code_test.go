package pdf

import (
	"os"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

func monoTestFace(t *testing.T) *typeset.Face {
	t.Helper()
	data, err := os.ReadFile("../../fonts/LiberationMono-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := typeset.ParseFace(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestWrapCode wraps issue 14's code block and others on a narrow
// measure: no printed line is wider than the measure (continued lines
// less their indent), the lines put back together give the code with
// its spaces and tabs expanded, and a line is wrapped after a space or a
// slash before it is wrapped after a hyphen ("gh-").
func TestWrapCode(t *testing.T) {
	face := monoTestFace(t)
	const size = 8.8
	adv := face.Advance(' ') * size
	code := "print(\"ok\")   # commentaire\n" +
		"x = \"https://raw.githubusercontent.com/exemple/depot/gh-pages/assets/un_nom_de_fichier_tres_long.csv\"\n" +
		"\tif x:\t# tab\n" +
		"\n" +
		strings.Repeat("a", 130) + "\n"
	for _, cols := range []int{20, 40, 61, 80} {
		width := float64(cols)*adv + 0.01
		lines := wrapCode(code, face, size, width)
		var got []string
		for _, l := range lines {
			w := face.Measure(l.text, size)
			if l.cont {
				w += 2 * adv
				got[len(got)-1] += l.text
			} else {
				got = append(got, l.text)
			}
			if w > width+0.01 {
				t.Errorf("%d columns: %q is %.1f pt wide, the measure %.1f", cols, l.text, w, width)
			}
		}
		want := []string{"print(\"ok\")   # commentaire",
			"x = \"https://raw.githubusercontent.com/exemple/depot/gh-pages/assets/un_nom_de_fichier_tres_long.csv\"",
			"    if x:   # tab", "", strings.Repeat("a", 130)}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d columns: the lines put back together are\n%q\nwant\n%q", cols, got, want)
		}
		for _, l := range lines {
			if strings.HasSuffix(l.text, "gh-") {
				t.Errorf("%d columns: wrapped after a hyphen where a slash was free: %q", cols, l.text)
			}
		}
	}
	// Offsets count runes of the code's text (a tab is one).
	lines := wrapCode("ab\n\tcd", face, size, 100)
	if len(lines) != 2 || lines[1].offset != 3 || lines[1].text != "    cd" {
		t.Errorf("offsets: %+v", lines)
	}
}

// TestCodeBlockInPrint sets a chapter with code blocks: each printed line
// is a code item in the dump, in the monospaced face; a short block is
// kept on one page (no break between its lines), a long one may break
// but keeps two lines on each side and never between a wrapped line and
// its continuation; a layout without a monospaced face
// sets code in the text face and says so at the code.
func TestCodeBlockInPrint(t *testing.T) {
	short := &model.CodeBlock{Text: "def f(x):\n    return x\n"}
	short.Pos = model.Position{File: "ch.md", Line: 3, Col: 1}
	var long strings.Builder
	for i := range 60 {
		long.WriteString("ligne " + strings.Repeat("x ", i%70) + "\n")
	}
	book := kindsBook(t, &model.Paragraph{Inlines: txt("Du texte.")}, short, &model.CodeBlock{Text: long.String()})
	_, res := renderKinds(t, book)
	if !strings.Contains(res.Dump, `code "def f(x):"`) || !strings.Contains(res.Dump, `code "    return x"`) {
		t.Errorf("the dump lacks the code lines:\n%s", res.Dump)
	}
	lay := sampleLayout(t, nil)
	fonts, err := loadFonts(nil, lay)
	if err != nil {
		t.Fatal(err)
	}
	b := &builder{lay: lay, fonts: fonts, lead: lay.Leading, textW: lay.TextWidth()}
	for _, c := range []struct {
		block *model.CodeBlock
		keep  bool
	}{{short, true}, {&model.CodeBlock{Text: long.String()}, false}} {
		items := b.codeItems(c.block, 0, 0, b.textW)
		lines := items[1 : len(items)-1]
		for i, it := range lines {
			ok := i == len(lines)-1 || !c.keep && i >= 1 && len(lines)-1-i >= 2 && !strings.HasPrefix(lines[i+1].dump, "code cont")
			if it.breakOK != ok {
				t.Errorf("line %d of %d: breakOK %v", i, len(lines), it.breakOK)
			}
		}
		if items[0].kind != itemSpace || items[len(items)-1].kind != itemSpace {
			t.Error("no space above or below a code block")
		}
	}
	if st := fonts.style(fontMono, 10); st.Face == fonts.faces[fontRegular] || fonts.styles[fontMono] != monoStyle {
		t.Error("code is not set in the monospaced face")
	}
	lay = sampleLayout(t, func(p *layout.Print) { p.Mono = nil })
	_, _, ds := render(t, book, lay)
	if !strings.Contains(ds.String(), "ch.md:3:1: warning: the print layout names no monospaced face") {
		t.Errorf("no warning for code without a monospaced face: %s", ds.String())
	}
}

// TestCodeBlockInNote: a code block in a note (pandoc's manual has some)
// is set as code, one line after the other, its indentation kept as
// no-break spaces, not as the text of a prose paragraph.
func TestCodeBlockInNote(t *testing.T) {
	got := codeBlockInlines(&model.CodeBlock{Text: "if x:\n\treturn 1\n"})
	if len(got) != 3 {
		t.Fatalf("inlines: %#v", got)
	}
	if c, ok := got[0].(*model.Code); !ok || c.Text != "if x:" {
		t.Errorf("first line: %#v", got[0])
	}
	if _, ok := got[1].(*model.LineBreak); !ok {
		t.Errorf("no line break between the lines: %#v", got[1])
	}
	if c, ok := got[2].(*model.Code); !ok || c.Text != "\u00a0\u00a0\u00a0\u00a0return 1" {
		t.Errorf("second line: %#v", got[2])
	}
}

// TestMissingGlyphsByFace: a character the monospaced face lacks is
// reported in code, in <kbd> and in a printed address, against that face;
// in prose against the text face.
func TestMissingGlyphsByFace(t *testing.T) {
	pos := func(col int) model.Position { return model.Position{File: "ch.md", Line: 1, Col: col} }
	book := kindsBook(t, &model.Paragraph{Inlines: []model.Inline{
		&model.Code{Text: "a ご", Pos: pos(1)},
		&model.Element{Tag: "kbd", Children: []model.Inline{&model.Text{Value: "飯", Pos: pos(10)}}, Pos: pos(10)},
		&model.Link{URL: "https://example.org/ん", Children: txt("texte"), Pos: pos(20)},
		&model.Text{Value: " は", Pos: pos(30)},
	}})
	_, _, ds := render(t, book, sampleLayout(t, nil))
	out := ds.String()
	for _, want := range []string{
		`ch.md:1:3: warning: the typeface Liberation Mono has no glyph for "ご"`,
		`ch.md:1:10: warning: the typeface Liberation Mono has no glyph for "飯"`,
		`ch.md:1:20: warning: the typeface Liberation Mono has no glyph for "ん"`,
		`ch.md:1:31: warning: the typeface EB Garamond has no glyph for "は"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, `EB Garamond has no glyph for "飯"`) || strings.Contains(out, `EB Garamond has no glyph for "ご"`) {
		t.Errorf("code reported against the text face:\n%s", out)
	}
}
