package reports

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// progressDelay is how long a run goes before its progress shows, and
// progressEvery how often the line is redrawn after that.
const (
	progressDelay = time.Second
	progressEvery = 200 * time.Millisecond
)

// Progress is a record reader that counts the rows read through it and,
// once the run has gone on for about a second, keeps one line on a
// terminal up to date: rows fetched, rows per second, time elapsed. The
// line is cleared when the reader is exhausted. It is meant for stderr on
// a terminal only: WithProgress leaves readers alone otherwise, so that
// no progress text ever reaches a file or a pipe.
type Progress struct {
	array.RecordReader
	w       io.Writer
	now     func() time.Time
	start   time.Time
	drawn   time.Time // when the line was last drawn; zero: not drawn yet
	rows    int64
	done    bool
	scratch []byte
}

// WithProgress returns rr wrapped in a Progress writing to w when
// terminal is true (w is a terminal), else rr itself.
func WithProgress(rr array.RecordReader, w io.Writer, terminal bool) array.RecordReader {
	if !terminal {
		return rr
	}
	return newProgress(rr, w, time.Now)
}

// newProgress wraps rr with the clock now.
func newProgress(rr array.RecordReader, w io.Writer, now func() time.Time) *Progress {
	return &Progress{RecordReader: rr, w: w, now: now, start: now()}
}

// Next reads the next batch, counts its rows and redraws the line when it
// is due; at the end it clears the line.
func (p *Progress) Next() bool {
	if !p.RecordReader.Next() {
		p.finish()
		return false
	}
	p.rows += p.RecordBatch().NumRows()
	t := p.now()
	if t.Sub(p.start) >= progressDelay && t.Sub(p.drawn) >= progressEvery {
		p.draw(t)
	}
	return true
}

// Rows is the number of rows read so far.
func (p *Progress) Rows() int64 { return p.rows }

// draw rewrites the progress line.
func (p *Progress) draw(t time.Time) {
	elapsed := t.Sub(p.start)
	rate := float64(p.rows) / elapsed.Seconds()
	b := append(p.scratch[:0], "\r\x1b[K"...)
	b = append(b, groupDigits(strconv.FormatInt(p.rows, 10))...)
	b = append(b, " rows · "...)
	b = append(b, groupDigits(strconv.FormatInt(int64(rate), 10))...)
	b = append(b, " rows/s · "...)
	b = append(b, elapsed.Round(100*time.Millisecond).String()...)
	p.scratch = b
	// A failed write to the terminal must not fail the run.
	_, _ = p.w.Write(b)
	p.drawn = t
}

// finish clears the line if it was drawn.
func (p *Progress) finish() {
	if p.done {
		return
	}
	p.done = true
	if !p.drawn.IsZero() {
		_, _ = fmt.Fprint(p.w, "\r\x1b[K")
	}
}
