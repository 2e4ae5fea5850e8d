package cite

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// locator is the place cited in a source: a kind (page, chapter, folio …)
// and a value ("12-14"), or a raw text when it could not be understood.
type locator struct {
	kind  string // "page", "chapter", … ; "" with raw set when not understood
	value string
	raw   string
}

func (l locator) isZero() bool { return l.value == "" && l.raw == "" }

// locatorAliases maps what authors write before a locator value (French
// and English, with and without the period) to the locator's kind.
var locatorAliases = map[string]string{
	"p.": "page", "p": "page", "pp.": "page", "pp": "page", "page": "page", "pages": "page", "pg.": "page",
	"chap.": "chapter", "chap": "chapter", "ch.": "chapter", "chapitre": "chapter", "chapitres": "chapter",
	"chapter": "chapter", "chapters": "chapter", "chaps.": "chapter",
	"fol.": "folio", "fol": "folio", "fo": "folio", "f°": "folio", "fº": "folio", "f.": "folio", "fos": "folio",
	"folio": "folio", "folios": "folio", "fols.": "folio",
	"n°": "number", "nº": "number", "no.": "number", "no": "number", "nos.": "number", "nos": "number",
	"n°s": "number", "numéro": "number", "numéros": "number", "number": "number",
	"vol.": "volume", "vol": "volume", "vols.": "volume", "volume": "volume", "volumes": "volume",
	"t.": "tome", "tome": "tome", "tomes": "tome",
	"col.": "column", "col": "column", "cols.": "column", "colonne": "column", "colonnes": "column", "column": "column",
	"l.": "line", "ll.": "line", "ligne": "line", "lignes": "line", "line": "line", "lines": "line",
	"§": "paragraph", "§§": "paragraph", "par.": "paragraph", "para.": "paragraph", "paragraphe": "paragraph",
	"paragraph": "paragraph",
	"sect.":     "section", "sec.": "section", "section": "section", "sections": "section",
	"n.": "note", "nn.": "note", "note": "note", "notes": "note",
	"fig.": "figure", "figs.": "figure", "figure": "figure", "figures": "figure",
	"part.": "part", "pt.": "part", "partie": "part", "part": "part",
	"liv.": "book", "livre": "book", "book": "book", "bk.": "book",
	"v.": "verse", "vv.": "verse", "verse": "verse", "verses": "verse",
	"s.v.": "sub-verbo", "s. v.": "sub-verbo", "sub verbo": "sub-verbo",
	"tab.": "table", "tabl.": "table", "tableau": "table", "table": "table",
	"art.": "article", "article": "article",
	"annexe": "appendix", "app.": "appendix", "appendix": "appendix",
	// German, Spanish, Italian and Portuguese labels.
	"s.": "page", "seite": "page", "seiten": "page", "pág.": "page", "págs.": "page", "pag.": "page",
	"pagina": "page", "página": "page", "kap.": "chapter", "cap.": "chapter", "capítulo": "chapter",
	"capitolo": "chapter", "bl.": "folio", "fl.": "folio", "fls.": "folio", "c.": "folio", "cc.": "folio",
	"bd.": "volume", "nr.": "number", "n.º": "number", "anm.": "note", "abb.": "figure", "sp.": "column",
}

// aliasOrder lists the aliases longest first, so that "pp." wins over "p".
var aliasOrder = func() []string {
	out := make([]string, 0, len(locatorAliases))
	for a := range locatorAliases {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}()

// locatorLabels gives each kind's label in each language publish has
// terms for, singular and plural. Pages take their labels from the locale terms.
var locatorLabels = map[string]map[string][2]string{
	"fr": {
		"chapter": {"chap.", "chap."}, "folio": {"fol.", "fol."}, "number": {"n°", "n°s"},
		"volume": {"vol.", "vol."}, "tome": {"t.", "t."}, "column": {"col.", "col."}, "line": {"l.", "l."},
		"paragraph": {"§", "§§"}, "section": {"sect.", "sect."}, "note": {"n.", "n."}, "figure": {"fig.", "fig."},
		"part": {"part.", "part."}, "book": {"liv.", "liv."}, "verse": {"v.", "v."}, "sub-verbo": {"s. v.", "s. v."},
		"table": {"tabl.", "tabl."}, "article": {"art.", "art."}, "appendix": {"annexe", "annexes"},
	},
	"en": {
		"chapter": {"chap.", "chaps."}, "folio": {"fol.", "fols."}, "number": {"no.", "nos."},
		"volume": {"vol.", "vols."}, "tome": {"vol.", "vols."}, "column": {"col.", "cols."}, "line": {"l.", "ll."},
		"paragraph": {"§", "§§"}, "section": {"sec.", "secs."}, "note": {"n.", "nn."}, "figure": {"fig.", "figs."},
		"part": {"pt.", "pts."}, "book": {"bk.", "bks."}, "verse": {"v.", "vv."}, "sub-verbo": {"s.v.", "s.v."},
		"table": {"table", "tables"}, "article": {"art.", "arts."}, "appendix": {"app.", "apps."},
	},
	"de": {
		"chapter": {"Kap.", "Kap."}, "folio": {"Bl.", "Bl."}, "number": {"Nr.", "Nr."},
		"volume": {"Bd.", "Bde."}, "tome": {"Bd.", "Bde."}, "column": {"Sp.", "Sp."}, "line": {"Z.", "Z."},
		"paragraph": {"§", "§§"}, "section": {"Abschn.", "Abschn."}, "note": {"Anm.", "Anm."}, "figure": {"Abb.", "Abb."},
		"part": {"T.", "T."}, "book": {"Buch", "Bücher"}, "verse": {"V.", "V."}, "sub-verbo": {"s. v.", "s. v."},
		"table": {"Tab.", "Tab."}, "article": {"Art.", "Art."}, "appendix": {"Anh.", "Anh."},
	},
	"es": {
		"chapter": {"cap.", "caps."}, "folio": {"fol.", "fols."}, "number": {"n.º", "n.os"},
		"volume": {"vol.", "vols."}, "tome": {"t.", "ts."}, "column": {"col.", "cols."}, "line": {"lín.", "líns."},
		"paragraph": {"§", "§§"}, "section": {"secc.", "secc."}, "note": {"n.", "nn."}, "figure": {"fig.", "figs."},
		"part": {"pte.", "ptes."}, "book": {"lib.", "libs."}, "verse": {"v.", "vv."}, "sub-verbo": {"s. v.", "s. v."},
		"table": {"tabla", "tablas"}, "article": {"art.", "arts."}, "appendix": {"apénd.", "apénds."},
	},
	"it": {
		"chapter": {"cap.", "capp."}, "folio": {"c.", "cc."}, "number": {"n.", "nn."},
		"volume": {"vol.", "voll."}, "tome": {"t.", "tt."}, "column": {"col.", "coll."}, "line": {"r.", "rr."},
		"paragraph": {"§", "§§"}, "section": {"sez.", "sez."}, "note": {"n.", "nn."}, "figure": {"fig.", "figg."},
		"part": {"parte", "parti"}, "book": {"lib.", "libb."}, "verse": {"v.", "vv."}, "sub-verbo": {"s. v.", "s. v."},
		"table": {"tab.", "tabb."}, "article": {"art.", "artt."}, "appendix": {"app.", "app."},
	},
	"pt": {
		"chapter": {"cap.", "caps."}, "folio": {"fl.", "fls."}, "number": {"n.", "n."},
		"volume": {"v.", "v."}, "tome": {"t.", "t."}, "column": {"col.", "cols."}, "line": {"l.", "l."},
		"paragraph": {"§", "§§"}, "section": {"seç.", "seç."}, "note": {"n.", "n."}, "figure": {"fig.", "figs."},
		"part": {"pt.", "pts."}, "book": {"liv.", "livs."}, "verse": {"v.", "vv."}, "sub-verbo": {"s. v.", "s. v."},
		"table": {"tab.", "tabs."}, "article": {"art.", "arts."}, "appendix": {"apênd.", "apênds."},
	},
}

var (
	locItem  = `(?:\d+(?:\s?(?:r°|v°|ro\b|vo\b|bis\b|ter\b|[a-z]\b))?|[ivxlcdm]+\b|[IVXLCDM]+\b)`
	locSep   = `(?:\s*(?:[-–‑]|,|&|/)\s*|\s+(?:et|and|à|to)\s+)`
	locTail  = `(?:\s*(?:sq\.|sqq\.|et suiv\.|ff\.|f\.|passim)|\s*,?\s*(?:n\.|note)\s*\d+)?`
	locValue = regexp.MustCompile(`^(?:passim\b|` + locItem + `(?:` + locSep + locItem + `)*` + locTail + `)`)
	// plainWord is compiled when first needed (Unicode classes: slow to
	// compile at every start of publish).
	plainWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\p{Ll}[\p{L}'’ -]*(?:[,;].*)?$`) })
)

// parseLocator splits what follows the comma in "[@key, p. 12, voir
// aussi]" into a locator and a suffix (", voir aussi"). ok is false when
// the text looks like a locator but cannot be read; free text (« et
// passim », « pour l’ensemble ») is a suffix, as in pandoc.
func parseLocator(s string) (loc locator, suffix string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return locator{}, "", true
	}
	kind, rest := "", s
	lower := strings.ToLower(s)
	for _, a := range aliasOrder {
		if !strings.HasPrefix(lower, a) {
			continue
		}
		after := s[len(a):]
		// The label must end there: "p. 12", "p12", "§3", not "passim".
		if after != "" && !strings.HasSuffix(a, ".") && !strings.HasSuffix(a, "°") && a != "§" && a != "§§" {
			c := after[0]
			if c != ' ' && (c < '0' || c > '9') {
				continue
			}
		}
		kind, rest = locatorAliases[a], strings.TrimSpace(after)
		break
	}
	if kind == "sub-verbo" && rest != "" {
		// « s. v. Calais »: the value is a word.
		word, tail, _ := strings.Cut(rest, ",")
		if strings.TrimSpace(word) == "" {
			// « s. v. , » names no word: printed as written, with a
			// warning (fuzz finding).
			return locator{raw: s}, "", false
		}
		if tail != "" {
			tail = "," + tail
		}
		return locator{kind: kind, value: strings.TrimSpace(word)}, strings.TrimRight(tail, " "), true
	}
	m := locValue.FindString(rest)
	if m == "" {
		if kind == "" && plainWord().MatchString(s) {
			return locator{}, " " + s, true
		}
		return locator{raw: s}, "", false
	}
	tail := rest[len(m):]
	if tail != "" && tail[0] != ',' && tail[0] != ';' && tail[0] != ' ' {
		return locator{raw: s}, "", false
	}
	if kind == "" {
		kind = "page"
		if m == "passim" {
			kind = "passim"
		}
	}
	return locator{kind: kind, value: strings.TrimSpace(m)}, strings.TrimRight(tail, " "), true
}

// plural reports whether a locator value names several places.
func plural(v string) bool {
	return strings.ContainsAny(v, "-–‑,&/") || strings.Contains(v, " et ") || strings.Contains(v, " and ") ||
		strings.Contains(v, " à ") || strings.Contains(v, " to ") || strings.Contains(v, "sq")
}
