package typo

import (
	"bytes"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/publish-books/publish/internal/model"
)

// locator finds where a reported word stands in its manuscript file, so
// that a suggestion points at the word rather than at its paragraph. The
// model keeps positions of blocks only; the locator reads the file once
// and searches the word from the block's start.
type locator struct {
	dir   string
	files map[string]*sourceFile
}

type sourceFile struct {
	src    []byte
	starts []int       // byte offset of each line
	next   map[int]int // block start offset -> where the next search begins
}

// searchWindow bounds how far after its block's start a word is looked
// for.
const searchWindow = 64 << 10

func newLocator(dir string) *locator {
	return &locator{dir: dir, files: map[string]*sourceFile{}}
}

// find returns the position of the first of needles found in pos's file
// after pos and after the words already found from the same place, or
// pos itself when the file cannot be read or holds none of them.
func (l *locator) find(pos model.Position, needles []string) model.Position {
	if pos.File == "" || pos.Line <= 0 {
		return pos
	}
	f := l.file(pos.File)
	if f == nil || pos.Line > len(f.starts) {
		return pos
	}
	start := f.starts[pos.Line-1]
	for c := 1; c < pos.Col && start < len(f.src) && f.src[start] != '\n'; c++ {
		_, size := utf8.DecodeRune(f.src[start:])
		start += size
	}
	from := start
	if n, ok := f.next[start]; ok {
		from = n
	}
	limit := min(len(f.src), from+searchWindow)
	best := -1
	bestLen := 0
	for _, nd := range needles {
		if nd == "" {
			continue
		}
		if k := bytes.Index(f.src[from:limit], []byte(nd)); k >= 0 && (best < 0 || from+k < best) {
			best, bestLen = from+k, len(nd)
		}
	}
	if best < 0 {
		return pos
	}
	f.next[start] = best + bestLen
	line := 0
	for lo, hi := 0, len(f.starts); lo < hi; {
		mid := (lo + hi) / 2
		if f.starts[mid] <= best {
			line, lo = mid, mid+1
		} else {
			hi = mid
		}
	}
	col := utf8.RuneCount(f.src[f.starts[line]:best]) + 1
	return model.Position{File: pos.File, Line: line + 1, Col: col}
}

func (l *locator) file(name string) *sourceFile {
	if f, ok := l.files[name]; ok {
		return f
	}
	// Positions name files as printed: relative to the working folder
	// (or absolute), else relative to the book folder.
	src, err := os.ReadFile(name)
	if err != nil && !filepath.IsAbs(name) && l.dir != "" {
		src, err = os.ReadFile(filepath.Join(l.dir, name))
	}
	if err != nil {
		l.files[name] = nil // the suggestion keeps the block's position
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	f := &sourceFile{src: src, starts: []int{0}, next: map[int]int{}}
	for i, c := range src {
		if c == '\n' {
			f.starts = append(f.starts, i+1)
		}
	}
	l.files[name] = f
	return f
}
