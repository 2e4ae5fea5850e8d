package manuscript

import (
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// offsetOf returns the byte offset of a position in the chapter file.
func (p *chapterParse) offsetOf(pos model.Position) int {
	if pos.Line < 1 || pos.Line > len(p.li.starts) {
		return -1
	}
	off := p.li.starts[pos.Line-1]
	for col := 1; col < pos.Col && off < len(p.src) && p.src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(p.src[off:])
		off += size
	}
	return off
}

// listDelimiter gives the numbered lists that goldmark read ("1." and
// "1)") their delimiter, which goldmark does not keep.
func (p *chapterParse) listDelimiter(l *model.List) {
	if !l.Ordered || l.Style != model.Decimal || l.Delim != model.Period || len(l.Items) == 0 {
		return
	}
	off := p.offsetOf(l.Pos)
	if off < 0 {
		return
	}
	for off < len(p.src) && p.src[off] >= '0' && p.src[off] <= '9' {
		off++
	}
	if off < len(p.src) && p.src[off] == ')' {
		l.Delim = model.OneParen
	}
}
