package build

import "syscall"

// changeTime returns a file's status change time.
func changeTime(st *syscall.Stat_t) syscall.Timespec { return st.Ctimespec }
