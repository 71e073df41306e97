//go:build linux

package publish

import "golang.org/x/sys/unix"

// exchange swaps the folders a and b atomically (renameat2 with RENAME_EXCHANGE): at every instant b names a
// complete site.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.ENOSYS || err == unix.EINVAL {
		return swapTwoStep(a, b) // filesystems without RENAME_EXCHANGE
	}
	return err
}
