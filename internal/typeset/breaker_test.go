package typeset

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected dumps of testdata/breaker")

// A case file holds "key: value" lines (width, indent, align, lang, size,
// font, nohyphenafter, exceptions), a "text:" line, the paragraph, a
// "---" line and the expected dump. In the text, "~" stands for U+00A0,
// "_" for U+202F, and {i:…} {b:…} {sup:…} {uncounted:…} {nobreak:…} mark
// runs in italic, bold, superscript, not counted and unbreakable; {br:}
// is a forced line break.
type breakerCase struct {
	opts  SetterOptions
	para  Paragraph
	text  string
	want  string
	head  string
	setup string
}

func readBreakerCase(t *testing.T, path string) breakerCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	head, rest, ok := strings.Cut(s, "\ntext:\n")
	if !ok {
		t.Fatalf("%s: no text: line", path)
	}
	text, want, _ := strings.Cut(rest, "\n---\n")
	c := breakerCase{head: head, text: strings.TrimSpace(text), want: want}
	size := 11.0
	font := "regular"
	c.para = Paragraph{Width: 300, Lang: "fr"}
	for _, line := range strings.Split(head, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		v = strings.TrimSpace(v)
		num := func() float64 {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %s: %v", path, k, err)
			}
			return f
		}
		switch strings.TrimSpace(k) {
		case "width":
			c.para.Width = num()
		case "indent":
			c.para.Indent = num()
		case "size":
			size = num()
		case "font":
			font = v
		case "lang":
			c.para.Lang = v
		case "align":
			c.para.Align = map[string]Align{"justify": Justify, "left": Left, "center": Center, "right": Right}[v]
		case "nohyphenafter":
			for _, f := range strings.Fields(v) {
				n, _ := strconv.Atoi(f)
				c.para.NoHyphenAfter = append(c.para.NoHyphenAfter, n)
			}
		case "exceptions":
			c.opts.Exceptions = strings.Fields(v)
		case "looseness":
			c.opts.Looseness = int(num())
		default:
			t.Fatalf("%s: unknown key %q", path, k)
		}
	}
	c.para.Runs = parseRuns(t, c.text, font, size)
	return c
}

// hasBreak reports whether a paragraph has a forced break (which may
// leave an empty line).
func hasBreak(p Paragraph) bool {
	for _, r := range p.Runs {
		if r.Break {
			return true
		}
	}
	return false
}

// parseRuns turns the case markup into runs.
func parseRuns(t testing.TB, s, font string, size float64) []Run {
	s = strings.NewReplacer("~", "\u00a0", "_", "\u202f").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	base := Style{Font: font, Face: testFace(t, font), Size: size}
	var runs []Run
	for s != "" {
		i := strings.Index(s, "{")
		if i < 0 {
			runs = append(runs, Run{Text: s, Style: base})
			break
		}
		if i > 0 {
			runs = append(runs, Run{Text: s[:i], Style: base})
		}
		j := strings.Index(s[i:], "}")
		kind, text, _ := strings.Cut(s[i+1:i+j], ":")
		r := Run{Text: text, Style: base}
		switch kind {
		case "i":
			r.Style.Font, r.Style.Face = "italic", testFace(t, "italic")
		case "b":
			r.Style.Font, r.Style.Face = "bold", testFace(t, "bold")
		case "sup":
			r.Style.Size, r.Style.Rise = size*0.65, size*0.35
		case "uncounted":
			r.Style.Size, r.Style.Rise = size*0.65, size*0.35
			r.Uncounted = true
		case "nobreak":
			r.NoBreak = true
		case "br":
			// a forced line break, counted as a space as the model does
			r.Text, r.Break = " ", true
		default:
			t.Fatalf("unknown markup %q", kind)
		}
		runs = append(runs, r)
		s = s[i+j+1:]
	}
	return runs
}

func TestBreakerCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "breaker", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c := readBreakerCase(t, f)
			s := NewSetter(c.opts)
			r := s.Set(c.para)
			checkResult(t, c.para, r)
			var got bytes.Buffer
			s.Dump(&got, r)
			if *update {
				out := c.head + "\ntext:\n" + c.text + "\n---\n" + got.String()
				if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got.String() != c.want {
				t.Errorf("dump differs (go test -run TestBreakerCases -update to accept)\ngot:\n%s\nwant:\n%s", got.String(), c.want)
			}
		})
	}
}

// checkResult verifies what must hold for any set paragraph: pieces draw
// exactly with plain text drawing, offsets point at the pieces' text, no
// line starts or ends with forbidden punctuation, no three hyphenated
// lines in a row, no line wider than the measure (unless fallback).
func checkResult(t *testing.T, p Paragraph, r Result) {
	t.Helper()
	var counted []rune
	for _, run := range p.Runs {
		if !run.Uncounted {
			counted = append(counted, []rune(run.Text)...)
		}
	}
	run := 0
	for li, ln := range r.Lines {
		where := fmt.Sprintf("line %d %q", li, LineText(ln, true))
		if len(ln.Pieces) == 0 {
			if !hasBreak(p) {
				t.Errorf("%s: no pieces", where)
			}
			continue
		}
		first := []rune(ln.Pieces[0].Text)[0]
		if strings.ContainsRune(";:!?»", first) {
			t.Errorf("%s: starts with %q", where, first)
		}
		lastText := []rune(ln.Pieces[len(ln.Pieces)-1].Text)
		if lastText[len(lastText)-1] == '«' {
			t.Errorf("%s: ends with «", where)
		}
		if ln.Hyphenated {
			run++
			if run > 2 {
				t.Errorf("%s: third hyphenated line in a row", where)
			}
		} else {
			run = 0
		}
		for _, n := range p.NoHyphenAfter {
			if n == li && ln.Hyphenated {
				t.Errorf("%s: hyphenated though NoHyphenAfter", where)
			}
		}
		if !r.Fallback && ln.Width > p.Width+0.01 {
			t.Errorf("%s: width %.3f exceeds the measure %.3f", where, ln.Width, p.Width)
		}
		if ln.Offset != ln.Pieces[0].Offset {
			t.Errorf("%s: line offset %d, first piece %d", where, ln.Offset, ln.Pieces[0].Offset)
		}
		for pi, pc := range ln.Pieces {
			text := pc.Text
			if pi == len(ln.Pieces)-1 && ln.Hyphenated && strings.HasSuffix(text, "-") {
				// an added hyphen is not in the counted text
				if pc.Offset+len([]rune(text)) > len(counted) || string(counted[pc.Offset+len([]rune(text))-1]) != "-" {
					text = strings.TrimSuffix(text, "-")
				}
			}
			if strings.ContainsAny(pc.Text, " \u00a0\u202f\u00ad\u2009") {
				t.Errorf("%s: piece %q holds a space or soft hyphen", where, pc.Text)
			}
			f := pc.Style.Face
			// Plain drawing (no kerning) must be exact: no kern pair
			// inside a piece.
			var plain float64
			rs := []rune(drawn(pc))
			for _, c := range rs {
				plain += f.Advance(c) * pc.Style.Size
			}
			for k := 1; k < len(rs); k++ {
				if kv := f.Kern(rs[k-1], rs[k]); kv != 0 && !(k == len(rs)-1 && rs[k] == '-' && ln.Hyphenated && pi == len(ln.Pieces)-1) {
					t.Errorf("%s: piece %q has kern pair %q%q inside", where, pc.Text, rs[k-1], rs[k])
				}
			}
			if pi == len(ln.Pieces)-1 && !r.Fallback && pc.X+plain > p.Width+0.01 {
				t.Errorf("%s: last piece ends at %.3f past the measure", where, pc.X+plain)
			}
			if pi > 0 {
				prev := ln.Pieces[pi-1]
				pr := []rune(drawn(prev))
				end := prev.X
				for _, c := range pr {
					end += prev.Style.Face.Advance(c) * prev.Style.Size
				}
				if pc.Space == 0 && prev.Style.Face == f && prev.Style.Size == pc.Style.Size && prev.Offset+len([]rune(prev.Text)) == pc.Offset && pc.Offset > 0 {
					want := end + f.Kern(pr[len(pr)-1], rs[0])*pc.Style.Size
					if d := pc.X - want; d > 0.001 || d < -0.001 {
						t.Errorf("%s: piece %q at %.3f, kerning puts it at %.3f", where, pc.Text, pc.X, want)
					}
				} else if pc.X < end-0.001+f.Kern(pr[len(pr)-1], rs[0])*pc.Style.Size-0.5 {
					t.Errorf("%s: piece %q at %.3f overlaps the previous one ending at %.3f", where, pc.Text, pc.X, end)
				}
			}
			counts := true
			for _, run := range p.Runs {
				if run.Uncounted && run.Style == *pc.Style && strings.Contains(run.Text, text) {
					counts = false
				}
			}
			if counts {
				n := len([]rune(text))
				if pc.Offset < 0 || pc.Offset+n > len(counted) || string(counted[pc.Offset:pc.Offset+n]) != text {
					t.Errorf("%s: piece %q has offset %d, counted text there is %q", where, text, pc.Offset, string(counted[max(0, min(pc.Offset, len(counted))):min(len(counted), max(0, pc.Offset+n))]))
				}
			}
		}
	}
}

// drawn returns the text a renderer draws for a piece: its letters with
// the face's ligatures when the piece is set with them.
func drawn(pc Piece) string {
	if pc.Ligatures {
		return pc.Style.Face.Ligate(pc.Text)
	}
	return pc.Text
}
