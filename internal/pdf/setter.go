package pdf

import (
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/typeset"
)

// lineSetter is what the page builder needs from the line breaker.
type lineSetter interface {
	Set(p typeset.Paragraph) typeset.Result
}

// newSetter returns the line breaker for the layout, with the layout's
// hyphenation exceptions.
func newSetter(lay *layout.Print) lineSetter {
	return typeset.NewSetter(typeset.SetterOptions{Exceptions: lay.HyphenExceptions})
}

// siblingSetter returns a line breaker for another goroutine that gives
// the results of s and, when s is typeset's, shares its word cache, so
// that the book's vocabulary is measured and hyphenated once.
func siblingSetter(s lineSetter, lay *layout.Print) lineSetter {
	if cs, ok := s.(*cachedSetter); ok {
		return cs.sibling(lay)
	}
	if fs, ok := s.(*fileSetter); ok {
		return &fileSetter{inner: siblingSetter(fs.inner, lay), file: fs.file, tolerance: fs.tolerance}
	}
	if ts, ok := s.(*typeset.Setter); ok {
		return ts.Sibling()
	}
	return newSetter(lay)
}

// minLines returns a number of lines that no setting of p by setter can
// go below (typeset.Setter.MinLines), 0 when setter cannot tell.
func minLines(setter lineSetter, p typeset.Paragraph) int {
	switch s := setter.(type) {
	case *typeset.Setter:
		return s.MinLines(p)
	case *fileSetter:
		return minLines(s.inner, p)
	case *cachedSetter:
		return minLines(s.inner, p)
	}
	return 0
}

// holds reports whether setter keeps p's setting already (the print
// cache, publish watch's cache), so that setting it costs a lookup.
func holds(setter lineSetter, p typeset.Paragraph) bool {
	h, ok := setter.(interface{ holds(typeset.Paragraph) bool })
	return ok && h.holds(p)
}
