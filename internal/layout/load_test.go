package layout

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// project makes a project folder with the sample fonts and a layout
// folder holding print.yaml (when yaml is not "").
func project(t testing.TB, yaml string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"fonts", "layout"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"EBGaramond12-Regular.ttf", "EBGaramond12-Italic.ttf", "LiberationMono-Regular.ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "fonts", f))
		if err != nil {
			t.Fatal(err)
		}
		// Four bytes more than the shipped font, which would need no
		// check (shipped.go): the tests here check their fonts.
		data = append(data, 0, 0, 0, 0)
		if err := os.WriteFile(filepath.Join(root, "fonts", f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "fonts", "Fake-Regular.otf"), []byte("OTTO\x00\x0a\x00\x80\x00\x03\x00\x20rest of a CFF font"), 0o644); err != nil {
		t.Fatal(err)
	}
	if yaml != "" {
		if err := os.WriteFile(filepath.Join(root, "layout", "print.yaml"), []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func load(t *testing.T, yaml string) (*Print, model.Diagnostics, string) {
	t.Helper()
	root := project(t, yaml)
	var ds model.Diagnostics
	p := Load(filepath.Join(root, "layout"), &ds)
	return p, ds, root
}

const mm = 72 / 25.4

func TestDefaultsWithoutPrintYAML(t *testing.T) {
	p, ds, root := load(t, "")
	if ds.HasErrors() {
		t.Fatalf("errors: %s", ds.String())
	}
	if math.Abs(p.TrimWidth-150*mm) > 0.01 || math.Abs(p.Bleed-3*mm) > 0.01 || p.CropMarks || p.PDFX != "x-1a" {
		t.Errorf("defaults: trim %.2f bleed %.2f marks %v pdf-x %s", p.TrimWidth, p.Bleed, p.CropMarks, p.PDFX)
	}
	if len(p.Fonts) != 2 || p.Fonts[0].Path != filepath.Join(root, "fonts", "EBGaramond12-Regular.ttf") || !p.Fonts[1].Italic {
		t.Errorf("default typeface: %+v", p.Fonts)
	}
	if p.Family != "EB Garamond 12" && p.Family != "EB Garamond" {
		t.Errorf("family %q", p.Family)
	}
	// The code face publish ships, found in fonts/ but never taken as
	// the text face; code at 0.8 of the text size; link addresses as
	// footnotes.
	if p.Mono == nil || p.Mono.Path != filepath.Join(root, "fonts", "LiberationMono-Regular.ttf") || p.Mono.Family != "Liberation Mono" {
		t.Errorf("default monospaced face: %+v", p.Mono)
	}
	if p.CodeSize != 8.8 || p.Links != "footnote" {
		t.Errorf("code size %g, links %q", p.CodeSize, p.Links)
	}
}

func TestValues(t *testing.T) {
	tests := []struct {
		yaml  string
		check func(p *Print) bool
	}{
		{"trim: A5", func(p *Print) bool {
			return math.Abs(p.TrimWidth-148*mm) < 0.01 && math.Abs(p.TrimHeight-210*mm) < 0.01
		}},
		{"trim: B5", func(p *Print) bool { return math.Abs(p.TrimWidth-176*mm) < 0.01 }},
		{"trim: 6x9in", func(p *Print) bool { return math.Abs(p.TrimWidth-432) < 0.01 && math.Abs(p.TrimHeight-648) < 0.01 }},
		{"trim: 15 x 21 cm", func(p *Print) bool { return math.Abs(p.TrimWidth-150*mm) < 0.01 }},
		{"trim: {width: 140mm, height: 216mm}", func(p *Print) bool {
			return math.Abs(p.TrimWidth-140*mm) < 0.01 && math.Abs(p.TrimHeight-216*mm) < 0.01
		}},
		{"bleed: 0.125in", func(p *Print) bool { return math.Abs(p.Bleed-9) < 0.01 }},
		{"crop-marks: true", func(p *Print) bool { return p.CropMarks && p.MarkSpace() > 0 }},
		{"margins: {inner: 25mm}", func(p *Print) bool { return math.Abs(p.Inner-25*mm) < 0.01 }},
		{"sizes: {text: 10.5, leading: 1.25em}", func(p *Print) bool { return p.Size == 10.5 && math.Abs(p.Leading-13.125) < 0.01 }},
		{"sizes: {text: 12pt}\nindent: 1.5em", func(p *Print) bool { return math.Abs(p.Indent-18) < 0.01 }},
		{"running-heads: {verso: author, recto: section}", func(p *Print) bool { return p.VersoHead == "author" && p.RectoHead == "section" }},
		{"contents: front", func(p *Print) bool { return p.Contents == "front" }},
		{"cross-references: {pages: true}", func(p *Print) bool { return p.RefPages }},
		{"notes: endnotes", func(p *Print) bool { return p.Notes == "endnotes" }},
		{"sizes: {notes: 8.5pt}", func(p *Print) bool { return p.Notes == "footnotes" && p.NoteSize == 8.5 }},
		{"hyphenation: {exceptions: [Bou-logne, Ca-lais]}", func(p *Print) bool { return strings.Join(p.HyphenExceptions, ",") == "Bou-logne,Ca-lais" }},
		{"images: {min-ppi: 250, upscale: yes}", func(p *Print) bool { return p.MinPPI == 250 && p.Upscale }},
		{"colour: grey", func(p *Print) bool { return p.Color == "gray" }},
		{"links: inline", func(p *Print) bool { return p.Links == "inline" }},
		{"links: none", func(p *Print) bool { return p.Links == "none" }},
		{"sizes: {text: 10pt, code: 0.85em}", func(p *Print) bool { return math.Abs(p.CodeSize-8.5) < 0.01 }},
		{"sizes: {text: 10pt}", func(p *Print) bool { return p.CodeSize == 8 }},
		{"sizes: {code: 9pt}", func(p *Print) bool { return p.CodeSize == 9 }},
		{"monospace:\n  family: Code\n  regular: ../fonts/LiberationMono-Regular.ttf", func(p *Print) bool {
			return p.Mono != nil && p.Mono.Family == "Code" && strings.HasSuffix(p.Mono.Path, "LiberationMono-Regular.ttf")
		}},
		{"output-condition: fogra52", func(p *Print) bool { return p.OutputCondition == "FOGRA52" }},
		{"typeface:\n  regular: ../fonts/EBGaramond12-Regular.ttf\n  bold: ../fonts/EBGaramond12-Regular.ttf", func(p *Print) bool {
			return len(p.Fonts) == 2 && p.Fonts[1].Bold && p.Font(false, true).Bold
		}},
	}
	for _, tc := range tests {
		t.Run(tc.yaml, func(t *testing.T) {
			p, ds, _ := load(t, tc.yaml+"\n")
			if ds.HasErrors() {
				t.Fatalf("errors: %s", ds.String())
			}
			if !tc.check(p) {
				t.Errorf("unexpected layout %+v", p)
			}
		})
	}
}

// TestErrors checks that every bad value is reported at its position.
func TestErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"trim: A9", "print.yaml:1:7: error: trim: \"A9\" is not a trim size"},
		{"trim: 15x21", "print.yaml:1:7: error: trim: length \"15\" needs a unit"},
		{"bleed: 3 furlongs", "print.yaml:1:8: error: bleed: unknown unit \"furlongs\""},
		{"bleed: 3", "print.yaml:1:8: error: bleed: length \"3\" needs a unit"},
		{"crop-marks: maybe", "print.yaml:1:13: error: crop-marks must be true or false"},
		{"margin:\n  inner: 2cm", "print.yaml:1:1: error: unknown key \"margin\" in print.yaml (did you mean \"margins\"?)"},
		{"margins:\n  iner: 2cm", "print.yaml:2:3: error: unknown key \"iner\" in margins (did you mean \"inner\"?)"},
		{"folio: middle", "print.yaml:1:8: error: folio must be one of bottom-center, bottom-outside, top-outside"},
		{"contents: side", "print.yaml:1:11: error: contents must be one of front, back"},
		{"sizes: {text: 11pt}\nnotes: sidenotes", "print.yaml:2:8: error: notes must be one of footnotes, endnotes"},
		{"running-heads:\n  verso: chapter", "print.yaml:2:10: error: running-heads verso must be one of"},
		{"images:\n  min-ppi: 20", "print.yaml:2:12: error: images min-ppi must be between 72 and 2400"},
		{"typeface:\n  regular: ../fonts/Fake-Regular.otf", "print.yaml:2:12: error: font file \"../fonts/Fake-Regular.otf\": OpenType font with CFF outlines"},
		{"typeface:\n  regular: ../fonts/Missing.ttf", "print.yaml:2:12: error: font file \"../fonts/Missing.ttf\": no such file"},
		{"typeface:\n  regular: ../../outside.ttf", "print.yaml:2:12: error: font file \"../../outside.ttf\" is outside the project folder"},
		{"typeface:\n  italic: ../fonts/EBGaramond12-Italic.ttf", "print.yaml:2:3: error: missing required key \"regular\" in typeface"},
		{"hyphenation:\n  exceptions: [\"two words\"]", "print.yaml:2:16: error: hyphenation exception \"two words\" must be one word"},
		{"margins: {inner: 80mm, outer: 80mm}", "print.yaml:1:18: error: inner margin 80 mm and outer margin 80 mm leave a text block -10 mm wide"},
		{"sizes: {text: 12pt, leading: 10pt}", "print.yaml:1:30: error: leading 10.0 pt is smaller than the text size 12.0 pt"},
		{"color: color", "warning: pdf-x: x-1a needs CMYK or gray only"},
		{"trim: [1, 2]", "print.yaml:1:7: error: trim must be a text value"},
		{"links: endnote", "print.yaml:1:8: error: links must be one of footnote, inline, none"},
		{"monospace:\n  family: Code", "print.yaml:2:3: error: missing required key \"regular\" in monospace"},
		{"monospace:\n  regular: ../fonts/Fake-Regular.otf", "print.yaml:2:12: error: font file \"../fonts/Fake-Regular.otf\": OpenType font with CFF outlines"},
		{"monospace:\n  regular: ../../outside.ttf", "print.yaml:2:12: error: font file \"../../outside.ttf\" is outside the project folder"},
	}
	for _, tc := range tests {
		t.Run(tc.yaml, func(t *testing.T) {
			_, ds, _ := load(t, tc.yaml+"\n")
			got := ds.String()
			if !strings.Contains(got, tc.want) {
				t.Errorf("diagnostics\n%s\nlack %q", got, tc.want)
			}
		})
	}
}

func TestCheckTrueType(t *testing.T) {
	for _, tc := range []struct {
		data []byte
		want string
	}{
		{[]byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"), "CFF"},
		{[]byte("ttcf\x00\x00\x00\x00\x00\x00\x00\x00"), "collection"},
		{[]byte("wOFF\x00\x00\x00\x00\x00\x00\x00\x00"), "WOFF"},
		{[]byte("%PDF-1.4 not a font"), "not a TrueType font"},
		{[]byte("\x00\x01\x00\x00\x00\xff\x00\x00\x00\x00\x00\x00"), "table directory runs past"},
		{[]byte("ab"), "too short"},
	} {
		err := checkTrueType(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("checkTrueType(%q) = %v, want %q", tc.data, err, tc.want)
		}
	}
	data, err := os.ReadFile("../../fonts/EBGaramond12-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkTrueType(data); err != nil {
		t.Errorf("EB Garamond: %v", err)
	}
	// A font whose outlines are damaged is refused before the PDF library
	// meets it (it would panic while subsetting).
	damaged := append([]byte(nil), data...)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		damaged[1000+rng.IntN(len(damaged)-1000)] = byte(rng.IntN(256))
	}
	if err := checkTrueType(damaged); err == nil || !strings.Contains(err.Error(), "damaged TrueType font") {
		t.Errorf("damaged EB Garamond: %v, want a damaged-font error", err)
	}
}

// FuzzLoad feeds print.yaml texts to the loader of a project with the
// sample's two fonts (which are read only when print.yaml names a
// typeface, for speed). Every diagnostic lies inside print.yaml (or
// names it without a position); a layout loaded without errors can make
// pages (the text block, sizes and leading are finite and within check's
// limits, and the first font is the regular one); loading is
// deterministic.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{"trim: A5\n", "margins: {inner: 2cm}\n", "typeface: {regular: x.ttf}\n", "bleed: [\n", "indent: 1em\nsizes: {text: 9}\n",
		"trim: 6x9in\nmargins: {top: 1in, bottom: 1in, inner: 0.9in, outer: 0.6in}\nsizes: {text: 11, leading: 14}\ntypeface:\n  regular: ../fonts/EBGaramond12-Regular.ttf\n  italic: ../fonts/EBGaramond12-Italic.ttf\n",
		"pdf-x: none\ncolor: color\nnotes: endnotes\ncontents: front\nhyphenation: [Bou-logne]\n"} {
		f.Add(s)
	}
	root := project(f, "")
	dir := filepath.Join(root, "layout")
	file := filepath.Join(dir, FileName)
	cache := filepath.Join(root, "cache")
	f.Fuzz(func(t *testing.T, s string) {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		load := func() (*Print, model.Diagnostics) {
			var ds model.Diagnostics
			p := LoadWith(dir, LoadOptions{CacheDir: cache, noDefaultTypeface: true}, &ds)
			p.SaveFontChecks()
			return p, ds
		}
		p, ds := load()
		lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(strings.TrimPrefix(s, "\ufeff")), "\n")
		for _, d := range ds.List {
			if d.Message == "" || d.Pos.File != file {
				t.Fatalf("diagnostic outside print.yaml: %s", d)
			}
			if d.Pos.Line == 0 {
				continue
			}
			if d.Pos.Line < 1 || d.Pos.Line > len(lines) || d.Pos.Col < 0 || d.Pos.Col > utf8.RuneCountInString(lines[d.Pos.Line-1])+1 {
				t.Fatalf("position outside print.yaml (%d lines): %s", len(lines), d)
			}
		}
		if !ds.HasErrors() {
			finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
			if !finite(p.TextWidth()) || !finite(p.TextHeight()) || p.TextWidth() < 72 || p.Size < 4 || p.Size > 72 ||
				p.Leading < p.Size || !finite(p.Leading) || p.LinesPerPage() < 4 || len(p.Fonts) > 0 && (p.Fonts[0].Italic || p.Fonts[0].Bold) {
				t.Fatalf("a layout without errors cannot make pages: text %.1fx%.1f, size %.1f/%.1f, %d lines, fonts %+v",
					p.TextWidth(), p.TextHeight(), p.Size, p.Leading, p.LinesPerPage(), p.Fonts)
			}
		}
		again, ds2 := load()
		if ds2.String() != ds.String() || again.TextWidth() != p.TextWidth() || again.Leading != p.Leading || len(again.Fonts) != len(p.Fonts) {
			t.Fatalf("a second load differs: %s / %s", ds.String(), ds2.String())
		}
	})
}

// TestFontCheckCache loads a layout with a font check cache: nothing is
// written until SaveFontChecks, which records the three fonts (two text
// faces and the code face); the next load of a process that has not read
// them finds them and checks nothing, and gives the same fonts.
func TestFontCheckCache(t *testing.T) {
	root := project(t, "")
	cache := filepath.Join(root, "out", ".cache")
	var ds model.Diagnostics
	first := LoadWith(filepath.Join(root, "layout"), LoadOptions{CacheDir: cache}, &ds)
	if ds.HasErrors() || len(first.Fonts) != 2 {
		t.Fatalf("first load: %d fonts, %s", len(first.Fonts), ds.String())
	}
	if _, err := os.Stat(cache); !os.IsNotExist(err) {
		t.Fatalf("the cache was written before SaveFontChecks (%v)", err)
	}
	first.SaveFontChecks()
	saved, _ := filepath.Glob(filepath.Join(cache, "font-*.ok"))
	if len(saved) != 3 {
		t.Fatalf("SaveFontChecks wrote %d verdicts, want 3", len(saved))
	}
	// The process's memo of sound fonts (readFont) would answer the
	// second load before the verdicts are looked at: forget it, as a new
	// process would.
	soundFonts.Clear()
	second := LoadWith(filepath.Join(root, "layout"), LoadOptions{CacheDir: cache}, &ds)
	if second.fontsChecked != 0 || len(second.newVerdicts) != 0 {
		t.Errorf("the second load checked %d fonts again and has %d verdicts to write", second.fontsChecked, len(second.newVerdicts))
	}
	if len(second.Fonts) != len(first.Fonts) || second.Family != first.Family {
		t.Errorf("the cached load gives %+v (%s), the first %+v (%s)", second.Fonts, second.Family, first.Fonts, first.Family)
	}
	// A changed font has another digest: it is checked again.
	reg := filepath.Join(root, "fonts", "EBGaramond12-Regular.ttf")
	data, _ := os.ReadFile(reg)
	if err := os.WriteFile(reg, append(data, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	third := LoadWith(filepath.Join(root, "layout"), LoadOptions{CacheDir: cache}, &ds)
	if third.fontsChecked != 1 || len(third.newVerdicts) != 1 {
		t.Errorf("after a font changed, %d fonts were checked (%d verdicts to write), want 1", third.fontsChecked, len(third.newVerdicts))
	}
}

// TestSharedFontCheckCache loads a layout into one output folder with a
// shared verdict folder, then into a new output folder: the second load
// finds the verdicts in the shared folder, checks nothing, and copies
// them into its own folder. A verdict found in the output folder only is
// copied into a new shared folder, and a load without either checks the
// three fonts again.
func TestSharedFontCheckCache(t *testing.T) {
	root := project(t, "")
	shared := filepath.Join(t.TempDir(), "checked")
	load := func(out, shared string, checked, toWrite int) {
		t.Helper()
		soundFonts.Clear() // as a new process
		var ds model.Diagnostics
		p := LoadWith(filepath.Join(root, "layout"), LoadOptions{CacheDir: filepath.Join(root, out, ".cache"), SharedCacheDir: shared}, &ds)
		if ds.HasErrors() || len(p.Fonts) != 2 {
			t.Fatalf("load into %s: %d fonts, %s", out, len(p.Fonts), ds.String())
		}
		if p.fontsChecked != checked || len(p.newVerdicts) != toWrite {
			t.Errorf("load into %s with shared folder %q: %d fonts checked, %d verdicts to write; want %d and %d",
				out, shared, p.fontsChecked, len(p.newVerdicts), checked, toWrite)
		}
		p.SaveFontChecks()
	}
	load("out1", shared, 3, 6) // three fonts, a verdict in each folder
	if saved, _ := filepath.Glob(filepath.Join(shared, "font-"+fontCheckVersion+"-*.ok")); len(saved) != 3 {
		t.Fatalf("SaveFontChecks wrote %d verdicts into the shared folder, want 3", len(saved))
	}
	load("out2", shared, 0, 3)                                 // a new output folder: copied from the shared one
	load("out2", shared, 0, 0)                                 // both have them
	load("out1", filepath.Join(t.TempDir(), "checked2"), 0, 3) // a new shared folder: copied from out1
	load("out3", "", 3, 3)                                     // neither
}

// TestRangeErrorsAtTheirKey is the issue's "unpositioned errors in
// print.yaml": margins wider than the page, a 1 pt page, a text size of 0
// or 500 pt, leading smaller than the size each give one error at the key
// that makes the layout impossible, and nothing follows from them (a text
// size of 0 made "indent: 1em" an unknown unit).
func TestRangeErrorsAtTheirKey(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"margins:\n  inner: 20mm\n  outer: 140mm\n", "print.yaml:3:10: error: inner margin 20 mm and outer margin 140 mm leave a text block -10 mm wide on a page 150 mm wide"},
		{"margins:\n  top: 100mm\n  bottom: 120mm\n", "print.yaml:3:11: error: top margin 100 mm and bottom margin 120 mm leave a text block -10 mm high"},
		{"trim: {width: 1pt, height: 210mm}\n", "print.yaml:1:15: error: trim width 1pt is out of range: give 50 mm to 1000 mm"},
		{"trim: 1x1mm\n", "print.yaml:1:7: error: trim 1x1mm is out of range: each side from 50 mm to 1000 mm"},
		{"sizes:\n  text: 0pt\nindent: 1em\n", "print.yaml:2:9: error: text size 0pt is out of range: give 4 pt to 72 pt"},
		{"sizes:\n  text: 500pt\n", "print.yaml:2:9: error: text size 500pt is out of range: give 4 pt to 72 pt"},
		{"sizes:\n  text: 12pt\n  leading: 10pt\n", "print.yaml:3:12: error: leading 10.0 pt is smaller than the text size 12.0 pt"},
		{"bleed: 30mm\n", "print.yaml:1:8: error: bleed 30mm is out of range: give 0 mm to 20 mm"},
		{"chapter-opening:\n  drop: 120mm\n", "print.yaml:2:9: error: chapter-opening drop 120 mm is more than half the text block"},
		{"indent: 50em\n", "print.yaml:1:9: error: indent 194 mm is more than half the text block (114 mm wide)"},
	} {
		_, ds, _ := load(t, tc.yaml)
		got := ds.String()
		if !strings.Contains(got, tc.want) {
			t.Errorf("%q: diagnostics\n%s\nlack %q", tc.yaml, got, tc.want)
		}
		if n := strings.Count(got, "\n"); n != 1 {
			t.Errorf("%q: %d diagnostics, want one (no follow-on):\n%s", tc.yaml, n, got)
		}
	}
}

// TestMissingLayoutFolder is the issue's "a missing --layout folder says
// no typeface": the folder is said to be missing, and nothing else.
func TestMissingLayoutFolder(t *testing.T) {
	root := project(t, "")
	var ds model.Diagnostics
	Load(filepath.Join(root, "no-such-layout"), &ds)
	got := ds.String()
	if !strings.Contains(got, "no-such-layout: error: layout folder not found") || strings.Count(got, "\n") != 1 {
		t.Errorf("diagnostics:\n%s\nwant one error saying the folder is not found", got)
	}
}

// TestChangedFontReadAgain: the process remembers the fonts it found sound
// (publish watch loads the layout for every build), but a font file that
// changed, even to one of the same size, is read and checked again.
func TestChangedFontReadAgain(t *testing.T) {
	root := project(t, "")
	var ds model.Diagnostics
	if p := LoadWith(filepath.Join(root, "layout"), LoadOptions{}, &ds); ds.HasErrors() || len(p.Fonts) != 2 {
		t.Fatalf("first load: %s", ds.String())
	}
	reg := filepath.Join(root, "fonts", "EBGaramond12-Regular.ttf")
	data, err := os.ReadFile(reg)
	if err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), data...)
	copy(damaged, "damaged!")
	if err := os.WriteFile(reg, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(reg, later, later); err != nil {
		t.Fatal(err)
	}
	var ds2 model.Diagnostics
	LoadWith(filepath.Join(root, "layout"), LoadOptions{}, &ds2)
	if !ds2.HasErrors() {
		t.Errorf("a damaged font of the same size was not read again: no error")
	}
}
