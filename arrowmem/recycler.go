// Package arrowmem holds the Arrow memory allocator that the engine's
// readers and the Parquet writer share: a recycler of large buffers.
package arrowmem

import (
	"math/bits"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// A long export asks the Go heap for hundreds of megabytes of new memory
// when every batch's builders and every Parquet page get fresh buffers:
// memory the heap zeroes, the kernel faults in page by page and the
// collector then reclaims. A Recycler sits between its users and the
// caller's allocator for the length of one reader or one file: a large
// buffer freed through it is kept, by power-of-two capacity, and handed
// out again (zeroed) to the next request of its size class. Measured on a
// 10M-row DuckDB export (docs/performance.md, issue 15): about 0.9× the
// CPU each for the Parquet writer's pages and for the reader's batches,
// most of it system time; the same bytes out.
//
// A recycled buffer is only as safe as its users' reference counting: a
// buffer read after its array was released reads another batch's values
// once it is handed out again, where the Go allocator would leave the old
// ones in place. So a Recycler serves only buffers that nothing outside
// the array keeps a view into: fixed-width values (read by copy) and the
// Parquet writer's own pages — not string or binary data, which arrow-go's
// Value returns as a string aliasing the buffer. Poison makes the misuse
// visible in tests.

// Min is the smallest buffer recycled; smaller ones go straight to the
// caller's allocator.
const Min = 64 << 10

// Poison, when set (by tests, before any Recycler is used), fills every
// buffer a Recycler keeps with 0xA5 as it is freed, so that a read of
// released memory gives garbage at once instead of the right values until
// the buffer is handed out again.
var Poison bool

// Recycler is a memory.Allocator recycling the large buffers freed through
// it until Close, which hands what it keeps back to the caller's
// allocator. It is safe for concurrent use.
type Recycler struct {
	under  memory.Allocator
	max    int
	mu     sync.Mutex
	free   map[int][][]byte // by capacity, a power of two ≥ Min
	held   int              // bytes in free
	closed bool
}

// NewRecycler returns a Recycler in front of under that keeps at most max
// bytes of freed buffers.
func NewRecycler(under memory.Allocator, max int) *Recycler {
	return &Recycler{under: under, max: max, free: map[int][][]byte{}}
}

// sizeClass is the capacity of the buffer serving a request of size bytes.
func sizeClass(size int) int { return 1 << bits.Len(uint(size-1)) }

// Allocate returns a zeroed buffer of size bytes. Large ones have a
// power-of-two capacity, allocated whole from the caller's allocator.
func (r *Recycler) Allocate(size int) []byte {
	if size < Min {
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
func (r *Recycler) Reallocate(size int, b []byte) []byte {
	if cap(b) < Min && size < Min {
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

// Free keeps a large buffer for reuse while the Recycler is open and holds
// less than its maximum, else frees it to the caller's allocator.
func (r *Recycler) Free(b []byte) {
	c := cap(b)
	if c < Min {
		r.under.Free(b)
		return
	}
	b = b[:c]
	r.mu.Lock()
	if !r.closed && c&(c-1) == 0 && r.held+c <= r.max {
		if Poison {
			for i := range b {
				b[i] = 0xA5
			}
		}
		r.free[c] = append(r.free[c], b)
		r.held += c
		r.mu.Unlock()
		return
	}
	r.mu.Unlock()
	r.under.Free(b)
}

// Close frees every kept buffer to the caller's allocator; buffers freed
// later go there at once.
func (r *Recycler) Close() {
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

var _ memory.Allocator = (*Recycler)(nil)
