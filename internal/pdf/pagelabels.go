package pdf

import (
	"strconv"
	"strings"
)

// pageLabelTree writes the number tree of the catalog's /PageLabels entry
// from the folio the make-up gave each page, so that a viewer's page box
// shows "vii" or "12" where the page prints it, not the page's rank in the
// file. A run of lower-case roman or arabic folios that follow each other
// is one range (/S /r or /S /D, with /St when it does not start at 1); a
// folio of any other form is a range of one page showing the text itself
// (/P).
func pageLabelTree(labels []string) string {
	var b strings.Builder
	b.WriteString("<</Nums [")
	prevStyle, prevN := "", 0
	for i, l := range labels {
		style, n := "", 0
		if v, err := strconv.Atoi(l); err == nil && v > 0 {
			style, n = "D", v
		} else if v := romanValue(l); v > 0 {
			style, n = "r", v
		}
		if i > 0 && style != "" && style == prevStyle && n == prevN+1 {
			prevN = n
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(i) + " <<")
		switch {
		case style == "":
			b.WriteString("/P " + pdfString(l))
		case n == 1:
			b.WriteString("/S /" + style)
		default:
			b.WriteString("/S /" + style + " /St " + strconv.Itoa(n))
		}
		b.WriteString(">>")
		prevStyle, prevN = style, n
	}
	b.WriteString("]>>\n")
	return b.String()
}

// romanValue reads a lower-case roman numeral written as roman writes it
// ("xiv" is 14); it returns 0 for anything else.
func romanValue(s string) int {
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || roman(n) != s {
		return 0
	}
	return n
}
