package model

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says how bad a diagnostic is.
type Severity int

// The severities, from mildest to worst.
const (
	Suggestion Severity = iota
	Warning
	Error
)

// String names the severity as it is printed.
func (s Severity) String() string {
	switch s {
	case Suggestion:
		return "suggestion"
	case Warning:
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the manuscript or its layout.
type Diagnostic struct {
	Pos      Position
	Severity Severity
	Message  string
	// Code is a short stable name of the kind of problem (for example
	// "figure-no-credit"), so that options such as --strict can act on it.
	Code string
}

// String formats the diagnostic as "file:line:col: severity: message".
func (d Diagnostic) String() string {
	if p := d.Pos.String(); p != "" {
		return p + ": " + d.Severity.String() + ": " + d.Message
	}
	return d.Severity.String() + ": " + d.Message
}

// Diagnostics collects problems; it is safe to use its zero value.
type Diagnostics struct {
	List []Diagnostic
}

// Add appends a diagnostic.
func (ds *Diagnostics) Add(d Diagnostic) { ds.List = append(ds.List, d) }

// Errorf records an error at pos.
func (ds *Diagnostics) Errorf(pos Position, format string, args ...any) {
	ds.Add(Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// ErrorCodef records an error with a code naming its family (syntax,
// encoding, unknown-key, wrong-type, unknown-source: the README's list),
// which publish --json passes on to editors.
func (ds *Diagnostics) ErrorCodef(code string, pos Position, format string, args ...any) {
	ds.Add(Diagnostic{Pos: pos, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (ds *Diagnostics) Warnf(pos Position, format string, args ...any) {
	ds.Add(Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// WarnCodef records a warning with a code that options can escalate.
func (ds *Diagnostics) WarnCodef(code string, pos Position, format string, args ...any) {
	ds.Add(Diagnostic{Pos: pos, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Suggestf records a suggestion at pos.
func (ds *Diagnostics) Suggestf(pos Position, format string, args ...any) {
	ds.Add(Diagnostic{Pos: pos, Severity: Suggestion, Message: fmt.Sprintf(format, args...)})
}

// Merge appends all diagnostics of other.
func (ds *Diagnostics) Merge(other Diagnostics) { ds.List = append(ds.List, other.List...) }

// HasErrors reports whether any diagnostic is an error.
func (ds *Diagnostics) HasErrors() bool {
	for _, d := range ds.List {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns how many diagnostics have the given severity.
func (ds *Diagnostics) Count(s Severity) int {
	n := 0
	for _, d := range ds.List {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders the diagnostics by file, line and column, keeping the order
// of diagnostics at the same place.
func (ds *Diagnostics) Sort() {
	sort.SliceStable(ds.List, func(i, j int) bool {
		a, b := ds.List[i].Pos, ds.List[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// String prints one diagnostic per line.
func (ds *Diagnostics) String() string {
	var b strings.Builder
	for _, d := range ds.List {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}
