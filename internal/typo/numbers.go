package typo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// insertion is a character to add before cells[at].
type insertion struct {
	at int
	c  cell
}

// numbers ties numbers to what belongs with them, in French and English:
//   - digit groups written with a space (10 000, 2 000,5) are joined by a
//     narrow no-break space; numbers written without one (8000, 1944) are
//     left alone;
//   - a number and the unit, month or (French) counted word after it take
//     a no-break space: 3 km, 10 %, 6 juin 1944, 8 h 30, 15 jours; French
//     also adds it where none was written before % ‰ €;
//   - an abbreviation and the number after it (p. 12, n° 5, t. II), a
//     title and the name after it (M. Dupont, Mme Curie; Mr Smith) take a
//     no-break space.
//
// Only a single space is changed; the cells are edited in place and the
// returned slice holds the insertions.
func (s *stream) numbers(cs, out []cell) []cell {
	ins := s.ins[:0]
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if c.piece < 0 || c.flags&fProtected != 0 {
			continue
		}
		lg := s.pieces[c.piece].lang
		if lg != langFR && lg != langEN {
			continue
		}
		prev := runeAt(cs, i-1)
		switch {
		case isDigit(c.r) && !isAlnum(prev) && !((prev == '.' || prev == ',') && isDigit(runeAt(cs, i-2))):
			// After 8: the number is the minutes of a time, not a count.
			counts := !(prev == ':' && isDigit(runeAt(cs, i-2)))
			i = s.number(cs, i, lg, counts, &ins) - 1
		case isLetter(c.r) && !isAlnum(prev):
			i = s.word(cs, i, lg) - 1
		case c.r == '§':
			if singleSpace(cs, i+1) && isDigit(runeAt(cs, i+2)) {
				cs[i+1].r = nbsp
			}
		}
	}
	s.ins = ins
	if len(ins) == 0 {
		return cs
	}
	k := 0
	for i, c := range cs {
		for k < len(ins) && ins[k].at == i {
			out = append(out, ins[k].c)
			k++
		}
		out = append(out, c)
	}
	return out
}

// number handles the number starting at cs[i] and returns the index after
// what it used. counts is false for the minutes of a time (8:30), which
// are not tied to the word after them.
func (s *stream) number(cs []cell, i int, lg lang, counts bool, ins *[]insertion) int {
	j := digitsEnd(cs, i)
	if j-i <= 3 {
		// Groups of three digits after single spaces.
		for singleSpace(cs, j) && digitsEnd(cs, j+1)-(j+1) == 3 {
			cs[j].r = nnbsp
			j += 4
		}
	}
	if r := runeAt(cs, j); (r == ',' || r == '.') && isDigit(runeAt(cs, j+1)) && cs[j].flags&fProtected == 0 {
		j = digitsEnd(cs, j+1)
	}
	end := j
	if lg == langFR {
		if w, e := readLetters(cs, j); w != "" && isOrdinalSuffix(digitString(cs, i, j), w) {
			j = e // 1er septembre, 3e étage
		}
	}
	if j == end && lg == langFR && cs[j-1].flags&fProtected == 0 {
		switch runeAt(cs, j) {
		case '%', '‰', '€':
			if cs[j].flags&fProtected == 0 && cs[j].piece >= 0 {
				*ins = append(*ins, insertion{at: j, c: cell{r: nbsp, piece: cs[j].piece}})
			}
			return j
		}
	}
	if !counts || !singleSpace(cs, j) {
		return j
	}
	if sym := runeAt(cs, j+1); sym == '%' || sym == '‰' || sym == '€' || sym == '$' || sym == '£' || sym == '°' {
		cs[j].r = nbsp
		return j + 1
	}
	w, e := readLetters(cs, j+1)
	if w == "" {
		return j
	}
	switch {
	case isMonth(w, lg):
		cs[j].r = nbsp
		// 6 juin 1944: the year stays with its month.
		if singleSpace(cs, e) && digitsEnd(cs, e+1)-(e+1) == 4 && !isAlnum(runeAt(cs, e+5)) {
			cs[e].r = nbsp
		}
	case units[w] && !isAlnum(runeAt(cs, e)) && !isApostrophe(runeAt(cs, e)):
		cs[j].r = nbsp
		// 8 h 30, 2 min 15 s: the next number stays with the unit.
		if (w == "h" || w == "min") && singleSpace(cs, e) && isDigit(runeAt(cs, e+1)) {
			cs[e].r = nbsp
		}
	case lg == langFR && countedWord(w) && !s.inSmallCapsPiece(cs, j+1):
		// (A century's numeral, which the pass itself writes in lower
		// case inside small capitals, is not a counted word.)
		cs[j].r = nbsp
	}
	return j
}

// inSmallCapsPiece reports whether cs[i] stands in a text node inside
// small capitals.
func (s *stream) inSmallCapsPiece(cs []cell, i int) bool {
	p := cs[i].piece
	return p >= 0 && s.pieces[p].sc
}

// word handles the word starting at cs[i] (an abbreviation or a title
// before a number or a name) and returns the index after it.
func (s *stream) word(cs []cell, i int, lg lang) int {
	e := i
	for e < len(cs) && isLetter(cs[e].r) {
		e++
	}
	if e-i > 8 || cs[e-1].flags&fProtected != 0 { // XXVIIIe at most
		return e
	}
	// Most words are followed by nothing that matters here: look before
	// building the word.
	sp := e
	if r := runeAt(cs, e); r == '.' || r == '°' {
		sp++
	}
	if !singleSpace(cs, sp) {
		return e
	}
	switch n := cs[sp+1].r; {
	case isDigit(n) || unicode.IsUpper(n):
	case cs[i].r == 's' && e == i+1 && sp > e: // s. d.
	case n == 's' && strings.ContainsRune("IVXLCDM", cs[i].r): // XIXe siècle
	default:
		return e
	}
	w, e := readLetters(cs, i)
	if w == "" {
		return e
	}
	full := w
	if r := runeAt(cs, e); (r == '.' || r == '°') && cs[e].flags&fProtected == 0 {
		full += string(r)
		e++
	}
	if !singleSpace(cs, e) {
		return e
	}
	next := runeAt(cs, e+1)
	switch {
	case abbrevs[lg][strings.ToLower(full)] && (isDigit(next) || romanAt(cs, e+1)):
		cs[e].r = nbsp
	case titles[lg][full] && unicode.IsUpper(next):
		cs[e].r = nbsp
	case lg == langFR && full == "s." && (next == 'd' || next == 'l' || next == 'n') && runeAt(cs, e+2) == '.' && !isAlnum(runeAt(cs, e+3)):
		cs[e].r = nbsp // s. d., s. l., s. n.
	case lg == langFR && isRomanOrdinal(w) && full == w:
		if n, _ := readLetters(cs, e+1); n == "siècle" || n == "siècles" {
			cs[e].r = nbsp // XIXe siècle
		}
	}
	return e
}

// singleSpace reports whether cs[j] is one unprotected space followed by
// something else than a space.
func singleSpace(cs []cell, j int) bool {
	if j < 0 || j+1 >= len(cs) {
		return false
	}
	c := cs[j]
	if !isSpace(c.r) || c.r == '\t' || c.r == '\n' || c.piece < 0 || c.flags&fProtected != 0 {
		return false
	}
	n := cs[j+1]
	return !isSpace(n.r) && n.r != lineRune && n.flags&fProtected == 0
}

// digitsEnd returns the index after the unprotected ASCII digits from i.
func digitsEnd(cs []cell, i int) int {
	for i < len(cs) && isDigit(cs[i].r) && cs[i].flags&fProtected == 0 {
		i++
	}
	return i
}

func digitString(cs []cell, i, j int) string {
	var b strings.Builder
	for ; i < j; i++ {
		if isDigit(cs[i].r) {
			b.WriteRune(cs[i].r)
		}
	}
	return b.String()
}

// readLetters returns the word of unprotected letters from i (at most 20)
// and the index after it.
func readLetters(cs []cell, i int) (string, int) {
	j := i
	for j < len(cs) && isLetter(cs[j].r) && cs[j].flags&fProtected == 0 && j-i < 20 {
		j++
	}
	if j == i {
		return "", i
	}
	if j < len(cs) && isLetter(cs[j].r) {
		return "", j // too long to be a unit or an abbreviation
	}
	var buf [80]byte
	b := buf[:0]
	for k := i; k < j; k++ {
		b = utf8.AppendRune(b, cs[k].r)
	}
	return string(b), j
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// romanAt reports whether a roman numeral in capitals stands at cs[i] as a
// whole word (t. II, chap. IV).
func romanAt(cs []cell, i int) bool {
	w, _ := readLetters(cs, i)
	return w != "" && isRoman(w)
}

// isMonth reports whether w names a month in the language.
func isMonth(w string, lg lang) bool {
	switch lg {
	case langFR:
		return frMonths[strings.ToLower(w)]
	case langEN:
		return enMonths[w]
	}
	return false
}

var frMonths = map[string]bool{
	"janvier": true, "février": true, "mars": true, "avril": true, "mai": true, "juin": true,
	"juillet": true, "août": true, "septembre": true, "octobre": true, "novembre": true, "décembre": true,
}

var enMonths = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
}

// units are the unit symbols a number keeps on its line.
var units = map[string]bool{
	"km": true, "m": true, "cm": true, "mm": true, "µm": true, "nm": true, "dm": true, "hm": true,
	"kg": true, "g": true, "mg": true, "t": true, "q": true,
	"L": true, "cl": true, "ml": true, "dl": true, "hl": true, "ha": true,
	"h": true, "min": true, "s": true, "ms": true,
	"W": true, "kW": true, "MW": true, "kWh": true, "V": true, "Hz": true, "kHz": true, "MHz": true,
	"Ko": true, "Mo": true, "Go": true, "To": true, "KB": true, "MB": true, "GB": true, "TB": true,
	"F": true, "mi": true, "ft": true, "lb": true, "oz": true, "mph": true, "kn": true, "nq": true,
}

// countedWord reports whether a French number is tied to the word w that
// follows it (15 jours, 10 000 hommes): any word in lower case, except the
// small words that start a new group (« les 2000 entre … »).
func countedWord(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return false
		}
		break
	}
	return !frStopWords[w]
}

var frStopWords = map[string]bool{
	"a": true, "à": true, "au": true, "aux": true, "après": true, "avant": true, "avec": true,
	"car": true, "ce": true, "ces": true, "cet": true, "cette": true, "chez": true, "comme": true,
	"contre": true, "d": true, "dans": true, "de": true, "depuis": true, "des": true, "donc": true,
	"dont": true, "du": true, "elle": true, "elles": true, "en": true, "entre": true, "est": true,
	"et": true, "était": true, "fut": true, "il": true, "ils": true, "jusqu": true, "jusque": true,
	"l": true, "la": true, "le": true, "les": true, "leur": true, "leurs": true, "lors": true,
	"mais": true, "moins": true, "ne": true, "ni": true, "on": true, "ont": true, "or": true,
	"ou": true, "où": true, "par": true, "parmi": true, "pas": true, "pendant": true, "plus": true,
	"pour": true, "puis": true, "qu": true, "que": true, "qui": true, "sa": true, "sans": true,
	"se": true, "selon": true, "ses": true, "si": true, "son": true, "sont": true, "sous": true,
	"sur": true, "tandis": true, "un": true, "une": true, "vers": true, "y": true, "soit": true,
}

// abbrevs are the abbreviations tied to the number after them (compared in
// lower case, with their point or degree sign).
var abbrevs = map[lang]map[string]bool{
	langFR: {
		"p.": true, "pp.": true, "n°": true, "nos": true, "t.": true, "vol.": true, "fig.": true,
		"chap.": true, "ch.": true, "art.": true, "f°": true, "fol.": true, "éd.": true, "pl.": true,
		"tab.": true, "liv.": true, "no": true, "n.": true, "v.": true,
		"col.": true, "l.": true, "§": true, "§§": true, "sect.": true, "tabl.": true, "part.": true, "n°s": true,
	},
	langEN: {
		"p.": true, "pp.": true, "no.": true, "nos.": true, "vol.": true, "fig.": true, "ch.": true,
		"chap.": true, "art.": true, "sec.": true, "pl.": true, "fol.": true, "ed.": true,
		"fols.": true, "chaps.": true, "vols.": true, "ll.": true, "§": true, "§§": true, "secs.": true,
	},
}

// titles are the titles tied to the name after them (case as written).
var titles = map[lang]map[string]bool{
	langFR: {
		"M.": true, "MM.": true, "Mme": true, "Mmes": true, "Mlle": true, "Mlles": true,
		"Mgr": true, "Me": true, "Dr": true, "Pr": true,
	},
	langEN: {
		"Mr": true, "Mr.": true, "Mrs": true, "Mrs.": true, "Ms": true, "Ms.": true, "Dr": true,
		"Dr.": true, "Prof.": true, "St": true, "St.": true,
	},
}
