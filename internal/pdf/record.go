package pdf

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// Drawing a chapter's pages is most of the PDF writer's work, and it
// needs nothing that the make-up decides after the chapter: a chapter
// opens on a recto (layout.ChapterRecto), so each of its pages is recto
// or verso whatever comes before it, and its running heads and folios,
// the only marks that depend on where it falls in the book, are drawn
// apart. A recorder therefore draws each chapter as soon as the page
// builder has paginated it, on another core while the next chapters are
// made up, into recordings: the bytes and calls a drawer would hand to
// fpdf, in order. Write replays them on the document in page order, the
// same calls in the same order, so the PDF is byte for byte the one a
// direct drawing gives (TestRecordedPagesDrawTheSame).

// drawAhead turns the recorder on; a test turns it off to compare.
// waitForRecorder makes Write wait for every section handed to the
// recorder instead of drawing those it has not begun, so that a test
// knows which pages were drawn ahead.
var drawAhead, waitForRecorder = true, false

// opKind is the kind of a recorded drawing operation.
type opKind uint8

const (
	opFont      opKind = iota // drawer.setFont(s, v[0])
	opRaw                     // fpdf.RawWriteBuf of raw[from:to]
	opText                    // drawer.fpdfText(v[0], v[1], s)
	opLineWidth               // drawer.setLineWidth(v[0])
	opRule                    // drawer.rule(v[0], v[1], v[2], v[3])
	opFrame                   // drawer.frame(v[0], v[1], v[2], v[3])
	opImage                   // drawer.image(s, v[0], v[1], v[2], v[3])
	opBookmark                // drawer.bookmark(s, n, v[0])
	opLink                    // drawer.link(s, v[0], v[1], v[2], v[3])
	opAnchor                  // drawer.anchor(s, v[0])
)

// drawOp is one recorded drawing operation.
type drawOp struct {
	kind     opKind
	n        int
	from, to int
	s        string
	v        [4]float64
}

// pageRecord is the recorded drawing of one page of a section. Page idx
// is drawn as a recto when idx is even, from the font the running head
// leaves set (builder.folioFont), or from none on the opening page.
type pageRecord struct {
	ops []drawOp
	raw []byte
}

// add appends op to the recording.
func (r *pageRecord) add(op drawOp) { r.ops = append(r.ops, op) }

// addRaw appends the writing of the content bytes b.
func (r *pageRecord) addRaw(b []byte) {
	from := len(r.raw)
	r.raw = append(r.raw, b...)
	r.ops = append(r.ops, drawOp{kind: opRaw, from: from, to: len(r.raw)})
}

// sectionRecord is the recording of a section's pages; pages is written
// before done is closed.
type sectionRecord struct {
	owner *recorder
	// state is queued, recording or inTurn (guarded by owner.mu).
	state recordState
	done  chan struct{}
	pages []*pageRecord
	// shown holds the runes the section's text drew, per font.
	shown shownRunes
	// err is a fault of the drawing (drawSafely), set before done is
	// closed.
	err error
}

// recordState says who draws a section handed to the recorder.
type recordState uint8

const (
	queued    recordState = iota // waiting for the recorder
	recording                    // the recorder draws it
	inTurn                       // Write draws it itself
)

// recorded returns the recording of s, waiting while the recorder draws
// the section, or nil when Write is to draw s itself: s
// was not handed to the recorder, or the recorder has not begun it (once
// the make-up is over, Write draws the sections in order from the front
// while the recorder takes them from the back, so that neither waits for
// the other's last sections).
func (s *section) recorded() *sectionRecord {
	sr := s.record
	if sr == nil {
		return nil
	}
	r := sr.owner
	r.mu.Lock()
	if sr.state == queued && !waitForRecorder {
		sr.state = inTurn
		r.pending = slices.DeleteFunc(r.pending, func(q *section) bool { return q == s })
	}
	state := sr.state
	r.mu.Unlock()
	if state == inTurn {
		return nil
	}
	<-sr.done
	return sr // replay says so when a page was not recorded
}

// recorder draws sections into recordings on its own goroutine.
type recorder struct {
	b *builder
	// mu guards pending, closed and the sections' states; wake tells the
	// recorder that a section is pending or that none will come.
	mu      sync.Mutex
	wake    *sync.Cond
	pending []*section
	closed  bool
	// margin is the MediaBox's margin around the trimmed page.
	margin float64
	// k and pageH are the document's, for the drawers.
	k, pageH float64
	// scratch is the page being recorded.
	scratch pageRecord
	// fontsAdded are the font keys addFont has seen.
	fontsAdded map[string]bool
}

// startRecorder starts recording the sections the page builder hands it
// (record), or returns nil when the pages cannot be drawn ahead: chapters
// that may open on a verso, a line dump (drawn page by page with the
// dump), one core.
func (b *builder) startRecorder(margin float64, dump bool) *recorder {
	if !drawAhead || !b.lay.ChapterRecto || dump || runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	r := &recorder{b: b, margin: margin, k: b.f.GetConversionRatio()}
	r.wake = sync.NewCond(&r.mu)
	_, r.pageH = b.f.GetPageSize()
	go func() {
		for {
			s := r.next()
			if s == nil {
				return
			}
			r.drawSafely(s)
		}
	}()
	return r
}

// drawSafely draws s (draw), turning a panic of the drawing into the
// section's error, which Write reports: a fault while a page is drawn
// ahead must fail the build with a message, as it would in Write, not end
// the process.
func (r *recorder) drawSafely(s *section) {
	defer func() {
		if p := recover(); p != nil {
			s.record.err = fmt.Errorf("draw the pages of %s ahead: %v", s.id, p)
			close(s.record.done)
		}
	}()
	r.draw(s)
}

// next returns the next section to record, waiting for one, or nil when
// none will come: the oldest while the make-up goes on, the last once it
// is over.
func (r *recorder) next() *section {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.pending) == 0 && !r.closed {
		r.wake.Wait()
	}
	if len(r.pending) == 0 {
		return nil
	}
	var s *section
	if r.closed {
		s = r.pending[len(r.pending)-1]
		r.pending = r.pending[:len(r.pending)-1]
	} else {
		s = r.pending[0]
		r.pending = r.pending[1:]
	}
	s.record.state = recording
	return s
}

// record queues s to be drawn ahead.
func (r *recorder) record(s *section) {
	if r == nil {
		return
	}
	s.record = &sectionRecord{owner: r, done: make(chan struct{})}
	r.mu.Lock()
	r.pending = append(r.pending, s)
	r.mu.Unlock()
	r.wake.Signal()
}

// close says that no section follows: the recorder ends once it has
// drawn those it was given (section.recorded waits for each).
func (r *recorder) close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.wake.Signal()
}

// drop forgets the sections not yet begun, which nothing will draw:
// those of a make-up the page references made the page builder do
// again, those Write did not reach (a make-up cancelled, a Write that
// failed), and those of earlier make-ups once Write has drawn the pages.
func (r *recorder) drop() {
	if r == nil {
		return
	}
	r.mu.Lock()
	for _, s := range r.pending {
		s.record.state = inTurn
	}
	r.pending = nil
	r.mu.Unlock()
}

// draw records every page of s as drawSectionPage draws it, the first
// page a recto.
func (r *recorder) draw(s *section) {
	b := r.b
	d := &drawer{fonts: b.fonts, useLinks: b.links, k: r.k, pageH: r.pageH}
	// With page references a chapter may be laid out again and its
	// first recording dropped; the fonts its pages use are the same,
	// since every character of the chapter is drawn in its run's font
	// whatever the lines (checkFontsAhead makes sure).
	d.fontAhead = r.addFont
	for idx := range s.pages {
		recto := idx%2 == 0
		x := r.margin + b.lay.Outer
		if recto {
			x = r.margin + b.lay.Inner
		}
		// The page is recorded in the recorder's buffers, then kept in
		// slices of its exact size.
		rec := &r.scratch
		*rec = pageRecord{ops: rec.ops[:0], raw: rec.raw[:0]}
		d.rec = rec
		d.curFont, d.curSize = b.startFont(idx)
		b.drawSectionPage(d, s, idx, x, r.margin+b.lay.Top, nil)
		d.flush()
		kept := *rec
		kept.ops = slices.Clone(rec.ops)
		kept.raw = bytes.Clone(rec.raw)
		s.record.pages = append(s.record.pages, &kept)
	}
	s.record.shown = d.shown
	// What only the drawing read goes now: the set lines (in the draw
	// functions, the lines kept for the dump, the paragraphs kept to be
	// set again). What the make-up still reads of the section (its pages'
	// anchors, figures and positions) stays. This is what keeps a long
	// book's memory from growing with its pages: about 80 KB a page
	// otherwise live until the PDF is written.
	for _, fp := range s.pages {
		for _, pl := range fp.placed {
			pl.it.dropDrawing()
		}
	}
	close(s.record.done)
}

// addFont adds the font with key to the document while the make-up goes
// on: fpdf reads and measures a font file when it is added (a few
// milliseconds each), and the drawing would otherwise wait for it. The
// order fonts are added in does not change the file (fpdf names them by
// a hash of their data and writes them sorted). Once Write has begun
// (docOpen false), the drawing adds them itself.
func (r *recorder) addFont(key string) {
	if r.fontsAdded[key] {
		return
	}
	if r.fontsAdded == nil {
		r.fontsAdded = map[string]bool{}
	}
	r.fontsAdded[key] = true
	b := r.b
	style, ok := b.fonts.styles[key]
	if !ok {
		return
	}
	b.docMu.Lock()
	defer b.docMu.Unlock()
	if !b.docOpen || b.fonts.added[style] {
		return
	}
	b.fonts.use(b.f, style)
	b.fontsAhead = append(b.fontsAhead, style)
	if err := b.f.Error(); err != nil && b.docErr == nil {
		b.docErr = err
	}
	b.f.ClearError()
}

// closeDoc ends the sharing of the document: the recorder adds no more
// fonts. It returns the error fpdf gave while fonts were added ahead.
func (b *builder) closeDoc() error {
	b.docMu.Lock()
	defer b.docMu.Unlock()
	b.docOpen = false
	return b.docErr
}

// checkFontsAhead reports a font added ahead that the drawing did not
// use, which fpdf would embed all the same.
func (b *builder) checkFontsAhead(d *drawer) error {
	for _, style := range b.fontsAhead {
		if !d.drawnStyles[style] {
			return fmt.Errorf("a font was added ahead and not drawn (style %q)", style)
		}
	}
	return nil
}

// replay draws the recorded page idx of sr on the current page, which is
// recto or not, drawn from font and size. It checks what the recording
// assumed: the page's side, the drawer's font, and text drawn without a
// colour of its own.
func (d *drawer) replay(sr *sectionRecord, idx int, recto bool, font string, size float64) error {
	if sr.err != nil {
		return sr.err
	}
	if idx >= len(sr.pages) || sr.pages[idx] == nil {
		return fmt.Errorf("replay a page drawn ahead: page %d of the section was not recorded", idx+1)
	}
	r := sr.pages[idx]
	if drawnRecto := idx%2 == 0; drawnRecto != recto {
		return fmt.Errorf("replay a page drawn ahead: drawn as a recto %v, printed as a recto %v", drawnRecto, recto)
	}
	if d.curFont != font || (font != "" && d.curSize != size) {
		return fmt.Errorf("replay a page drawn ahead: drawn in font %q %.2f, the running head left %q %.2f", font, size, d.curFont, d.curSize)
	}
	if len(r.ops) > 0 && !d.plainText() {
		return fmt.Errorf("replay a page drawn ahead: the text colour is not the fill colour")
	}
	d.flush()
	for i := range r.ops {
		op := &r.ops[i]
		v := op.v
		switch op.kind {
		case opFont:
			d.setFont(op.s, v[0])
		case opRaw:
			chunk := r.raw[op.from:op.to]
			if d.chunks != nil {
				chunk = d.chunks.placeholder(chunk)
			}
			d.reader.Reset(chunk)
			d.f.RawWriteBuf(&d.reader)
		case opText:
			d.fpdfText(v[0], v[1], op.s)
		case opLineWidth:
			d.setLineWidth(v[0])
		case opRule:
			d.rule(v[0], v[1], v[2], v[3])
		case opFrame:
			d.frame(v[0], v[1], v[2], v[3])
		case opImage:
			d.image(op.s, v[0], v[1], v[2], v[3])
		case opBookmark:
			d.bookmark(op.s, op.n, v[0])
		case opLink:
			d.link(op.s, v[0], v[1], v[2], v[3])
		case opAnchor:
			d.anchor(op.s, v[0])
		default:
			return fmt.Errorf("replay a page drawn ahead: unknown operation %d", op.kind)
		}
	}
	if idx == 0 {
		d.shown.merge(&sr.shown)
	}
	sr.pages[idx] = nil // fpdf has the page now
	d.replayed++
	return nil
}

// A page drawn ahead keeps its text out of fpdf: each run of text
// operators is written to the page as a placeholder, a PDF comment line
// naming a chunk ("%publish-chunk 17"), and the chunk comes back into
// the page's content stream when the streams are compressed (finish).
// fpdf then holds a few hundred bytes a page instead of the page's text
// (about 18 KB), and copies only those into its document: the file's
// streams are, byte for byte, those fpdf would have written.

// chunkMark opens a placeholder.
const chunkMark = "%publish-chunk "

// contentChunks are the text chunks of the pages drawn ahead, by number.
type contentChunks struct {
	list [][]byte
	// placed counts, by chunk, the placeholders put back (atomically,
	// by the compressing workers).
	placed []atomic.Int32
	mark   []byte
}

// placeholder records chunk b and returns the placeholder that stands for
// it in a page (without the newline fpdf adds).
func (c *contentChunks) placeholder(b []byte) []byte {
	n := len(c.list)
	c.list = append(c.list, b)
	c.mark = strconv.AppendInt(append(c.mark[:0], chunkMark...), int64(n), 10)
	return c.mark
}

// in reports whether a stream body holds placeholders.
func (c *contentChunks) in(body []byte) bool {
	return c != nil && len(c.list) > 0 && bytes.Contains(body, []byte(chunkMark))
}

// expand returns the body of the page content stream ob with its chunks
// in place of their placeholders, and the /Length of its data, built in
// whole. Each placeholder must be a line of its own naming a chunk.
func (c *contentChunks) expand(ob *pdfObject, whole *bytes.Buffer) ([]byte, error) {
	dict, data, ok := plainStream(ob.body)
	if !ok || !bytes.Equal(dict, []byte("<</Length "+strconv.Itoa(len(data)))) {
		return nil, fmt.Errorf("object %d holds text placeholders but is not a page content stream as fpdf writes it", ob.num)
	}
	// The stream's pieces, fpdf's bytes and chunks in turn, are found
	// first: the dictionary states their length before them.
	var parts [][]byte
	size, at := 0, 0
	for at < len(data) {
		i := bytes.Index(data[at:], []byte(chunkMark))
		if i < 0 {
			parts = append(parts, data[at:])
			size += len(data) - at
			break
		}
		i += at
		if i > 0 && data[i-1] != '\n' {
			return nil, fmt.Errorf("object %d: a text placeholder inside a line", ob.num)
		}
		end := i + len(chunkMark)
		for end < len(data) && data[end] >= '0' && data[end] <= '9' {
			end++
		}
		n, err := strconv.Atoi(string(data[i+len(chunkMark) : end]))
		if err != nil || n < 0 || n >= len(c.list) || end < len(data) && data[end] != '\n' {
			return nil, fmt.Errorf("object %d: a text placeholder %q names no chunk", ob.num, data[i:end])
		}
		c.placed[n].Add(1)
		parts = append(parts, data[at:i], c.list[n])
		size += i - at + len(c.list[n])
		at = end
	}
	whole.Reset()
	whole.Grow(size + 64)
	whole.WriteString("<</Length " + strconv.Itoa(size) + ">>\nstream\n")
	for _, part := range parts {
		whole.Write(part)
	}
	whole.WriteString("\nendstream\n")
	return whole.Bytes(), nil
}

// allPlaced checks that every chunk went back into a page, once.
func (c *contentChunks) allPlaced() error {
	if c == nil {
		return nil
	}
	for n := range c.placed {
		if k := c.placed[n].Load(); k != 1 {
			return fmt.Errorf("text chunk %d of the pages drawn ahead was put back into %d pages, not 1", n, k)
		}
	}
	return nil
}
