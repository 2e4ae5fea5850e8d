package cite

import (
	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// date formats a date in full: « 8 octobre 1944 », « octobre 1944 »,
// « vers 1944 », « 1944-1945 », « septembre-octobre 1944 », « s. d. ».
func (f *formatter) date(d model.Date) string {
	if d.Literal != "" && len(d.Parts) == 0 {
		return d.Literal
	}
	if len(d.Parts) == 0 {
		return f.t.NoDate
	}
	var s string
	if len(d.Parts) == 1 || d.Parts[1][0] == 0 || d.Parts[1] == d.Parts[0] {
		s = f.point(d.Parts[0])
	} else {
		s = f.rangeText(d.Parts[0], d.Parts[1])
	}
	if d.Circa {
		s = f.t.Circa + " " + s
	}
	return s
}

// year formats a date as a year, for author-date citations: « 1944 »,
// « vers 1944 », « 1944-1945 », « s. d. ».
func (f *formatter) year(d model.Date) string {
	if d.Literal != "" && len(d.Parts) == 0 {
		return d.Literal
	}
	if len(d.Parts) == 0 {
		return f.t.NoDate
	}
	s := strconv.Itoa(d.Parts[0][0])
	if len(d.Parts) > 1 && d.Parts[1][0] != 0 && d.Parts[1][0] != d.Parts[0][0] {
		s += f.t.RangeDash + strconv.Itoa(d.Parts[1][0])
	}
	if d.Circa {
		s = f.t.Circa + " " + s
	}
	return s
}

// point formats one date: day, month and year as far as they are known.
func (f *formatter) point(p [3]int) string {
	y := strconv.Itoa(p[0])
	if p[1] < 1 || p[1] > 12 {
		return y
	}
	m := f.t.Months[p[1]-1]
	if p[2] == 0 {
		return f.dateText("", m, y)
	}
	return f.dateText(f.day(p[2]), m, y)
}

// dateText writes a day (or a range of days), a month (or a range of
// months) and a year in the language's order: « 8 octobre 1944 », “8.
// Oktober 1944”, “8 de octubre de 1944”; without a day, the month and
// the year.
func (f *formatter) dateText(d, m, y string) string {
	pattern := f.t.DayMonthYear
	if d == "" {
		pattern = f.t.MonthYear
	}
	if pattern == "" {
		pattern = "{d} {m} {y}"
		if d == "" {
			pattern = "{m} {y}"
		}
	}
	return strings.NewReplacer("{d}", d, "{m}", m, "{y}", y).Replace(pattern)
}

// day writes a day of the month; French writes the first « 1er ».
func (f *formatter) day(d int) string {
	if d == 1 && f.t.French {
		return "1er"
	}
	return strconv.Itoa(d)
}

// rangeText formats a range, sharing what both ends have in common, with
// the language's range dash (« 1944-1945 », “1944–1945”).
func (f *formatter) rangeText(a, b [3]int) string {
	switch {
	case a[1] == 0 && b[1] == 0:
		return strconv.Itoa(a[0]) + f.t.RangeDash + strconv.Itoa(b[0])
	case a[0] == b[0] && a[2] == 0 && b[2] == 0 && a[1] != 0 && b[1] != 0:
		return f.dateText("", f.t.Months[a[1]-1]+f.t.RangeDash+f.t.Months[b[1]-1], strconv.Itoa(a[0]))
	case a[0] == b[0] && a[1] == b[1] && a[2] != 0 && b[2] != 0:
		return f.dateText(f.day(a[2])+f.t.RangeDash+f.day(b[2]), f.t.Months[a[1]-1], strconv.Itoa(a[0]))
	}
	return f.point(a) + " – " + f.point(b)
}
