// Package casefile reads and writes the tests' case files: a comment,
// then sections introduced by "-- name --" lines, each holding the text up
// to the next section (an input, or the output a test compares).
package casefile

import "strings"

// File is a parsed case file.
type File struct {
	// Comment is the text before the first section.
	Comment string
	// Sections holds each section's text by name; Order lists the names
	// in the order of the file.
	Sections map[string]string
	Order    []string
}

// Parse reads a case file.
func Parse(data string) File {
	f := File{Sections: map[string]string{}}
	cur := ""
	var b strings.Builder
	flush := func() {
		if cur == "" {
			f.Comment = b.String()
		} else {
			f.Sections[cur] = b.String()
			f.Order = append(f.Order, cur)
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			cur = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		b.WriteString(line)
	}
	flush()
	return f
}

// Set gives a section its text, adding it at the end when it is new.
func (f *File) Set(name, text string) {
	if _, ok := f.Sections[name]; !ok {
		f.Order = append(f.Order, name)
	}
	f.Sections[name] = text
}

// String writes the file back, each section ending with a line end.
func (f File) String() string {
	var b strings.Builder
	b.WriteString(f.Comment)
	for _, name := range f.Order {
		b.WriteString("-- " + name + " --\n")
		s := f.Sections[name]
		b.WriteString(s)
		if s != "" && !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
