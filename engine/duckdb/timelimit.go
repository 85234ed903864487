//go:build !noduckdb

package duckdb

import (
	"context"
	"sync/atomic"
	"time"
)

// timeLimit bounds the time one query spends inside DuckDB: the clock runs
// only between enter and leave (executing the statement, fetching a chunk),
// never while the caller converts or writes the rows. When the time inside
// adds up to the limit, cancel is called, which makes the driver interrupt
// the running statement. A limit of 0 or less is no limit.
//
// enter and leave are called by the one goroutine that reads the query;
// the timer's own goroutine only sets expired and calls cancel. They nest:
// only the outermost pair starts and stops the clock.
type timeLimit struct {
	limit   time.Duration
	used    time.Duration
	entered time.Time
	depth   int // enter calls not yet left
	timer   *time.Timer
	cancel  context.CancelFunc
	expired atomic.Bool
}

// newTimeLimit returns a limit of d that calls cancel when it runs out.
func newTimeLimit(d time.Duration, cancel context.CancelFunc) *timeLimit {
	return &timeLimit{limit: d, cancel: cancel}
}

// enter starts the clock before a call into DuckDB.
func (l *timeLimit) enter() {
	if l.limit <= 0 {
		return
	}
	if l.depth++; l.depth > 1 {
		return
	}
	l.entered = time.Now()
	rest := l.limit - l.used
	if rest <= 0 {
		l.expire()
		return
	}
	l.timer = time.AfterFunc(rest, l.expire)
}

// leave stops the clock after a call into DuckDB returned.
func (l *timeLimit) leave() {
	if l.limit <= 0 || l.depth == 0 {
		return
	}
	if l.depth--; l.depth > 0 {
		return
	}
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	l.used += time.Since(l.entered)
	l.entered = time.Time{}
}

// expire marks the limit as run out and interrupts the query.
func (l *timeLimit) expire() {
	l.expired.Store(true)
	l.cancel()
}

// exceeded reports whether the limit ran out.
func (l *timeLimit) exceeded() bool { return l.expired.Load() }
