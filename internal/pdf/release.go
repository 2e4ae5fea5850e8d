package pdf

import "github.com/publish-books/publish/internal/typeset"

// The make-up keeps every set line of the book until the pages are drawn:
// about 56 KB a page (a 1,200-page novel: 67 MB), held while fpdf builds
// the document. A page's lines are dropped once it is drawn, and a
// section's items after its last page, so that what is live while the
// last pages are drawn and the file is written does not hold the whole
// book's lines too.

// release drops what drawing pg needed and nothing after it reads: the
// items placed on a section page (the preflight reads only its footnote
// lines, which stay), and the section's items once its last page is drawn.
func (pg *page) release() {
	if pg.kind != pageSection || pg.sec == nil || pg.idx < 0 || pg.idx >= len(pg.sec.pages) {
		return
	}
	pg.sec.pages[pg.idx].placed = nil
	if pg.idx == len(pg.sec.pages)-1 {
		pg.sec.items = nil
	}
}

// dropDrawing drops what only drawing the item reads: its draw function
// with the lines it holds, its line as set, its paragraph, and the head a
// continued table repeats.
func (it *item) dropDrawing() {
	it.draw, it.src, it.para, it.tableHead = nil, nil, nil, nil
}

// releaseSetter lets go of the words the make-up's line breaker measured
// (typeset.Setter.Release), once the pages are made up: only the title and
// copyright pages, drawn after, set a few lines more. A publish watch
// build's breaker (cachedSetter) keeps them for the next build. A novel's
// collection before the drawing then finds 33 MB live instead of 51.
func releaseSetter(ls lineSetter) {
	if fs, ok := ls.(*fileSetter); ok {
		ls = fs.inner
	}
	if s, ok := ls.(*typeset.Setter); ok {
		s.Release()
	}
}
