//go:build unix

package dataset

import "syscall"

// openFlags opens without blocking, so that a named pipe swapped in after the check cannot hang the build.
const openFlags = syscall.O_NONBLOCK
