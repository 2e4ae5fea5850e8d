package manuscript

import (
	"bytes"
	"regexp"

	"github.com/publish-books/publish/internal/model"
)

// yamlKeyLine matches the first line of a YAML mapping: "title: …".
var yamlKeyLine = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*:(\s|$)`)

// dropMetadataBlock removes a pandoc YAML metadata block from the top of a
// chapter ("---", "title: …", "---" or "..."): publish takes the book's
// metadata from book.yaml, and CommonMark would print the block as a
// heading and text. The block is blanked in place, so that positions in
// the rest of the file stay right, and a warning says what was left out.
func (r *reader) dropMetadataBlock(file string, src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	body := src[4:]
	end := -1
	for off := 0; off < len(body); {
		nl := bytes.IndexByte(body[off:], '\n')
		line := body[off:]
		if nl >= 0 {
			line = body[off : off+nl]
		}
		if t := bytes.TrimRight(line, " \t"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			end = 4 + off + len(line)
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return src
	}
	first := bytes.TrimSpace(body[:bytes.IndexByte(body, '\n')+1])
	if !yamlKeyLine.Match(first) {
		return src
	}
	out := bytes.Clone(src)
	for i := 0; i < end; i++ {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	r.ds.Warnf(model.Position{File: file, Line: 1, Col: 1},
		"a YAML metadata block (pandoc's --- title: … ---) at the top of a chapter is left out: publish reads the book's title, authors and other metadata from book.yaml")
	return out
}
