//go:build linux || darwin

package cachefile

import "syscall"

// freeSpace returns the bytes an unprivileged process may still write on
// the disk holding dir, or -1 when the system does not say.
func freeSpace(dir string) int64 {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return -1
	}
	return int64(st.Bavail) * int64(st.Bsize)
}
