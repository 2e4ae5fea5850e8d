package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The output set. A build's files (EPUB, PDF, preflight report, line
// dump) are written into a new folder out/.publish/set-*, with a manifest
// of their sizes and SHA-256 sums. One rename of a symbolic link,
// out/.publish/current, then makes the new set the current one, and each
// out/<name> is a symbolic link to .publish/current/<name>: whatever
// moment a build is killed at, out/ shows the whole old set or the whole
// new one, never a mix (docs/reliability.md). Only the holder of the
// output folder's lock (lock.go) creates or removes sets.

const (
	currentLink  = "current"
	setPrefix    = "set-"
	manifestName = "manifest.json"
	// legacyTempPrefix started the temporary files of earlier versions,
	// which wrote the outputs beside their final names.
	legacyTempPrefix = ".publish-tmp-"
)

// Manifest lists the files of an output set.
type Manifest struct {
	Files []ManifestFile `json:"files"`
}

// ManifestFile is one file of an output set.
type ManifestFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// outputSet is a set being written.
type outputSet struct {
	outDir string
	dir    string // the new set's folder
	files  []*pendingFile
	done   bool
}

// newOutputSet starts a set in outDir, whose lock the caller holds.
func newOutputSet(outDir string) (*outputSet, error) {
	dir, err := os.MkdirTemp(filepath.Join(outDir, stateDir), setPrefix)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &outputSet{outDir: outDir, dir: dir}, nil
}

// create starts the file name of the set.
func (s *outputSet) create(name string) (*pendingFile, error) {
	f, err := os.OpenFile(filepath.Join(s.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	p := &pendingFile{path: filepath.Join(s.outDir, name), name: name, f: f, sum: sha256.New()}
	p.bw = bufio.NewWriterSize(io.MultiWriter(f, p.sum), 256<<10)
	s.files = append(s.files, p)
	return p, nil
}

// add writes the whole file name of the set.
func (s *outputSet) add(name string, data []byte) error {
	p, err := s.create(name)
	if err != nil {
		return err
	}
	if _, err := p.Write(data); err != nil {
		return err
	}
	return p.finish()
}

// commit makes the set the current one. Files of the current set that
// this build did not make (keep: the PDF and its reports in an EPUB-only
// build) are carried into the new set, so that the set stays whole.
func (s *outputSet) commit(keep func(name string) bool) error {
	m := Manifest{}
	made := map[string]bool{}
	for _, p := range s.files {
		if err := p.finish(); err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
		made[p.name] = true
		m.Files = append(m.Files, ManifestFile{Name: p.name, Size: p.size, SHA256: hex.EncodeToString(p.sum.Sum(nil))})
	}
	state := filepath.Join(s.outDir, stateDir)
	if old, err := readManifest(filepath.Join(state, currentLink)); err == nil {
		for _, f := range old.Files {
			if made[f.Name] || !keep(f.Name) {
				continue
			}
			if err := linkOrCopy(filepath.Join(state, currentLink, f.Name), filepath.Join(s.dir, f.Name)); err != nil {
				return fmt.Errorf("keep %s: %w", f.Name, err)
			}
			m.Files = append(m.Files, f)
		}
	}
	slices.SortFunc(m.Files, func(a, b ManifestFile) int { return strings.Compare(a.Name, b.Name) })
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeSynced(filepath.Join(s.dir, manifestName), append(data, '\n')); err != nil {
		return fmt.Errorf("write the manifest: %w", err)
	}
	if err := syncDir(s.dir); err != nil {
		return err
	}

	// The names the new set adds get their links first: until the switch
	// they lead nowhere, as in the old set. Plain files that an earlier
	// version wrote are replaced by links after the switch.
	var plain []string
	for _, f := range m.Files {
		link := filepath.Join(s.outDir, f.Name)
		target := filepath.Join(stateDir, currentLink, f.Name)
		st, err := os.Lstat(link)
		switch {
		case errors.Is(err, os.ErrNotExist):
			if err := os.Symlink(target, link); err != nil {
				return fmt.Errorf("link %s: %w", f.Name, err)
			}
		case err != nil:
			return err
		case st.Mode()&os.ModeSymlink != 0:
			if t, _ := os.Readlink(link); t != target {
				plain = append(plain, f.Name)
			}
		default:
			plain = append(plain, f.Name)
		}
	}

	// The switch: one rename.
	next := filepath.Join(state, currentLink+".next")
	os.Remove(next)
	if err := os.Symlink(filepath.Base(s.dir), next); err != nil {
		return fmt.Errorf("switch to the new outputs: %w", err)
	}
	if err := os.Rename(next, filepath.Join(state, currentLink)); err != nil {
		os.Remove(next)
		return fmt.Errorf("switch to the new outputs: %w", err)
	}
	s.done = true
	if err := syncDir(state); err != nil {
		return err
	}
	for _, name := range plain {
		tmp := filepath.Join(s.outDir, legacyTempPrefix+name)
		os.Remove(tmp)
		if err := os.Symlink(filepath.Join(stateDir, currentLink, name), tmp); err != nil {
			return fmt.Errorf("link %s: %w", name, err)
		}
		if err := os.Rename(tmp, filepath.Join(s.outDir, name)); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("link %s: %w", name, err)
		}
	}
	removeStale(s.outDir)
	return syncDir(s.outDir)
}

// abort removes the set unless it was committed; it accepts a nil
// receiver.
func (s *outputSet) abort() {
	if s == nil || s.done {
		return
	}
	s.done = true
	for _, p := range s.files {
		if !p.closed {
			p.f.Close()
		}
	}
	os.RemoveAll(s.dir)
}

// removeStale removes what killed or failed builds left in outDir: sets
// other than the current one, a half-made switch, the temporary files of
// earlier versions, and links to files the current set no longer has (a
// book whose title changed). The caller holds the lock.
func removeStale(outDir string) {
	state := filepath.Join(outDir, stateDir)
	cur, _ := os.Readlink(filepath.Join(state, currentLink))
	if entries, err := os.ReadDir(state); err == nil {
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, setPrefix) && name != cur || name == currentLink+".next" {
				os.RemoveAll(filepath.Join(state, name))
			}
		}
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(outDir, e.Name())
		if strings.HasPrefix(e.Name(), legacyTempPrefix) {
			os.Remove(p)
			continue
		}
		if e.Type()&os.ModeSymlink == 0 {
			continue
		}
		if t, err := os.Readlink(p); err == nil && strings.HasPrefix(t, filepath.Join(stateDir, currentLink)+string(filepath.Separator)) {
			if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
				os.Remove(p)
			}
		}
	}
}

// VerifyOutputs reads the manifest of the current output set of outDir
// and checks that each out/<name> holds the bytes it lists. It returns
// the manifest, or an error saying which file does not match.
func VerifyOutputs(outDir string) (*Manifest, error) {
	m, err := readManifest(filepath.Join(outDir, stateDir, currentLink))
	if err != nil {
		return nil, err
	}
	for _, f := range m.Files {
		data, err := os.ReadFile(filepath.Join(outDir, f.Name))
		if err != nil {
			return m, err
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			return m, fmt.Errorf("%s: %d bytes with SHA-256 %x, the manifest says %d bytes with %s", f.Name, len(data), sum, f.Size, f.SHA256)
		}
	}
	return m, nil
}

func readManifest(setDir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(setDir, manifestName))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(setDir, manifestName), err)
	}
	return &m, nil
}

// linkOrCopy gives dst the bytes of src: a hard link where the file
// system allows one, else a copy.
func linkOrCopy(src, dst string) error {
	if os.Link(src, dst) == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeSynced(dst, data)
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a folder's renames durable; file systems that cannot sync
// a folder are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// pendingFile is a file of an output set being written.
type pendingFile struct {
	path string // where readers find it: out/<name>
	name string
	f    *os.File
	bw   *bufio.Writer
	sum  hash.Hash
	size int64
	// closed is set by finish, with its error.
	closed   bool
	closeErr error
}

func (p *pendingFile) Write(b []byte) (int, error) {
	n, err := p.bw.Write(b)
	p.size += int64(n)
	return n, err
}

// finish flushes, syncs and closes the file: the EPUB is finished on its
// own goroutine while the PDF is still being written.
func (p *pendingFile) finish() error {
	if p.closed {
		return p.closeErr
	}
	p.closed = true
	err := p.bw.Flush()
	if err == nil {
		err = p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	p.closeErr = err
	return err
}
