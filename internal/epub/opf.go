package epub

import (
	"crypto/sha1"
	"fmt"
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// packageDocument writes package.opf: the metadata (titles, creators with
// their MARC roles, publisher, dates, identifiers, language, rights,
// description, subjects, the accessibility set and the page source), the
// manifest and the spine.
func (b *builder) packageDocument() ([]byte, error) {
	m := b.meta
	var w xw
	w.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w.open("package", "xmlns", "http://www.idpf.org/2007/opf", "version", "3.0", "unique-identifier", "pub-id",
		"xml:lang", b.lang, "dir", "ltr")
	w.nl()
	w.open("metadata", "xmlns:dc", "http://purl.org/dc/elements/1.1/")
	w.nl()
	meta := func(property, value string, attrs ...string) {
		w.elem("meta", value, append([]string{"property", property}, attrs...)...)
		w.nl()
	}
	dc := func(tag, value string, attrs ...string) {
		w.elem("dc:"+tag, value, attrs...)
		w.nl()
	}

	id := m.Identifier()
	if id == "" {
		id = b.fallbackIdentifier()
		b.ds.Warnf(m.Pos, "book.yaml gives no identifier (isbn or uuid): the EPUB uses %s, derived from the title and authors", id)
	}
	dc("identifier", id, "id", "pub-id")
	if strings.HasPrefix(id, "urn:isbn:") {
		meta("identifier-type", "15", "refines", "#pub-id", "scheme", "onix:codelist5")
	}
	title := m.Title
	if title == "" {
		title = "Untitled"
	}
	dc("title", title, "id", "title")
	meta("title-type", "main", "refines", "#title")
	if m.Subtitle != "" {
		dc("title", m.Subtitle, "id", "subtitle")
		meta("title-type", "subtitle", "refines", "#subtitle")
	}
	for i, c := range m.Creators {
		cid := fmt.Sprintf("creator-%d", i+1)
		tag := "contributor"
		if c.Role == "aut" || len(m.Authors()) == 0 {
			tag = "creator"
		}
		dc(tag, c.Name, "id", cid)
		if c.Role != "" {
			meta("role", c.Role, "refines", "#"+cid, "scheme", "marc:relators")
		}
		if c.FileAs != "" {
			meta("file-as", c.FileAs, "refines", "#"+cid)
		}
	}
	dc("language", b.lang)
	if m.Publisher != "" {
		dc("publisher", m.Publisher)
	}
	if m.Date != "" {
		dc("date", m.Date)
	}
	if m.Rights != "" {
		dc("rights", m.Rights)
	}
	if m.Description != "" {
		dc("description", m.Description)
	}
	for _, s := range m.Subjects {
		dc("subject", s)
	}
	meta("dcterms:modified", b.opts.ModTime.UTC().Format("2006-01-02T15:04:05Z"))
	for _, kv := range b.a11yMeta() {
		meta(kv[0], kv[1])
	}
	if b.accessibilityFacts().conforms() {
		meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
	}
	if len(b.pageList) > 0 {
		// The source of the page-break markers: the print edition. EPUB
		// 3.2 and 3.3 declare it with dc:source refined by source-of; the
		// newer pageBreakSource property is refused by EPUBCheck 4 (see
		// docs/epub.md).
		src := id
		if m.PrintISBN != "" {
			src = "urn:isbn:" + model.CompactISBN(m.PrintISBN)
		}
		dc("source", src, "id", "page-source")
		meta("source-of", "pagination", "refines", "#page-source")
	}
	w.empty("meta", "name", "cover", "content", "cover-image")
	w.nl()
	w.close("metadata")
	w.nl()

	w.open("manifest")
	w.nl()
	for _, it := range b.items {
		w.empty("item", "id", it.id, "href", it.href, "media-type", it.mediaType, "properties", it.props)
		w.nl()
	}
	w.close("manifest")
	w.nl()
	w.open("spine")
	w.nl()
	for _, it := range b.spine {
		w.empty("itemref", "idref", it.id)
		w.nl()
	}
	w.close("spine")
	w.nl()
	w.close("package")
	w.nl()
	return []byte(w.String()), nil
}

// fallbackIdentifier derives a stable urn:uuid (name-based, version 5
// layout) from the title and authors, for books that give no identifier.
func (b *builder) fallbackIdentifier() string {
	h := sha1.Sum([]byte("publish:" + b.meta.Title + "\x00" + strings.Join(b.authorNames(), "\x00")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
