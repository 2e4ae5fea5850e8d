package manuscript

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var schemePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// ResolveInside turns a path written in the manuscript (relative to the
// folder base) into an absolute path, and refuses a path that is absolute,
// remote, or leads outside root (by "..", or by a symbolic link). The
// returned error is a message for a diagnostic.
func ResolveInside(root, base, p string) (string, error) {
	if strings.TrimSpace(p) == "" {
		return "", errors.New("empty path")
	}
	if schemePattern.MatchString(p) && !(len(p) > 1 && p[1] == ':' && len(p) == 2) {
		if lower := strings.ToLower(p); strings.HasPrefix(lower, "http:") || strings.HasPrefix(lower, "https:") || strings.HasPrefix(lower, "ftp:") {
			return "", fmt.Errorf("%q is a remote address: publish never fetches files from the network; download it into the book folder", p)
		}
		return "", fmt.Errorf("%q is not a file path", p)
	}
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) {
		return "", fmt.Errorf("%q is an absolute path: write it relative to the file that names it", p)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	joined := filepath.Join(base, filepath.FromSlash(p))
	abs, err := filepath.Abs(joined)
	if err != nil {
		return "", err
	}
	if !within(absRoot, abs) {
		return "", fmt.Errorf("%q leads outside the project folder %s", p, absRoot)
	}
	realRoot, err := filepath.EvalSymlinks(absRoot)
	if err != nil {
		realRoot = absRoot
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		if !within(realRoot, real) {
			return "", fmt.Errorf("%q is a symbolic link that leads outside the project folder", p)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	return abs, nil
}

func within(root, p string) bool {
	if p == root {
		return true
	}
	return strings.HasPrefix(p, root+string(os.PathSeparator))
}
