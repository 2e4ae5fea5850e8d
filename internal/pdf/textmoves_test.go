package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// TestTextMovesPlaceEveryPiece draws books with the pieces of a line in
// one text object, each moved to from the one before (show), and with
// every piece in a text object of its own, as fpdf writes text: read as
// a PDF reader reads the content streams, every piece must be shown at
// the same place, in the same font, with the same text, and the streams
// must be a tenth smaller at least (a fifth in the sample book, three
// tenths in a novel).
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
				var got, want []string
				movedSize, apartSize, moves := 0, 0, 0
				for _, s := range pageStreams(t, moved) {
					got = append(got, shownPieces(t, s, &moves)...)
					movedSize += len(s)
				}
				for _, s := range pageStreams(t, apart) {
					want = append(want, shownPieces(t, s, nil)...)
					apartSize += len(s)
				}
				if moves == 0 {
					t.Fatal("no piece was moved to within a text object")
				}
				if len(got) != len(want) {
					t.Fatalf("%d pieces shown, %d when each has its own text object", len(got), len(want))
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("piece %d: %s, with its own text object %s", i, got[i], want[i])
					}
				}
				t.Logf("%d pieces, %d moved to; content streams %d bytes, %d with a text object a piece", len(got), moves, movedSize, apartSize)
				if movedSize*10 > apartSize*9 {
					t.Errorf("content streams of %d bytes, %d with a text object a piece: less than a tenth off", movedSize, apartSize)
				}
			})
		}
	}
}

// shownPieces reads a content stream as a PDF reader places text (BT
// resets the text line to the origin, x y Td moves it, Tf sets the font;
// the text matrix is never set otherwise in publish's streams) and
// returns each string shown with Tj: the font, the position in
// hundredths of a point, and the string. moves, when not nil, counts the
// Td inside a text object after its first.
func shownPieces(t *testing.T, stream []byte, moves *int) []string {
	t.Helper()
	var out, operands []string
	var x, y int64
	font, inText, placed := "", false, 0
	for _, tok := range contentTokens(stream) {
		switch tok {
		case "BT":
			x, y, inText, placed = 0, 0, true, 0
		case "ET":
			inText = false
		case "Td":
			if len(operands) != 2 || !inText {
				t.Fatalf("Td with %q, in a text object: %v", operands, inText)
			}
			x += hundredths(t, operands[0])
			y += hundredths(t, operands[1])
			if placed++; placed > 1 && moves != nil {
				*moves++
			}
		case "Tf":
			font = strings.Join(operands, " ")
		case "Tj":
			if len(operands) != 1 || !inText {
				t.Fatalf("Tj with %q, in a text object: %v", operands, inText)
			}
			out = append(out, fmt.Sprintf("%s at %d,%d: %q", font, x, y, operands[0]))
		case "TJ", "Tm", "T*", "'", "\"", "TL", "Ts", "Tz", "Tc", "Tw":
			t.Fatalf("operator %s: the reading here does not follow it", tok)
		default:
			operands = append(operands, tok)
			continue
		}
		operands = operands[:0]
	}
	return out
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
