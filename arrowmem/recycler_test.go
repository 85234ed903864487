package arrowmem

import (
	"bytes"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

func newChecked(t *testing.T) *memory.CheckedAllocator {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}

func TestRecyclerReusesZeroedAndHandsBack(t *testing.T) {
	mem := newChecked(t)
	r := NewRecycler(mem, 32<<20)
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
	r.Close() // the kept buffers go back to mem: newChecked asserts 0
	late := r.Allocate(200_000)
	r.Free(late) // after close, straight back
}

func TestRecyclerKeepsAtMostMax(t *testing.T) {
	mem := newChecked(t)
	r := NewRecycler(mem, 256<<10)
	a, b, c := r.Allocate(128<<10), r.Allocate(128<<10), r.Allocate(128<<10)
	r.Free(a)
	r.Free(b)
	r.Free(c) // over the maximum: back to mem at once
	if got := mem.CurrentAlloc(); got != 256<<10 {
		t.Errorf("kept %d bytes, want %d", got, 256<<10)
	}
	r.Close()
}

func TestRecyclerPoisonsWhatItKeeps(t *testing.T) {
	Poison = true
	defer func() { Poison = false }()
	r := NewRecycler(memory.NewGoAllocator(), 1<<20)
	a := r.Allocate(Min)
	for i := range a {
		a[i] = 7
	}
	r.Free(a)
	if a[0] != 0xA5 || a[len(a)-1] != 0xA5 {
		t.Errorf("a kept buffer is not poisoned: % x … % x", a[0], a[len(a)-1])
	}
	if b := r.Allocate(Min); &b[0] != &a[0] || b[0] != 0 {
		t.Errorf("a poisoned buffer must come back zeroed")
	}
	r.Close()
}
