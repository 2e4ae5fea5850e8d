// Package csl reads bibliographic sources in CSL-JSON or CSL-YAML, the
// formats Zotero and pandoc exchange, into model.Source values, with every
// problem reported at file:line:col.
package csl

import (
	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/yamlfile"
)

// Types lists the CSL item types publish accepts.
var Types = map[string]bool{
	"article": true, "article-journal": true, "article-magazine": true, "article-newspaper": true,
	"bill": true, "book": true, "broadcast": true, "chapter": true, "classic": true, "collection": true,
	"dataset": true, "document": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true,
	"event": true, "figure": true, "graphic": true, "hearing": true, "interview": true, "legal_case": true,
	"legislation": true, "manuscript": true, "map": true, "motion_picture": true, "musical_score": true,
	"pamphlet": true, "paper-conference": true, "patent": true, "performance": true, "periodical": true,
	"personal_communication": true, "post": true, "post-weblog": true, "regulation": true, "report": true,
	"review": true, "review-book": true, "software": true, "song": true, "speech": true, "standard": true,
	"thesis": true, "treaty": true, "webpage": true,
}

// ignoredFields are CSL variables that Zotero exports and publish does not
// print; they are accepted silently.
var ignoredFields = map[string]bool{
	"abstract": true, "ISBN": true, "ISSN": true, "source": true, "call-number": true,
	"citation-key": true, "shortTitle": true, "title-short": true, "container-title-short": true,
	"journalAbbreviation": true, "keyword": true, "dimensions": true, "scale": true,
	"number": true, "section": true, "status": true, "version": true, "references": true,
	"annote": true, "event-place": true, "event-title": true, "event": true, "PMID": true, "PMCID": true,
	"original-date": true, "original-title": true, "original-publisher": true, "submitted": true,
	"translator": true, "director": true, "interviewer": true, "recipient": true, "collection-editor": true,
	"container-author": true, "composer": true, "illustrator": true, "reviewed-author": true,
	"authority": true, "jurisdiction": true, "license": true, "number-of-volumes": true, "collection-number": true,
}

// Read parses a sources file. CSL-JSON is read through the YAML parser
// (JSON is YAML), so both forms get the same positioned errors.
func Read(file string, data []byte, ds *model.Diagnostics) ([]*model.Source, map[string]*model.Source) {
	root := yamlfile.Parse(file, data, ds)
	if root == nil {
		return nil, map[string]*model.Source{}
	}
	if root.Kind == yamlfile.Map {
		// CSL-YAML as pandoc writes it: a "references" key holding the list.
		var refs *yamlfile.Node
		yamlfile.Fields(root, ds, file, []string{"references"}, map[string]func(*yamlfile.Node){
			"references": func(v *yamlfile.Node) { refs = v },
		})
		if refs == nil {
			return nil, map[string]*model.Source{}
		}
		root = refs
	}
	byKey := map[string]*model.Source{}
	if root.Kind == yamlfile.Null {
		return nil, byKey
	}
	if root.Kind != yamlfile.Seq {
		ds.Errorf(root.Pos, "a sources file must hold a list of sources (CSL-JSON array or CSL-YAML list)")
		return nil, byKey
	}
	var list []*model.Source
	for _, it := range root.Items {
		s := readItem(it, ds)
		if s == nil {
			continue
		}
		if prev, dup := byKey[s.Key]; dup {
			ds.Errorf(s.Pos, "duplicate source id %q (first at line %d)", s.Key, prev.Pos.Line)
			continue
		}
		byKey[s.Key] = s
		list = append(list, s)
	}
	return list, byKey
}

func readItem(n *yamlfile.Node, ds *model.Diagnostics) *model.Source {
	if n.Kind != yamlfile.Map {
		ds.Errorf(n.Pos, "each source must be a mapping with at least id, type and title")
		return nil
	}
	s := &model.Source{Pos: n.Pos}
	str := func(dst *string, what string) func(*yamlfile.Node) {
		return func(v *yamlfile.Node) {
			if v.Kind == yamlfile.Scalar {
				*dst = strings.TrimSpace(v.Value)
				return
			}
			yamlfile.String(v, ds, what)
		}
	}
	handlers := map[string]func(*yamlfile.Node){
		"id": str(&s.Key, "id"),
		"type": func(v *yamlfile.Node) {
			t, _ := yamlfile.String(v, ds, "type")
			if !Types[t] {
				ds.Errorf(v.Pos, "unknown CSL type %q (for an archive document use manuscript or document, for a photograph graphic)", t)
			}
			s.Type = t
		},
		"title":            str(&s.Title, "title"),
		"author":           func(v *yamlfile.Node) { s.Authors = readNames(v, ds) },
		"editor":           func(v *yamlfile.Node) { s.Editors = readNames(v, ds) },
		"issued":           func(v *yamlfile.Node) { s.Issued = readDate(v, ds, "issued") },
		"accessed":         func(v *yamlfile.Node) { s.Accessed = readDate(v, ds, "accessed") },
		"container-title":  str(&s.ContainerTitle, "container-title"),
		"collection-title": str(&s.CollectionTitle, "collection-title"),
		"archive":          str(&s.Archive, "archive"),
		"archive_location": str(&s.ArchiveLocation, "archive_location"),
		"archive-location": str(&s.ArchiveLocation, "archive-location"),
		"archive-place":    str(&s.ArchivePlace, "archive-place"),
		"archive_place":    str(&s.ArchivePlace, "archive_place"),
		"publisher":        str(&s.Publisher, "publisher"),
		"publisher-place":  str(&s.PublisherPlace, "publisher-place"),
		"page":             str(&s.Page, "page"),
		"number-of-pages":  str(&s.NumberOfPages, "number-of-pages"),
		"volume":           str(&s.Volume, "volume"),
		"issue":            str(&s.Issue, "issue"),
		"edition":          str(&s.Edition, "edition"),
		"URL":              str(&s.URL, "URL"),
		"url":              str(&s.URL, "url"),
		"DOI":              str(&s.DOI, "DOI"),
		"medium":           str(&s.Medium, "medium"),
		"genre":            str(&s.Genre, "genre"),
		"note":             str(&s.Note, "note"),
		"credit":           str(&s.Credit, "credit"),
		"language":         str(&s.Lang, "language"),
	}
	for k := range ignoredFields {
		handlers[k] = func(*yamlfile.Node) {}
	}
	yamlfile.Fields(n, ds, "a source", []string{"id", "type"}, handlers)
	if s.Key == "" {
		return nil
	}
	if s.Title == "" && s.Archive == "" {
		ds.Errorf(n.Pos, "source %q has neither a title nor an archive", s.Key)
	}
	return s
}

func readNames(n *yamlfile.Node, ds *model.Diagnostics) []model.Name {
	items := n.Items
	if n.Kind != yamlfile.Seq {
		items = []*yamlfile.Node{n}
	}
	var out []model.Name
	for _, it := range items {
		var nm model.Name
		switch it.Kind {
		case yamlfile.Scalar:
			nm.Literal = it.Value
		case yamlfile.Map:
			yamlfile.Fields(it, ds, "a name", nil, map[string]func(*yamlfile.Node){
				"family":            func(v *yamlfile.Node) { nm.Family, _ = yamlfile.String(v, ds, "family") },
				"given":             func(v *yamlfile.Node) { nm.Given, _ = yamlfile.String(v, ds, "given") },
				"literal":           func(v *yamlfile.Node) { nm.Literal, _ = yamlfile.String(v, ds, "literal") },
				"dropping-particle": func(*yamlfile.Node) {},
				"non-dropping-particle": func(v *yamlfile.Node) {
					p, _ := yamlfile.String(v, ds, "particle")
					nm.Family = strings.TrimSpace(p + " " + nm.Family)
				},
				"suffix":      func(*yamlfile.Node) {},
				"parse-names": func(*yamlfile.Node) {},
			})
		default:
			ds.Errorf(it.Pos, "a name must be a mapping with family and given, or a literal")
			continue
		}
		out = append(out, nm)
	}
	return out
}

// readDate reads a CSL date: {date-parts: [[1944, 10]]}, with circa,
// literal or raw; a plain "1944-10" text is accepted too.
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
			for _, part := range v.Items {
				if part.Kind != yamlfile.Seq || len(part.Items) == 0 || len(part.Items) > 3 {
					ds.Errorf(part.Pos, "%s: each date part must be [year], [year, month] or [year, month, day]", what)
					continue
				}
				var p [3]int
				for i, x := range part.Items {
					v, err := strconv.Atoi(strings.TrimSpace(x.Value))
					if x.Kind != yamlfile.Scalar || err != nil {
						ds.Errorf(x.Pos, "%s: %q is not a number", what, x.Value)
						continue
					}
					p[i] = v
				}
				if p[1] < 0 || p[1] > 12 || p[2] < 0 || p[2] > 31 {
					ds.Errorf(part.Pos, "%s: month or day out of range", what)
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

// parseRawDate reads "1944", "1944-10", "1944-10-08", "1944/1945",
// "1944-09/1944-10" and a leading "~" or "ca." for approximate dates.
func parseRawDate(s string, n *yamlfile.Node, ds *model.Diagnostics, what string) model.Date {
	var d model.Date
	s = strings.TrimSpace(s)
	for _, p := range []string{"~", "ca.", "c.", "circa", "vers"} {
		if strings.HasPrefix(strings.ToLower(s), p) {
			d.Circa = true
			s = strings.TrimSpace(s[len(p):])
		}
	}
	if strings.HasSuffix(s, "~") || strings.HasSuffix(s, "?") {
		d.Circa = true
		s = strings.TrimRight(s, "~?")
	}
	for _, part := range strings.SplitN(s, "/", 2) {
		fields := strings.Split(strings.TrimSpace(part), "-")
		var p [3]int
		ok := len(fields) <= 3
		for i, f := range fields {
			if !ok {
				break
			}
			v, err := strconv.Atoi(f)
			if err != nil {
				ok = false
				break
			}
			p[i] = v
		}
		if !ok || p[0] == 0 {
			d.Parts = nil
			d.Literal = strings.TrimSpace(s)
			ds.Warnf(n.Pos, "%s %q is not a date publish understands (YYYY, YYYY-MM, YYYY-MM-DD, a range with /); printed as written", what, s)
			return d
		}
		d.Parts = append(d.Parts, p)
	}
	return d
}
