package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/model"
)

// PDFX1a is the PDF/X version the file claims with pdf-x: x-1a.
const PDFX1a = "PDF/X-1a:2003"

// finishOptions say how to finish fpdf's output for the printer.
type finishOptions struct {
	pages   int
	lay     *layout.Print
	meta    *model.Metadata
	modTime time.Time
	fonts   *fontSet
	// pageLabels is the /PageLabels number tree (see pageLabelTree), or
	// "" for none.
	pageLabels string
	// cache keeps compressed streams between builds (a nil *Cache for
	// none).
	cache streamStore
	// chunks are the text of the pages drawn ahead, which fpdf's page
	// streams hold in their place (contentChunks); nil for none.
	chunks *contentChunks
}

// finished is the printer-ready file and what was done to it.
type finished struct {
	data []byte
	pdfx string
	// fonts lists the embedded fonts' subset names.
	fonts []string
}

// pdfObject is one indirect object of fpdf's output.
type pdfObject struct {
	num  int
	body []byte // between "N 0 obj\n" and "endobj"
}

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reTrailer   = regexp.MustCompile(`/Root (\d+) 0 R\s*/Info (\d+) 0 R`)
	reXObject   = regexp.MustCompile(`/I([0-9a-f]+) (\d+) 0 R`)
	reFontName  = regexp.MustCompile(`/(BaseFont|FontName) /utf8(serifBI|serifI|serifB|serifTI|serifT|serif|mono|smallcaps)\b`)
	reFontFile  = regexp.MustCompile(`/FontFile2 (\d+) 0 R`)
	// rePageBox matches the page boxes fpdf writes (in map order).
	rePageBox = regexp.MustCompile(`/(MediaBox|TrimBox|BleedBox|CropBox|ArtBox) \[[^\]]*\]\n`)
	// reEmptyNames matches the empty EmbeddedFiles name tree fpdf writes.
	reEmptyNames = regexp.MustCompile(`(?s)/Names <<\n/EmbeddedFiles << /Names \[\s*\] >>\n>>\n`)
)

// finish rewrites fpdf's output into the file a printer takes. fpdf
// cannot write these itself: the page boxes in a stable order (it writes
// them from a map), a document ID (it writes /ID only when encrypting),
// the subset tag of embedded fonts (ABCDEF+Name), the PDF/X keys of the
// Info dictionary and an output intent naming a registered printing
// condition without an ICC profile (its AddOutputIntent always embeds an
// RGB profile), XMP metadata matching the Info dictionary, and image
// objects in a stable order (it orders equal-width images by map order).
// It also removes the page transparency group fpdf adds from PDF 1.4 on
// (a DeviceRGB blending space, forbidden in a gray PDF/X-1a file).
func finish(raw []byte, o finishOptions) (*finished, error) {
	objs, root, info, err := splitObjects(raw)
	if err != nil {
		return nil, err
	}
	if err := ligatureToUnicode(objs); err != nil {
		return nil, err
	}
	if err := compressStreams(objs, o.cache, o.chunks); err != nil {
		return nil, err
	}
	byNum := map[int]*pdfObject{}
	maxNum := 0
	for _, ob := range objs {
		byNum[ob.num] = ob
		maxNum = max(maxNum, ob.num)
	}
	res := &finished{}
	if o.lay.PDFX == "x-1a" {
		res.pdfx = PDFX1a
	}
	lay := o.lay
	m := lay.Bleed + lay.MarkSpace()
	mw, mh := lay.TrimWidth+2*m, lay.TrimHeight+2*m
	boxes := fmt.Sprintf("/MediaBox [0 0 %s %s]\n/BleedBox [%s %s %s %s]\n/TrimBox [%s %s %s %s]\n",
		num(mw), num(mh),
		num(m-lay.Bleed), num(m-lay.Bleed), num(mw-m+lay.Bleed), num(mh-m+lay.Bleed),
		num(m), num(m), num(mw-m), num(mh-m))
	pages := 0
	for _, ob := range objs {
		if !bytes.HasPrefix(ob.body, []byte("<</Type /Page\n")) {
			continue
		}
		pages++
		// fpdf v0.12.0 writes the media box in the page tree, a page's
		// own boxes only for a page of another size, and the group from
		// PDF 1.4 on: whatever it wrote, the page must end with the
		// three boxes written here and no group.
		b := ob.body
		b = rePageBox.ReplaceAll(b, nil)
		b = bytes.Replace(b, []byte("/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>\n"), nil, 1)
		b, err = replaceCounted(b, "/Parent 1 0 R\n", "/Parent 1 0 R\n"+boxes, 1, fmt.Sprintf("page object %d", ob.num))
		if err != nil {
			return nil, err
		}
		for _, box := range []string{"/MediaBox ", "/TrimBox ", "/BleedBox "} {
			if n := bytes.Count(b, []byte(box)); n != 1 {
				return nil, fmt.Errorf("page object %d has %d %s entries after the boxes were set, not 1: fpdf's page objects are not as finish expects", ob.num, n, strings.TrimSpace(box))
			}
		}
		if bytes.Contains(b, []byte("/Group")) {
			return nil, fmt.Errorf("page object %d keeps a transparency group fpdf wrote in a form finish does not know", ob.num)
		}
		ob.body = b
	}
	// Annotations as indirect objects (fpdf writes them inline in /Annots).
	for _, ob := range append([]*pdfObject(nil), objs...) {
		if !bytes.HasPrefix(ob.body, []byte("<</Type /Page\n")) {
			continue
		}
		body, annots, err := indirectAnnots(ob.body, maxNum+1)
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", ob.num, err)
		}
		ob.body = body
		for _, a := range annots {
			maxNum++
			n := &pdfObject{num: maxNum, body: append(a, '\n')}
			objs = append(objs, n)
			byNum[n.num] = n
		}
	}
	if pages != o.pages {
		return nil, fmt.Errorf("found %d page objects, expected %d", pages, o.pages)
	}
	if err := canonicalImages(byNum); err != nil {
		return nil, err
	}
	if err := outlineCounts(objs); err != nil {
		return nil, err
	}
	if res.fonts, err = tagFonts(objs, byNum, o.fonts); err != nil {
		return nil, err
	}

	// XMP metadata and the Info dictionary say the same.
	maxNum++
	xmpNum := maxNum
	xmp := xmpPacket(o, res.pdfx)
	objs = append(objs, &pdfObject{num: xmpNum, body: []byte(fmt.Sprintf("<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream\n", len(xmp), xmp))})
	byNum[info].body = []byte(infoDict(o, res.pdfx))

	cat := byNum[root]
	if cat == nil {
		return nil, fmt.Errorf("no catalog object %d", root)
	}
	cb := cat.body
	cb = reEmptyNames.ReplaceAll(cb, nil)
	if bytes.Contains(cb, []byte("/EmbeddedFiles")) {
		return nil, fmt.Errorf("the catalog keeps an /EmbeddedFiles name tree in a form finish does not know (PDF/X-1a allows no attachment)")
	}
	var extra strings.Builder
	fmt.Fprintf(&extra, "/Metadata %d 0 R\n", xmpNum)
	if o.pageLabels != "" {
		// An indirect object: pdfcpu validates the tree only then.
		maxNum++
		objs = append(objs, &pdfObject{num: maxNum, body: []byte(o.pageLabels)})
		fmt.Fprintf(&extra, "/PageLabels %d 0 R\n", maxNum)
	}
	if res.pdfx != "" {
		fmt.Fprintf(&extra, "/OutputIntents [<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier %s /RegistryName (http://www.color.org) /OutputCondition %s /Info %s>>]\n",
			pdfString(lay.OutputCondition), pdfString(lay.OutputConditionInfo()), pdfString(lay.OutputConditionInfo()))
	}
	if cb, err = replaceCounted(cb, "/Type /Catalog\n", "/Type /Catalog\n"+extra.String(), 1, "the catalog"); err != nil {
		return nil, err
	}
	cat.body = cb

	// Write the file again: header, objects in number order, xref, trailer.
	sort.Slice(objs, func(i, j int) bool { return objs[i].num < objs[j].num })
	var out bytes.Buffer
	size := 64
	for _, ob := range objs {
		size += len(ob.body) + 32
	}
	out.Grow(size + 21*(maxNum+1) + 256) // objects, xref entries, trailer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, maxNum+1)
	for _, ob := range objs {
		offsets[ob.num] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n", ob.num)
		out.Write(ob.body)
		out.WriteString("endobj\n")
	}
	id := documentID(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", maxNum+1)
	for n := 1; n <= maxNum; n++ {
		if offsets[n] == 0 {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		maxNum+1, root, info, id, id, xref)
	res.data = out.Bytes()
	return res, nil
}

// documentID returns the file's /ID (both halves of it): 16 bytes in
// hexadecimal, drawn from body, the file's header and objects. The two
// halves of body are hashed side by side (SHA-256) and the ID is the
// start of the SHA-256 of their two sums: the last step of a build that
// works alone, it took 2 ms as one MD5 of a novel's 2 MB. The same body
// gives the same ID, as ISO 32000-1 (14.4) asks of a file written again
// unchanged.
func documentID(body []byte) string {
	mid := len(body) / 2
	var halves [2][32]byte
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		halves[1] = sha256.Sum256(body[mid:])
	}()
	halves[0] = sha256.Sum256(body[:mid])
	wg.Wait()
	sum := sha256.Sum256(append(halves[0][:], halves[1][:]...))
	return hex.EncodeToString(sum[:16])
}

// splitObjects cuts fpdf's output into its objects using its xref table,
// and returns the catalog's and Info dictionary's numbers.
func splitObjects(raw []byte) (objs []*pdfObject, root, info int, err error) {
	// The trailer's startxref is the file's last: match from there, not
	// across the whole file (the same match: the pattern holds no letter
	// after "startxref" and must end the file).
	tail := raw
	if i := bytes.LastIndex(raw, []byte("startxref")); i >= 0 {
		tail = raw[i:]
	}
	mx := reStartXref.FindSubmatch(tail)
	if mx == nil {
		return nil, 0, 0, fmt.Errorf("no startxref")
	}
	xref, _ := strconv.Atoi(string(mx[1]))
	if xref <= 0 || xref >= len(raw) || !bytes.HasPrefix(raw[xref:], []byte("xref\n")) {
		return nil, 0, 0, fmt.Errorf("bad xref offset %d", xref)
	}
	lines := strings.Split(string(raw[xref:]), "\n")
	var head [2]int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &head[0], &head[1]); err != nil || head[0] != 0 {
		return nil, 0, 0, fmt.Errorf("bad xref section %q", lines[1])
	}
	type entry struct{ num, off int }
	var entries []entry
	for n := 1; n < head[1]; n++ {
		f := strings.Fields(lines[2+n])
		if len(f) != 3 || f[2] != "n" {
			continue
		}
		off, _ := strconv.Atoi(f[0])
		entries = append(entries, entry{n, off})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].off < entries[j].off })
	for i, e := range entries {
		end := xref
		if i+1 < len(entries) {
			end = entries[i+1].off
		}
		chunk := raw[e.off:end]
		hdr := fmt.Sprintf("%d 0 obj\n", e.num)
		if !bytes.HasPrefix(chunk, []byte(hdr)) {
			return nil, 0, 0, fmt.Errorf("object %d not at its xref offset", e.num)
		}
		body := chunk[len(hdr):]
		k := bytes.LastIndex(body, []byte("endobj"))
		if k < 0 {
			return nil, 0, 0, fmt.Errorf("object %d has no endobj", e.num)
		}
		// The body is raw's own bytes, not a copy (the whole file, some
		// megabytes a build); its capacity ends with it, so that an append
		// to it makes a new slice instead of writing over the next object.
		// finish's edits all make new slices.
		objs = append(objs, &pdfObject{num: e.num, body: body[:k:k]})
	}
	mt := reTrailer.FindSubmatch(raw[xref:])
	if mt == nil {
		return nil, 0, 0, fmt.Errorf("no /Root and /Info in the trailer")
	}
	root, _ = strconv.Atoi(string(mt[1]))
	info, _ = strconv.Atoi(string(mt[2]))
	return objs, root, info, nil
}

// canonicalImages gives the image objects numbers in the order of their
// names (a hash of their content), whatever order fpdf wrote them in.
func canonicalImages(byNum map[int]*pdfObject) error {
	res := byNum[2]
	if res == nil {
		return fmt.Errorf("no resource dictionary")
	}
	ms := reXObject.FindAllSubmatch(res.body, -1)
	if len(ms) < 2 {
		return nil
	}
	type img struct {
		name string
		num  int
	}
	var imgs []img
	var nums []int
	for _, m := range ms {
		n, _ := strconv.Atoi(string(m[2]))
		ob := byNum[n]
		if ob == nil || !bytes.Contains(ob.body, []byte("/Subtype /Image")) {
			return fmt.Errorf("XObject %d is not an image", n)
		}
		if bytes.Contains(ob.body, []byte("/SMask")) || bytes.Contains(ob.body, []byte("/Indexed")) {
			return fmt.Errorf("image %d has a mask or palette object: cannot order it", n)
		}
		imgs = append(imgs, img{string(m[1]), n})
		nums = append(nums, n)
	}
	sort.Ints(nums)
	sort.Slice(imgs, func(i, j int) bool { return imgs[i].name < imgs[j].name })
	bodies := map[int][]byte{}
	for _, im := range imgs {
		bodies[im.num] = byNum[im.num].body
	}
	var dict strings.Builder
	for i, im := range imgs {
		byNum[nums[i]].body = bodies[im.num]
		fmt.Fprintf(&dict, "/I%s %d 0 R\n", im.name, nums[i])
	}
	// Rewrite the XObject dictionary in name order.
	start := reXObject.FindIndex(res.body)
	all := reXObject.FindAllIndex(res.body, -1)
	end := all[len(all)-1][1]
	if end < len(res.body) && res.body[end] == '\n' {
		end++
	}
	res.body = append(append(append([]byte(nil), res.body[:start[0]]...), dict.String()...), res.body[end:]...)
	return nil
}

// tagFonts names each embedded subset font TAG+PostScriptName, the tag
// being six capitals drawn from a hash of the subset's bytes (ISO 32000-1
// 9.6.4), and returns the names.
func tagFonts(objs []*pdfObject, byNum map[int]*pdfObject, fs *fontSet) ([]string, error) {
	tags := map[string]string{} // fpdf style -> tagged name
	for _, ob := range objs {
		if !bytes.HasPrefix(ob.body, []byte("<</Type /FontDescriptor")) {
			continue
		}
		m := reFontName.FindSubmatch(ob.body)
		ff := reFontFile.FindSubmatch(ob.body)
		if m == nil || ff == nil {
			return nil, fmt.Errorf("font descriptor %d has no /FontName /utf8serif… (or /utf8mono) or no /FontFile2: fpdf's font objects are not as finish expects", ob.num)
		}
		n, _ := strconv.Atoi(string(ff[1]))
		file := byNum[n]
		if file == nil {
			return nil, fmt.Errorf("font descriptor %d names a font file object %d that is not in the file", ob.num, n)
		}
		sum := sha256.Sum256(file.body)
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = 'A' + sum[i]%26
		}
		style := fontNameStyle(string(m[2]))
		tags[style] = string(tag) + "+" + fs.psName(style)
	}
	var names []string
	for _, ob := range objs {
		// The names are in dictionaries: a stream's bytes (content
		// streams, font files, a few megabytes) are neither searched
		// (2 ms of a novel's build, alone on its core) nor copied by
		// ReplaceAllFunc, and a compressed stream that happened to hold
		// the bytes of a name would be left as it is. Every match holds
		// " /utf8".
		dict := dictPart(ob.body)
		if !bytes.Contains(dict, []byte(" /utf8")) {
			continue
		}
		named := reFontName.ReplaceAllFunc(dict, func(b []byte) []byte {
			m := reFontName.FindSubmatch(b)
			name, ok := tags[fontNameStyle(string(m[2]))]
			if !ok {
				return b
			}
			return []byte("/" + string(m[1]) + " /" + name)
		})
		ob.body = append(named[:len(named):len(named)], ob.body[len(dict):]...)
	}
	for _, ob := range objs {
		if d := dictPart(ob.body); bytes.Contains(d, []byte("/utf8serif")) || bytes.Contains(d, []byte("/utf8mono")) || bytes.Contains(d, []byte("/utf8smallcaps")) {
			return nil, fmt.Errorf("object %d keeps fpdf's font name utf8serif… or utf8mono after the fonts were named", ob.num)
		}
	}
	for _, n := range tags {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// dictPart returns an object's body before its stream, if it has one.
func dictPart(body []byte) []byte {
	if i := bytes.Index(body, []byte("stream\n")); i >= 0 {
		return body[:i]
	}
	return body
}

// replaceCounted replaces old by new in b, checking first that old occurs
// exactly want times: each edit of fpdf's bytes depends on its exact
// output (v0.12.0), and an edit that finds nothing to change must fail
// loudly rather than leave a file that only looks finished.
func replaceCounted(b []byte, old, new string, want int, where string) ([]byte, error) {
	if n := bytes.Count(b, []byte(old)); n != want {
		return nil, fmt.Errorf("%s: %q found %d times, expected %d: fpdf's output is not as finish expects", where, strings.TrimSpace(old), n, want)
	}
	return bytes.Replace(b, []byte(old), []byte(new), want), nil
}

// fontNameStyle returns the fontSet style of the font fpdf names
// "utf8"+name: the serif's style letters, or monoStyle.
func fontNameStyle(name string) string {
	switch name {
	case "mono":
		return monoStyle
	case "smallcaps":
		return smallCapsStyle
	}
	return strings.TrimPrefix(name, "serif")
}

// num formats a coordinate with at most three decimals.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// pdfString writes s as a PDF string: literal when ASCII, else UTF-16BE
// with a byte order mark, in hex.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r > 126 || r < 32 {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var sb strings.Builder
	sb.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&sb, "%04X", u)
	}
	sb.WriteString(">")
	return sb.String()
}

func pdfDate(t time.Time) string { return "D:" + t.UTC().Format("20060102150405") + "+00'00'" }

func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05") + "+00:00" }

// infoFields are the document's Info entries, shared with the XMP.
func infoFields(o finishOptions) (title, author, subject, keywords string) {
	title = o.meta.Title
	author = authorNames(o.meta)
	subject = o.meta.Subtitle
	if subject == "" {
		subject = o.meta.Description
	}
	keywords = strings.Join(o.meta.Subjects, "; ")
	return
}

func infoDict(o finishOptions, pdfx string) string {
	title, author, subject, keywords := infoFields(o)
	var sb strings.Builder
	sb.WriteString("<<\n")
	put := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&sb, "/%s %s\n", k, pdfString(v))
		}
	}
	put("Title", title)
	put("Author", author)
	put("Subject", subject)
	put("Keywords", keywords)
	put("Creator", "publish")
	put("Producer", Producer)
	put("CreationDate", pdfDate(o.modTime))
	put("ModDate", pdfDate(o.modTime))
	sb.WriteString("/Trapped /False\n")
	if pdfx != "" {
		put("GTS_PDFXVersion", pdfx)
	}
	sb.WriteString(">>\n")
	return sb.String()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// uuidFrom makes a stable UUID (version 5 layout) from text.
func uuidFrom(s string) string {
	h := sha256.Sum256([]byte(s))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	x := hex.EncodeToString(h[:16])
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// xmpPacket is the document's XMP metadata, matching the Info dictionary.
func xmpPacket(o finishOptions, pdfx string) string {
	title, author, subject, keywords := infoFields(o)
	d := xmpDate(o.modTime)
	var sb strings.Builder
	sb.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	sb.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	sb.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n")
	sb.WriteString("<dc:format>application/pdf</dc:format>\n")
	fmt.Fprintf(&sb, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlEscape(title))
	if author != "" {
		fmt.Fprintf(&sb, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlEscape(author))
	}
	if subject != "" {
		fmt.Fprintf(&sb, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlEscape(subject))
	}
	if o.meta.Language != "" {
		fmt.Fprintf(&sb, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", xmlEscape(o.meta.Language))
	}
	fmt.Fprintf(&sb, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", d, d, d)
	sb.WriteString("<xmp:CreatorTool>publish</xmp:CreatorTool>\n")
	fmt.Fprintf(&sb, "<pdf:Producer>%s</pdf:Producer>\n", xmlEscape(Producer))
	if keywords != "" {
		fmt.Fprintf(&sb, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlEscape(keywords))
	}
	sb.WriteString("<pdf:Trapped>False</pdf:Trapped>\n")
	if pdfx != "" {
		fmt.Fprintf(&sb, "<pdfxid:GTS_PDFXVersion>%s</pdfxid:GTS_PDFXVersion>\n", pdfx)
	}
	ident := o.meta.Identifier()
	fmt.Fprintf(&sb, "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n", uuidFrom("document "+ident))
	fmt.Fprintf(&sb, "<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n", uuidFrom("instance "+ident+" "+d))
	sb.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	sb.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	sb.WriteString("<?xpacket end=\"w\"?>")
	return sb.String()
}

// indirectAnnots moves the annotation dictionaries of a page's /Annots
// array into objects numbered from next, as ISO 32000-1 (12.5.2) asks.
func indirectAnnots(body []byte, next int) ([]byte, [][]byte, error) {
	key := []byte("/Annots [")
	i := bytes.Index(body, key)
	if i < 0 {
		return body, nil, nil
	}
	j := i + len(key)
	var refs strings.Builder
	var annots [][]byte
	for {
		for j < len(body) && (body[j] == ' ' || body[j] == '\n' || body[j] == '\r') {
			j++
		}
		if j >= len(body) {
			return nil, nil, fmt.Errorf("unterminated /Annots")
		}
		if body[j] == ']' {
			break
		}
		if !bytes.HasPrefix(body[j:], []byte("<<")) {
			return nil, nil, fmt.Errorf("unexpected %q in /Annots", body[j])
		}
		end, err := dictEnd(body, j)
		if err != nil {
			return nil, nil, err
		}
		annots = append(annots, append([]byte(nil), body[j:end]...))
		fmt.Fprintf(&refs, "%d 0 R ", next+len(annots)-1)
		j = end
	}
	out := append([]byte(nil), body[:i+len(key)]...)
	out = append(out, strings.TrimSpace(refs.String())...)
	out = append(out, body[j:]...)
	return out, annots, nil
}

// dictEnd returns the index just past the dictionary starting at i,
// skipping strings in parentheses.
func dictEnd(b []byte, i int) (int, error) {
	depth := 0
	for i < len(b) {
		switch {
		case b[i] == '(':
			nest := 0
			for i < len(b) {
				if b[i] == '\\' {
					i += 2
					continue
				}
				if b[i] == '(' {
					nest++
				} else if b[i] == ')' {
					nest--
					if nest == 0 {
						break
					}
				}
				i++
			}
			i++
		case bytes.HasPrefix(b[i:], []byte("<<")):
			depth++
			i += 2
		case bytes.HasPrefix(b[i:], []byte(">>")):
			depth--
			i += 2
			if depth == 0 {
				return i, nil
			}
		default:
			i++
		}
	}
	return 0, fmt.Errorf("unterminated dictionary")
}

var reOutlineParent = regexp.MustCompile(`(?m)^/Parent (\d+) 0 R$`)

// outlineCounts gives every bookmark that has children (a chapter with its
// sections) the /Count ISO 32000-1 §12.3.3 asks for: fpdf writes 0, which
// is only right for a bookmark without children. The bookmark is closed:
// the count is minus its children (their own children, closed too, are
// not counted).
func outlineCounts(objs []*pdfObject) error {
	children := map[int]int{}
	for _, ob := range objs {
		if !bytes.HasPrefix(ob.body, []byte("<</Title ")) {
			continue
		}
		if m := reOutlineParent.FindSubmatch(ob.body); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			children[n]++
		}
	}
	for _, ob := range objs {
		k := children[ob.num]
		if k == 0 || !bytes.HasPrefix(ob.body, []byte("<</Title ")) || !bytes.Contains(ob.body, []byte("\n/First ")) {
			continue
		}
		b, err := replaceCounted(ob.body, "/Count 0>>", "/Count -"+strconv.Itoa(k)+">>", 1, fmt.Sprintf("bookmark object %d", ob.num))
		if err != nil {
			return err
		}
		ob.body = b
	}
	return nil
}

// fpdfIdentityRange is the one mapping of the ToUnicode CMap fpdf v0.12.0
// writes for a font: every code to the same Unicode point.
const fpdfIdentityRange = "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"

// ligatureCMapRanges is the identity mapping with the ligatures ff, fi, fl,
// ffi, ffl (U+FB00–FB04, drawn from the font's cmap) mapped to their
// letters, so that copied and searched text reads "fi", not "ﬁ", and the
// superior letters of ordinals (ᵉ ʳ ˢ ᵈ, see superiors) to e r s d, so
// that "1ᵉʳ" reads "1er". A bfchar entry may map one code to several
// characters (ISO 32000-1 9.10.3).
var ligatureCMapRanges = cmapRanges(map[rune]string{
	0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
	'\u1D49': "e", '\u02B3': "r", '\u02E2': "s", '\u1D48': "d",
})

// cmapRanges writes the bfrange and bfchar sections of a ToUnicode CMap
// that maps every code to the same Unicode point but those of remap,
// which map to their strings.
func cmapRanges(remap map[rune]string) string {
	codes := make([]int, 0, len(remap))
	for r := range remap {
		codes = append(codes, int(r))
	}
	sort.Ints(codes)
	var ranges []string
	from := 0
	for _, c := range codes {
		if c > from {
			ranges = append(ranges, fmt.Sprintf("<%04X> <%04X> <%04X>\n", from, c-1, from))
		}
		from = c + 1
	}
	if from <= 0xFFFF {
		ranges = append(ranges, fmt.Sprintf("<%04X> <FFFF> <%04X>\n", from, from))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d beginbfrange\n%sendbfrange\n", len(ranges), strings.Join(ranges, ""))
	fmt.Fprintf(&b, "%d beginbfchar\n", len(codes))
	for _, c := range codes {
		fmt.Fprintf(&b, "<%04X> <", c)
		for _, u := range utf16.Encode([]rune(remap[rune(c)])) {
			fmt.Fprintf(&b, "%04X", u)
		}
		b.WriteString(">\n")
	}
	b.WriteString("endbfchar\n")
	return b.String()
}

// ligatureToUnicode rewrites the ToUnicode CMap of every font fpdf wrote
// (see ligatureCMapRanges), checking that each font's CMap was found and
// changed.
func ligatureToUnicode(objs []*pdfObject) error {
	byNum := map[int]*pdfObject{}
	for _, ob := range objs {
		byNum[ob.num] = ob
	}
	for _, ob := range objs {
		if !bytes.HasPrefix(ob.body, []byte("<</Type /Font\n/Subtype /Type0\n")) {
			continue
		}
		m := reToUnicode.FindSubmatch(ob.body)
		if m == nil {
			return fmt.Errorf("font object %d has no /ToUnicode reference: fpdf's font objects are not as finish expects", ob.num)
		}
		n, _ := strconv.Atoi(string(m[1]))
		cm := byNum[n]
		if cm == nil {
			return fmt.Errorf("font object %d names a ToUnicode object %d that is not in the file", ob.num, n)
		}
		where := fmt.Sprintf("ToUnicode CMap object %d", n)
		lm := reLength.FindSubmatch(cm.body)
		if lm == nil {
			return fmt.Errorf("%s has no /Length: fpdf's output is not as finish expects", where)
		}
		oldLen, _ := strconv.Atoi(string(lm[1]))
		b, err := replaceCounted(cm.body, fpdfIdentityRange, ligatureCMapRanges, 1, where)
		if err != nil {
			return err
		}
		newLen := oldLen + len(ligatureCMapRanges) - len(fpdfIdentityRange)
		if b, err = replaceCounted(b, fmt.Sprintf("<</Length %d>>", oldLen), fmt.Sprintf("<</Length %d>>", newLen), 1, where); err != nil {
			return err
		}
		cm.body = b
	}
	return nil
}

var (
	reToUnicode = regexp.MustCompile(`/ToUnicode (\d+) 0 R`)
	reLength    = regexp.MustCompile(`^<</Length (\d+)>>`)
)
