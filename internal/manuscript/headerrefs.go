package manuscript

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Pandoc's implicit_header_references: "[General options]" or "[the
// options][General options]" link to the heading "General options"
// anywhere in the book, unless the manuscript defines that reference
// itself. The headings are found by a scan of the chapter files before
// they are parsed, so that goldmark resolves these links as it resolves
// reference definitions.

var (
	// atxHeading matches an ATX heading line: its text, then an optional
	// attribute block and closing hashes.
	atxHeading = regexp.MustCompile(`^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*$`)
	// headingAttrs matches the attribute block at the end of a heading.
	headingAttrs = regexp.MustCompile(`[ \t]*\{([^{}]*)\}[ \t]*$`)
	// closingHashes matches the closing sequence of an ATX heading.
	closingHashes = regexp.MustCompile(`[ \t]+#+[ \t]*$`)
	// referenceDefinition matches the start of a link reference
	// definition: "[label]: …".
	referenceDefinition = regexp.MustCompile(`^ {0,3}\[([^\]]+)\]:`)
	// inlineMarkup matches the Markdown marks that a heading's text loses
	// in its label (emphasis, code).
	inlineMarkup = strings.NewReplacer("*", "", "_", "", "`", "")
)

// headerRef is a heading a link may name by its text.
type headerRef struct {
	label string
	id    string
}

// scanHeadings returns the ATX headings of a chapter's source, outside
// fenced code, with the id each will have (its written id, else the one
// pandoc's rules give), and the labels the source defines itself.
func scanHeadings(src []byte) (refs []headerRef, defined map[string]bool) {
	return scanHeadingLines(src, mayMatchHeadingPatterns)
}

// mayMatchHeadingPatterns reports whether a line (t is the line without
// its leading spaces) may match the patterns of a heading or a reference
// definition: both start with at most three spaces, then "[" or "#". The
// other lines, most of a chapter, are not passed through them.
func mayMatchHeadingPatterns(line, t []byte) bool {
	return len(line)-len(t) <= 3 && len(t) > 0 && (t[0] == '[' || t[0] == '#')
}

// scanHeadingLines is scanHeadings passing through the patterns the lines
// outside fenced code for which candidate is true.
func scanHeadingLines(src []byte, candidate func(line, t []byte) bool) (refs []headerRef, defined map[string]bool) {
	defined = map[string]bool{}
	fence := ""
	for _, line := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimLeft(line, " ")
		if fence != "" {
			if bytes.HasPrefix(t, []byte(fence)) {
				fence = ""
			}
			continue
		}
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = string(t[:3])
			continue
		}
		if !candidate(line, t) {
			continue
		}
		s := string(line)
		if m := referenceDefinition.FindStringSubmatch(s); m != nil {
			defined[string(util.ToLinkReference([]byte(m[1])))] = true
			continue
		}
		m := atxHeading.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		text := closingHashes.ReplaceAllString(" "+m[1], "")
		id := ""
		if a := headingAttrs.FindStringSubmatchIndex(text); a != nil {
			if attrs, err := ParseAttributes(text[a[2]:a[3]]); err == nil {
				id = attrs.ID
			}
			text = text[:a[0]]
		}
		text = strings.TrimSpace(text)
		label := strings.TrimSpace(inlineMarkup.Replace(text))
		if label == "" {
			continue
		}
		if id == "" {
			id = HeadingID(label)
		}
		refs = append(refs, headerRef{label: label, id: id})
	}
	return refs, defined
}

// headingIndex is the book's headings as link references, by normalised
// label: the first heading of a label wins, as it did when each chapter's
// context was given them one by one. It is made once per book and read by
// every chapter's context.
type headingIndex map[string]parser.Reference

// indexHeadings makes the heading index of refs.
func indexHeadings(refs []headerRef) headingIndex {
	idx := make(headingIndex, len(refs))
	for _, r := range refs {
		key := util.ToLinkReference([]byte(r.label))
		if _, ok := idx[key]; !ok {
			idx[key] = parser.NewReference([]byte(r.label), []byte("#"+r.id), nil)
		}
	}
	return idx
}

// headerContext returns a parser context that knows the book's headings
// as link references, except those a chapter defines itself.
func headerContext(headings headingIndex, defined map[string]bool) parser.Context {
	return &chapterContext{Context: parser.NewContext(), headings: headings, defined: defined}
}

// chapterContext is a chapter's parser context: the book's headings but
// those whose labels the chapter defines, before the references the
// parser finds in the chapter (the first reference of a label wins).
type chapterContext struct {
	parser.Context
	headings headingIndex
	defined  map[string]bool
}

// heading returns the book's heading of a normalised label, unless the
// chapter defines that label itself.
func (c *chapterContext) heading(label string) (parser.Reference, bool) {
	if c.defined[label] {
		return nil, false
	}
	ref, ok := c.headings[label]
	return ref, ok
}

// Reference returns the reference of a normalised label.
func (c *chapterContext) Reference(label string) (parser.Reference, bool) {
	if ref, ok := c.heading(label); ok {
		return ref, true
	}
	return c.Context.Reference(label)
}

// References returns every reference the chapter can name, one per label.
func (c *chapterContext) References() []parser.Reference {
	var refs []parser.Reference
	for key := range c.headings {
		if ref, ok := c.heading(key); ok {
			refs = append(refs, ref)
		}
	}
	for _, ref := range c.Context.References() {
		if _, ok := c.heading(util.ToLinkReference(ref.Label())); !ok {
			refs = append(refs, ref)
		}
	}
	return refs
}
