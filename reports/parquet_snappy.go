package reports

import (
	"io"

	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/klauspost/compress/s2"
)

// arrow-go compresses Snappy pages with klauspost/compress's snappy.Encode,
// which is s2.EncodeSnappyBetter: a slower match search for output a few
// percent smaller, 15–20 % of a Parquet export's CPU once the columns are
// encoded without needless dictionaries. assay registers, for the process,
// a Snappy codec that encodes with s2.EncodeSnappy, the fast search —
// standard Snappy blocks every reader decodes, deterministic like the
// other, the speed DuckDB's own Snappy writer aims at — and decodes and
// streams exactly as arrow-go's own.
func init() {
	compress.RegisterCodec(compress.Codecs.Snappy, fastSnappy{base: mustCodec(compress.Codecs.Snappy)})
}

// mustCodec returns arrow-go's codec of c, which its package registers.
func mustCodec(c compress.Compression) compress.Codec {
	codec, err := compress.GetCodec(c)
	if err != nil {
		panic(err)
	}
	return codec
}

// fastSnappy is arrow-go's Snappy codec with the fast block encoder.
type fastSnappy struct{ base compress.Codec }

func (fastSnappy) Encode(dst, src []byte) []byte { return s2.EncodeSnappy(dst, src) }

func (fastSnappy) EncodeLevel(dst, src []byte, _ int) []byte { return s2.EncodeSnappy(dst, src) }

func (s fastSnappy) CompressBound(n int64) int64 { return s.base.CompressBound(n) }

func (s fastSnappy) Decode(dst, src []byte) []byte { return s.base.Decode(dst, src) }

func (s fastSnappy) DecodeWithError(dst, src []byte) ([]byte, error) {
	return compress.Decode(s.base, dst, src)
}

func (s fastSnappy) NewReader(r io.Reader) io.ReadCloser {
	return s.base.(compress.StreamingCodec).NewReader(r)
}

func (s fastSnappy) NewWriter(w io.Writer) io.WriteCloser {
	return s.base.(compress.StreamingCodec).NewWriter(w)
}

func (s fastSnappy) NewWriterLevel(w io.Writer, level int) (io.WriteCloser, error) {
	return s.base.(compress.StreamingCodec).NewWriterLevel(w, level)
}
