package pdf

import (
	"math"
	"slices"
	"strconv"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/typeset"
)

// Footnotes: with `notes: footnotes` (the default) a note's text is set at
// the foot of the page where its call is printed, under a short rule, at
// the notes size. The page builder (flow.go) reserves whole lines of the
// body grid for the notes of a page, so that the text block keeps its
// height and facing pages stay aligned; a note too long for the room left
// is split, at least two lines on each side where possible, and continued
// at the foot of the next page.

// footLine is one line of a footnote as set for the foot of a page.
type footLine struct {
	note *model.Note
	// idx is the line's index in its note, n the note's line count.
	idx, n int
	// hyphen is true when the line ends with a hyphen: a note is not cut
	// after it (the page's last line would end with a hyphen).
	hyphen bool
	// draw draws the line with its left edge at x on baseline by.
	draw func(d *drawer, x, by float64)
	dump string
	// src is the set line of a text line, dumped as dumpLine(*src) only
	// when a dump is asked for.
	src *typeset.Line
}

// footRuleAbove is the space between the body's last line and the rule;
// footRuleBelow is the gap between the rule and the notes' first line
// (above its cap height).
const (
	footRuleAbove = 6.0
	footRuleBelow = 2.5
)

// footnotes reports whether notes are set at the foot of the page.
func (b *builder) footnotes() bool { return b.lay.Notes != "endnotes" }

// noteLead is the leading of the notes.
func (b *builder) noteLead() float64 { return math.Round(b.lay.NoteSize*1.25*10) / 10 }

// noteNumberWidth is the room of a note's number before its text: that
// of "00." or of the widest letter of an address note ("am.").
func (b *builder) noteNumberWidth() float64 {
	face, size := b.fonts.faces[fontRegular], b.lay.NoteSize
	w := face.Measure("00.", size)
	if a := b.fonts.addresses; a != nil {
		w = max(w, a.widestLabel(face, size))
	}
	return w + 4
}

// footHeight is the height the body gives up for k lines of notes: the
// space and rule above them and the lines, rounded up to whole lines of
// the body's grid so that the body stays on its grid.
func (b *builder) footHeight(k int) float64 {
	if k == 0 {
		return 0
	}
	need := footRuleAbove + footRuleBelow + b.lay.NoteSize + float64(k-1)*b.noteLead() + (b.lead - b.lay.Size)
	return math.Ceil(need/b.lead-1e-6) * b.lead
}

// noteLines sets a note for the foot of a page (once per note).
func (b *builder) noteLines(n *model.Note) []*footLine {
	if ls, ok := b.footCache[n]; ok {
		return ls
	}
	size := b.lay.NoteSize
	numW := b.noteNumberWidth()
	num := b.fonts.noteLabel(n) + "."
	drawNum := func(d *drawer, x, by float64) {
		st := b.fonts.style(fontRegular, size)
		d.text(st, x+numW-4-st.Face.Measure(num, size), by, num)
	}
	var out []*footLine
	for _, blk := range n.Blocks {
		ins := b.notePara(blk)
		runs := noteRunsOf(b.fonts, size, b.links, ins)
		align := typeset.Justify
		if b.fonts.addresses.isAddress(n) {
			// An address alone has no space to justify: ragged, so
			// that it breaks at the last point that fits.
			align = typeset.Left
		}
		res := b.setter.Set(typeset.Paragraph{Runs: runs, Width: b.textW - numW, Align: align, Lang: b.lang})
		b.reportBroken(res, n.Pos)
		lines := res.Lines
		for i, l := range lines {
			first := len(out) == 0
			fl := &footLine{note: n, src: &lines[i], hyphen: l.Hyphenated}
			fl.draw = func(d *drawer, x, by float64) {
				if first {
					drawNum(d, x, by)
				}
				d.line(l, x+numW, by)
			}
			out = append(out, fl)
		}
	}
	if len(out) == 0 {
		// An empty note still prints its number under its call.
		out = append(out, &footLine{note: n, dump: "empty note", draw: drawNum})
	}
	for i, fl := range out {
		fl.idx, fl.n = i, len(out)
	}
	b.footCache[n] = out
	return out
}

// notePara returns the inlines of a note's block, set as one paragraph:
// a paragraph's, a line block's lines with their breaks, a code block's
// lines as code with their breaks, the plain text of any other block.
func (b *builder) notePara(blk model.Block) []model.Inline {
	switch n := blk.(type) {
	case *model.Paragraph:
		return n.Inlines
	case *model.LineBlock:
		return b.blockInlines(n)
	case *model.CodeBlock:
		return codeBlockInlines(n)
	}
	return []model.Inline{&model.Text{Value: model.PlainText(b.blockInlines(blk))}}
}

// itemFoot returns the foot lines of the notes an item calls.
func (b *builder) itemFoot(it *item) []*footLine {
	if len(it.notes) == 0 {
		return nil
	}
	var out []*footLine
	for _, n := range it.notes {
		out = append(out, b.noteLines(n)...)
	}
	return out
}

// fitNotes returns how many of cands (foot lines in order) fit at the
// foot of a page that already holds base foot lines, the foot taking at
// most room. A note is cut only with two lines on each side and not after
// a hyphen when strict, with one line on each side when not.
func (b *builder) fitNotes(cands []*footLine, room float64, base int, strict bool) int {
	minSide := 1
	if strict {
		minSide = 2
	}
	for k := len(cands); k > 0; k-- {
		if b.footHeight(base+k) > room+eps {
			continue
		}
		if k == len(cands) || cands[k].idx == 0 {
			return k
		}
		before := 0
		for j := k - 1; j >= 0 && cands[j].note == cands[k].note; j-- {
			before++
		}
		if before >= minSide && cands[k].n-cands[k].idx >= minSide && !(strict && cands[k-1].hyphen) {
			return k
		}
	}
	return 0
}

// requiredNotes is how many of an item's foot lines must stand on the
// page of its calls: every note whole but the last, and the first two
// lines of the last (all of it when it cannot be split two and two).
func requiredNotes(notes []*footLine) int {
	if len(notes) == 0 {
		return 0
	}
	last := notes[len(notes)-1]
	if last.n < 4 {
		return len(notes)
	}
	return len(notes) - last.n + 2
}

// callNote returns the note whose call a set piece is, or nil.
func (b *builder) callNote(st typeset.Style) *model.Note {
	if st.Link == "" || st.Rise == 0 {
		return nil
	}
	return b.callNotes[st.Link]
}

// callsNotes reports whether runs hold a note call that claimNotes
// would find in their set lines (whose pieces carry the runs' styles),
// so that the lines of a paragraph without one are not searched.
func (b *builder) callsNotes(runs []typeset.Run) bool {
	if !b.footnotes() {
		return false
	}
	for i := range runs {
		if b.callNote(runs[i].Style) != nil {
			return true
		}
	}
	return false
}

// claimNotes returns the notes called in lines that owner is the first to
// call (a note is printed once, under its first call). seen holds the
// notes already claimed by the same owner in this pass.
func (b *builder) claimNotes(owner any, seen map[*model.Note]bool, lines ...typeset.Line) []*model.Note {
	if !b.footnotes() {
		return nil
	}
	var out []*model.Note
	for _, l := range lines {
		for _, p := range l.Pieces {
			n := b.callNote(*p.Style)
			if n == nil || seen[n] {
				continue
			}
			if o, ok := b.noteOwner[n]; ok && o != owner {
				continue
			}
			b.noteOwner[n] = owner
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// attachStrayNotes gives the first item of a chapter's flow the notes no
// item calls (a call in the chapter title, or lost with its block's
// text), so that every note is printed once.
func (b *builder) attachStrayNotes(ch *model.Chapter, items []*item) []*item {
	var stray []*model.Note
	var addresses []*model.Note
	if b.fonts.addresses != nil {
		addresses = b.fonts.addresses.byChapter[ch]
	}
	for _, n := range append(append([]*model.Note(nil), ch.Notes...), addresses...) {
		if _, ok := b.noteOwner[n]; !ok {
			b.noteOwner[n] = ch
			stray = append(stray, n)
		}
	}
	if len(stray) == 0 {
		return items
	}
	for _, it := range items {
		if it.kind != itemSpace {
			it.notes = append(slices.Clip(stray), it.notes...)
			if it.para != nil {
				// The paragraph's lines are made again when the page
				// builder sets it again: its first line keeps them.
				it.para.stray = stray
			}
			return items
		}
	}
	holder := &item{kind: itemBox, block: len(ch.Blocks), breakOK: true, notes: stray, dump: "notes"}
	return append(items, holder)
}

// drawFoot draws a page's notes under their rule, the last line on the
// baseline of the page's last body line (bottom is that baseline).
func (b *builder) drawFoot(d *drawer, foot []*footLine, x, bottom float64, dump *layoutDump) {
	if len(foot) == 0 {
		return
	}
	nl := b.noteLead()
	top := bottom - float64(len(foot)-1)*nl
	ruleY := top - b.lay.NoteSize - footRuleBelow
	d.setLineWidth(0.4)
	d.rule(x, ruleY, x+b.textW/3, ruleY)
	for i, fl := range foot {
		by := top + float64(i)*nl
		if fl.idx == 0 {
			d.anchor(fl.note.ID, by-b.lay.NoteSize)
		}
		fl.draw(d, x, by)
		if dump == nil {
			continue
		}
		cont := ""
		if fl.idx == 0 {
			cont = " first"
		}
		text := fl.dump
		if fl.src != nil {
			text = dumpLine(*fl.src)
		}
		dump.printf("  foot %s\n", fl.note.ID+" "+strconv.Itoa(fl.idx+1)+"/"+strconv.Itoa(fl.n)+cont+" "+text)
	}
}
