package reports

import (
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Tee reads rr once and hands every batch to each of n record readers, so
// that several writers can consume one streamed result at the same time
// (one goroutine each) without the result being collected in memory: a
// reader holds its current batch and at most one more waiting for it, and
// rr is read only as fast as the slowest reader takes batches.
//
// A reader released before the end stops getting batches; once every
// reader is released rr is read no further, and the last Release waits for
// the batch being read (if any) before it returns, after which the caller
// may release rr. Each reader's Err is rr's error once its batches are
// exhausted. Tee starts reading rr at once, in a goroutine of its own.
func Tee(rr array.RecordReader, n int) []array.RecordReader {
	p := &teePump{src: rr, done: make(chan struct{})}
	p.outs = make([]*teeReader, n)
	readers := make([]array.RecordReader, n)
	for i := range p.outs {
		t := &teeReader{pump: p, ch: make(chan arrow.RecordBatch, 1), gone: make(chan struct{})}
		t.refs.Store(1)
		p.outs[i], readers[i] = t, t
	}
	p.live.Store(int64(n))
	go p.run()
	return readers
}

// teePump reads the source and fans its batches out.
type teePump struct {
	src  array.RecordReader
	outs []*teeReader
	live atomic.Int64  // readers not yet released
	done chan struct{} // closed when run returns
	err  error         // the source's error, set before the channels close
}

// run sends every batch of the source to every reader still there.
func (p *teePump) run() {
	defer close(p.done)
	for p.live.Load() > 0 && p.src.Next() {
		rec := p.src.RecordBatch()
		for _, t := range p.outs {
			t.send(rec)
		}
	}
	p.err = p.src.Err()
	for _, t := range p.outs {
		if t.isGone() {
			t.drain() // a batch sent as the reader left
		}
		close(t.ch)
	}
}

// send hands the reader its own reference to rec, unless it has left.
func (t *teeReader) send(rec arrow.RecordBatch) {
	if t.isGone() {
		return
	}
	rec.Retain()
	select {
	case t.ch <- rec:
	case <-t.gone:
		rec.Release()
	}
}

// isGone reports whether the reader has been released.
func (t *teeReader) isGone() bool {
	select {
	case <-t.gone:
		return true
	default:
		return false
	}
}

// teeReader is one consumer of a Tee.
type teeReader struct {
	pump  *teePump
	ch    chan arrow.RecordBatch
	gone  chan struct{} // closed on the last Release
	refs  atomic.Int64
	cur   arrow.RecordBatch
	ended bool // Next found the channel closed
	once  sync.Once
}

// Schema returns the source's schema.
func (t *teeReader) Schema() *arrow.Schema { return t.pump.src.Schema() }

// Next moves to the next batch, releasing the previous one.
func (t *teeReader) Next() bool {
	t.releaseCurrent()
	rec, ok := <-t.ch
	if !ok {
		t.ended = true
		return false
	}
	t.cur = rec
	return true
}

// RecordBatch returns the current batch, valid until the next Next or Release.
func (t *teeReader) RecordBatch() arrow.RecordBatch { return t.cur }

// Record returns the current batch.
//
// Deprecated: Use RecordBatch instead.
func (t *teeReader) Record() arrow.RecordBatch { return t.cur }

// Err returns the source's error once the batches are exhausted.
func (t *teeReader) Err() error {
	if !t.ended {
		return nil
	}
	<-t.pump.done // closes right after the channels
	return t.pump.err
}

// Retain adds a reference.
func (t *teeReader) Retain() { t.refs.Add(1) }

// Release drops a reference; the last one leaves the tee, and the last
// reader to leave waits for the pump to stop reading the source.
func (t *teeReader) Release() {
	if t.refs.Add(-1) != 0 {
		return
	}
	t.once.Do(func() {
		t.releaseCurrent()
		close(t.gone)
		last := t.pump.live.Add(-1) == 0
		t.drain()
		if last {
			<-t.pump.done
			t.drain()
		}
	})
}

// drain releases the batches waiting in the channel without blocking.
func (t *teeReader) drain() {
	for {
		select {
		case rec, ok := <-t.ch:
			if !ok {
				return
			}
			rec.Release()
		default:
			return
		}
	}
}

// releaseCurrent releases the batch returned by the last Next.
func (t *teeReader) releaseCurrent() {
	if t.cur != nil {
		t.cur.Release()
		t.cur = nil
	}
}

var _ array.RecordReader = (*teeReader)(nil)
