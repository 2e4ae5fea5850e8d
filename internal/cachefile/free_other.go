//go:build !linux && !darwin

package cachefile

// freeSpace cannot tell the free space on this system: the cache is
// written without the reserve (docs/reliability.md).
func freeSpace(dir string) int64 { return -1 }
