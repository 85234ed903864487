// Package reports turns query results — Arrow record batches read from an
// array.RecordReader — into output: a CSV file, a JSON array, an Arrow IPC
// file, a Parquet file, an aligned text table for the terminal, a
// self-contained HTML report with SVG charts, or an Excel workbook. It is the last stage of the
// pipeline and never reaches back into the engine or the compiler; the
// display data it needs (formats, charts) comes as compiler/result values.
//
// # Value formatting
//
// Every writer formats values through one family of small functions in
// value.go, value_number.go and value_time.go. For each result column a
// column value is chosen once per schema (newColumns), bound to the arrays
// of each record batch (boundBatch), and then appends the text of one cell
// to a reused []byte buffer: no string is built per cell. Two styles exist:
// styleRaw for data formats (CSV, and later JSON) and styleDisplay for
// human-facing output (the table), which differ only in how floats read.
//
// The raw text of each supported Arrow type:
//
//   - Boolean: true, false.
//   - Int8…Int64, Uint8…Uint64: decimal digits.
//   - Float32, Float64: the shortest text that reads back to the same value
//     (strconv with bit size 32 or 64), in plain notation when 1e-6 <= |v| <
//     1e21 and in exponent notation (1e+21, 1e-7) outside that range — the
//     rule of encoding/json and JavaScript, so a sum such as 1234567.5 never
//     turns into 1.2345675e+06. NaN, +Inf and -Inf read NaN, Infinity and
//     -Infinity.
//   - Decimal128: plain decimal text with exactly scale fractional digits
//     (decimal(12,2) 12345 reads 123.45, -5 reads -0.05), never an exponent.
//     A negative scale appends zeros.
//   - String, LargeString, StringView: as is.
//   - Binary, LargeBinary, BinaryView: \x followed by lowercase hex, as
//     PostgreSQL prints bytea.
//   - Date32, Date64: YYYY-MM-DD in the proleptic Gregorian calendar. Years
//     have at least four digits; a year after 9999 gets more digits, a year
//     before 1 is the astronomical year with a minus sign (1 BC is 0000,
//     2 BC is -0001).
//   - Timestamp (s, ms, us, ns): RFC 3339, YYYY-MM-DDTHH:MM:SS, then a
//     fraction only when it is not zero, trimmed of trailing zeros (like
//     time.RFC3339Nano). A timestamp with a time zone is an instant and is
//     printed in UTC with a Z; a timestamp without one is a wall-clock time
//     and is printed without an offset.
//   - MonthDayNanoInterval (and MonthInterval, DayTimeInterval): an ISO 8601
//     duration such as P1Y2M3DT4H5M6.5S. Months are split into years and
//     months; days and the time part are not normalised (as in PostgreSQL,
//     a day is not always 24 hours). Each component carries its own sign,
//     as PostgreSQL's iso_8601 style does: P-1M2DT-3H. Zero is PT0S.
//   - Null (the type of an untyped NULL column): always NULL.
//
// A column of any other type (dictionaries, lists, structs, …) is rejected
// with ErrUnsupportedType before anything is written.
//
// # Display formatting
//
// Display (display.go, display_number.go, display_date.go) is the one
// implementation of `format:` behind the table and the HTML report:
// number, currency and percent styles with decimal rounding half away
// from zero on the exact decimal text of a value, thousands separators,
// date patterns, labels and NULL text. Raw formats never use it.
//
// # Pivots
//
// With a report's `pivot:` (result.Pivot), the display outputs lay the
// result out first: BuildGrid (pivot.go, pivot_layout.go) reads every
// batch and returns a Grid (grid.go) — header levels with spans, leaf
// columns with their result column, type, format and pivot value, and rows
// of typed cells (missing, NULL, value, Total) with their display text and
// outlier flags. WriteTable, WriteHTML (TableOptions.Pivot,
// HTMLOptions.Pivot) and WritePivotCSV write that grid; the raw writers
// never see it. Totals are the query's rows placed where they belong,
// never sums made here; more distinct pivot values than max_columns is
// ErrPivotTooWide before a byte is written.
//
// # The HTML report
//
// WriteHTML (html.go, html_page.go) writes one page through html/template;
// the charts are SVG drawn by svg*.go: chartData collects a point per row
// and y column while the batches stream by, and a plot draws axes (linear,
// time or band) and marks (line, bar, area, scatter), escaping every text.
//
// # The XLSX workbook
//
// WriteXLSX (xlsx.go) turns Arrow batches into typed sheet cells (numbers,
// Excel dates, booleans, text) and hands them to XLSXWriter
// (xlsx_sheet.go, xlsx_style.go, xlsx_about.go), which streams them
// through excelize's StreamWriter: a frozen, filtered header of one or
// more levels, bold totals rows, filled outlier cells, and an About
// sheet. Its input — SheetColumn (header levels, type, Excel number
// format), SheetRow and SheetCell — is independent of Arrow, so that a
// pivoted grid can be written through it as well. ExcelNumFmt
// (xlsx_numfmt.go) is the Excel counterpart of each display format.
// reports/xlsxcheck reads workbooks back with openpyxl for the tests.
//
// # Writers
//
// WriteCSV streams RFC 4180 CSV, WriteJSON a JSON array of objects,
// WriteXLSX an Excel workbook (sheet XML spilled to temporary files, the
// zip streamed to the output once the last row is in),
// WriteArrow an Arrow IPC file, WriteParquet a Parquet file (one buffered
// row group at a time, of at most 131,072 rows or 16 MiB; intervals as
// their ISO 8601 text). WriteTable buffers an aligned text table (results
// are aggregated, hence small, and MaxRows caps what is shown) and
// WriteHTML an HTML page (the rows shown and one point per charted row).
// WithProgress wraps a reader with a progress line for a terminal. Write
// dispatches on a format name.
//
// # Output files
//
// An OutputSet holds the files of one report, committed together or not at
// all: OpenOutputSet checks every path and creates a temporary file
// ".NAME.tmp-PID-N" beside each before anything is written, and Commit
// renames them all into place once all were written (Abort removes them).
// A symbolic link is followed and its target replaced; a character device
// or FIFO is written in place; a directory, socket or block device is
// refused with ErrOutputPath. A rename failing midway is a *CommitError
// naming the new and the unchanged files. RemoveStaleTemps, run by every
// OpenOutputSet on the folders it writes into, removes the temporary files
// of killed processes. WriteFileAtomic is the set of one file.
// The writers read the record reader to its end but do not release it: the
// caller owns it.
package reports
