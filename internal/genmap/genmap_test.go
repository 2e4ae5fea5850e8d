package genmap

import "testing"

// TestDropsAfterTwoUnusedBuilds: an entry that the two builds before did
// not use is dropped when the next starts; a use keeps it.
func TestDropsAfterTwoUnusedBuilds(t *testing.T) {
	m := New[string, int]()
	m.Next() // build 1
	m.Put("a", 1)
	m.Put("b", 2)
	m.Next() // build 2 uses a only
	if _, ok := m.Get("a"); !ok {
		t.Fatal("a dropped after one build")
	}
	m.Next() // build 3: b unused by build 2 only, kept
	if m.Len() != 2 {
		t.Fatalf("%d entries at the start of build 3, want 2", m.Len())
	}
	m.Next() // build 4: b unused by builds 2 and 3, dropped; a used by build 2
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Errorf("a, used two builds before: %v %v", v, ok)
	}
	if _, ok := m.Get("b"); ok {
		t.Error("b kept after two builds without use")
	}
}
