//go:build !linux

package publish

// exchange swaps the folders a and b. Without an atomic exchange there is a moment with no b; a crash in it leaves
// the previous site at a's name, beside b, where the next build cleans it up.
func exchange(a, b string) error { return swapTwoStep(a, b) }
