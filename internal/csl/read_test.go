package csl

import (
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/yamlfile"
)

func TestReadDiagnostics(t *testing.T) {
	tests := []struct {
		name, file, in string
		want           []string // diagnostics, in order
	}{
		{"json syntax", "s.json", "[\n  {\"id\": \"a\", \"type\": \"book\" \"title\": \"x\"}\n]\n",
			[]string{"s.json:2:30: error: JSON syntax: ',' or '}' must be specified"}},
		{"yaml syntax", "s.yaml", "references:\n  - id: a\n    type: book\n    title: [x\n",
			[]string{"s.yaml:4:12: error: YAML syntax: sequence end token ']' not found"}},
		{"unknown type and key", "s.json", "[\n  {\"id\": \"a\", \"type\": \"bok\", \"tilte\": \"x\"}\n]\n",
			[]string{
				`s.json:2:23: error: unknown CSL type "bok" (for an archive document use manuscript or document, for a photograph graphic)`,
				`s.json:2:30: error: unknown key "tilte" in a source (did you mean "title"?)`,
				`s.json:2:3: error: source "a" has neither a title nor an archive`,
			}},
		{"missing id", "s.yaml", "- type: book\n  title: x\n",
			[]string{`s.yaml:1:3: error: missing required key "id" in a source`}},
		{"duplicate", "s.yaml", "- {id: a, type: book, title: x}\n- {id: a, type: book, title: y}\n",
			[]string{`s.yaml:2:3: error: duplicate source id "a" (first at line 1)`}},
		{"not a list", "s.yaml", "hello\n",
			[]string{"s.yaml:1:1: error: a sources file must hold a list of sources (CSL-JSON array or CSL-YAML list)"}},
		{"three dates", "s.yaml", "- id: a\n  type: book\n  title: x\n  issued: {date-parts: [[1944], [1945], [1946]]}\n",
			[]string{"s.yaml:4:24: error: issued: date-parts holds one date or two (a range), not 3"}},
		{"bad day", "s.yaml", "- id: a\n  type: book\n  title: x\n  issued: {date-parts: [[1944, 2, 30]]}\n",
			[]string{"s.yaml:4:25: error: issued: day 30 does not exist in month 2"}},
		{"name without family", "s.yaml", "- id: a\n  type: book\n  title: x\n  author: [{given: Marie}]\n",
			[]string{"s.yaml:4:12: error: a name needs a family name or a literal"}},
		{"untitled interview", "s.yaml", "- id: a\n  type: interview\n  author: [{family: Caron}]\n", nil},
		{"zotero fields", "s.json", `[{"id": "a", "type": "book", "title": "x", "ISBN": "1", "abstract": "y", "event-place": "z",
			"number-of-volumes": "2", "translator": [{"family": "T"}], "original-date": {"date-parts": [["1900"]]}}]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ds model.Diagnostics
			Read(tt.file, []byte(tt.in), &ds)
			var got []string
			for _, d := range ds.List {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReadFields(t *testing.T) {
	in := `[{"id": "vg", "type": "book", "title": "Lettres à son frère", "title-short": "Lettres",
	  "author": [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
	             {"family": "Gaulle", "given": "Charles", "dropping-particle": "de"}, {"literal": "Musée d’Orsay"}],
	  "archive": "Archives", "archive_location": "3 Fi 1", "archive-place": "Arras", "archive_collection": "Fonds X",
	  "issued": {"date-parts": [["1944", "10"]], "circa": "true"}, "accessed": "2024-03-01", "credit": "© X"}]`
	var ds model.Diagnostics
	list, byKey := Read("s.json", []byte(in), &ds)
	if len(ds.List) != 0 || len(list) != 1 || byKey["vg"] != list[0] {
		t.Fatalf("read: %d sources, diagnostics:\n%s", len(list), ds.String())
	}
	s := list[0]
	if s.TitleShort != "Lettres" || s.ArchiveLocation != "3 Fi 1" || s.ArchivePlace != "Arras" ||
		s.ArchiveCollection != "Fonds X" || s.Credit != "© X" {
		t.Errorf("fields: %+v", s)
	}
	wantNames := []model.Name{{Family: "van Gogh", Given: "Vincent"}, {Family: "Gaulle", Given: "Charles", Particle: "de"}, {Literal: "Musée d’Orsay"}}
	if len(s.Authors) != 3 || s.Authors[0] != wantNames[0] || s.Authors[1] != wantNames[1] || s.Authors[2] != wantNames[2] {
		t.Errorf("authors = %+v, want %+v", s.Authors, wantNames)
	}
	if !s.Issued.Circa || len(s.Issued.Parts) != 1 || s.Issued.Parts[0] != [3]int{1944, 10, 0} {
		t.Errorf("issued = %+v", s.Issued)
	}
	if len(s.Accessed.Parts) != 1 || s.Accessed.Parts[0] != [3]int{2024, 3, 1} {
		t.Errorf("accessed = %+v", s.Accessed)
	}
}

func TestRawDates(t *testing.T) {
	tests := []struct {
		in      string
		parts   [][3]int
		circa   bool
		literal string
		diag    string
	}{
		{"1944", [][3]int{{1944, 0, 0}}, false, "", ""},
		{"1944-10", [][3]int{{1944, 10, 0}}, false, "", ""},
		{"1944-10-08", [][3]int{{1944, 10, 8}}, false, "", ""},
		{"octobre 1944", [][3]int{{1944, 10, 0}}, false, "", ""},
		{"Octobre 1944", [][3]int{{1944, 10, 0}}, false, "", ""},
		{"1er septembre 1944", [][3]int{{1944, 9, 1}}, false, "", ""},
		{"8 oct. 1944", [][3]int{{1944, 10, 8}}, false, "", ""},
		{"October 8, 1944", [][3]int{{1944, 10, 8}}, false, "", ""},
		{"vers 1944", [][3]int{{1944, 0, 0}}, true, "", ""},
		{"ca. 1944", [][3]int{{1944, 0, 0}}, true, "", ""},
		{"c. 1944", [][3]int{{1944, 0, 0}}, true, "", ""},
		{"1944~", [][3]int{{1944, 0, 0}}, true, "", ""},
		{"1944?", [][3]int{{1944, 0, 0}}, true, "", ""},
		{"1944-1945", [][3]int{{1944, 0, 0}, {1945, 0, 0}}, false, "", ""},
		{"1944/1945", [][3]int{{1944, 0, 0}, {1945, 0, 0}}, false, "", ""},
		{"septembre 1944 – janvier 1945", [][3]int{{1944, 9, 0}, {1945, 1, 0}}, false, "", ""},
		{"s. d.", nil, false, "", ""},
		{"été 1944", nil, false, "été 1944", "warning"},
		{"1944-13", nil, false, "", "error"},
		{"1944/1945/1946", nil, false, "1944/1945/1946", "warning"},
	}
	for _, tt := range tests {
		var ds model.Diagnostics
		n := parseNode(tt.in)
		d := parseRawDate(tt.in, n, &ds, "issued")
		if len(d.Parts) != len(tt.parts) || d.Circa != tt.circa || d.Literal != tt.literal {
			t.Errorf("%q: got %+v, want parts %v circa %v literal %q", tt.in, d, tt.parts, tt.circa, tt.literal)
			continue
		}
		for i := range d.Parts {
			if d.Parts[i] != tt.parts[i] {
				t.Errorf("%q: part %d = %v, want %v", tt.in, i, d.Parts[i], tt.parts[i])
			}
		}
		got := ""
		if len(ds.List) > 0 {
			got = ds.List[0].Severity.String()
		}
		if got != tt.diag {
			t.Errorf("%q: diagnostic %q, want %q (%s)", tt.in, got, tt.diag, ds.String())
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("references:\n  - {id: a, type: book, title: x, issued: vers 1944}\n"))
	f.Add([]byte(`[{"id": "a", "type": "map", "archive": "AD", "issued": {"date-parts": [["1944", "10"]]}}]`))
	f.Add([]byte("- id: a\n  type: book\n  author: [{family: X, non-dropping-particle: de}]\n  issued: 1944-09/1945-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ds model.Diagnostics
		list, byKey := Read("f.yaml", data, &ds)
		if len(list) != len(byKey) {
			t.Fatalf("%d sources but %d keys", len(list), len(byKey))
		}
		for _, d := range ds.List {
			if d.Pos.File != "f.yaml" {
				t.Fatalf("diagnostic without the file: %v", d)
			}
		}
	})
}

func parseNode(s string) *yamlfile.Node {
	return &yamlfile.Node{Kind: yamlfile.Scalar, Value: s, Pos: model.Position{File: "s.yaml", Line: 1, Col: 1}}
}
