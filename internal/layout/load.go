package layout

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/publish-books/publish/internal/cachefile"
	"github.com/publish-books/publish/internal/sfntname"

	"golang.org/x/image/font/sfnt"

	"github.com/publish-books/publish/internal/model"
	"github.com/publish-books/publish/internal/yamlfile"
)

// FileName is the print layout's file name in the layout folder.
const FileName = "print.yaml"

// Defaults returns the layout used when print.yaml is missing or silent
// (documented in docs/layout.md). It has no fonts: Load finds them.
func Defaults() *Print {
	mm := units["mm"]
	return &Print{
		TrimWidth: 150 * mm, TrimHeight: 210 * mm, TrimName: "15x21cm",
		Bleed: 3 * mm,
		Inner: 20 * mm, Outer: 16 * mm, Top: 18 * mm, Bottom: 22 * mm,
		Size: 11, Leading: 14, Indent: 11,
		NoteSize: 9, CaptionSize: 9, HeadSize: 8.5, ChapterTitleSize: 20,
		VersoHead: "book-title", RectoHead: "chapter-title",
		Folio:        "bottom-center",
		ChapterRecto: true, ChapterDrop: 50 * mm,
		Contents:  "",
		Notes:     "footnotes",
		Links:     "footnote",
		MinPPI:    300,
		ScreenPPI: 150,
		Color:     "gray", PDFX: "x-1a", OutputCondition: "FOGRA39",
	}
}

// Load reads dir/print.yaml. A missing file gives Defaults with the
// typeface found in the project's fonts/ folder. Every problem is added
// to ds at its position; the result is always usable for a check run.
func Load(dir string, ds *model.Diagnostics) *Print {
	return LoadWith(dir, LoadOptions{}, ds)
}

// LoadOptions tune LoadWith.
type LoadOptions struct {
	// CacheDir, when set, is a folder where the verdicts of the font
	// checks are kept by the fonts' SHA-256, so that a font found sound
	// once is not read glyph by glyph at every build.
	CacheDir string
	// SharedCacheDir, when set, is a folder of the same verdicts that
	// every book of the user shares (the command line's is in the user's
	// cache folder): a verdict depends on the font's bytes only, so a
	// build into a new output folder does not check again the fonts that
	// another build checked.
	SharedCacheDir string
	// noDefaultTypeface leaves the fonts empty when print.yaml names no
	// typeface, instead of looking in fonts/ (the fuzz target's speed).
	noDefaultTypeface bool
}

// LoadWith is Load with options.
func LoadWith(dir string, opts LoadOptions, ds *model.Diagnostics) *Print {
	p := Defaults()
	p.fontCache = opts.CacheDir
	p.sharedFontCache = opts.SharedCacheDir
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	p.Dir = abs
	file := filepath.Join(dir, FileName)
	p.File = file
	root := filepath.Dir(abs)
	// A layout folder that is not there is said as such, not as the
	// typeface that could not be found in it.
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		what := "not found"
		if err == nil {
			what = "is not a folder"
		} else if !errors.Is(err, fs.ErrNotExist) {
			what = err.Error()
		}
		ds.Errorf(model.Position{File: dir}, "layout folder %s: give the folder holding print.yaml and epub.css with --layout", what)
		return p
	}
	data, err := os.ReadFile(file)
	var typeface, mono *yamlfile.Node
	keys := keyPositions{}
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		ds.Errorf(model.Position{File: file}, "cannot read the print layout: %v", err)
	default:
		typeface, mono = parse(p, file, data, keys, ds)
	}
	if typeface != nil {
		p.loadTypeface(typeface, root, ds)
	} else if len(p.Fonts) == 0 && !opts.noDefaultTypeface {
		p.defaultTypeface(root, file, ds)
	}
	if mono != nil {
		p.loadMono(mono, root, ds)
	} else if !opts.noDefaultTypeface {
		p.defaultMono(root)
	}
	if p.CodeSize == 0 {
		p.CodeSize = math.Round(p.Size*0.8*10) / 10
	}
	p.check(file, keys, ds)
	return p
}

// keyPositions are the places of the print.yaml keys that set a value
// ("margins.inner", "sizes.text"), so that a check of several values
// points at the key that makes them impossible.
type keyPositions map[string]model.Position

// at returns the position of the first key of names that print.yaml
// sets, else the file's.
func (k keyPositions) at(file string, names ...string) model.Position {
	for _, n := range names {
		if p, ok := k[n]; ok {
			return p
		}
	}
	return model.Position{File: file}
}

// parse applies print.yaml to p and returns the typeface and monospace
// nodes, which are read after the rest.
func parse(p *Print, file string, data []byte, keys keyPositions, ds *model.Diagnostics) (typeface, mono *yamlfile.Node) {
	root := yamlfile.Parse(file, data, ds)
	if root == nil {
		return nil, nil
	}
	// length reads a length into dst; lo and hi (in points, hi 0 for no
	// bound) are its range, checked here at the value so that a value
	// out of range leaves the default in place and nothing follows from
	// it (a text size of 0 made "1em" an unknown unit).
	length := func(dst *float64, key, what, bare string, em func() float64, lo, hi float64, unit string) func(*yamlfile.Node) {
		return func(n *yamlfile.Node) {
			keys[key] = n.Pos
			s, ok := yamlfile.String(n, ds, what)
			if !ok || s == "" {
				if ok {
					ds.Errorf(n.Pos, "%s needs a value", what)
				}
				return
			}
			e := 0.0
			if em != nil {
				e = em()
			}
			v, err := parseLength(s, bare, e)
			if err != nil {
				ds.Errorf(n.Pos, "%s: %v", what, err)
				return
			}
			if v < lo || hi > 0 && v > hi {
				k := units[unit]
				ds.Errorf(n.Pos, "%s %s is out of range: give %s to %s", what, strings.TrimSpace(s), formatLength(lo/k, unit), formatLength(hi/k, unit))
				return
			}
			*dst = v
		}
	}
	choice := func(dst *string, what string, allowed ...string) func(*yamlfile.Node) {
		return func(n *yamlfile.Node) {
			s, ok := yamlfile.String(n, ds, what)
			if !ok {
				return
			}
			s = strings.ToLower(strings.TrimSpace(s))
			for _, a := range allowed {
				if s == a {
					*dst = s
					return
				}
			}
			ds.Errorf(n.Pos, "%s must be one of %s, not %q", what, strings.Join(allowed, ", "), s)
		}
	}
	boolean := func(dst *bool, what string) func(*yamlfile.Node) {
		return func(n *yamlfile.Node) {
			if v, ok := yamlfile.Bool(n, ds, what); ok {
				*dst = v
			}
		}
	}
	// number reads a plain number into dst, from lo to hi.
	number := func(dst *float64, what string, lo, hi float64) func(*yamlfile.Node) {
		return func(n *yamlfile.Node) {
			if v, ok := yamlfile.Float(n, ds, what); ok {
				if v < lo || v > hi {
					ds.Errorf(n.Pos, "%s must be between %g and %g, not %g", what, lo, hi, v)
					return
				}
				*dst = v
			}
		}
	}
	heads := []string{"book-title", "chapter-title", "author", "section", "none"}
	color := choice(&p.Color, "color", "gray", "grey", "color", "colour")
	indentEm := ""
	var indentNode *yamlfile.Node
	yamlfile.Fields(root, ds, FileName, nil, map[string]func(*yamlfile.Node){
		"trim": func(n *yamlfile.Node) {
			switch n.Kind {
			case yamlfile.Map:
				var w, h float64
				yamlfile.Fields(n, ds, "trim", []string{"width", "height"}, map[string]func(*yamlfile.Node){
					"width":  length(&w, "trim", "trim width", "", nil, minTrim, maxTrim, "mm"),
					"height": length(&h, "trim", "trim height", "", nil, minTrim, maxTrim, "mm"),
				})
				if w > 0 && h > 0 {
					p.TrimWidth, p.TrimHeight, p.TrimName = w, h, ""
				}
			default:
				s, ok := yamlfile.String(n, ds, "trim")
				if !ok {
					return
				}
				keys["trim"] = n.Pos
				w, h, err := parseTrim(s)
				if err != nil {
					ds.Errorf(n.Pos, "trim: %v", err)
					return
				}
				if min(w, h) < minTrim || max(w, h) > maxTrim {
					ds.Errorf(n.Pos, "trim %s is out of range: each side from %s to %s", strings.TrimSpace(s), formatLength(minTrim/units["mm"], "mm"), formatLength(maxTrim/units["mm"], "mm"))
					return
				}
				p.TrimWidth, p.TrimHeight, p.TrimName = w, h, strings.TrimSpace(s)
			}
		},
		"bleed":      length(&p.Bleed, "bleed", "bleed", "", nil, 0, 20*units["mm"], "mm"),
		"crop-marks": boolean(&p.CropMarks, "crop-marks"),
		"margins": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "margins", nil, map[string]func(*yamlfile.Node){
				"inner":  length(&p.Inner, "margins.inner", "inner margin", "", nil, 0, 0, "mm"),
				"outer":  length(&p.Outer, "margins.outer", "outer margin", "", nil, 0, 0, "mm"),
				"top":    length(&p.Top, "margins.top", "top margin", "", nil, 0, 0, "mm"),
				"bottom": length(&p.Bottom, "margins.bottom", "bottom margin", "", nil, 0, 0, "mm"),
			})
		},
		"typeface":  func(n *yamlfile.Node) { typeface = n },
		"monospace": func(n *yamlfile.Node) { mono = n },
		"sizes": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "sizes", nil, map[string]func(*yamlfile.Node){
				"text":           length(&p.Size, "sizes.text", "text size", "pt", nil, 4, 72, "pt"),
				"leading":        length(&p.Leading, "sizes.leading", "leading", "pt", func() float64 { return p.Size }, 4, 4*72, "pt"),
				"notes":          length(&p.NoteSize, "sizes.notes", "notes size", "pt", nil, 4, 72, "pt"),
				"captions":       length(&p.CaptionSize, "sizes.captions", "captions size", "pt", nil, 4, 72, "pt"),
				"running-heads":  length(&p.HeadSize, "sizes.running-heads", "running-heads size", "pt", nil, 4, 72, "pt"),
				"chapter-titles": length(&p.ChapterTitleSize, "sizes.chapter-titles", "chapter-titles size", "pt", nil, 4, 144, "pt"),
				"code":           length(&p.CodeSize, "sizes.code", "code size", "pt", func() float64 { return p.Size }, 4, 72, "pt"),
			})
		},
		"indent": func(n *yamlfile.Node) {
			// Read after sizes, so "1em" means the text size.
			indentNode = n
			indentEm, _ = yamlfile.String(n, ds, "indent")
		},
		"running-heads": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "running-heads", nil, map[string]func(*yamlfile.Node){
				"verso": choice(&p.VersoHead, "running-heads verso", heads...),
				"recto": choice(&p.RectoHead, "running-heads recto", heads...),
			})
		},
		"folio": choice(&p.Folio, "folio", "bottom-center", "bottom-outside", "top-outside"),
		"chapter-opening": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "chapter-opening", nil, map[string]func(*yamlfile.Node){
				"recto": boolean(&p.ChapterRecto, "chapter-opening recto"),
				"drop":  length(&p.ChapterDrop, "chapter-opening.drop", "chapter-opening drop", "", nil, 0, 0, "mm"),
			})
		},
		"contents": choice(&p.Contents, "contents", "front", "back"),
		"cross-references": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "cross-references", nil, map[string]func(*yamlfile.Node){
				"pages": boolean(&p.RefPages, "cross-references pages"),
			})
		},
		"notes": choice(&p.Notes, "notes", "footnotes", "endnotes"),
		"links": choice(&p.Links, "links", "footnote", "inline", "none"),
		"hyphenation": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "hyphenation", nil, map[string]func(*yamlfile.Node){
				"exceptions": func(n *yamlfile.Node) {
					words, _ := yamlfile.Strings(n, ds, "hyphenation exceptions")
					for i, w := range words {
						w = strings.TrimSpace(w)
						if w == "" || strings.ContainsAny(w, " \t") {
							pos := n.Pos
							if n.Kind == yamlfile.Seq && i < len(n.Items) {
								pos = n.Items[i].Pos
							}
							ds.Errorf(pos, "hyphenation exception %q must be one word with its break points marked by -", w)
							continue
						}
						p.HyphenExceptions = append(p.HyphenExceptions, w)
					}
				},
			})
		},
		"images": func(n *yamlfile.Node) {
			yamlfile.Fields(n, ds, "images", nil, map[string]func(*yamlfile.Node){
				"min-ppi":    number(&p.MinPPI, "images min-ppi", 72, 2400),
				"upscale":    boolean(&p.Upscale, "images upscale"),
				"screen-ppi": number(&p.ScreenPPI, "images screen-ppi", 72, 600),
			})
		},
		"color":            func(n *yamlfile.Node) { keys["color"] = n.Pos; color(n) },
		"colour":           func(n *yamlfile.Node) { keys["color"] = n.Pos; color(n) },
		"pdf-x":            choice(&p.PDFX, "pdf-x", "x-1a", "none"),
		"output-condition": choice(&p.OutputCondition, "output-condition", outputConditionNames()...),
	})
	if indentNode != nil && indentEm != "" {
		v, err := parseLength(indentEm, "", p.Size)
		if err != nil {
			ds.Errorf(indentNode.Pos, "indent: %v", err)
		} else {
			p.Indent = v
			keys["indent"] = indentNode.Pos
		}
	}
	if p.Color == "grey" {
		p.Color = "gray"
	}
	if p.Color == "colour" {
		p.Color = "color"
	}
	p.OutputCondition = canonicalCondition(p.OutputCondition)
	return typeface, mono
}

// loadTypeface reads the typeface mapping: family and the style files.
func (p *Print) loadTypeface(n *yamlfile.Node, root string, ds *model.Diagnostics) {
	family := ""
	type style struct {
		italic, bold bool
		node         *yamlfile.Node
		smallCaps    bool // the small-caps face, not a style of the family
	}
	var styles []style
	add := func(italic, bold bool) func(*yamlfile.Node) {
		return func(v *yamlfile.Node) { styles = append(styles, style{italic: italic, bold: bold, node: v}) }
	}
	yamlfile.Fields(n, ds, "typeface", []string{"regular"}, map[string]func(*yamlfile.Node){
		"family": func(v *yamlfile.Node) {
			family, _ = yamlfile.String(v, ds, "typeface family")
		},
		"regular":     add(false, false),
		"italic":      add(true, false),
		"bold":        add(false, true),
		"bold-italic": add(true, true),
		"small-caps": func(v *yamlfile.Node) {
			styles = append(styles, style{node: v, smallCaps: true})
		},
	})
	// Each font is read whole and every glyph checked (checkTrueType):
	// the files are read concurrently, the results taken in order.
	type fontJob struct {
		style     style
		rel, path string
		family    string
		err       error
	}
	var jobs []*fontJob
	for _, s := range styles {
		rel, path, ok := p.fontPath(s.node, root, ds)
		if !ok {
			continue
		}
		jobs = append(jobs, &fontJob{style: s, rel: rel, path: path})
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j.family, j.err = p.readFont(j.path)
		}()
	}
	wg.Wait()
	for _, j := range jobs {
		if j.err != nil {
			ds.Errorf(j.style.node.Pos, "font file %q: %v", j.rel, j.err)
			continue
		}
		if j.style.smallCaps {
			p.SmallCaps = &FontFile{Family: strings.TrimSpace(j.family), Path: j.path}
			continue
		}
		if family == "" {
			family = j.family
		}
		p.Fonts = append(p.Fonts, FontFile{Path: j.path, Italic: j.style.italic, Bold: j.style.bold})
	}
	p.setFamily(family)
	sortFonts(p.Fonts)
}

// defaultTypeface looks in the project's fonts/ folder for a family with a
// "-Regular.ttf" file and its "-Italic", "-Bold" and "-BoldItalic" mates.
func (p *Print) defaultTypeface(root, file string, ds *model.Diagnostics) {
	dir := filepath.Join(root, "fonts")
	matches, _ := filepath.Glob(filepath.Join(dir, "*-Regular.ttf"))
	sort.Strings(matches)
	for _, reg := range matches {
		if filepath.Base(reg) == defaultMonoFile {
			continue // the code face, not a text face
		}
		base := strings.TrimSuffix(reg, "-Regular.ttf")
		fam, err := p.readFont(reg)
		if err != nil {
			continue
		}
		p.Fonts = []FontFile{{Path: reg}}
		for _, s := range []struct {
			suffix       string
			italic, bold bool
		}{{"-Italic.ttf", true, false}, {"-Bold.ttf", false, true}, {"-BoldItalic.ttf", true, true}} {
			if _, err := p.readFont(base + s.suffix); err == nil {
				p.Fonts = append(p.Fonts, FontFile{Path: base + s.suffix, Italic: s.italic, Bold: s.bold})
			}
		}
		p.setFamily(fam)
		return
	}
	ds.Errorf(model.Position{File: file}, "no typeface: give typeface: regular: … in %s, or put a *-Regular.ttf font in %s", FileName, dir)
}

// loadMono reads the monospace mapping: the code face's family and its
// regular file (code is set in one style).
func (p *Print) loadMono(n *yamlfile.Node, root string, ds *model.Diagnostics) {
	family := ""
	var file *yamlfile.Node
	yamlfile.Fields(n, ds, "monospace", []string{"regular"}, map[string]func(*yamlfile.Node){
		"family":  func(v *yamlfile.Node) { family, _ = yamlfile.String(v, ds, "monospace family") },
		"regular": func(v *yamlfile.Node) { file = v },
	})
	if file == nil {
		return
	}
	rel, path, ok := p.fontPath(file, root, ds)
	if !ok {
		return
	}
	fam, err := p.readFont(path)
	if err != nil {
		ds.Errorf(file.Pos, "font file %q: %v", rel, err)
		return
	}
	if family == "" {
		family = fam
	}
	p.Mono = &FontFile{Family: strings.TrimSpace(family), Path: path}
}

// fontPath reads a font file's path from n, relative to print.yaml's
// folder, and checks that it is not empty and stays inside the project
// folder root; ok is false, with an error at n, when it does not.
func (p *Print) fontPath(n *yamlfile.Node, root string, ds *model.Diagnostics) (rel, path string, ok bool) {
	rel, ok = yamlfile.String(n, ds, "font file")
	if !ok || rel == "" {
		if ok {
			ds.Errorf(n.Pos, "font file path is empty")
		}
		return "", "", false
	}
	path = rel
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.Dir, filepath.FromSlash(rel))
	}
	path = filepath.Clean(path)
	if !inside(root, path) {
		ds.Errorf(n.Pos, "font file %q is outside the project folder %s", rel, root)
		return "", "", false
	}
	return rel, path, true
}

// defaultMonoFile is the monospaced face publish ships in fonts/, used
// when print.yaml names none.
const defaultMonoFile = "LiberationMono-Regular.ttf"

// defaultMono takes the project's fonts/LiberationMono-Regular.ttf as the
// code face when print.yaml names none and the file is there.
func (p *Print) defaultMono(root string) {
	path := filepath.Join(root, "fonts", defaultMonoFile)
	fam, err := p.readFont(path)
	if err != nil {
		return
	}
	p.Mono = &FontFile{Family: fam, Path: path}
}

func (p *Print) setFamily(family string) {
	p.Family = strings.TrimSpace(family)
	for i := range p.Fonts {
		p.Fonts[i].Family = p.Family
	}
}

func sortFonts(fs []FontFile) {
	rank := func(f FontFile) int {
		r := 0
		if f.Bold {
			r += 2
		}
		if f.Italic {
			r++
		}
		return r
	}
	sort.SliceStable(fs, func(i, j int) bool { return rank(fs[i]) < rank(fs[j]) })
}

// SaveFontChecks writes into LoadOptions.CacheDir (and SharedCacheDir)
// the verdicts of the fonts this load checked, or found in one of the two
// folders only, so that the next load skips their check. A build calls it
// once its outputs are written: a failed build leaves the output folder as
// it was. A cache that cannot be written only costs the check next time,
// so errors are ignored.
func (p *Print) SaveFontChecks() {
	p.fontMu.Lock()
	defer p.fontMu.Unlock()
	for _, v := range p.newVerdicts {
		cachefile.Write(v, []byte("checked: every glyph loads\n"))
	}
	p.newVerdicts = nil
}

// fontSum is a font file's bytes and their SHA-256 as the layout read
// them.
type fontSum struct {
	sum  [32]byte
	data []byte
}

// FontSum returns the SHA-256 of data, the bytes of the font file at
// path, when the layout read the same bytes there to check the font (a
// layout loaded with a cache folder), without hashing them again.
func (p *Print) FontSum(path string, data []byte) ([32]byte, bool) {
	p.fontMu.Lock()
	defer p.fontMu.Unlock()
	s, ok := p.fontSums[path]
	return s.sum, ok && bytes.Equal(s.data, data)
}

// FontData returns the bytes of the font file at path as the layout read
// and checked them (a layout loaded with a cache folder), and their
// SHA-256, so that the renderers need not read the file or hash it again.
func (p *Print) FontData(path string) ([]byte, [32]byte, bool) {
	p.fontMu.Lock()
	defer p.fontMu.Unlock()
	s, ok := p.fontSums[path]
	return s.data, s.sum, ok
}

// fontStamp identifies a font file as it was when it was read: a file
// whose size or modification time changed is read again.
type fontStamp struct {
	path      string
	size, mod int64
}

// fontCheckVersion names checkTrueType's check in the verdicts' names: a
// verdict outlives the output folder (and, in the user's cache folder,
// every version of publish), so bump it whenever the check becomes
// stricter, and the fonts are checked again.
const fontCheckVersion = "check1"

// soundFonts maps the fontStamp of each font this process found sound to
// its family name: publish watch loads the layout for every build, and
// reading and hashing its fonts again took a twentieth of a rebuild.
var soundFonts sync.Map

// readFont checks that path is a TrueType font and returns its family
// name. A font whose SHA-256 the check cache knows is not checked again,
// and a font file this process read before, unchanged, is not read again.
func (p *Print) readFont(path string) (string, error) {
	var stamp fontStamp
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		stamp = fontStamp{path, st.Size(), st.ModTime().UnixNano()}
		if name, ok := soundFonts.Load(stamp); ok {
			return name.(string), nil
		}
	}
	name, err := p.checkFont(path)
	if err == nil && stamp.path != "" {
		soundFonts.Store(stamp, name)
	}
	return name, err
}

// checkFont reads the font at path, checks it and returns its family
// name.
func (p *Print) checkFont(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", errors.New("no such file")
		}
		return "", err
	}
	sum := sha256.Sum256(data)
	caches := p.fontCache != "" || p.sharedFontCache != ""
	if caches {
		// The print cache's stamp names the fonts by these sums.
		p.fontMu.Lock()
		if p.fontSums == nil {
			p.fontSums = map[string]fontSum{}
		}
		p.fontSums[path] = fontSum{sum, data}
		p.fontMu.Unlock()
	}
	if isShippedFont(sum) {
		// Checked whenever publish is tested (shipped.go).
		return fontName(path, data), nil
	}
	// The verdicts this font may have: in the output folder's cache, in
	// the user's.
	var verdicts []string
	if caches {
		name := "font-" + fontCheckVersion + "-" + hex.EncodeToString(sum[:]) + ".ok"
		for _, dir := range []string{p.fontCache, p.sharedFontCache} {
			if dir != "" {
				verdicts = append(verdicts, filepath.Join(dir, name))
			}
		}
	}
	var missing []string
	for _, v := range verdicts {
		if _, err := os.Stat(v); err != nil {
			missing = append(missing, v)
		}
	}
	if len(verdicts) == 0 || len(missing) == len(verdicts) {
		p.fontMu.Lock()
		p.fontsChecked++
		p.fontMu.Unlock()
		if err := checkTrueType(data); err != nil {
			return "", err
		}
	}
	// A verdict found in one folder is written into the other too.
	p.fontMu.Lock()
	p.newVerdicts = append(p.newVerdicts, missing...)
	p.fontMu.Unlock()
	return fontName(path, data), nil
}

// fontName returns the family name of the font data read from path, or
// its file name when its name table has none.
func fontName(path string, data []byte) string {
	if name := familyName(data); name != "" {
		return name
	}
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// familyName reads a font's typographic or family name, "" when the name
// table has neither or is damaged.
func familyName(data []byte) string {
	return sfntname.Read(data, sfnt.NameIDTypographicFamily, sfnt.NameIDFamily)
}

// inside reports whether path lies in dir (after resolving symbolic
// links where they exist).
func inside(dir, path string) bool {
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r
	}
	if r, err := filepath.EvalSymlinks(path); err == nil {
		path = r
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// check reports settings that cannot make a page.
func (p *Print) check(file string, keys keyPositions, ds *model.Diagnostics) {
	mm := units["mm"]
	// The block's width and height depend on several keys: the error
	// stands at the widest margin the file sets, else at the trim.
	widest := func(a, b string, va, vb float64) []string {
		if vb > va {
			a, b = b, a
		}
		return []string{"margins." + a, "margins." + b, "trim"}
	}
	if w := p.TextWidth(); w < minTextWidth {
		ds.Errorf(keys.at(file, widest("inner", "outer", p.Inner, p.Outer)...),
			"inner margin %s and outer margin %s leave a text block %s wide on a page %s wide; it needs at least %s",
			formatLength(p.Inner/mm, "mm"), formatLength(p.Outer/mm, "mm"), formatLength(w/mm, "mm"), formatLength(p.TrimWidth/mm, "mm"), formatLength(minTextWidth/mm, "mm"))
	}
	if h := p.TextHeight(); h < 4*p.Leading {
		ds.Errorf(keys.at(file, widest("top", "bottom", p.Top, p.Bottom)...),
			"top margin %s and bottom margin %s leave a text block %s high on a page %s high; it needs at least four lines (%s)",
			formatLength(p.Top/mm, "mm"), formatLength(p.Bottom/mm, "mm"), formatLength(h/mm, "mm"), formatLength(p.TrimHeight/mm, "mm"), formatLength(4*p.Leading/mm, "mm"))
	}
	if p.Leading < p.Size {
		ds.Errorf(keys.at(file, "sizes.leading", "sizes.text"), "leading %.1f pt is smaller than the text size %.1f pt", p.Leading, p.Size)
	}
	if p.ChapterDrop > p.TextHeight()/2 && p.TextHeight() >= 4*p.Leading {
		ds.Errorf(keys.at(file, "chapter-opening.drop"), "chapter-opening drop %s is more than half the text block (%s high)", formatLength(p.ChapterDrop/mm, "mm"), formatLength(p.TextHeight()/mm, "mm"))
	}
	if w := p.TextWidth(); w >= minTextWidth && p.Indent > w/2 {
		ds.Errorf(keys.at(file, "indent"), "indent %s is more than half the text block (%s wide)", formatLength(p.Indent/mm, "mm"), formatLength(w/mm, "mm"))
	}
	if p.Color == "color" && p.PDFX == "x-1a" {
		ds.Warnf(keys.at(file, "color"), "pdf-x: x-1a needs CMYK or gray only; a color book is written without a PDF/X claim (set pdf-x: none to silence this)")
		p.PDFX = "none"
	}
}

// The ranges of the page's geometry, in points.
const (
	minTrim      = 50 * 72 / 25.4   // 50 mm
	maxTrim      = 1000 * 72 / 25.4 // 1 m
	minTextWidth = 72.0             // 1 in, some 25 mm
)

// formatLength writes v (in unit) with at most one decimal.
func formatLength(v float64, unit string) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	return s + " " + unit
}

// outputConditions are registered characterizations (ICC registry,
// http://www.color.org) a PDF/X output intent may name without embedding
// a profile, with their description.
var outputConditions = []struct{ ID, Info string }{
	{"FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004, paper type 1 or 2)"},
	{"FOGRA51", "PSO Coated v3 (ISO 12647-2:2013, PT1)"},
	{"FOGRA52", "PSO Uncoated v3 (ISO 12647-2:2013, PT5)"},
	{"FOGRA29", "Uncoated FOGRA29 (ISO 12647-2:2004, paper type 4)"},
	{"CGATS TR 001", "SWOP (Publication) Grade 1 Paper"},
	{"CGATS21_CRPC1", "CGATS 21-2 CRPC1, uncoated paper"},
}

func outputConditionNames() []string {
	var out []string
	for _, c := range outputConditions {
		out = append(out, strings.ToLower(c.ID))
	}
	return out
}

func canonicalCondition(s string) string {
	for _, c := range outputConditions {
		if strings.EqualFold(c.ID, s) {
			return c.ID
		}
	}
	return s
}

// OutputConditionInfo describes the layout's output condition.
func (p *Print) OutputConditionInfo() string {
	for _, c := range outputConditions {
		if c.ID == p.OutputCondition {
			return c.Info
		}
	}
	return p.OutputCondition
}
