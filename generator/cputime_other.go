//go:build !unix

package generator

import "time"

// processCPU is 0 where the system does not tell a process's CPU time: Timing.CPU is then unknown.
func processCPU() time.Duration { return 0 }
