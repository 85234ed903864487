//go:build !noduckdb

package main

import (
	"math/bits"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// poolAllocator is an experiment (-pool): an Arrow allocator that keeps
// the large buffers released batches free, by power-of-two capacity, and
// hands them out again zeroed, instead of asking the Go heap for fresh
// (zeroed, page-faulted, collected) memory for every batch. Buffers under
// 64 KiB come from the Go allocator. At most poolDepth buffers are kept a
// size.
type poolAllocator struct {
	mu   sync.Mutex
	free map[int][][]byte
	go_  *memory.GoAllocator
}

const (
	poolMin   = 64 << 10
	poolDepth = 16
)

func newPoolAllocator() *poolAllocator {
	return &poolAllocator{free: map[int][][]byte{}, go_: memory.NewGoAllocator()}
}

// class is the pooled capacity of a buffer of size bytes.
func class(size int) int { return 1 << bits.Len(uint(size-1)) }

func (p *poolAllocator) Allocate(size int) []byte {
	if size < poolMin {
		return p.go_.Allocate(size)
	}
	c := class(size)
	p.mu.Lock()
	if l := p.free[c]; len(l) > 0 {
		b := l[len(l)-1]
		p.free[c] = l[:len(l)-1]
		p.mu.Unlock()
		clear(b[:c])
		return b[:size]
	}
	p.mu.Unlock()
	return make([]byte, size, c)
}

func (p *poolAllocator) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		return b[:size]
	}
	nb := p.Allocate(size)
	copy(nb, b)
	p.Free(b)
	return nb
}

func (p *poolAllocator) Free(b []byte) {
	c := cap(b)
	if c < poolMin || c&(c-1) != 0 {
		return
	}
	p.mu.Lock()
	if len(p.free[c]) < poolDepth {
		p.free[c] = append(p.free[c], b[:c])
	}
	p.mu.Unlock()
}
