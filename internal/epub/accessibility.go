package epub

// a11yFacts are what the book's content lets the package claim.
type a11yFacts struct {
	figures   int
	withAlt   int
	pageMarks bool
}

func (b *builder) accessibilityFacts() a11yFacts {
	f := a11yFacts{pageMarks: len(b.pageList) > 0}
	for _, fig := range b.book.Figures {
		if _, ok := b.figureImage[fig]; !ok {
			continue
		}
		f.figures++
		if fig.Alt != "" {
			f.withAlt++
		}
	}
	return f
}

// allAlt reports whether every image of the content has its own text
// alternative.
func (f a11yFacts) allAlt() bool { return f.withAlt == f.figures }

// conforms reports whether the publication meets EPUB Accessibility 1.1
// at WCAG 2.1 AA as far as its content decides: the markup this package
// writes has language, structure, navigation and roles; what the author
// must supply is a text alternative for every image.
func (f a11yFacts) conforms() bool { return f.allAlt() }

// a11yMeta returns the schema.org accessibility metadata as property,
// value pairs, in a fixed order.
func (b *builder) a11yMeta() [][2]string {
	f := b.accessibilityFacts()
	var out [][2]string
	add := func(p, v string) { out = append(out, [2]string{p, v}) }
	add("schema:accessMode", "textual")
	if f.figures > 0 {
		add("schema:accessMode", "visual")
		if f.allAlt() {
			add("schema:accessModeSufficient", "textual")
		}
		add("schema:accessModeSufficient", "textual,visual")
	} else {
		add("schema:accessModeSufficient", "textual")
	}
	add("schema:accessibilityFeature", "structuralNavigation")
	add("schema:accessibilityFeature", "tableOfContents")
	add("schema:accessibilityFeature", "readingOrder")
	if f.figures > 0 && f.allAlt() {
		add("schema:accessibilityFeature", "alternativeText")
	}
	if f.pageMarks {
		add("schema:accessibilityFeature", "printPageNumbers")
		add("schema:accessibilityFeature", "pageNavigation")
	}
	add("schema:accessibilityFeature", "displayTransformability")
	add("schema:accessibilityHazard", "none")
	add("schema:accessibilitySummary", b.accessibilitySummary(f))
	return out
}

// accessibilitySummary is book.yaml's summary, else one written from
// the facts in the book's language.
func (b *builder) accessibilitySummary(f a11yFacts) string {
	if b.meta.AccessibilitySummary != "" {
		return b.meta.AccessibilitySummary
	}
	w := b.words
	s := w.SummaryStart
	if f.figures > 0 {
		if f.allAlt() {
			s += w.SummaryAlt
		} else {
			s += w.SummaryNoAlt
		}
	}
	if f.pageMarks {
		s += w.SummaryPages
	}
	s += w.SummaryEnd
	if f.conforms() {
		s += w.Conforms
	}
	return s
}
