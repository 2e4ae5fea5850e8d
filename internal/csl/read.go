// Package csl reads bibliographic sources in CSL-JSON or CSL-YAML, the
// formats Zotero and pandoc exchange, into model.Source values, with every
// problem reported at file:line:col.
package csl

import (
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

// ignoredFields are the CSL 1.0.2 variables (and the older names Zotero
// still exports) that publish accepts and does not print: a sources file
// exported by Zotero or written for pandoc reads without complaint, while a
// misspelt key is still reported.
var ignoredFields = map[string]bool{
	// Standard variables.
	"abstract": true, "annote": true, "authority": true, "call-number": true, "chapter-number": true,
	"citation-key": true, "citation-label": true, "citation-number": true, "collection-number": true,
	"container-title-short": true, "dimensions": true, "division": true, "event": true, "event-place": true,
	"event-title": true, "first-reference-note-number": true, "ISBN": true, "ISSN": true, "jurisdiction": true,
	"keyword": true, "license": true, "locator": true, "number": true, "number-of-volumes": true,
	"original-publisher": true, "original-publisher-place": true, "page-first": true,
	"part": true, "part-title": true, "PMCID": true, "PMID": true, "printing": true, "references": true,
	"reviewed-genre": true, "reviewed-title": true, "scale": true, "section": true, "source": true,
	"status": true, "supplement": true, "version": true, "volume-title": true, "volume-title-short": true,
	"year-suffix": true, "custom": true, "categories": true,
	// Date variables.
	"available-date": true, "event-date": true, "original-date": true, "submitted": true,
	// Name variables.
	"chair": true, "collection-editor": true, "compiler": true, "composer": true,
	"contributor": true, "curator": true, "director": true, "editorial-director": true,
	"executive-producer": true, "guest": true, "host": true, "illustrator": true,
	"narrator": true, "organizer": true, "original-author": true, "performer": true, "producer": true,
	"recipient": true, "reviewed-author": true, "script-writer": true, "series-creator": true,
	// Zotero's older names.
	"shortTitle": true, "journalAbbreviation": true,
	// pandoc writes these variables in lower case in its CSL-YAML
	// (pandoc -t markdown -s from BibTeX).
	"isbn": true, "issn": true, "pmid": true, "pmcid": true,
}

// Read parses a sources file. CSL-JSON is read through the YAML parser
// (JSON is YAML), so both forms get the same positioned errors.
func Read(file string, data []byte, ds *model.Diagnostics) ([]*model.Source, map[string]*model.Source) {
	first := len(ds.List)
	root := yamlfile.Parse(file, data, ds)
	if strings.HasSuffix(strings.ToLower(file), ".json") {
		// The YAML parser reads JSON; say which syntax the user wrote.
		for i := first; i < len(ds.List); i++ {
			ds.List[i].Message = strings.Replace(ds.List[i].Message, "YAML syntax", "JSON syntax", 1)
		}
	}
	if root == nil {
		return nil, map[string]*model.Source{}
	}
	if root.Kind == yamlfile.Map && !hasKey(root, "references") && hasKey(root, "id") {
		// A single CSL-JSON item, not in a list.
		root = &yamlfile.Node{Kind: yamlfile.Seq, Pos: root.Pos, Items: []*yamlfile.Node{root}}
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

func hasKey(n *yamlfile.Node, key string) bool {
	for _, k := range n.Keys {
		if k.Value == key {
			return true
		}
	}
	return false
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
		"title":              str(&s.Title, "title"),
		"title-short":        str(&s.TitleShort, "title-short"),
		"shortTitle":         str(&s.TitleShort, "shortTitle"),
		"archive_collection": str(&s.ArchiveCollection, "archive_collection"),
		"archive-collection": str(&s.ArchiveCollection, "archive-collection"),
		"author":             func(v *yamlfile.Node) { s.Authors = readNames(v, ds) },
		"editor":             func(v *yamlfile.Node) { s.Editors = readNames(v, ds) },
		"interviewer":        func(v *yamlfile.Node) { s.Interviewers = readNames(v, ds) },
		"translator":         func(v *yamlfile.Node) { s.Translators = readNames(v, ds) },
		"container-author":   func(v *yamlfile.Node) { s.ContainerAuthors = readNames(v, ds) },
		"original-title":     str(&s.OriginalTitle, "original-title"),
		"issued":             func(v *yamlfile.Node) { s.Issued = readDate(v, ds, "issued") },
		"accessed":           func(v *yamlfile.Node) { s.Accessed = readDate(v, ds, "accessed") },
		"container-title":    str(&s.ContainerTitle, "container-title"),
		"collection-title":   str(&s.CollectionTitle, "collection-title"),
		"archive":            str(&s.Archive, "archive"),
		"archive_location":   str(&s.ArchiveLocation, "archive_location"),
		"archive-location":   str(&s.ArchiveLocation, "archive-location"),
		"archive-place":      str(&s.ArchivePlace, "archive-place"),
		"archive_place":      str(&s.ArchivePlace, "archive_place"),
		"publisher":          str(&s.Publisher, "publisher"),
		"publisher-place":    str(&s.PublisherPlace, "publisher-place"),
		"page":               str(&s.Page, "page"),
		"number-of-pages":    str(&s.NumberOfPages, "number-of-pages"),
		"volume":             str(&s.Volume, "volume"),
		"issue":              str(&s.Issue, "issue"),
		"edition":            str(&s.Edition, "edition"),
		"URL":                str(&s.URL, "URL"),
		"url":                str(&s.URL, "url"),
		"DOI":                str(&s.DOI, "DOI"),
		"doi":                str(&s.DOI, "doi"),
		"medium":             str(&s.Medium, "medium"),
		"genre":              str(&s.Genre, "genre"),
		"note":               str(&s.Note, "note"),
		"credit":             str(&s.Credit, "credit"),
		"language":           str(&s.Lang, "language"),
	}
	for k := range ignoredFields {
		if handlers[k] == nil {
			handlers[k] = func(*yamlfile.Node) {}
		}
	}
	yamlfile.Fields(n, ds, "a source", []string{"id", "type"}, handlers)
	if s.Key == "" {
		return nil
	}
	// An interview or a letter may be known by its people and date alone.
	untitled := s.Type == "interview" || s.Type == "personal_communication"
	if s.Title == "" && s.Archive == "" && !(untitled && len(s.Authors) > 0) {
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
		var nonDropping string
		switch it.Kind {
		case yamlfile.Scalar:
			nm.Literal = it.Value
		case yamlfile.Map:
			yamlfile.Fields(it, ds, "a name", nil, map[string]func(*yamlfile.Node){
				"family":                func(v *yamlfile.Node) { nm.Family, _ = yamlfile.String(v, ds, "family") },
				"given":                 func(v *yamlfile.Node) { nm.Given, _ = yamlfile.String(v, ds, "given") },
				"literal":               func(v *yamlfile.Node) { nm.Literal, _ = yamlfile.String(v, ds, "literal") },
				"dropping-particle":     func(v *yamlfile.Node) { nm.Particle, _ = yamlfile.String(v, ds, "particle") },
				"non-dropping-particle": func(v *yamlfile.Node) { nonDropping, _ = yamlfile.String(v, ds, "particle") },
				"suffix":                func(*yamlfile.Node) {},
				"parse-names":           func(*yamlfile.Node) {},
			})
			// A non-dropping particle (« van » in « van Gogh ») is part of
			// the family name for printing and sorting alike.
			if nonDropping != "" {
				nm.Family = strings.TrimSpace(nonDropping + " " + nm.Family)
			}
			if nm.Family == "" && nm.Literal == "" {
				ds.Errorf(it.Pos, "a name needs a family name or a literal")
				continue
			}
		default:
			ds.Errorf(it.Pos, "a name must be a mapping with family and given, or a literal")
			continue
		}
		nm.Literal = strings.TrimSpace(nm.Literal)
		if nm.Literal == "" && it.Kind == yamlfile.Scalar {
			continue
		}
		out = append(out, nm)
	}
	return out
}
