package render

import "testing"

// TestMemoItems: an item is made once per key while builds use it, and made again once a build did not.
func TestMemoItems(t *testing.T) {
	m := NewMemo()
	made := 0
	get := func(key uint64) string {
		b, err := m.item(key, func() ([]byte, error) { made++; return []byte{byte('a' + made)}, nil })
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b, c := get(1), get(2), get(1); a != "b" || b != "c" || c != "b" || made != 2 {
		t.Errorf("items %q %q %q after %d makes, want \"b\" \"c\" \"b\" after 2", a, b, c, made)
	}
	m.Sweep()
	get(2)
	m.Sweep()
	if get(1); made != 3 {
		t.Errorf("an item unused for a build was not made again: %d makes, want 3", made)
	}
}
