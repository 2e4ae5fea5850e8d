// Command texcompare sets the same French text with xelatex and with the
// typeset package (EB Garamond, same size and measure), extracts both PDFs'
// word boxes with pdftotext -bbox and prints the percentiles of the gaps
// between words on a line, so the line breaker's evenness can be compared
// with TeX's. It is a development tool; it needs xelatex (with fontspec,
// babel-french and geometry) and pdftotext.
//
//	go run ./internal/typeset/texcompare -width 300 -out /tmp/texcompare
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/publish-books/publish/internal/typeset"
)

func main() {
	root := flag.String("root", ".", "the project's root (with book/ and fonts/)")
	out := flag.String("out", filepath.Join(os.TempDir(), "texcompare"), "folder for the PDFs")
	width := flag.Float64("width", 300, "measure in points")
	size := flag.Float64("size", 11, "font size in points")
	n := flag.Int("paragraphs", 150, "how many paragraphs to set")
	flag.Float64Var(&opts.PreTolerance, "pretolerance", 0, "SetterOptions.PreTolerance")
	flag.Float64Var(&opts.Tolerance, "tolerance", 0, "SetterOptions.Tolerance")
	flag.Float64Var(&opts.SpaceStretch, "stretch", 0, "SetterOptions.SpaceStretch")
	flag.Float64Var(&opts.SpaceShrink, "shrink", 0, "SetterOptions.SpaceShrink")
	flag.Float64Var(&opts.EmergencyStretch, "emergency-stretch", 0, "SetterOptions.EmergencyStretch")
	flag.Float64Var(&opts.HyphenPenalty, "hyphenpenalty", 0, "SetterOptions.HyphenPenalty")
	flag.Float64Var(&opts.LinePenalty, "linepenalty", 0, "SetterOptions.LinePenalty")
	flag.Float64Var(&opts.NameHyphenPenalty, "namepenalty", 0, "SetterOptions.NameHyphenPenalty")
	texExtra = flag.String("tex", "", "TeX code added to the preamble (e.g. \\emergencystretch=1em)")
	verbose = flag.Bool("v", false, "print our lines looser than ratio 1.5")
	flag.Parse()
	if err := run(*root, *out, *width, *size, *n); err != nil {
		fmt.Fprintln(os.Stderr, "texcompare:", err)
		os.Exit(1)
	}
}

const (
	pageW, pageH = 600.0, 842.0
	left, top    = 60.0, 60.0
)

var (
	opts     typeset.SetterOptions
	verbose  *bool
	texExtra *string
)

func run(root, out string, width, size float64, n int) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	paras, err := bookParagraphs(root)
	if err != nil {
		return err
	}
	// Varied paragraphs: the book's sentences in a fixed pseudo-random
	// order, three to eight to a paragraph.
	var sentences []string
	for _, p := range paras {
		for _, m := range sentenceRE.FindAllString(p+" ", -1) {
			sentences = append(sentences, strings.TrimSpace(m))
		}
	}
	seed := uint64(1944)
	rnd := func(k int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(k))
	}
	var text []string
	for k := 0; k < n; k++ {
		m := 3 + rnd(6)
		var parts []string
		for j := 0; j < m; j++ {
			parts = append(parts, sentences[rnd(len(sentences))])
		}
		text = append(text, strings.Join(parts, " "))
	}
	fontPath := filepath.Join(root, "fonts", "EBGaramond12-Regular.ttf")
	ttf, err := os.ReadFile(fontPath)
	if err != nil {
		return err
	}
	face, err := typeset.ParseFace(ttf)
	if err != nil {
		return err
	}
	lead := size * 1.25
	// TeX.
	texPDF, err := runTeX(out, root, text, width, size, lead)
	if err != nil {
		return err
	}
	// Ours.
	s := typeset.NewSetter(opts)
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pageW, Ht: pageH}})
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes("garamond", "", ttf)
	pdf.SetFont("garamond", "", size)
	pdf.AddPage()
	y := top
	lines, loose, tight, hyph, maxRun, run := 0, 0, 0, 0, 0, 0
	var ratios []float64
	for _, t := range text {
		r := s.Set(typeset.Paragraph{Runs: []typeset.Run{{Text: t, Style: typeset.Style{Font: "serif", Face: face, Size: size}}},
			Width: width, Indent: size, Lang: "fr"})
		for i, ln := range r.Lines {
			if y+lead > pageH-top {
				pdf.AddPage()
				y = top
			}
			y += lead
			for _, pc := range ln.Pieces {
				pdf.Text(left+pc.X, y, pc.Text)
			}
			lines++
			if *verbose && ln.Ratio > 1.5 {
				fmt.Printf("loose %+.2f %s\n", ln.Ratio, typeset.LineText(ln, false))
			}
			if i < len(r.Lines)-1 {
				ratios = append(ratios, ln.Ratio)
				if ln.Ratio > 1 {
					loose++
				}
				if ln.Ratio < -1 {
					tight++
				}
			}
			if ln.Hyphenated {
				hyph++
				run++
				maxRun = max(maxRun, run)
			} else {
				run = 0
			}
		}
		y += 0
	}
	ourPDF := filepath.Join(out, "ours.pdf")
	if err := pdf.OutputFileAndClose(ourPDF); err != nil {
		return err
	}
	space := face.Advance(' ') * size
	texGaps, texLines, texHy, err := gaps(texPDF)
	if err != nil {
		return err
	}
	ourGaps, _, _, err := gaps(ourPDF)
	if err != nil {
		return err
	}
	fmt.Printf("measure %.0fpt, EB Garamond %.0fpt, %d paragraphs; natural space %.2fpt\n", width, size, len(text), space)
	report("xelatex", texGaps, space)
	report("typeset", ourGaps, space)
	over := 0
	if log, err := os.ReadFile(filepath.Join(out, "tex.log")); err == nil {
		over = bytes.Count(log, []byte("Overfull \\hbox"))
	}
	fmt.Printf("xelatex: %d lines, %d ending with a hyphen, %d overfull lines (past the measure)\n", texLines, texHy, over)
	sort.Float64s(ratios)
	fmt.Printf("typeset: %d lines, %d hyphenated (longest run %d), %d loose (ratio > 1) and %d tighter than TeX allows (ratio < -1) of %d non-final lines, ratio p95 %.3f\n",
		lines, hyph, maxRun, loose, tight, len(ratios), pct(ratios, 95))
	return nil
}

func report(name string, g []float64, space float64) {
	sort.Float64s(g)
	fmt.Printf("%-8s gaps n=%5d  p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  max %.2f pt  (p95 = %.2f × space)\n",
		name, len(g), pct(g, 50), pct(g, 90), pct(g, 95), pct(g, 99), g[len(g)-1], pct(g, 95)/space)
}

func pct(s []float64, p float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

var wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// gaps returns the gaps between consecutive words of each line of a PDF,
// leaving out the narrow spaces of French punctuation, the number of lines
// and of lines ending with a hyphen.
func gaps(pdf string) ([]float64, int, int, error) {
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		return nil, 0, 0, fmt.Errorf("pdftotext %s: %w", pdf, err)
	}
	type word struct {
		x0, y, x1 float64
		t         string
	}
	var ws []word
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		ws = append(ws, word{x0, (y0 + y1) / 2, x1, m[5]})
	}
	var g []float64
	lines, hy := 0, 0
	for i := range ws {
		if i == 0 || math.Abs(ws[i].y-ws[i-1].y) > 3 {
			lines++
			if i > 0 && strings.HasSuffix(ws[i-1].t, "-") {
				hy++
			}
			continue
		}
		a, b := ws[i-1], ws[i]
		if strings.ContainsAny(b.t[:1], ";:!?»") || strings.HasSuffix(a.t, "«") || strings.HasPrefix(b.t, "»") {
			continue
		}
		g = append(g, b.x0-a.x1)
	}
	return g, lines, hy, nil
}

func runTeX(out, root string, text []string, width, size, lead float64) (string, error) {
	if _, err := exec.LookPath("xelatex"); err != nil {
		return "", fmt.Errorf("xelatex is not installed: %w", err)
	}
	fonts, _ := filepath.Abs(filepath.Join(root, "fonts"))
	var b bytes.Buffer
	fmt.Fprintf(&b, `\documentclass{article}
\usepackage[paperwidth=%gpt,paperheight=%gpt,textwidth=%gpt,textheight=%gpt,left=%gpt,top=%gpt]{geometry}
\usepackage{fontspec}
\setmainfont{EBGaramond12-Regular.ttf}[Path=%s/]
\usepackage[french]{babel}
\frenchsetup{AutoSpacePunctuation=false}
\pagestyle{empty}
\setlength{\parindent}{%gpt}
\setlength{\parskip}{0pt}
%s
\begin{document}
\fontsize{%g}{%g}\selectfont
`, pageW, pageH, width, pageH-2*top, left, top, fonts, size, *texExtra, size, lead)
	for _, t := range text {
		t = strings.NewReplacer("\u202f", `\nobreak\hspace{0.125em}\nobreak `, "\u00a0", "~", "%", `\%`, "&", `\&`, "#", `\#`, "$", `\$`, "_", `\_`).Replace(t)
		b.WriteString(t + "\n\n")
	}
	b.WriteString(`\end{document}` + "\n")
	tex := filepath.Join(out, "tex.tex")
	if err := os.WriteFile(tex, b.Bytes(), 0o644); err != nil {
		return "", err
	}
	cmd := exec.Command("xelatex", "-interaction=nonstopmode", "-halt-on-error", "tex.tex")
	cmd.Dir = out
	if o, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("xelatex: %w\n%s", err, lastLines(string(o), 20))
	}
	return filepath.Join(out, "tex.pdf"), nil
}

func lastLines(s string, n int) string {
	l := strings.Split(s, "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}

var sentenceRE = regexp.MustCompile(`.*?[.!?…](\s*»)?\s+`)

var (
	mdImage   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?`)
	mdCite    = regexp.MustCompile(`\s*\[@[^\]]*\]`)
	mdAttr    = regexp.MustCompile(`\{[^}]*\}`)
	mdEmph    = regexp.MustCompile(`[*_]+`)
	frenchNB  = regexp.MustCompile(` ?([;!?])`)
	frenchCol = regexp.MustCompile(` ?:`)
	guillO    = regexp.MustCompile(`« ?`)
	guillC    = regexp.MustCompile(` ?»`)
)

// bookParagraphs returns the sample book's prose with French spacing.
func bookParagraphs(root string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(root, "book", "*.md"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no chapters in %s/book", root)
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, para := range strings.Split(string(b), "\n\n") {
			para = strings.TrimSpace(para)
			if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "![") || strings.HasPrefix(para, "---") {
				continue
			}
			para = mdImage.ReplaceAllString(para, "")
			para = mdCite.ReplaceAllString(para, "")
			para = mdAttr.ReplaceAllString(para, "")
			para = mdEmph.ReplaceAllString(para, "")
			para = strings.Join(strings.Fields(para), " ")
			para = frenchNB.ReplaceAllString(para, "\u202f$1")
			para = frenchCol.ReplaceAllString(para, "\u00a0:")
			para = guillO.ReplaceAllString(para, "«\u202f")
			para = guillC.ReplaceAllString(para, "\u202f»")
			para = strings.ReplaceAll(para, "'", "’")
			if len(para) > 40 {
				out = append(out, para)
			}
		}
	}
	return out, nil
}
