package reports

import (
	"bytes"
	"testing"
)

func TestRecyclerReusesZeroedAndHandsBack(t *testing.T) {
	mem := newChecked(t)
	r := newRecycler(mem)
	a := r.Allocate(100_000) // class 128 KiB
	if len(a) != 100_000 || cap(a) != 128<<10 {
		t.Fatalf("len %d cap %d, want 100000 and %d", len(a), cap(a), 128<<10)
	}
	for i := range a {
		a[i] = 0xAB
	}
	r.Free(a)
	b := r.Allocate(120_000) // same class: the freed buffer, zeroed
	if &b[0] != &a[0] {
		t.Error("a buffer of the same size class was not reused")
	}
	if !bytes.Equal(b[:cap(b)], make([]byte, cap(b))) {
		t.Error("a reused buffer is not zeroed")
	}
	// Growing keeps the bytes and zeroes what it adds.
	b = b[:10]
	copy(b, "0123456789")
	b = r.Reallocate(300_000, b)
	if string(b[:10]) != "0123456789" || !bytes.Equal(b[10:], make([]byte, len(b)-10)) {
		t.Error("Reallocate lost bytes or left garbage")
	}
	small := r.Allocate(1000)
	r.Free(small)
	r.Free(b)
	if mem.CurrentAlloc() == 0 {
		t.Error("nothing kept before close")
	}
	r.close() // the kept buffers go back to mem: newChecked asserts 0
	late := r.Allocate(200_000)
	r.Free(late) // after close, straight back
}
