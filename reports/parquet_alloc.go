package reports

import (
	"math/bits"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// arrow-go's Parquet writer allocates its page, encoder and compression
// buffers afresh for every page and row group and drops them after, so a
// long export asks the Go heap for hundreds of megabytes of new memory,
// which the heap zeroes, the kernel faults in page by page and the
// collector then reclaims. recycler sits between the writer and the
// caller's allocator for the length of one file: a large buffer the writer
// frees is kept, by power-of-two capacity, and handed out again (zeroed)
// to the next request of its size class. Measured on a 10M-row DuckDB
// export (docs/performance.md, issue 15): about 0.9× the CPU, most of it
// system time; the same bytes out.

const (
	// recycleMin is the smallest buffer recycled; smaller ones go straight
	// to the caller's allocator.
	recycleMin = 64 << 10
	// recycleMax bounds the bytes the recycler keeps free: about one
	// buffered row group (defaultRowGroups.bytes) and its page buffers.
	recycleMax = 32 << 20
)

// recycler is a memory.Allocator recycling the large buffers freed through
// it until close, which hands what it keeps back to the caller's
// allocator. It is safe for concurrent use (columns encode concurrently).
type recycler struct {
	under  memory.Allocator
	mu     sync.Mutex
	free   map[int][][]byte // by capacity, a power of two ≥ recycleMin
	held   int              // bytes in free
	closed bool
}

func newRecycler(under memory.Allocator) *recycler {
	return &recycler{under: under, free: map[int][][]byte{}}
}

// sizeClass is the capacity of the buffer serving a request of size bytes.
func sizeClass(size int) int { return 1 << bits.Len(uint(size-1)) }

// Allocate returns a zeroed buffer of size bytes. Large ones have a
// power-of-two capacity, allocated whole from the caller's allocator.
func (r *recycler) Allocate(size int) []byte {
	if size < recycleMin {
		return r.under.Allocate(size)
	}
	c := sizeClass(size)
	r.mu.Lock()
	if l := r.free[c]; len(l) > 0 {
		b := l[len(l)-1]
		r.free[c] = l[:len(l)-1]
		r.held -= c
		r.mu.Unlock()
		clear(b)
		return b[:size]
	}
	r.mu.Unlock()
	return r.under.Allocate(c)[:size]
}

// Reallocate resizes b to size bytes, in place when its capacity allows
// (the bytes it gains zeroed), else by a new buffer holding b's bytes.
func (r *recycler) Reallocate(size int, b []byte) []byte {
	if cap(b) < recycleMin && size < recycleMin {
		return r.under.Reallocate(size, b)
	}
	if size <= cap(b) {
		if size > len(b) {
			clear(b[len(b):size])
		}
		return b[:size]
	}
	nb := r.Allocate(size)
	copy(nb, b)
	r.Free(b)
	return nb
}

// Free keeps a large buffer for reuse while the recycler is open and holds
// less than recycleMax, else frees it to the caller's allocator.
func (r *recycler) Free(b []byte) {
	c := cap(b)
	if c < recycleMin {
		r.under.Free(b)
		return
	}
	b = b[:c]
	r.mu.Lock()
	if !r.closed && c&(c-1) == 0 && r.held+c <= recycleMax {
		r.free[c] = append(r.free[c], b)
		r.held += c
		r.mu.Unlock()
		return
	}
	r.mu.Unlock()
	r.under.Free(b)
}

// close frees every kept buffer to the caller's allocator; buffers freed
// later go there at once.
func (r *recycler) close() {
	r.mu.Lock()
	free := r.free
	r.free, r.held, r.closed = nil, 0, true
	r.mu.Unlock()
	for _, l := range free {
		for _, b := range l {
			r.under.Free(b)
		}
	}
}

var _ memory.Allocator = (*recycler)(nil)
