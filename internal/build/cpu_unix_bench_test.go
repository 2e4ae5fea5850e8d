//go:build unix

package build

import (
	"syscall"
	"time"
)

// processCPU returns the processor time (user and system) the process
// has used so far. On a shared machine it measures the work of a
// benchmark better than its wall time, which waits for other processes.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
