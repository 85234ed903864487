package reports

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/compiler/result"
)

// Excel number formats of the columns without a `date:` pattern.
const (
	xlsxDateFormat      = "yyyy-mm-dd"
	xlsxTimestampFormat = "yyyy-mm-dd hh:mm:ss"
)

// ExcelNumFmt is the Excel number format code of a column of type dt
// under fm, the counterpart of the display formatting (see
// numberFormatFor): thousands separators always; decimals as the format
// or the type's default says (integers none, decimals of scale 0…4 their
// scale, floats "0.0###": one to four); currency as the en-US symbol in
// quotes before the digits ("$"#,##0.00, which Excel shows as -$12.00 for
// a negative amount); percent with a % sign (Excel multiplies by 100).
// A date or timestamp column gets its `date:` pattern translated
// (YYYY→yyyy, YY→yy, MMM→mmm, MM→mm, DD→dd, ddd→ddd, other text literal,
// quoted unless it is spaces and punctuation such as - / : , .), or
// yyyy-mm-dd (timestamps yyyy-mm-dd hh:mm:ss) without one. Excel has no
// code for an ISO week (Www) or a quarter (Q): a column whose pattern
// holds either is written as text (see ExcelDateAsText) and gets ""
// (General), as do other types.
func ExcelNumFmt(dt arrow.DataType, fm result.Format) string {
	switch dt.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64,
		arrow.FLOAT32, arrow.FLOAT64, arrow.DECIMAL128:
		return excelNumberFormat(numberFormatFor(dt, fm))
	case arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP:
		if ExcelDateAsText(dt, fm) {
			return ""
		}
		fallback := xlsxDateFormat
		if dt.ID() == arrow.TIMESTAMP {
			fallback = xlsxTimestampFormat
		}
		return excelDatePattern(fm.Date, fallback)
	}
	return ""
}

// ExcelDateAsText reports whether a column of type dt under fm is written
// to XLSX as text cells holding its display text (2025-W41, 2024 Q4)
// rather than as Excel dates: a date or timestamp column whose `date:`
// pattern holds a token Excel's number formats lack (Www, Q). A date
// shown with yyyy-mm-dd instead would disagree with the table, the HTML
// report and the formatted CSV; as text the cell reads as they do (and a
// pattern that starts with the year, such as YYYY-Www, still sorts).
func ExcelDateAsText(dt arrow.DataType, fm result.Format) bool {
	switch dt.ID() {
	case arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP:
	default:
		return false
	}
	if fm.Date == "" {
		return false
	}
	for _, t := range parseDatePattern(fm.Date).tokens {
		if _, ok := excelDateTokens[t.field]; t.field != "" && !ok {
			return true
		}
	}
	return false
}

// excelNumberFormat is the Excel code of the display number format nf.
func excelNumberFormat(nf numberFormat) string {
	var b strings.Builder
	if nf.prefix != "" {
		b.WriteString(excelLiteral(nf.prefix, true))
	}
	b.WriteString("#,##0")
	switch {
	case nf.trim && nf.decimals > 0: // at least one decimal shown, so that 12 does not read "12."
		b.WriteString(".0" + strings.Repeat("#", nf.decimals-1))
	case nf.decimals > 0:
		b.WriteString("." + strings.Repeat("0", nf.decimals))
	}
	if nf.percent {
		b.WriteByte('%')
	}
	if nf.suffix != "" {
		b.WriteString(excelLiteral(nf.suffix, true))
	}
	return b.String()
}

// excelPlainLiterals are the characters a number format shows as they
// are, without quotes.
const excelPlainLiterals = " -/:,.()+"

// excelLiteral is s as literal text of a number format: each run of
// characters in quotes, unless all of them show as they are (a space,
// - / : and the like); a double quote, which cannot stand inside quotes,
// is escaped with a backslash. With quoteAll every run is quoted.
func excelLiteral(s string, quoteAll bool) string {
	var b strings.Builder
	for i, p := range strings.Split(s, `"`) {
		if i > 0 {
			b.WriteString(`\"`)
		}
		switch {
		case p == "":
		case !quoteAll && strings.Trim(p, excelPlainLiterals) == "":
			b.WriteString(p)
		default:
			b.WriteString(`"` + p + `"`)
		}
	}
	return b.String()
}

// excelDateTokens maps the tokens of a `date:` pattern to Excel's.
var excelDateTokens = map[string]string{
	"YYYY": "yyyy", "YY": "yy", "MMM": "mmm", "MM": "mm", "DD": "dd", "ddd": "ddd",
}

// excelDatePattern translates the `date:` pattern p; an empty pattern
// gives fallback, and so does one with a token Excel lacks (Www, Q),
// which ExcelNumFmt does not ask for (such a column is text).
func excelDatePattern(p, fallback string) string {
	if p == "" {
		return fallback
	}
	var b strings.Builder
	for _, t := range parseDatePattern(p).tokens {
		if t.field == "" {
			b.WriteString(excelLiteral(t.text, false))
			continue
		}
		code, ok := excelDateTokens[t.field]
		if !ok {
			return xlsxDateFormat
		}
		b.WriteString(code)
	}
	return b.String()
}

// Bounds of the Excel 1900 date system, as days since 1970-01-01.
const (
	excelEpochOffset = 25569   // the serial number of 1970-01-01
	excelMaxSerial   = 2958465 // 9999-12-31
)

// excelSerial is the Excel serial number of the day days after 1970-01-01
// plus the fraction frac of a day; ok is false for a day Excel cannot
// hold (before 1900-01-01 or after 9999-12-31). Excel counts a fictional
// 1900-02-29 (serial 60), so days before 1900-03-01 are one less.
func excelSerial(days int64, frac float64) (ExcelDate, bool) {
	serial := days + excelEpochOffset
	if serial < 61 {
		serial--
	}
	if serial < 1 || serial > excelMaxSerial {
		return 0, false
	}
	return ExcelDate(float64(serial) + frac), true
}
