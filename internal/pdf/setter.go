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
