package manuscript

import (
	"regexp"
	"strings"
	"time"

	"github.com/publish-books/publish/internal/locale"
	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/yamlfile"
)

// ChapterEntry is one line of book.yaml's chapter list.
type ChapterEntry struct {
	File   string
	Matter model.Matter
	Pos    model.Position
}

// relatorCodes maps the role names book.yaml accepts to MARC relator codes.
var relatorCodes = map[string]string{
	"author": "aut", "aut": "aut",
	"editor": "edt", "edt": "edt",
	"translator": "trl", "trl": "trl",
	"illustrator": "ill", "ill": "ill",
	"photographer": "pht", "pht": "pht",
	"foreword": "aui", "aui": "aui", "introduction": "win", "win": "win",
	"contributor": "ctb", "ctb": "ctb",
	"compiler": "com", "com": "com",
	"designer": "bkd", "bkd": "bkd",
	"cover-designer": "cov", "cov": "cov",
	"narrator": "nrt", "nrt": "nrt",
}

var (
	bcp47Pattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	datePattern  = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	uuidPattern  = regexp.MustCompile(`^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// parseBookYAML reads book.yaml into metadata and the chapter list; at
// maps each top-level key to the position of its value, for diagnostics
// about what the value names (the cover, the sources file).
func parseBookYAML(file string, data []byte, ds *model.Diagnostics) (m model.Metadata, chapters []ChapterEntry, at map[string]model.Position) {
	at = map[string]model.Position{}
	root := yamlfile.Parse(file, data, ds)
	if root == nil {
		return m, nil, at
	}
	for i, k := range root.Keys {
		at[k.Value] = root.Values[i].Pos
	}
	m.Pos = root.Pos
	str := func(dst *string, what string) func(*yamlfile.Node) {
		return func(n *yamlfile.Node) {
			if s, ok := yamlfile.String(n, ds, what); ok {
				*dst = strings.TrimSpace(s)
			}
		}
	}
	contributors := func(defaultRole string) func(*yamlfile.Node) {
		return func(n *yamlfile.Node) {
			m.Creators = append(m.Creators, parseContributors(n, ds, defaultRole)...)
		}
	}
	yamlfile.Fields(root, ds, "book.yaml", []string{"title", "language", "chapters"}, map[string]func(*yamlfile.Node){
		"title":    str(&m.Title, "title"),
		"subtitle": str(&m.Subtitle, "subtitle"),
		"language": func(n *yamlfile.Node) {
			if s, ok := yamlfile.String(n, ds, "language"); ok {
				switch {
				case !bcp47Pattern.MatchString(s):
					ds.Errorf(n.Pos, "language %q is not a BCP 47 tag (for example fr, en or en-GB)", s)
				default:
					if _, ok := locale.Lookup(s); !ok {
						// The generated words (« Contents », « p. », « ed. »)
						// would otherwise be English in a book that is not.
						ds.Errorf(n.Pos, "language %q: publish has no words for it (contents, notes, citations); known languages: %s",
							s, strings.Join(locale.Languages(), ", "))
					}
				}
				m.Language = s
			}
		},
		"authors":      contributors("aut"),
		"contributors": contributors("ctb"),
		"publisher":    str(&m.Publisher, "publisher"),
		"date": func(n *yamlfile.Node) {
			if s, ok := yamlfile.String(n, ds, "date"); ok {
				if !datePattern.MatchString(s) {
					ds.Errorf(n.Pos, "date %q must be written YYYY, YYYY-MM or YYYY-MM-DD", s)
				} else if !validDate(s) {
					ds.Errorf(n.Pos, "date %q is not a day of the calendar (month 01 to 12, day within the month)", s)
				}
				m.Date = s
			}
		},
		"identifiers": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "identifiers", nil, map[string]func(*yamlfile.Node){
				"isbn":       isbnField(&m.ISBN, ds, "identifiers.isbn"),
				"print-isbn": isbnField(&m.PrintISBN, ds, "identifiers.print-isbn"),
				"uuid": func(v *yamlfile.Node) {
					if s, ok := yamlfile.String(v, ds, "identifiers.uuid"); ok {
						if !strings.HasPrefix(s, "urn:uuid:") {
							s = "urn:uuid:" + s
						}
						if !uuidPattern.MatchString(s) {
							ds.Errorf(v.Pos, "identifiers.uuid %q is not a UUID", s)
						}
						m.UUID = strings.ToLower(s)
					}
				},
			})
		},
		"rights":      str(&m.Rights, "rights"),
		"description": str(&m.Description, "description"),
		"subjects": func(n *yamlfile.Node) {
			if s, ok := yamlfile.Strings(n, ds, "subjects"); ok {
				m.Subjects = s
			}
		},
		"cover":   str(&m.Cover, "cover"),
		"sources": str(&m.SourcesFile, "sources"),
		"citation-style": func(n *yamlfile.Node) {
			if s, ok := yamlfile.String(n, ds, "citation-style"); ok {
				if s != "notes" && s != "author-date" {
					ds.Errorf(n.Pos, "citation-style %q is not known: use notes or author-date", s)
				}
				m.CitationStyle = s
			}
		},
		"citation": func(n *yamlfile.Node) {
			m.Citation = parseCitationOptions(n, ds)
		},
		"cross-references": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "cross-references", nil, map[string]func(*yamlfile.Node){
				"sections": func(v *yamlfile.Node) {
					if s, ok := yamlfile.String(v, ds, "cross-references.sections"); ok {
						if s != "number" && s != "title" {
							ds.Errorf(v.Pos, "cross-references.sections %q is not known: use number (« chap. 2 », « sect. 2.1 ») or title (the chapter's or section's title)", s)
							return
						}
						m.RefSections = s
					}
				},
			})
		},
		"legal-deposit":         str(&m.LegalDeposit, "legal-deposit"),
		"printer":               str(&m.Printer, "printer"),
		"edition":               str(&m.Edition, "edition"),
		"accessibility-summary": str(&m.AccessibilitySummary, "accessibility-summary"),
		"chapters": func(n *yamlfile.Node) {
			chapters = parseChapterList(n, ds)
		},
	})
	if m.CitationStyle == "" {
		m.CitationStyle = "notes"
	}
	if m.Title == "" && root.Kind == yamlfile.Map {
		for i, k := range root.Keys {
			if k.Value == "title" && root.Values[i].Kind == yamlfile.Scalar {
				ds.Errorf(root.Values[i].Pos, "title must not be empty")
			}
		}
	}
	return m, chapters, at
}

func isbnField(dst *string, ds *model.Diagnostics, what string) func(*yamlfile.Node) {
	return func(n *yamlfile.Node) {
		s, ok := yamlfile.String(n, ds, what)
		if !ok {
			return
		}
		if !ValidISBN(s) {
			ds.Errorf(n.Pos, "%s %q is not a valid ISBN-13 (check digit or length)", what, s)
		}
		*dst = s
	}
}

// ValidISBN reports whether s is an ISBN-13 with a correct check digit.
func ValidISBN(s string) bool {
	d := model.CompactISBN(s)
	if len(d) != 13 {
		return false
	}
	sum := 0
	for i := 0; i < 13; i++ {
		c := d[i]
		if c < '0' || c > '9' {
			return false
		}
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(c-'0') * w
	}
	return sum%10 == 0
}

func parseContributors(n *yamlfile.Node, ds *model.Diagnostics, defaultRole string) []model.Contributor {
	var items []*yamlfile.Node
	switch n.Kind {
	case yamlfile.Seq:
		items = n.Items
	case yamlfile.Scalar, yamlfile.Map:
		items = []*yamlfile.Node{n}
	case yamlfile.Null:
		return nil
	}
	var out []model.Contributor
	for _, it := range items {
		c := model.Contributor{Role: defaultRole}
		switch it.Kind {
		case yamlfile.Scalar:
			c.Name = it.Value
		case yamlfile.Map:
			yamlfile.Fields(it, ds, "a contributor", []string{"name"}, map[string]func(*yamlfile.Node){
				"name":    func(v *yamlfile.Node) { c.Name, _ = yamlfile.String(v, ds, "name") },
				"file-as": func(v *yamlfile.Node) { c.FileAs, _ = yamlfile.String(v, ds, "file-as") },
				"role": func(v *yamlfile.Node) {
					s, _ := yamlfile.String(v, ds, "role")
					code, ok := relatorCodes[strings.ToLower(s)]
					if !ok {
						ds.Errorf(v.Pos, "unknown role %q (use author, editor, translator, illustrator, photographer, contributor, or a MARC relator code)", s)
						return
					}
					c.Role = code
				},
			})
		default:
			ds.Errorf(it.Pos, "a contributor must be a name or a mapping with name and role")
			continue
		}
		if strings.TrimSpace(c.Name) != "" {
			out = append(out, c)
		}
	}
	return out
}

// parseChapterList reads the chapters key: either a plain list of files
// (all body matter), or a mapping with front, body and back lists.
func parseChapterList(n *yamlfile.Node, ds *model.Diagnostics) []ChapterEntry {
	var out []ChapterEntry
	add := func(v *yamlfile.Node, matter model.Matter, what string) {
		if v.Kind == yamlfile.Scalar {
			v = &yamlfile.Node{Kind: yamlfile.Seq, Items: []*yamlfile.Node{v}, Pos: v.Pos}
		}
		if v.Kind != yamlfile.Seq {
			if v.Kind != yamlfile.Null {
				ds.Errorf(v.Pos, "%s must be a list of chapter files", what)
			}
			return
		}
		for _, it := range v.Items {
			if it.Kind != yamlfile.Scalar || strings.TrimSpace(it.Value) == "" {
				ds.Errorf(it.Pos, "%s: each entry must be a chapter file name", what)
				continue
			}
			out = append(out, ChapterEntry{File: strings.TrimSpace(it.Value), Matter: matter, Pos: it.Pos})
		}
	}
	switch n.Kind {
	case yamlfile.Seq:
		add(n, model.BodyMatter, "chapters")
	case yamlfile.Map:
		yamlfile.Fields(n, ds, "chapters", []string{"body"}, map[string]func(*yamlfile.Node){
			"front": func(v *yamlfile.Node) { add(v, model.FrontMatter, "chapters.front") },
			"body":  func(v *yamlfile.Node) { add(v, model.BodyMatter, "chapters.body") },
			"back":  func(v *yamlfile.Node) { add(v, model.BackMatter, "chapters.back") },
		})
		// Keep reading order front, body, back whatever the key order.
		ordered := make([]ChapterEntry, 0, len(out))
		for _, m := range []model.Matter{model.FrontMatter, model.BodyMatter, model.BackMatter} {
			for _, e := range out {
				if e.Matter == m {
					ordered = append(ordered, e)
				}
			}
		}
		out = ordered
	default:
		ds.Errorf(n.Pos, "chapters must be a list of files, or a mapping with front, body and back lists")
		return nil
	}
	if len(out) == 0 && n.Kind != yamlfile.Map {
		ds.Errorf(n.Pos, "chapters must name at least one chapter file")
	}
	return out
}

// validDate reports whether s, written YYYY, YYYY-MM or YYYY-MM-DD, names
// a real year, month or day (2024-13-45 matches the pattern, not the
// calendar).
func validDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			_, err := time.Parse(layout, s)
			return err == nil
		}
	}
	return false
}

// parseCitationOptions reads book.yaml's citation: mapping (et-al limits,
// the repeated-author substitute, archives grouped by repository).
func parseCitationOptions(n *yamlfile.Node, ds *model.Diagnostics) model.CitationOptions {
	var o model.CitationOptions
	at := map[string]model.Position{}
	count := func(dst *int, what string) func(*yamlfile.Node) {
		return func(v *yamlfile.Node) {
			at[what] = v.Pos
			i, ok := yamlfile.Int(v, ds, what)
			if !ok {
				return
			}
			if i < 1 {
				ds.Errorf(v.Pos, "%s must be a number of names, 1 or more", what)
				return
			}
			*dst = i
		}
	}
	yamlfile.Fields(n, ds, "citation", nil, map[string]func(*yamlfile.Node){
		"et-al-min":                    count(&o.EtAlMin, "citation.et-al-min"),
		"et-al-use-first":              count(&o.EtAlUseFirst, "citation.et-al-use-first"),
		"bibliography-et-al-min":       count(&o.BibliographyEtAlMin, "citation.bibliography-et-al-min"),
		"bibliography-et-al-use-first": count(&o.BibliographyEtAlUseFirst, "citation.bibliography-et-al-use-first"),
		"subsequent-author-substitute": func(v *yamlfile.Node) {
			o.SubsequentAuthorSubstitute, _ = yamlfile.String(v, ds, "citation.subsequent-author-substitute")
		},
		"group-archives": func(v *yamlfile.Node) {
			o.GroupArchives, _ = yamlfile.Bool(v, ds, "citation.group-archives")
		},
	})
	// The error stands at et-al-use-first, the key that makes the pair
	// impossible.
	check := func(min, first int, what string) {
		if min > 0 && first > min {
			ds.Errorf(at["citation."+what+"et-al-use-first"], "citation.%set-al-use-first (%d) is larger than %set-al-min (%d): the list would never be shortened", what, first, what, min)
		}
	}
	check(o.EtAlMin, o.EtAlUseFirst, "")
	check(o.BibliographyEtAlMin, o.BibliographyEtAlUseFirst, "bibliography-")
	return o
}
