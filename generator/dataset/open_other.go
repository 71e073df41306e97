//go:build !unix

package dataset

// openFlags adds nothing where O_NONBLOCK does not exist; the file's type is still checked before and after
// opening.
const openFlags = 0
