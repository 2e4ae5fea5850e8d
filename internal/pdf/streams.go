package pdf

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/zlib"
)

// streamLevel is the deflate level of the PDF's streams. At level 1
// klauspost/compress deflates the streams of a 300-page novel in two
// thirds of the time Go's compress/zlib takes at its fastest level, to a
// stream 3 % smaller; its levels 2 and 3 gain another 3 to 4 % for 5 to
// 20 % more time.
const streamLevel = 1

// streamStore keeps deflated stream bodies by their plain bytes: the
// in-memory Cache of publish watch, or the PrintFile of publish build.
// Both methods are safe on a nil store and from several goroutines.
type streamStore interface {
	compressed(plain []byte) ([]byte, streamRef)
	keepCompressed(plain []byte, ref streamRef, body []byte)
}

// streamRef is the key a streamStore computed for a stream in
// compressed, given back to keepCompressed so that it is not computed
// twice; ok is false when it computed none.
type streamRef struct {
	key [32]byte
	ok  bool
}

// compressStreams deflates the streams fpdf was told to leave
// uncompressed (page contents, embedded fonts). fpdf's own compression
// makes a new zlib writer, with its tables of about 1.5 MB, for every
// page: 445 MB allocated for a 300-page novel, nine tenths of the whole
// build's allocations. Here each worker reuses one writer through Reset,
// and the streams are compressed on all cores; each stream's bytes depend
// on its content only, so the file is the same whatever the order, and
// a stream found in cache (the same plain bytes in an earlier build) is
// not compressed again. The compressor is klauspost/compress's, whose
// output, like Go's, depends on the input and level only (a reused writer
// gives the bytes of a fresh one), at the pinned version of go.mod. The
// text chunks of the pages drawn ahead, when chunks is not nil, are put
// back in place of their placeholders first (contentChunks), each once.
func compressStreams(objs []*pdfObject, cache streamStore, chunks *contentChunks) error {
	if cache == nil {
		cache = (*Cache)(nil) // keeps nothing
	}
	if chunks != nil {
		chunks.placed = make([]atomic.Int32, len(chunks.list))
	}
	var todo []*pdfObject
	for _, ob := range objs {
		if _, _, ok := plainStream(ob.body); ok {
			todo = append(todo, ob)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)/16))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	// The workers take the next stream from one counter rather than every
	// workers-th stream each: the EPUB is written alongside, and a worker
	// that got less of a core while it was (one of three goroutines on
	// two cores) would be left with a share of its own to finish alone.
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf, whole bytes.Buffer
			zw, err := zlib.NewWriterLevel(&buf, streamLevel)
			if err != nil {
				errs[w] = err
				return
			}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(todo) {
					return
				}
				ob := todo[i]
				plain := ob.body
				if chunks.in(plain) {
					// A page drawn ahead: its text comes back into
					// its content stream here (record.go).
					if plain, err = chunks.expand(ob, &whole); err != nil {
						errs[w] = err
						return
					}
				}
				body, ref := cache.compressed(plain)
				if body != nil {
					ob.body = body
					continue
				}
				if err := compressStream(ob, plain, zw, &buf); err != nil {
					errs[w] = err
					return
				}
				cache.keepCompressed(plain, ref, ob.body)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("compress streams: %w", err)
		}
	}
	return chunks.allPlaced()
}

// plainStream returns the dictionary and data of a stream object that has
// no filter yet (and is not XMP metadata, which stays readable).
func plainStream(body []byte) (dict, data []byte, ok bool) {
	if !bytes.HasPrefix(body, []byte("<<")) {
		return nil, nil, false
	}
	i := bytes.Index(body, []byte(">>\nstream\n"))
	if i < 0 || !bytes.HasSuffix(body, []byte("\nendstream\n")) {
		return nil, nil, false
	}
	dict = body[:i]
	if bytes.Contains(dict, []byte("/Filter")) || bytes.Contains(dict, []byte("/Type /Metadata")) ||
		!bytes.Contains(dict, []byte("/Length ")) {
		return nil, nil, false
	}
	return dict, body[i+len(">>\nstream\n") : len(body)-len("\nendstream\n")], true
}

// compressStream sets the body of ob to its plain body plain, deflated.
func compressStream(ob *pdfObject, plain []byte, zw *zlib.Writer, buf *bytes.Buffer) error {
	dict, data, _ := plainStream(plain)
	li := bytes.Index(dict, []byte("/Length "))
	end := li + len("/Length ")
	for end < len(dict) && dict[end] >= '0' && dict[end] <= '9' {
		end++
	}
	buf.Reset()
	zw.Reset(buf)
	if _, err := zw.Write(data); err != nil {
		return fmt.Errorf("object %d: %w", ob.num, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("object %d: %w", ob.num, err)
	}
	var nb bytes.Buffer
	nb.Grow(len(dict) + buf.Len() + 64)
	nb.WriteString("<</Filter /FlateDecode ")
	nb.Write(bytes.TrimLeft(dict[2:li], " "))
	nb.WriteString("/Length " + strconv.Itoa(buf.Len()))
	nb.Write(dict[end:])
	nb.WriteString(">>\nstream\n")
	nb.Write(buf.Bytes())
	nb.WriteString("\nendstream\n")
	ob.body = nb.Bytes()
	return nil
}
