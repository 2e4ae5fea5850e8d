// Package cputime tells the processor time the process has used: what a
// benchmark or a test of linearity measures the work by, since other
// processes on the machine (go test runs packages side by side) do not
// distort it as they distort wall time.
package cputime
