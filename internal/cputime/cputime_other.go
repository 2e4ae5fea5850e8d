//go:build !unix

package cputime

import "time"

// Process returns 0: the processor time is not measured on this system.
func Process() time.Duration { return 0 }
