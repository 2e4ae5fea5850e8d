//go:build !unix

package build

import "os"

// tryLock has no advisory lock to take on this system: builds into one
// output folder are not serialised here (docs/reliability.md says so).
func tryLock(f *os.File) (bool, error) { return true, nil }

// unlock releases nothing on this system.
func unlock(f *os.File) error { return nil }
