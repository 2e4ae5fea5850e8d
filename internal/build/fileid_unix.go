//go:build linux || darwin

package build

import (
	"fmt"
	"os"
	"syscall"
)

// fileIdentity returns what tells a file apart from another put at the
// same path with the same size and modification time (install -p, a
// package manager): its device, inode and status change time.
func fileIdentity(info os.FileInfo) string {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	c := changeTime(st)
	return fmt.Sprintf("%d:%d:%d.%09d", st.Dev, st.Ino, c.Sec, c.Nsec)
}
