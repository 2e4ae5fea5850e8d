package csl

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/yamlfile"
)

// readDate reads a CSL date: {date-parts: [[1944, 10]]}, with circa,
// literal or raw; a plain text such as "1944-10", "octobre 1944",
// "vers 1944" or "1944-1945" is accepted too (see parseRawDate).
func readDate(n *yamlfile.Node, ds *model.Diagnostics, what string) model.Date {
	var d model.Date
	if n.Kind == yamlfile.Scalar {
		return parseRawDate(n.Value, n, ds, what)
	}
	yamlfile.Fields(n, ds, what, nil, map[string]func(*yamlfile.Node){
		"date-parts": func(v *yamlfile.Node) {
			if v.Kind != yamlfile.Seq {
				ds.Errorf(v.Pos, "%s: date-parts must be a list of [year, month, day] lists", what)
				return
			}
			if len(v.Items) > 2 {
				ds.Errorf(v.Pos, "%s: date-parts holds one date or two (a range), not %d", what, len(v.Items))
			}
			for i, part := range v.Items {
				if i >= 2 {
					break
				}
				if part.Kind != yamlfile.Seq || len(part.Items) == 0 || len(part.Items) > 3 {
					ds.Errorf(part.Pos, "%s: each date part must be [year], [year, month] or [year, month, day]", what)
					continue
				}
				var p [3]int
				ok := true
				for i, x := range part.Items {
					// Zotero writes the numbers as strings ("1944").
					v, err := strconv.Atoi(strings.TrimSpace(x.Value))
					if x.Kind != yamlfile.Scalar || err != nil {
						ds.Errorf(x.Pos, "%s: %q is not a number", what, x.Value)
						ok = false
						continue
					}
					p[i] = v
				}
				if !ok {
					continue
				}
				if msg := checkParts(p); msg != "" {
					ds.Errorf(part.Pos, "%s: %s", what, msg)
					continue
				}
				d.Parts = append(d.Parts, p)
			}
		},
		"circa": func(v *yamlfile.Node) {
			if v.Kind == yamlfile.Scalar && v.Value != "" && v.Value != "false" && v.Value != "0" {
				d.Circa = true
			}
		},
		"literal": func(v *yamlfile.Node) { d.Literal, _ = yamlfile.String(v, ds, what+".literal") },
		"raw": func(v *yamlfile.Node) {
			r := parseRawDate(v.Value, v, ds, what)
			d.Parts, d.Circa = r.Parts, d.Circa || r.Circa
			if r.Literal != "" {
				d.Literal = r.Literal
			}
		},
		"season": func(*yamlfile.Node) {},
	})
	return d
}

// checkParts reports a month or day out of range, or "" when the date
// is possible.
func checkParts(p [3]int) string {
	y, m, day := p[0], p[1], p[2]
	switch {
	case y == 0:
		return "the year is missing"
	case m < 0 || m > 12:
		return "month " + strconv.Itoa(m) + " is out of range 1-12"
	case day < 0 || day > 31:
		return "day " + strconv.Itoa(day) + " is out of range"
	case day > 0 && m == 0:
		return "a day needs a month"
	case day > 0 && day > daysIn(y, m):
		return "day " + strconv.Itoa(day) + " does not exist in month " + strconv.Itoa(m)
	}
	return ""
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// monthNames maps French and English month names and their usual
// abbreviations to month numbers.
var monthNames = map[string]int{
	"janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
	"mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
	"octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
	"october": 10, "november": 11, "december": 12,
}

var (
	isoDate = regexp.MustCompile(`^(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$`)
	// The patterns with Unicode classes are compiled when a date first
	// needs them, not at every start of publish.
	dayMonthYr = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:(\d{1,2})(?:er|st|nd|rd|th)?\s+)?(\p{L}+)\.?\s+(\d{1,4})$`)
	})
	monthDayYr = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{1,4})$`)
	})
	yearRange   = regexp.MustCompile(`^(\d{3,4})\s*[-–]\s*(\d{3,4})$`)
	noDateWords = map[string]bool{"s.d.": true, "s. d.": true, "sd": true, "n.d.": true, "n. d.": true, "nd": true, "undated": true, "sans date": true}
	circaWords  = []string{"circa", "vers", "env.", "about", "ca.", "ca ", "c.", "~"}
)

// parseRawDate reads a date written as text: ISO forms ("1944",
// "1944-10", "1944-10-08"), words ("octobre 1944", "8 octobre 1944",
// "October 8, 1944"), approximate dates ("vers 1944", "ca. 1944", "c. 1944",
// "1944~", "1944?") and ranges ("1944/1945", "1944-09/1944-10",
// "1944-1945", "septembre 1944 – octobre 1944").
// Anything else is kept as written, with a warning.
func parseRawDate(raw string, n *yamlfile.Node, ds *model.Diagnostics, what string) model.Date {
	var d model.Date
	s := strings.TrimSpace(raw)
	if s == "" || noDateWords[strings.ToLower(s)] {
		return d
	}
	lower := strings.ToLower(s)
	for _, p := range circaWords {
		if strings.HasPrefix(lower, p) {
			d.Circa = true
			s = strings.TrimSpace(s[len(p):])
			lower = strings.ToLower(s)
			break
		}
	}
	if strings.HasSuffix(s, "~") || strings.HasSuffix(s, "?") {
		d.Circa = true
		s = strings.TrimSpace(strings.TrimRight(s, "~?"))
	}
	var points []string
	if m := yearRange.FindStringSubmatch(s); m != nil {
		points = []string{m[1], m[2]}
	} else {
		points = strings.Split(s, "/")
		if len(points) == 1 && strings.Contains(s, "–") {
			points = strings.Split(s, "–")
		}
	}
	if len(points) > 2 {
		return literalDate(d, raw, n, ds, what, "a range has two dates")
	}
	for _, pt := range points {
		p, ok := parsePoint(strings.TrimSpace(pt))
		if !ok {
			return literalDate(d, raw, n, ds, what, "")
		}
		if msg := checkParts(p); msg != "" {
			ds.Errorf(n.Pos, "%s %q: %s", what, raw, msg)
			return model.Date{}
		}
		d.Parts = append(d.Parts, p)
	}
	return d
}

func literalDate(d model.Date, raw string, n *yamlfile.Node, ds *model.Diagnostics, what, why string) model.Date {
	d.Parts = nil
	d.Circa = false
	d.Literal = strings.TrimSpace(raw)
	d.Unparseable = d.Literal
	msg := what + " " + strconv.Quote(d.Literal) + " is not a date publish understands"
	if why != "" {
		msg += " (" + why + ")"
	}
	ds.Warnf(n.Pos, "%s (write 1944, 1944-10, 1944-10-08, octobre 1944, vers 1944 or a range 1944/1945); printed as written", msg)
	return d
}

// parsePoint reads one date of a range.
func parsePoint(s string) ([3]int, bool) {
	var p [3]int
	atoi := func(x string) int { v, _ := strconv.Atoi(x); return v }
	if m := isoDate.FindStringSubmatch(s); m != nil {
		p[0], p[1], p[2] = atoi(m[1]), atoi(m[2]), atoi(m[3])
		return p, true
	}
	if m := dayMonthYr().FindStringSubmatch(s); m != nil {
		mo, ok := monthNames[strings.ToLower(m[2])]
		if !ok {
			return p, false
		}
		p[0], p[1], p[2] = atoi(m[3]), mo, atoi(m[1])
		return p, true
	}
	if m := monthDayYr().FindStringSubmatch(s); m != nil {
		mo, ok := monthNames[strings.ToLower(m[1])]
		if !ok {
			return p, false
		}
		p[0], p[1], p[2] = atoi(m[3]), mo, atoi(m[2])
		return p, true
	}
	return p, false
}
