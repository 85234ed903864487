package main

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/reports"
)

// display is what the display outputs (table, HTML) need of a run besides
// its rows: the report's texts and formats, the resolved parameters, when
// it ran and on which database.
type display struct {
	html reports.HTMLOptions
}

// newDisplay gathers the display data of one run of plan.
func (s *session) newDisplay(plan *compiler.Plan, vals map[string]any, started time.Time) display {
	r := plan.Report
	opts := reports.HTMLOptions{
		Name: r.Name.Value, Title: r.Title.Value, Description: strings.TrimSpace(r.Description.Value),
		RunAt: started, Database: s.dbName,
		Formats: specFormats(plan), Charts: specCharts(plan),
	}
	for _, p := range plan.Params {
		if v, ok := vals[p.Name]; ok {
			opts.Params = append(opts.Params, reports.Param{Name: p.Name, Value: paramText(v)})
		}
	}
	for _, sc := range plan.Scores {
		opts.Scores = append(opts.Scores, sc.Name)
	}
	return display{html: opts}
}

// specFormats converts the spec's format: entries.
func specFormats(plan *compiler.Plan) map[string]result.Format {
	out := map[string]result.Format{}
	for _, f := range plan.Report.Format {
		rf := result.Format{Style: f.Style.Value, Currency: f.Currency.Value, Date: f.Date.Value, Label: f.Label.Value}
		if f.Decimals != nil {
			d := int(f.Decimals.Value)
			rf.Decimals = &d
		}
		if f.Null != nil {
			null := f.Null.Value
			rf.Null = &null
		}
		out[f.Name.Value] = rf
	}
	return out
}

// specCharts converts the spec's charts: entries.
func specCharts(plan *compiler.Plan) []result.Chart {
	var out []result.Chart
	for _, c := range plan.Report.Charts {
		rc := result.Chart{Type: c.Type.Value, X: c.X.Value, Series: c.Series.Value, Stacked: c.Stacked, Title: c.Title.Value}
		for _, y := range c.Y {
			rc.Y = append(rc.Y, y.Value)
		}
		out = append(out, rc)
	}
	return out
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
// display data, the raw formats their rows only.
func (d display) write(f reports.Format, w io.Writer, rr array.RecordReader, alloc memory.Allocator) error {
	switch f {
	case reports.FormatHTML:
		return reports.WriteHTML(w, rr, d.html)
	case reports.FormatTable:
		return reports.WriteTable(w, rr, reports.TableOptions{Formats: d.html.Formats})
	default:
		return f.Write(w, rr, alloc)
	}
}
