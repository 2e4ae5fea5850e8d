// Package sfntname reads names from a TrueType or OpenType font's name
// table, for the layout reader (the family name) and the PDF writer (the
// PostScript name).
package sfntname

import "golang.org/x/image/font/sfnt"

// Read returns the first of the names ids the font data holds, "" when it
// has none of them or its tables are damaged (the sfnt package may panic
// on a damaged font; the panic is taken as "no name").
func Read(data []byte, ids ...sfnt.NameID) (name string) {
	defer func() {
		if recover() != nil {
			name = ""
		}
	}()
	f, err := sfnt.Parse(data)
	if err != nil {
		return ""
	}
	for _, id := range ids {
		if n, err := f.Name(nil, id); err == nil && n != "" {
			return n
		}
	}
	return ""
}
