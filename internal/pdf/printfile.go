package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/publish-books/publish/internal/cachefile"
	"github.com/publish-books/publish/internal/layout"
	"github.com/publish-books/publish/internal/typeset"
)

// Setting the paragraphs is the largest part of a build, and a book is
// built again and again with most of its paragraphs unchanged; deflating
// the pages' content streams is a tenth of what is left. A PrintFile
// keeps both in the build cache (out/.cache/print): the paragraphs a
// build set, each under the SHA-256 of everything the line breaker reads
// of it (paragraphKey), and the streams it deflated, each under the
// SHA-256 of its plain bytes, so that the next `publish build` reads the
// ones it finds instead of making them. The file is stamped with what
// else they depend on: the program itself (the caller's stamp, the
// SHA-256 of the executable, which fixes the line breaker and the
// compressor), the layout's hyphenation exceptions and the bytes of each
// font; a file with another stamp is not read. What is read back is what
// the line breaker or the compressor would give, so the PDF is byte for
// byte that of a build without the file (TestPrintFileSameBook).

// castagnoli is the CRC-32C table of the print cache file's checksum.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// printFileMagic opens a print cache file; a file of another format
// version is not read.
const printFileMagic = "publish print cache 1\n"

// PrintFile is the print edition's cache kept on disk between builds:
// set paragraphs and deflated streams. Its methods may be called from
// several goroutines.
type PrintFile struct {
	path    string
	program [32]byte
	// stamp is the file's stamp as read; old its entries by key (slices
	// of the file's bytes).
	stamp [32]byte
	old   map[[32]byte][]byte

	mu sync.Mutex
	// used holds the entries of this build, read or made: what Save
	// writes.
	used         map[[32]byte][]byte
	faceID       map[*typeset.Face]uint32
	hits, misses int
	// streamHits and streamMisses count the streams read and deflated.
	streamHits, streamMisses int
	// ready is set once the layout's fonts are known (start), after
	// which want and faceID do not change: the setters of several
	// goroutines read it without the lock.
	ready atomic.Bool
	// want is the stamp of this build's program, fonts and exceptions.
	want [32]byte
	// sealed lists the entries Save writes, in order, once Seal found
	// the file is to be written (save).
	sealed []printEntry
	save   bool
}

// arenaSize is the largest size of an arena's array (see encodeInto),
// and arenaRoom the room left below which an encoding starts a new one.
// A setter's first array is 4·arenaRoom; each next one twice the one
// before, up to arenaSize: a setter that sets a few paragraphs (the
// loose helper of one chapter) keeps a small one.
const (
	arenaSize = 1 << 20
	arenaRoom = 16 << 10
)

// encodeInto appends the encoding of res to arena, an array of the
// caller's that holds many encodings (each setter of the page builder
// has its own, so that a paragraph's encoding is written once, where
// Save finds it, instead of into a buffer and then copied), and returns
// the encoding, capped, and the arena. An encoding that outgrows the
// array keeps the one append made for it, and the next ones go to a new
// array.
func encodeInto(res typeset.Result, arena []byte) (enc, _ []byte, ok bool) {
	if cap(arena)-len(arena) < arenaRoom {
		arena = make([]byte, 0, min(arenaSize, max(4*arenaRoom, 2*cap(arena))))
	}
	at := len(arena)
	out, ok := res.AppendEncoded(arena)
	if !ok {
		return nil, arena[:at], false
	}
	enc = out[at:len(out):len(out)]
	if cap(out) != cap(arena) {
		return enc, make([]byte, 0, cap(arena)), true
	}
	return enc, out, true
}

// OpenPrintFile reads the print cache file at path for a program whose
// stamp is program (entries are read only if the file was made by the same
// program); a missing or damaged file gives an empty cache.
func OpenPrintFile(path string, program [32]byte) *PrintFile {
	pf := &PrintFile{path: path, program: program, used: map[[32]byte][]byte{}}
	data, err := os.ReadFile(path)
	if err != nil {
		return pf
	}
	pf.stamp, pf.old = parsePrintFile(data, program)
	return pf
}

// parsePrintFile returns the stamp and the entries of a paragraph
// file, or nothing when the file is damaged or was made by another
// program.
func parsePrintFile(data []byte, program [32]byte) (stamp [32]byte, entries map[[32]byte][]byte) {
	// The file ends with the CRC-32C of what comes before: a deflated
	// stream is not checked otherwise, and one damaged on the disk
	// would damage the PDF.
	if len(data) < 4 {
		return stamp, nil
	}
	sum := binary.LittleEndian.Uint32(data[len(data)-4:])
	data = data[:len(data)-4]
	if crc32.Checksum(data, castagnoli) != sum {
		return stamp, nil
	}
	if !bytes.HasPrefix(data, []byte(printFileMagic)) {
		return stamp, nil
	}
	data = data[len(printFileMagic):]
	if len(data) < 64 || !bytes.Equal(data[:32], program[:]) {
		return stamp, nil
	}
	copy(stamp[:], data[32:64])
	data = data[64:]
	n, k := binary.Uvarint(data)
	if k <= 0 || n > uint64(len(data)/33) {
		return stamp, nil
	}
	data = data[k:]
	entries = make(map[[32]byte][]byte, n)
	for range n {
		if len(data) < 32 {
			return stamp, nil
		}
		var key [32]byte
		copy(key[:], data)
		data = data[32:]
		size, k := binary.Uvarint(data)
		if k <= 0 || size > uint64(len(data)-k) {
			return stamp, nil
		}
		entries[key] = data[k : k+int(size) : k+int(size)]
		data = data[k+int(size):]
	}
	if len(data) != 0 {
		return stamp, nil
	}
	return stamp, entries
}

// start gives the file the faces of the build and the layout: the
// entries are kept only when the program, the fonts' bytes and the
// hyphenation exceptions are those of the build that wrote them.
func (pf *PrintFile) start(fs *fontSet, lay *layout.Print) {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	h := sha256.New()
	h.Write(pf.program[:])
	h.Write([]byte(strings.Join(lay.HyphenExceptions, "\n")))
	h.Write([]byte{0})
	pf.faceID = map[*typeset.Face]uint32{}
	for _, k := range slices.Sorted(maps.Keys(fs.faces)) {
		data, ok := fs.data[fs.styles[k]]
		face := fs.faces[k]
		if !ok || face == nil {
			continue
		}
		if _, seen := pf.faceID[face]; seen {
			continue
		}
		pf.faceID[face] = uint32(len(pf.faceID) + 1)
		h.Write([]byte(k))
		h.Write([]byte{0})
		path := fs.paths[fs.styles[k]]
		if strings.HasSuffix(path, tabularSuffix) {
			// A copy with tabular figures is made by the program from a
			// font of the set, whose bytes the stamp names.
			continue
		}
		sum, ok := lay.FontSum(path, data)
		if !ok {
			sum = sha256.Sum256(data)
		}
		h.Write(sum[:])
	}
	h.Sum(pf.want[:0])
	if pf.want != pf.stamp {
		pf.old = nil
	}
	pf.ready.Store(true)
}

// take returns the entry of key: this build's, else the file's (which
// becomes this build's), and whether it comes from the file. Called
// with pf.mu held.
func (pf *PrintFile) take(key [32]byte) (data []byte, fromFile bool) {
	// An entry met again in this build (a paragraph set again by a
	// second make-up, a page drawn twice the same) is this build's.
	if data, again := pf.used[key]; again {
		return data, false
	}
	if data = pf.old[key]; len(data) == 0 {
		return nil, false
	}
	pf.used[key] = data
	return data, true
}

// set returns p as set by inner with tolerance (0: the layout's): read
// from the file when it holds p, else set and kept for Save. scratch is
// a buffer of the caller's, returned grown, and arena the caller's array
// of encodings (encodeInto), returned with the new one.
func (pf *PrintFile) set(inner lineSetter, tolerance float64, p typeset.Paragraph, scratch, arena []byte) (typeset.Result, []byte, []byte) {
	if !pf.ready.Load() {
		return inner.Set(p), scratch, arena
	}
	key, scratch, ok := pf.paragraphKey(tolerance, &p, scratch)
	if !ok {
		return inner.Set(p), scratch, arena
	}
	pf.mu.Lock()
	data, fromFile := pf.take(key)
	pf.mu.Unlock()
	if data != nil {
		if res, err := typeset.DecodeResult(p, data); err == nil {
			if fromFile {
				pf.mu.Lock()
				pf.hits++
				pf.mu.Unlock()
			}
			return res, scratch, arena
		}
	}
	res := inner.Set(p)
	var enc []byte
	enc, arena, ok = encodeInto(res, arena)
	pf.mu.Lock()
	pf.misses++
	if ok {
		pf.used[key] = enc
	} else {
		delete(pf.used, key) // a damaged entry taken from the file
	}
	pf.mu.Unlock()
	return res, scratch, arena
}

// paragraphKey returns the key of p as set with tolerance (the SHA-256
// of everything the line breaker reads of it), made in scratch, which it
// returns grown; ok is false for a paragraph not kept (a face without a
// number). faceID does not change once the file is ready: the key is
// made outside the lock, which the setters of other goroutines share.
func (pf *PrintFile) paragraphKey(tolerance float64, p *typeset.Paragraph, scratch []byte) (key [32]byte, _ []byte, ok bool) {
	scratch, ok = appendParagraphKey(scratch[:0], tolerance, p, pf.faceID)
	if !ok {
		return key, scratch, false
	}
	return sha256.Sum256(scratch), scratch, true
}

// holds reports whether the file or this build keeps p as set with
// tolerance; scratch is a buffer of the caller's, returned grown.
func (pf *PrintFile) holds(tolerance float64, p *typeset.Paragraph, scratch []byte) (bool, []byte) {
	if !pf.ready.Load() {
		return false, scratch
	}
	pf.mu.Lock()
	none := len(pf.old) == 0
	pf.mu.Unlock()
	if none {
		// A build without a print cache: what this build set, it set
		// through its own tries, which its callers know of.
		return false, scratch
	}
	key, scratch, ok := pf.paragraphKey(tolerance, p, scratch)
	if !ok {
		return false, scratch
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	if _, ok := pf.used[key]; ok {
		return true, scratch
	}
	return len(pf.old[key]) > 0, scratch
}

// streamKey is the key of a stream's deflated bytes: the SHA-256 of its
// plain bytes, apart from the paragraphs' keys.
func streamKey(plain []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("stream\x00"))
	h.Write(plain)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// compressed returns the deflated object body kept for a plain stream
// body, or nil, and the stream's key for keepCompressed
// (compressStreams).
func (pf *PrintFile) compressed(plain []byte) ([]byte, streamRef) {
	if pf == nil || !pf.ready.Load() {
		return nil, streamRef{}
	}
	key := streamKey(plain)
	pf.mu.Lock()
	defer pf.mu.Unlock()
	body, fromFile := pf.take(key)
	switch {
	case body == nil:
		pf.streamMisses++
	case fromFile:
		pf.streamHits++
	}
	return body, streamRef{key, true}
}

// keepCompressed keeps the deflated object body of a plain stream body
// for Save, under the key compressed returned.
func (pf *PrintFile) keepCompressed(plain []byte, ref streamRef, body []byte) {
	if pf == nil || !ref.ok {
		return
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	pf.used[ref.key] = body
}

// StreamStats returns how many deflated streams this build read from
// the file and how many it deflated.
func (pf *PrintFile) StreamStats() (hits, misses int) {
	if pf == nil {
		return 0, 0
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	return pf.streamHits, pf.streamMisses
}

// Stats returns how many paragraphs this build read from the file and
// how many it set (a paragraph set again in the build counts once).
func (pf *PrintFile) Stats() (hits, misses int) {
	if pf == nil {
		return 0, 0
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	return pf.hits, pf.misses
}

// Seal settles what the file is to hold for Save: this build's
// paragraphs and streams (and only those, so that the file holds one
// build's worth). A build that looked up no stream (an EPUB-only build)
// keeps the file's other entries too, so that the next PDF finds its
// streams. Nothing is to be written when the file holds exactly these
// entries already. The caller seals once the PDF is written, and saves
// once the outputs are in place: a build with errors writes nothing.
// Seal lists the entries, and Save writes them from where they are,
// without gathering the file's megabytes into one array.
func (pf *PrintFile) Seal() {
	if pf == nil {
		return
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	pf.sealed, pf.save = nil, false
	if !pf.ready.Load() {
		return
	}
	if pf.streamHits+pf.streamMisses == 0 && pf.want == pf.stamp {
		for k, v := range pf.old {
			if _, ok := pf.used[k]; !ok {
				pf.used[k] = v
			}
		}
	}
	if pf.misses == 0 && pf.streamMisses == 0 && pf.want == pf.stamp && len(pf.used) == len(pf.old) {
		return
	}
	keys := slices.SortedFunc(maps.Keys(pf.used), func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	pf.sealed = make([]printEntry, len(keys))
	for i, k := range keys {
		pf.sealed[i] = printEntry{key: k, data: pf.used[k]}
	}
	pf.save = true
}

// printEntry is an entry of the print cache file: a paragraph's setting
// or a stream's deflated body, under its key.
type printEntry struct {
	key  [32]byte
	data []byte
}

// Save writes the file Seal settled, if any: the magic, the program's
// and the build's stamps, the count of entries, each entry's key, length
// and bytes in the order of the keys, and the CRC-32C of all that. A
// cache that cannot be written only costs time (cachefile.WriteFrom).
func (pf *PrintFile) Save() {
	if pf == nil {
		return
	}
	pf.mu.Lock()
	entries, save, want := pf.sealed, pf.save, pf.want
	pf.sealed, pf.save = nil, false
	pf.mu.Unlock()
	if !save {
		return
	}
	size := int64(len(printFileMagic) + 64 + binary.MaxVarintLen64 + 4)
	for _, e := range entries {
		size += int64(32 + binary.MaxVarintLen64 + len(e.data))
	}
	cachefile.WriteFrom(pf.path, size, func(w io.Writer) error {
		sum := crc32.New(castagnoli)
		out := io.MultiWriter(w, sum)
		var head []byte
		head = append(head, printFileMagic...)
		head = append(head, pf.program[:]...)
		head = append(head, want[:]...)
		head = binary.AppendUvarint(head, uint64(len(entries)))
		if _, err := out.Write(head); err != nil {
			return err
		}
		var entry [32 + binary.MaxVarintLen64]byte
		for _, e := range entries {
			copy(entry[:], e.key[:])
			n := binary.PutUvarint(entry[32:], uint64(len(e.data)))
			if _, err := out.Write(entry[:32+n]); err != nil {
				return err
			}
			if _, err := out.Write(e.data); err != nil {
				return err
			}
		}
		_, err := w.Write(binary.LittleEndian.AppendUint32(nil, sum.Sum32()))
		return err
	})
}

// fileSetter sets paragraphs through a PrintFile. Like a
// typeset.Setter it is used by one goroutine at a time (each has its
// sibling, siblingSetter).
type fileSetter struct {
	inner     lineSetter
	file      *PrintFile
	tolerance float64
	mu        sync.Mutex
	scratch   []byte // the key of the paragraph being set
	arena     []byte // the encodings of the paragraphs set (encodeInto)
}

// holds reports whether the file keeps p's setting already.
func (s *fileSetter) holds(p typeset.Paragraph) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ok bool
	ok, s.scratch = s.file.holds(s.tolerance, &p, s.scratch)
	return ok
}

// Set returns the lines of p, as inner would set them.
func (s *fileSetter) Set(p typeset.Paragraph) typeset.Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res typeset.Result
	res, s.scratch, s.arena = s.file.set(s.inner, s.tolerance, p, s.scratch, s.arena)
	return res
}
