// Package model holds the one document tree that every renderer reads: the
// book, its chapters, blocks and inlines, figures, notes, sources and the
// diagnostics collected while building it. It imports nothing of the project.
package model

import "fmt"

// Position is a place in a manuscript file. Line and Col count from 1; Col
// counts Unicode characters. A zero Line means the whole file.
type Position struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col (or file alone when the
// position names no line).
func (p Position) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether the position names a file.
func (p Position) IsValid() bool { return p.File != "" }
