package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// stateDir is the hidden folder of the output folder where publish keeps
// its lock and the output sets (outset.go).
const stateDir = ".publish"

// DefaultLockTimeout is how long a build waits for another build writing
// into the same output folder before giving up.
const DefaultLockTimeout = 10 * time.Minute

// outLock is the held lock of an output folder: one build at a time
// writes into it, and only the holder removes what killed builds left.
type outLock struct {
	f *os.File
}

// lockOutDir takes the lock of outDir (the file .publish/lock in it),
// creating the folders as needed. When another build holds it, it says so
// on notify (when not nil) and waits, until timeout or until ctx is done.
func lockOutDir(ctx context.Context, outDir string, timeout time.Duration, notify io.Writer) (*outLock, error) {
	state := filepath.Join(outDir, stateDir)
	if err := os.MkdirAll(state, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	path := filepath.Join(state, "lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open the output folder's lock: %w", err)
	}
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	deadline := time.Now().Add(timeout)
	said := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock the output folder %s: %w", outDir, err)
		}
		if ok {
			break
		}
		holder := lockHolder(path)
		if !said && notify != nil {
			fmt.Fprintf(notify, "publish: another build%s is writing into %s; waiting for it to finish (at most %s)\n", holder, outDir, timeout)
			said = true
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another build%s has been writing into %s for more than %s; stop it, or build into another folder with --out", holder, outDir, timeout)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	// The holder's process id, for the message of a build that waits.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &outLock{f: f}, nil
}

// lockHolder names the process holding the lock at path, as " (process
// N)", or "" when the file does not say.
func lockHolder(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && pid > 0 {
		return fmt.Sprintf(" (process %d)", pid)
	}
	return ""
}

// release lets the next build in; it accepts a nil receiver.
func (l *outLock) release() error {
	if l == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.Join(errors.New("release the output folder's lock"), err)
	}
	return nil
}
