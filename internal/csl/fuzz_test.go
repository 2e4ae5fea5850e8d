package csl

import (
	"bytes"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// FuzzSources reads any sources file: every diagnostic lies inside the file,
// every source has a key, and the list and the index agree.
func FuzzSources(f *testing.F) {
	for _, s := range []string{
		`[{"id": "adpdc-1944", "type": "manuscript", "title": "Plan des destructions", "archive": "Archives du Pas-de-Calais",
  "archive_location": "3 Fi 12", "issued": {"date-parts": [[1944, 10]]}, "author": [{"family": "Dupont", "given": "Marie"}]}]`,
		"references:\n  - id: dupont\n    type: book\n    title: La Libération\n    issued: {raw: ~1944/1945}\n    editor: [{literal: Ville}]\n",
		"- id: a\n  type: livre\n  title: A\n- id: a\n  type: book\n- [x]\n- id: b\n  type: book\n  issued: {date-parts: [[1944, 13, 40], [x]]}\n",
		"- id: c\n  type: graphic\n  archive: A\n  issued: ca. 1944-09\n  accessed: hier\n  author: Dupont\n  non: 1\n",
		"{}", "[]", "references: 3\n", "- id: [a]\n  type: {b: c}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(20*time.Second, func() { panic(fmt.Sprintf("Read hangs on %q", data)) })
		defer watchdog.Stop()
		var ds model.Diagnostics
		list, byKey := Read("s.yaml", data, &ds)
		lines := bytes.Split(bytes.ReplaceAll(bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n")), []byte("\n"))
		for _, d := range ds.List {
			if d.Message == "" || d.Pos.File != "s.yaml" {
				t.Fatalf("diagnostic without message or file: %#v", d)
			}
			if d.Pos.Line == 0 {
				continue
			}
			if d.Pos.Line > len(lines) || d.Pos.Col < 1 || d.Pos.Col > utf8.RuneCount(lines[d.Pos.Line-1])+1 {
				t.Fatalf("position outside the file: %s", d)
			}
		}
		if len(list) != len(byKey) {
			t.Fatalf("%d sources listed, %d indexed", len(list), len(byKey))
		}
		for _, s := range list {
			if s.Key == "" || byKey[s.Key] != s {
				t.Fatalf("source %q missing from the index or without a key", s.Key)
			}
			for _, d := range []model.Date{s.Issued, s.Accessed} {
				for _, p := range d.Parts {
					if p[1] < 0 || p[2] < 0 {
						if !ds.HasErrors() {
							t.Fatalf("negative date part %v without an error", p)
						}
					}
				}
			}
		}
	})
}
