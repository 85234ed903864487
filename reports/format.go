package reports

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// ErrUnknownFormat reports an output format name that is not one of
// Formats.
var ErrUnknownFormat = errors.New("unknown output format")

// Format names an output format.
type Format string

const (
	// FormatTable is the aligned text table of WriteTable.
	FormatTable Format = "table"
	// FormatCSV is the RFC 4180 CSV of WriteCSV.
	FormatCSV Format = "csv"
	// FormatArrow is the Arrow IPC file of WriteArrow.
	FormatArrow Format = "arrow"
	// FormatParquet is the Parquet file of WriteParquet.
	FormatParquet Format = "parquet"
	// FormatJSON is the JSON array of objects of WriteJSON.
	FormatJSON Format = "json"
	// FormatHTML is the self-contained HTML page of WriteHTML.
	FormatHTML Format = "html"
	// FormatXLSX is the Excel workbook of WriteXLSX.
	FormatXLSX Format = "xlsx"
)

// allFormats lists the formats in the order Formats reports them.
var allFormats = [...]Format{FormatTable, FormatCSV, FormatArrow, FormatParquet, FormatJSON, FormatHTML, FormatXLSX}

// Formats returns the names of the output formats, table first.
func Formats() []string {
	names := make([]string, len(allFormats))
	for i, f := range allFormats {
		names[i] = string(f)
	}
	return names
}

// ParseFormat returns the format called name, or an error wrapping
// ErrUnknownFormat. Names are exact and lowercase.
func ParseFormat(name string) (Format, error) {
	for _, f := range allFormats {
		if string(f) == name {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q (want one of %s)", ErrUnknownFormat, name, strings.Join(Formats(), ", "))
}

// Extension returns the file name extension of f, with its dot: ".txt",
// ".csv", ".arrow", ".parquet", ".json", ".html" or ".xlsx"; "" for an
// unknown format.
func (f Format) Extension() string {
	switch f {
	case FormatTable:
		return ".txt"
	case FormatCSV:
		return ".csv"
	case FormatArrow:
		return ".arrow"
	case FormatParquet:
		return ".parquet"
	case FormatJSON:
		return ".json"
	case FormatHTML:
		return ".html"
	case FormatXLSX:
		return ".xlsx"
	default:
		return ""
	}
}

// Extension returns the file name extension of the format called format,
// with its dot (csv → ".csv", arrow → ".arrow", parquet → ".parquet",
// table → ".txt"), or "" when
// there is no such format.
func Extension(format string) string {
	return Format(format).Extension()
}

// Write writes the results of rr to w in the format called format, with
// default options; alloc serves the formats that allocate Arrow memory. An
// unknown format is an error wrapping ErrUnknownFormat and writes nothing.
func Write(format string, w io.Writer, rr array.RecordReader, alloc memory.Allocator) error {
	f, err := ParseFormat(format)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	return f.Write(w, rr, alloc)
}

// Write writes the results of rr to w in format f with default options.
func (f Format) Write(w io.Writer, rr array.RecordReader, alloc memory.Allocator) error {
	switch f {
	case FormatTable:
		return WriteTable(w, rr, TableOptions{})
	case FormatCSV:
		return WriteCSV(w, rr)
	case FormatArrow:
		return WriteArrow(w, rr, alloc)
	case FormatParquet:
		return WriteParquet(w, rr, alloc)
	case FormatJSON:
		return WriteJSON(w, rr)
	case FormatHTML:
		return WriteHTML(w, rr, HTMLOptions{})
	case FormatXLSX:
		return WriteXLSX(w, rr, XLSXOptions{})
	default:
		return fmt.Errorf("reports: %w %q", ErrUnknownFormat, string(f))
	}
}

// arrowBufferSize is the size of the buffered writer under the IPC writer,
// which writes each message in several small pieces.
const arrowBufferSize = 256 << 10

// WriteArrow writes the results of rr to w as an Arrow IPC file (the
// random-access format, ".arrow"), one record batch per batch read, with
// values at full precision and the schema as is. A result without batches
// still makes a valid file holding the schema. alloc serves the writer's
// temporary buffers. WriteArrow reads rr to its end but does not release it.
func WriteArrow(w io.Writer, rr array.RecordReader, alloc memory.Allocator) error {
	bw := bufio.NewWriterSize(w, arrowBufferSize)
	fw, err := ipc.NewFileWriter(bw, ipc.WithSchema(rr.Schema()), ipc.WithAllocator(alloc))
	if err != nil {
		return fmt.Errorf("reports: arrow: %w", err)
	}
	if err := writeBatches(fw, rr); err != nil {
		// Close releases the writer's dictionaries; the output is bad anyway,
		// so its own error adds nothing.
		_ = fw.Close()
		return fmt.Errorf("reports: arrow: %w", err)
	}
	if err := fw.Close(); err != nil {
		return fmt.Errorf("reports: arrow: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("reports: arrow: %w", err)
	}
	return nil
}

// writeBatches writes every batch of rr to fw.
func writeBatches(fw *ipc.FileWriter, rr array.RecordReader) error {
	for rr.Next() {
		if err := fw.Write(rr.RecordBatch()); err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reading results: %w", err)
	}
	return nil
}
