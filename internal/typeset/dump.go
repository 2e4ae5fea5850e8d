package typeset

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Dump writes r as text, one line per set line: its index, adjustment
// ratio, a hyphen flag ("-" when the line ends hyphenated), its width and
// its text. Spaces show as set: " " for breakable spaces, "~" for U+00A0,
// "_" for U+202F (the narrow no-break space, never drawn) and "|" where
// a piece was split (kerning, style change). A fallback paragraph starts
// with a "fallback" line.
func (s *Setter) Dump(w io.Writer, r Result) {
	bw := bufio.NewWriter(w)
	if r.Fallback {
		fmt.Fprintln(bw, "fallback")
	}
	for i, ln := range r.Lines {
		hy := " "
		if ln.Hyphenated {
			hy = "-"
		}
		fmt.Fprintf(bw, "%3d %+7.3f %s %7.2f  %s\n", i, ln.Ratio, hy, ln.Width, LineText(ln, true))
	}
	bw.Flush()
}

// LineText returns the text of a set line. With marks, splits between
// pieces show as "|", U+00A0 as "~" and U+202F as "_"; without, the
// text is given with its real space characters.
func LineText(ln Line, marks bool) string {
	var b strings.Builder
	end := -1
	for i, pc := range ln.Pieces {
		if i > 0 {
			switch {
			case pc.Space == '\u00a0' && marks:
				b.WriteByte('~')
			case pc.Space != 0 && marks:
				b.WriteByte(' ')
			case pc.Space != 0:
				b.WriteRune(pc.Space)
			case pc.Offset > end && end >= 0:
				// skipped runes: a narrow no-break space not drawn
				if marks {
					b.WriteByte('_')
				} else {
					b.WriteRune('\u202f')
				}
			case marks:
				b.WriteByte('|')
			}
		}
		b.WriteString(pc.Text)
		end = pc.Offset + len([]rune(pc.Text))
	}
	return b.String()
}
