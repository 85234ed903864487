package reports

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// aboutRunAtFormat is the number format of the run time on the About sheet.
const aboutRunAtFormat = `yyyy-mm-dd hh:mm:ss "UTC"`

// writeAbout adds the "About" sheet: one name and value a row — title,
// description, report, each parameter, database, run time, time taken,
// rows. Every text is a text cell.
func (x *XLSXWriter) writeAbout(a About) error {
	if _, err := x.file.NewSheet(aboutSheet); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	sw, err := x.file.NewStreamWriter(aboutSheet)
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	bold, err := x.file.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	wrap, err := x.file.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", Horizontal: "left"}})
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	runAt, err := x.file.NewStyle(&excelize.Style{CustomNumFmt: ptr(aboutRunAtFormat), Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	count, err := x.file.NewStyle(&excelize.Style{CustomNumFmt: ptr("#,##0"), Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	// Column B first: excelize puts each column before those it has.
	if err := sw.SetColWidth(2, 2, 80); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if err := sw.SetColWidth(1, 1, 18); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	title := a.Title
	if title == "" {
		title = a.Name
	}
	type entry struct {
		name  string
		value any
		style int
	}
	entries := []entry{{"Title", title, wrap}}
	if a.Description != "" {
		entries = append(entries, entry{"Description", a.Description, wrap})
	}
	entries = append(entries, entry{"Report", a.Name, wrap})
	for _, p := range a.Params {
		entries = append(entries, entry{"Parameter " + p.Name, p.Value, wrap})
	}
	if a.Database != "" {
		entries = append(entries, entry{"Database", a.Database, wrap})
	}
	if !a.RunAt.IsZero() {
		entries = append(entries, entry{"Run at", float64(timeSerial(a.RunAt.UTC())), runAt})
	}
	if a.Elapsed > 0 {
		entries = append(entries, entry{"Took", a.Elapsed.Round(time.Millisecond).String(), wrap})
	}
	entries = append(entries, entry{"Rows", int64(x.rows), count}, entry{"Made by", "assay", wrap})
	for i, e := range entries {
		row := []any{excelize.Cell{StyleID: bold, Value: e.name}, excelize.Cell{StyleID: e.style, Value: e.value}}
		if err := sw.SetRow(cellName(1, i+1), row); err != nil {
			return fmt.Errorf("reports: xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	return nil
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// timeSerial is the Excel serial number of the wall-clock time t.
func timeSerial(t time.Time) ExcelDate {
	days := daysFromCivil(int64(t.Year()), int64(t.Month()), int64(t.Day()))
	secs := t.Hour()*3600 + t.Minute()*60 + t.Second()
	d, _ := excelSerial(days, float64(secs)/secondsPerDay+float64(t.Nanosecond())/(secondsPerDay*1e9))
	return d
}
