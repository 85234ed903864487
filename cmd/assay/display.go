package main

import (
	"fmt"
	"io"
	"math"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/reports"
)

// display is what the display outputs (table, HTML, XLSX) need of a run besides
// its rows: the report's texts and formats, the resolved parameters, when
// it ran and on which database.
type display struct {
	html reports.HTMLOptions
	// maxRows caps the rows a table shows (--max-rows; 0: all).
	maxRows int
	// formatted writes CSV in the display formats (--formatted).
	formatted bool
}

// newDisplay gathers the display data of one run of plan: the texts,
// formats and charts of its result, the resolved parameters, when it ran
// and on which database.
func (s *session) newDisplay(plan *compiler.Plan, vals map[string]any, started time.Time, maxRows int) display {
	r := plan.Result
	opts := reports.HTMLOptions{
		Name: r.Name, Title: r.Title, Description: strings.TrimSpace(r.Description),
		RunAt: started, Database: s.dbName, MaxRows: maxRows,
		Formats: r.Formats, Charts: r.Charts, Pivot: r.Pivot,
	}
	for _, p := range plan.Params {
		if v, ok := vals[p.Name]; ok {
			opts.Params = append(opts.Params, reports.Param{Name: p.Name, Value: paramText(v)})
		}
	}
	for _, sc := range r.Scores {
		opts.Scores = append(opts.Scores, sc.Name)
	}
	if maxRows == 0 { // --max-rows 0: every row, in HTML as in the table
		opts.MaxRows = math.MaxInt
	}
	return display{html: opts, maxRows: maxRows}
}

// paramText is a resolved parameter value as the HTML report shows it:
// dates as YYYY-MM-DD, timestamps with their time, lists comma-separated.
func paramText(v any) string {
	switch v := v.(type) {
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.DateTime)
	case string:
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = paramText(rv.Index(i).Interface())
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

// databaseName is the name the HTML report shows for the database: the
// project's name for it, else the database of a postgres:// URL or the
// file name of a DuckDB database. Never the URL, which may hold a password.
func databaseName(rawURL, name string) string {
	if name != "" {
		return name
	}
	if path, ok := strings.CutPrefix(rawURL, "duckdb:"); ok {
		file, _, _ := strings.Cut(path, "?")
		return filepath.Base(file)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Path, "/")
}

// write writes rr to w in format f; the display formats get the run's
// display data (formats, charts, the pivot), the raw formats their rows
// only, in the long shape.
func (d display) write(f reports.Format, w io.Writer, rr array.RecordReader, alloc memory.Allocator) error {
	switch f {
	case reports.FormatHTML:
		return reports.WriteHTML(w, rr, d.html)
	case reports.FormatXLSX:
		return reports.WriteXLSX(w, rr, d.xlsx())
	case reports.FormatTable:
		return reports.WriteTable(w, rr, reports.TableOptions{Formats: d.html.Formats, MaxRows: d.maxRows, Pivot: d.html.Pivot})
	case reports.FormatCSV:
		if d.formatted && d.html.Pivot != nil {
			return reports.WritePivotCSV(w, rr, reports.PivotOptions{Pivot: d.html.Pivot, Formats: d.html.Formats})
		}
		if d.formatted {
			return reports.WriteFormattedCSV(w, rr, d.html.Formats)
		}
		return f.Write(w, rr, alloc)
	default:
		return f.Write(w, rr, alloc)
	}
}

// xlsx is the run's display data as the XLSX workbook takes it.
func (d display) xlsx() reports.XLSXOptions {
	h := d.html
	return reports.XLSXOptions{
		About: reports.About{
			Name: h.Name, Title: h.Title, Description: h.Description, Params: h.Params,
			RunAt: h.RunAt, Elapsed: h.Elapsed, Database: h.Database,
		},
		Formats: h.Formats, Pivot: h.Pivot,
	}
}
