package pdf

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// TestTextMovesPlaceEveryPiece draws books with the pieces of a line in
// one text object (show: a TJ array, its numbers worked out from the
// fonts' widths) and with every piece in a text object of its own, as
// fpdf writes text. Read as a PDF reader reads the content streams, with
// the widths the file gives its fonts (/W, /DW), every glyph must be
// shown in the same font, on the same baseline, within half a thousandth
// of the font size of the same place, and the streams must be a fifth
// smaller at least (0.62 of the size in the sample book, 0.73 in the
// code book).
func TestTextMovesPlaceEveryPiece(t *testing.T) {
	books := map[string]string{
		"sample":   "../../book",
		"codebook": "../build/testdata/codebook",
	}
	layouts := map[string]func(p *layout.Print){
		"default":          nil,
		"heads and folios": func(p *layout.Print) { p.RectoHead, p.VersoHead, p.Folio = "section", "author", "top-outside" },
	}
	render := func(t *testing.T, dir string, lay *layout.Print, moves bool) []byte {
		t.Helper()
		defer func(m bool) { textMoves = m }(textMoves)
		textMoves = moves
		var buf bytes.Buffer
		var ds model.Diagnostics
		if _, err := Render(&buf, readBook(t, dir), Options{Layout: lay, ModTime: modTime}, &ds); err != nil {
			t.Fatalf("render: %v", err)
		}
		return buf.Bytes()
	}
	for bookName, dir := range books {
		for layName, edit := range layouts {
			t.Run(bookName+"/"+layName, func(t *testing.T) {
				lay := sampleLayout(t, edit)
				moved, apart := render(t, dir, lay, true), render(t, dir, lay, false)
				var got, want []shownGlyph
				movedSize, apartSize, moves := 0, 0, 0
				movedWidths, apartWidths := fontWidths(t, moved), fontWidths(t, apart)
				for _, s := range pageStreams(t, moved) {
					got = append(got, shownGlyphs(t, s, movedWidths, &moves)...)
					movedSize += len(s)
				}
				for _, s := range pageStreams(t, apart) {
					want = append(want, shownGlyphs(t, s, apartWidths, nil)...)
					apartSize += len(s)
				}
				if moves == 0 {
					t.Fatal("no piece was placed within a text object")
				}
				if len(got) != len(want) {
					t.Fatalf("%d glyphs shown, %d when each piece has its own text object", len(got), len(want))
				}
				for i := range got {
					g, w := got[i], want[i]
					if g.font != w.font || g.size != w.size || g.code != w.code || g.y != w.y || math.Abs(g.x-w.x) > w.size/2000+1e-9 {
						t.Fatalf("glyph %d: %s, with its own text object %s", i, g, w)
					}
				}
				t.Logf("%d glyphs, %d pieces placed within a text object; content streams %d bytes, %d with a text object a piece", len(got), moves, movedSize, apartSize)
				if movedSize*5 > apartSize*4 {
					t.Errorf("content streams of %d bytes, %d with a text object a piece: less than a fifth off", movedSize, apartSize)
				}
			})
		}
	}
}

// shownGlyph is a glyph as a PDF reader places it: its font resource,
// size and code, and where its origin lands, in points.
type shownGlyph struct {
	font string
	size float64
	code int
	x, y float64
}

func (g shownGlyph) String() string {
	return fmt.Sprintf("%s %.2f code %d at %.4f,%.2f", g.font, g.size, g.code, g.x, g.y)
}

// cidWidths are the widths a CIDFont gives its codes, in thousandths of
// the font size: /W, and /DW for the codes /W does not list.
type cidWidths struct {
	w  map[int]int
	dw int
}

func (c cidWidths) of(code int) int {
	if w, ok := c.w[code]; ok {
		return w
	}
	return c.dw
}

// fontWidths reads a PDF's font resources as a reader finds a font's
// widths: the resource name (/F… n 0 R in a /Font dictionary), its Type0
// font's descendant, that CIDFont's /DW and /W (either form: c [w …] and
// c1 c2 w).
func fontWidths(t *testing.T, pdf []byte) map[string]cidWidths {
	t.Helper()
	objs := map[string][]byte{}
	for _, m := range regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)endobj`).FindAllSubmatch(pdf, -1) {
		body := m[2]
		if i := bytes.Index(body, []byte("stream")); i >= 0 {
			body = body[:i]
		}
		objs[string(m[1])] = body
	}
	out := map[string]cidWidths{}
	for _, res := range regexp.MustCompile(`(?s)/Font\s*<<(.*?)>>`).FindAllSubmatch(pdf, -1) {
		for _, f := range regexp.MustCompile(`/(\S+) (\d+) 0 R`).FindAllSubmatch(res[1], -1) {
			d := regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`).FindSubmatch(objs[string(f[2])])
			if d == nil {
				t.Fatalf("font %s (object %s) has no descendant font", f[1], f[2])
			}
			cid := objs[string(d[1])]
			cw := cidWidths{w: map[int]int{}, dw: 1000}
			if m := regexp.MustCompile(`/DW (\d+)`).FindSubmatch(cid); m != nil {
				cw.dw, _ = strconv.Atoi(string(m[1]))
			}
			i := bytes.Index(cid, []byte("/W ["))
			if i < 0 {
				t.Fatalf("font %s has no /W", f[1])
			}
			var nums []int
			var code int
			inner := false
			for _, tok := range contentTokens(cid[i+len("/W ["):]) {
				switch tok {
				case "[":
					inner, code = true, nums[len(nums)-1]
					nums = nums[:len(nums)-1]
					continue
				case "]":
					if !inner {
						break
					}
					inner = false
					continue
				}
				if tok == "]" {
					break
				}
				n, err := strconv.Atoi(tok)
				if err != nil {
					t.Fatalf("font %s: /W holds %q", f[1], tok)
				}
				if inner {
					cw.w[code] = n
					code++
					continue
				}
				if nums = append(nums, n); len(nums) == 3 {
					for c := nums[0]; c <= nums[1]; c++ {
						cw.w[c] = nums[2]
					}
					nums = nums[:0]
				}
			}
			out[string(f[1])] = cw
		}
	}
	return out
}

// shownGlyphs reads a content stream as a PDF reader places text (BT
// resets the text line to the origin, x y Td moves it, Tf sets the font,
// Tj and TJ show strings of two-byte codes and move the pen by their
// widths, a TJ number moves it back by thousandths of the size; the text
// matrix is never set otherwise in publish's streams) and returns each
// glyph shown. moves, when not nil, counts the pieces placed within a
// text object after its first: the Td after the first, the TJ numbers.
func shownGlyphs(t *testing.T, stream []byte, widths map[string]cidWidths, moves *int) []shownGlyph {
	t.Helper()
	var out []shownGlyph
	var operands []string
	var lineX, lineY, pen float64
	font, size, inText, placed := "", 0.0, false, 0
	show := func(str string) {
		b := unescapeString(t, str)
		if len(b)%2 != 0 {
			t.Fatalf("string %q: not two-byte codes", str)
		}
		cw, ok := widths[font]
		if !ok {
			t.Fatalf("font %q: no widths in the file", font)
		}
		for i := 0; i < len(b); i += 2 {
			code := int(b[i])<<8 | int(b[i+1])
			out = append(out, shownGlyph{font: font, size: size, code: code, x: lineX + pen, y: lineY})
			pen += float64(cw.of(code)) * size / 1000
		}
	}
	for _, tok := range contentTokens(stream) {
		switch tok {
		case "BT":
			lineX, lineY, pen, inText, placed = 0, 0, 0, true, 0
		case "ET":
			inText = false
		case "Td":
			if len(operands) != 2 || !inText {
				t.Fatalf("Td with %q, in a text object: %v", operands, inText)
			}
			lineX += float64(hundredths(t, operands[0])) / 100
			lineY += float64(hundredths(t, operands[1])) / 100
			pen = 0
			if placed++; placed > 1 && moves != nil {
				*moves++
			}
		case "Tf":
			if len(operands) != 2 {
				t.Fatalf("Tf with %q", operands)
			}
			font = strings.TrimPrefix(operands[0], "/")
			size, _ = strconv.ParseFloat(operands[1], 64)
		case "Tj":
			if len(operands) != 1 || !inText {
				t.Fatalf("Tj with %q, in a text object: %v", operands, inText)
			}
			show(operands[0])
		case "TJ":
			if len(operands) < 3 || operands[0] != "[" || operands[len(operands)-1] != "]" || !inText {
				t.Fatalf("TJ with %q, in a text object: %v", operands, inText)
			}
			for _, op := range operands[1 : len(operands)-1] {
				if strings.HasPrefix(op, "(") {
					show(op)
					continue
				}
				n, err := strconv.Atoi(op)
				if err != nil {
					t.Fatalf("TJ number %q: %v", op, err)
				}
				pen -= float64(n) * size / 1000
				if moves != nil {
					*moves++
				}
			}
		case "Tm", "T*", "'", "\"", "TL", "Ts", "Tz", "Tc", "Tw":
			t.Fatalf("operator %s: the reading here does not follow it", tok)
		default:
			operands = append(operands, tok)
			continue
		}
		operands = operands[:0]
	}
	return out
}

// unescapeString returns the bytes of a literal string token, with its
// parentheses (the escapes show writes: \\ \( \) \r).
func unescapeString(t *testing.T, tok string) []byte {
	t.Helper()
	var b []byte
	for i := 1; i < len(tok)-1; i++ {
		c := tok[i]
		if c == '\\' {
			i++
			switch tok[i] {
			case 'r':
				c = '\r'
			case '\\', '(', ')':
				c = tok[i]
			default:
				t.Fatalf("string %q: escape \\%c", tok, tok[i])
			}
		}
		b = append(b, c)
	}
	return b
}

// hundredths reads a number written with at most two decimals, in
// hundredths.
func hundredths(t *testing.T, num string) int64 {
	t.Helper()
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		t.Fatalf("number %q: %v", num, err)
	}
	n := f * 100
	if n < 0 {
		return int64(n - 0.5)
	}
	return int64(n + 0.5)
}

// contentTokens splits a content stream into operands and operators; a
// literal string is one token (with its parentheses and escapes).
func contentTokens(stream []byte) []string {
	var toks []string
	for i := 0; i < len(stream); {
		c := stream[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '(':
			j, depth := i+1, 1
			for ; j < len(stream) && depth > 0; j++ {
				switch stream[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			toks = append(toks, string(stream[i:j]))
			i = j
		case c == '[' || c == ']' || c == '<' || c == '>':
			toks = append(toks, string(c))
			i++
		default:
			j := i
			for j < len(stream) && !strings.ContainsRune(" \n\r\t()[]<>", rune(stream[j])) {
				j++
			}
			toks = append(toks, string(stream[i:j]))
			i = j
		}
	}
	return toks
}

// TestTextMovesStayOnTheBaseline draws pieces on two baselines in one
// batch, in one font: the piece on another baseline starts a text object
// of its own, and text drawn outside a batch is written as fpdf writes
// it.
func TestTextMovesStayOnTheBaseline(t *testing.T) {
	d := &drawer{rec: &pageRecord{}, k: 1, pageH: 800, curFont: "regular", curSize: 10}
	d.batching = true
	d.show(10, 100, "a")
	d.show(22.5, 100, "b")
	d.show(30, 96, "c")
	d.show(41.25, 96, "d")
	d.batching = false
	d.flush()
	d.show(5, 50, "e")
	got := string(d.rec.raw)
	want := "BT 10.00 700.00 Td (\x00a) Tj\n12.50 0 Td (\x00b) Tj ET\n" +
		"BT 30.00 704.00 Td (\x00c) Tj\n11.25 0 Td (\x00d) Tj ET" +
		"BT 5.00 750.00 Td (\x00e) Tj ET"
	if got != want {
		t.Errorf("content\n%q\nwant\n%q", got, want)
	}
}
