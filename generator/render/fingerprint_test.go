package render

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// TestHasherBuffer: the buffered hasher's sum is xxHash of the values' bytes in order, whatever their sizes and
// wherever the buffer fills (the sums are kept between builds, so they must not depend on the buffering).
func TestHasherBuffer(t *testing.T) {
	sizes := []int{0, 1, 7, 8, hashDirect - 1, hashDirect, hashDirect + 1, hashBuffer/2 + 1, hashBuffer - 9,
		hashBuffer, 3 * hashBuffer}
	for _, first := range sizes {
		for _, second := range sizes {
			f := &Fingerprints{}
			h := f.hasher()
			var want []byte
			for i, n := range []int{first, second, first} {
				s := strings.Repeat(string(rune('a'+i)), n)
				h.str(s)
				h.u64(uint64(n), 42)
				want = binary.LittleEndian.AppendUint64(want, uint64(n))
				want = append(want, s...)
				want = binary.LittleEndian.AppendUint64(want, uint64(n))
				want = binary.LittleEndian.AppendUint64(want, 42)
			}
			if got := h.sum(); got != xxhash.Sum64(want) {
				t.Errorf("strings of %d, %d, %d bytes: sum %x, want %x", first, second, first, got, xxhash.Sum64(want))
			}
		}
	}
}
