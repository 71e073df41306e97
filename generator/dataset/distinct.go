package dataset

// hashSet counts distinct values by their 64-bit FNV-1a hashes, up to DistinctLimit: an open-addressing table
// that never holds more than 16,384 slots (128 KiB), whatever the values' lengths. Hashing is deterministic, so a
// (vanishingly rare) collision gives the same count on every run.
type hashSet struct {
	slots  []uint64 // 0 = empty; a hash of 0 is stored as 1
	n      int
	capped bool
}

func (s *hashSet) len() int { return s.n }

func (s *hashSet) add(h uint64) {
	if s.capped {
		return
	}
	if h == 0 {
		h = 1
	}
	if s.slots == nil {
		s.slots = make([]uint64, 64)
	}
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return
		case 0:
			if s.n == DistinctLimit {
				s.capped = true
				s.slots = nil // the count is final: free the table
				return
			}
			s.slots[i] = h
			s.n++
			if s.n*4 > len(s.slots)*3 {
				s.grow()
			}
			return
		}
	}
}

func (s *hashSet) grow() {
	old := s.slots
	s.slots = make([]uint64, len(old)*2)
	mask := uint64(len(s.slots) - 1)
	for _, h := range old {
		if h == 0 {
			continue
		}
		i := h & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = h
	}
}

// hashString is 64-bit FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
