package reports

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/apache/thrift/lib/go/thrift"
)

// A Parquet file written twice from the same data must be the same bytes,
// so that a checksum in a manifest means something. arrow-go writes all of
// it deterministically except one list: the encoding_stats of each column
// chunk's metadata, which it builds by ranging over a Go map, so a chunk
// with two kinds of data page (dictionary-encoded pages, then plain pages
// once the dictionary outgrew its limit) lists them in a random order. The
// footer is rewritten here with every such list sorted. Its elements are
// thrift compact structs, each encoded on its own (field ids restart in
// every struct), so sorting them moves bytes but changes no length, and no
// offset in the file.

// footerHold is how many of the last bytes the footerWriter holds back
// while the Parquet writer closes: the footer must lie within them to be
// rewritten. A footer is about 100–300 bytes per column and row group; a
// larger one is written as arrow-go made it.
const footerHold = 8 << 20

// parquetMagic ends a Parquet file, after the footer and its length.
var parquetMagic = []byte("PAR1")

// footerWriter passes writes through to w until hold is called; from then
// on it keeps the last footerHold bytes back, and finish rewrites the
// footer found at their end and writes them.
type footerWriter struct {
	w       io.Writer
	holding bool
	held    []byte
}

// Write writes p, or holds it back once hold was called.
func (f *footerWriter) Write(p []byte) (int, error) {
	if !f.holding {
		return f.w.Write(p)
	}
	f.held = append(f.held, p...)
	if over := len(f.held) - footerHold; over > footerHold {
		if _, err := f.w.Write(f.held[:over]); err != nil {
			return 0, err
		}
		f.held = f.held[:copy(f.held, f.held[over:])]
	}
	return len(p), nil
}

// hold starts holding back the bytes written.
func (f *footerWriter) hold() { f.holding = true }

// finish sorts the encoding stats of the footer at the end of the held
// bytes and writes them.
func (f *footerWriter) finish() error {
	if footer := footerIn(f.held); footer != nil {
		if err := sortEncodingStats(footer); err != nil {
			return fmt.Errorf("footer: %w", err)
		}
	}
	_, err := f.w.Write(f.held)
	f.held, f.holding = nil, false
	return err
}

// footerIn returns the footer at the end of the tail of a Parquet file, or
// nil when the tail does not hold all of it.
func footerIn(tail []byte) []byte {
	if len(tail) < 8 || !bytes.Equal(tail[len(tail)-4:], parquetMagic) {
		return nil
	}
	n := int(binary.LittleEndian.Uint32(tail[len(tail)-8:]))
	end := len(tail) - 8
	if n > end {
		return nil
	}
	return tail[end-n : end]
}

// Thrift field ids of parquet.thrift on the path to the encoding stats.
const (
	fileRowGroups     = 4  // FileMetaData.row_groups: list<RowGroup>
	rowGroupColumns   = 1  // RowGroup.columns: list<ColumnChunk>
	chunkMetaData     = 3  // ColumnChunk.meta_data: ColumnMetaData
	metaEncodingStats = 13 // ColumnMetaData.encoding_stats: list<PageEncodingStats>
	statsPageType     = 1  // PageEncodingStats.page_type: i32
	statsEncoding     = 2  // PageEncodingStats.encoding: i32
)

// errFooterShape reports a footer whose fields do not have the types of
// parquet.thrift.
var errFooterShape = errors.New("unexpected footer structure")

// footerWalker reads a thrift compact FileMetaData and knows where it is.
type footerWalker struct {
	ctx   context.Context
	buf   []byte
	trans *thrift.TMemoryBuffer
	p     *thrift.TCompactProtocol
}

// sortEncodingStats sorts, in place, the encoding_stats of every column
// chunk of footer (a thrift compact FileMetaData) by page type, then
// encoding, then count.
func sortEncodingStats(footer []byte) error {
	trans := &thrift.TMemoryBuffer{Buffer: bytes.NewBuffer(footer)}
	w := &footerWalker{ctx: context.Background(), buf: footer, trans: trans, p: thrift.NewTCompactProtocol(trans)}
	return w.structFields(func(id int16, typ thrift.TType) (bool, error) {
		if id != fileRowGroups {
			return false, nil
		}
		return true, w.listOf(typ, func() error {
			return w.structFields(w.rowGroupField)
		})
	})
}

// rowGroupField walks RowGroup.columns.
func (w *footerWalker) rowGroupField(id int16, typ thrift.TType) (bool, error) {
	if id != rowGroupColumns {
		return false, nil
	}
	return true, w.listOf(typ, func() error {
		return w.structFields(w.chunkField)
	})
}

// chunkField walks ColumnChunk.meta_data.
func (w *footerWalker) chunkField(id int16, typ thrift.TType) (bool, error) {
	if id != chunkMetaData {
		return false, nil
	}
	if typ != thrift.STRUCT {
		return false, errFooterShape
	}
	return true, w.structFields(w.metaField)
}

// metaField sorts ColumnMetaData.encoding_stats.
func (w *footerWalker) metaField(id int16, typ thrift.TType) (bool, error) {
	if id != metaEncodingStats {
		return false, nil
	}
	return true, w.sortStats(typ)
}

// encodedStat is one element of an encoding_stats list: its sort key and
// its bytes.
type encodedStat struct {
	pageType, encoding, count int32
	at                        int    // offset in the footer
	raw                       []byte // the encoded struct
}

// sortStats reads a list of PageEncodingStats and writes its elements back
// over the same bytes, sorted.
func (w *footerWalker) sortStats(typ thrift.TType) error {
	var stats []encodedStat
	err := w.listOf(typ, func() error {
		from := w.pos()
		s := encodedStat{at: from}
		err := w.structFields(func(id int16, typ thrift.TType) (bool, error) {
			return w.statField(&s, id, typ)
		})
		s.raw = w.buf[from:w.pos()]
		stats = append(stats, s)
		return err
	})
	if err != nil || len(stats) < 2 {
		return err
	}
	at := stats[0].at
	slices.SortFunc(stats, compareStats)
	var sorted []byte // a copy: the elements' raw bytes are overwritten
	for _, s := range stats {
		sorted = append(sorted, s.raw...)
	}
	copy(w.buf[at:], sorted)
	return nil
}

// statField reads the fields of PageEncodingStats that sort it.
func (w *footerWalker) statField(s *encodedStat, id int16, typ thrift.TType) (bool, error) {
	if typ != thrift.I32 {
		return false, nil
	}
	v, err := w.p.ReadI32(w.ctx)
	switch id {
	case statsPageType:
		s.pageType = v
	case statsEncoding:
		s.encoding = v
	default:
		s.count = v
	}
	return true, err
}

// compareStats orders stats by page type, encoding and count.
func compareStats(a, b encodedStat) int {
	if a.pageType != b.pageType {
		return int(a.pageType) - int(b.pageType)
	}
	if a.encoding != b.encoding {
		return int(a.encoding) - int(b.encoding)
	}
	return int(a.count) - int(b.count)
}

// pos returns the offset of the next byte to read.
func (w *footerWalker) pos() int { return len(w.buf) - w.trans.Len() }

// structFields reads a struct, handing each field to field, which reads it
// and returns true, or returns false to have it skipped.
func (w *footerWalker) structFields(field func(id int16, typ thrift.TType) (bool, error)) error {
	if _, err := w.p.ReadStructBegin(w.ctx); err != nil {
		return err
	}
	for {
		_, typ, id, err := w.p.ReadFieldBegin(w.ctx)
		if err != nil {
			return err
		}
		if typ == thrift.STOP {
			return w.p.ReadStructEnd(w.ctx)
		}
		done, err := field(id, typ)
		if err != nil {
			return err
		}
		if !done {
			if err := thrift.SkipDefaultDepth(w.ctx, w.p, typ); err != nil {
				return err
			}
		}
		if err := w.p.ReadFieldEnd(w.ctx); err != nil {
			return err
		}
	}
}

// listOf reads a list of structs, calling elem for each.
func (w *footerWalker) listOf(typ thrift.TType, elem func() error) error {
	if typ != thrift.LIST {
		return errFooterShape
	}
	et, n, err := w.p.ReadListBegin(w.ctx)
	if err != nil {
		return err
	}
	if et != thrift.STRUCT {
		return errFooterShape
	}
	for range n {
		if err := elem(); err != nil {
			return err
		}
	}
	return w.p.ReadListEnd(w.ctx)
}
