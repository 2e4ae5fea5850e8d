package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// Code blocks in print: the monospaced face at the layout's code size,
// ragged, never hyphenated nor justified, every space kept and tabs
// expanded to the next stop of four columns. A line longer than the
// measure is wrapped at a sensible point (after a space, else after a
// punctuation mark a reader expects a break at, else at the measure) and
// continued on a line that starts two columns in, after a hooked arrow
// drawn in that room, so that no glyph ever leaves the text block. The
// block has half a line of space above and below; a block of up to
// codeKeepLines lines is kept on one page, a longer one keeps two lines
// on each side of a page break and never breaks a wrapped line.

// codeTab is the distance between tab stops, in columns.
const codeTab = 4

// codeKeepLines is the longest code block (in printed lines) that is kept
// whole on one page.
const codeKeepLines = 8

// codeContColumns is the indent of a continued line, in columns (the room
// of the continuation mark).
const codeContColumns = 2

// codeLine is one printed line of a code block: its text and where it
// starts in the block's text (runes).
type codeLine struct {
	text   string
	offset int
	// cont is true for a line that continues the one before.
	cont bool
}

// expandTabs returns a code line with its tabs replaced by spaces up to
// the next tab stop, and for each rune of the result the index of the
// rune of line it comes from.
func expandTabs(line string) ([]rune, []int) {
	var out []rune
	var src []int
	i := 0
	for _, r := range line {
		if r == '\t' {
			n := codeTab - len(out)%codeTab
			for range n {
				out = append(out, ' ')
				src = append(src, i)
			}
		} else {
			out = append(out, r)
			src = append(src, i)
		}
		i++
	}
	return out, src
}

// codeBreakAfter lists, best first after a space, the characters after
// which a long code line may be wrapped; a hyphen comes last, since a
// line ending with one reads as a word broken by hyphenation.
var codeBreakAfter = []string{",;/&?#=)]}|:", "._", "-"}

// wrapCode splits a code block's text into printed lines no wider than
// width (first lines) or width less the continuation indent (continued
// lines), measuring with face at size.
func wrapCode(text string, face *typeset.Face, size, width float64) []codeLine {
	contW := face.Measure(strings.Repeat(" ", codeContColumns), size)
	var out []codeLine
	start := 0 // the line's offset in the block's text, in runes
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		lineStart := start
		start += len([]rune(line)) + 1
		rs, src := expandTabs(line)
		cont := false
		for {
			avail := width
			if cont {
				avail -= contW
			}
			// n is how many runes fit.
			n, w := 0, 0.0
			for n < len(rs) {
				w += face.Advance(rs[n]) * size
				if w > avail+eps {
					break
				}
				n++
			}
			if n >= len(rs) {
				out = append(out, codeLine{text: string(rs), offset: lineStart + firstSrc(src, 0), cont: cont})
				break
			}
			n = max(n, 1)
			cut := codeCut(rs, n)
			out = append(out, codeLine{text: string(rs[:cut]), offset: lineStart + firstSrc(src, 0), cont: cont})
			rs, src = rs[cut:], src[cut:]
			cont = true
		}
	}
	return out
}

func firstSrc(src []int, i int) int {
	if i < len(src) {
		return src[i]
	}
	return 0
}

// codeCut returns where to wrap a code line of which n runes fit: after
// the last space in the second half of the fitting part, else after the
// last character there of the first set of codeBreakAfter that has one,
// else at n.
func codeCut(rs []rune, n int) int {
	for _, set := range append([]string{" "}, codeBreakAfter...) {
		for i := n; i > n/2; i-- {
			if strings.ContainsRune(set, rs[i-1]) && !(i < len(rs) && rs[i] == ' ') {
				return i
			}
		}
	}
	return n
}

// codeItems lays out a code block at indent on a measure of width.
func (b *builder) codeItems(n *model.CodeBlock, bi int, indent, width float64) []*item {
	st := b.fonts.style(fontMono, b.lay.Size*b.fonts.codeScale)
	size := st.Size
	lead := math.Round(size*1.3*10) / 10
	lines := wrapCode(n.Text, st.Face, size, width)
	contW := st.Face.Measure(strings.Repeat(" ", codeContColumns), size)
	// The spaces around the block carry its offsets, so that a page
	// starting at one starts inside the list or quotation holding the
	// block, not at its start.
	above := b.space(0.5, bi)
	above.offset = b.nestBase
	if len(lines) > 0 {
		above.offset += lines[0].offset
	}
	out := []*item{above}
	keep := len(lines) <= codeKeepLines
	for i, l := range lines {
		l := l
		rest := len(lines) - 1 - i
		it := &item{kind: itemLine, height: lead, block: bi, offset: b.nestBase + l.offset,
			breakOK: i == len(lines)-1 || !keep && i >= 1 && rest >= 2 && !lines[i+1].cont,
			dump:    "code " + strconv.Quote(l.text)}
		if l.cont {
			it.dump = "code cont " + strconv.Quote(l.text)
		}
		it.draw = func(d *drawer, x, y float64) {
			base := y + size
			tx := x + indent
			if l.cont {
				drawContinuation(d, st, tx, base, contW)
				tx += contW
			}
			if strings.TrimSpace(l.text) != "" {
				d.text(st, tx, base, l.text)
			}
		}
		out = append(out, it)
	}
	below := b.space(0.5, bi)
	below.offset = out[len(out)-1].offset
	out = append(out, below)
	return out
}

// drawContinuation draws the mark of a continued code line, a hooked
// arrow (↪) in the room of width w before the line's text, on baseline y.
func drawContinuation(d *drawer, st typeset.Style, x, y, w float64) {
	s := st.Size
	x0, x1 := x+0.15*w, x+0.8*w
	top, mid := y-0.55*s, y-0.25*s
	d.setLineWidth(s * 0.06)
	d.rule(x0, top, x0, mid)
	d.rule(x0, mid, x1, mid)
	d.rule(x1, mid, x1-0.18*s, mid-0.12*s)
	d.rule(x1, mid, x1-0.18*s, mid+0.12*s)
}

// codeBlockInlines returns a code block as inline code, one line after
// the other with forced breaks, for a note (whose blocks are set as one
// paragraph): tabs expanded, and the spaces opening a line made no-break
// spaces, which the line breaker keeps as an indent of one space each.
func codeBlockInlines(n *model.CodeBlock) []model.Inline {
	var out []model.Inline
	for i, line := range strings.Split(strings.TrimRight(n.Text, "\n"), "\n") {
		if i > 0 {
			out = append(out, &model.LineBreak{Pos: n.Pos})
		}
		rs, _ := expandTabs(line)
		text := string(rs)
		trimmed := strings.TrimLeft(text, " ")
		text = strings.Repeat("\u00a0", len(text)-len(trimmed)) + trimmed
		if text != "" {
			out = append(out, &model.Code{Text: text, Pos: n.Pos})
		}
	}
	return out
}
