package result

// Format is the display format of one output column (`format:` in a spec).
// It changes what the table, HTML, XLSX and formatted CSV show, never the
// raw values.
type Format struct {
	// Style is "number" (the default), "currency" or "percent".
	Style string
	// Currency is an ISO 4217 code such as "USD"; set with style currency.
	Currency string
	// Decimals is the number of decimals shown, rounded half away from
	// zero; nil means the default for the column's type.
	Decimals *int
	// Date is a date pattern such as "YYYY-MM-DD"; empty means ISO.
	Date string
	// Label is the column header; empty means the column name.
	Label string
	// Null is the display text of NULL; nil means the output's default.
	Null *string
}

// Chart is one entry of `charts:`, drawn by the HTML report.
type Chart struct {
	// Type is "line", "bar", "area" or "scatter".
	Type string
	// X is the column on the x axis.
	X string
	// Y lists the columns drawn on the y axis, at least one.
	Y []string
	// Series is the dimension whose values split the data into colours;
	// empty for one series per Y column.
	Series string
	// Stacked stacks bars or areas of several series.
	Stacked bool
	// Title is the chart's heading; empty means one made from the columns.
	Title string
}
