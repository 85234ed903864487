package reports

// pageHTML is the template of the HTML report. The page is one file with
// no external resource: its Content-Security-Policy allows inline styles
// and nothing else (no script, no network), and it reads the same with
// JavaScript off. The CSS lays the page out for a desktop screen, a phone
// (the table scrolls sideways inside its box) and paper.
const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="assay">
<title>{{.Title}}</title>
<style>` + pageCSS + `</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{with .Description}}<p class="desc">{{.}}</p>
{{end}}<dl class="meta">
{{range .Params}}<div><dt>{{.Name}}</dt><dd>{{.Value}}</dd></div>
{{end}}{{with .Database}}<div><dt>database</dt><dd>{{.}}</dd></div>
{{end}}{{with .RunAt}}<div><dt>run</dt><dd>{{.}}</dd></div>
{{end}}{{with .Elapsed}}<div><dt>took</dt><dd>{{.}}</dd></div>
{{end}}<div><dt>rows</dt><dd>{{count .Total}}</dd></div>
</dl>
{{if .HasFlags}}<p class="flags{{if .Flagged}} some{{end}}">{{if .Flagged}}{{count .Flagged}} of {{count .Total}} rows flagged as outliers{{else}}No outliers flagged in {{count .Total}} rows{{end}}</p>
{{end}}</header>
<main>
{{if .FlaggedRows}}<h2>Flagged rows</h2>
{{template "table" dict "Headers" .Headers "Rows" .FlaggedRows}}
{{if lt (len .FlaggedRows) .Flagged}}<p class="more">The first {{len .FlaggedRows}} flagged rows are listed here; the table below has them all.</p>
{{end}}{{end}}{{range .Charts}}<figure class="chart">
<figcaption>{{.Title}}</figcaption>
{{.SVG}}
{{if .Legend}}<ul class="legend">{{range .Legend}}<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="{{.Color}}"/></svg>{{.Name}}</li>{{end}}</ul>
{{end}}</figure>
{{end}}{{if .FlaggedRows}}<h2>All rows</h2>
{{end}}{{template "table" dict "Headers" .Headers "Rows" .Rows}}
{{if .Hidden}}<p class="more">Showing the first {{count .Shown}} of {{count .Total}} rows: {{count .Hidden}} rows are left out (see --max-rows). The charts use every row.</p>
{{end}}</main>
<footer>Made by assay from report {{.Name}}.</footer>
</body>
</html>
{{define "table"}}<div class="scroll">
<table>
<thead>{{range .Headers}}<tr>{{range .}}<th{{if gt .Span 1}} colspan="{{.Span}}"{{end}}{{if .Class}} class="{{.Class}}"{{else if .Num}} class="num"{{end}}>{{.Label}}</th>{{end}}</tr>{{end}}</thead>
<tbody>
{{range .Rows}}<tr{{if .Total}} class="total"{{else if .Flagged}} class="flagged"{{end}}>{{range .Cells}}<td{{with .Class}} class="{{.}}"{{end}}{{with .Title}} title="{{.}}"{{end}}>{{if .HasBar}}<span class="bar" style="width: {{pct .Bar}}"></span><span class="v">{{.Text}}</span>{{else}}{{.Text}}{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
{{end}}`

// pageCSS styles the page, the tables and the charts.
const pageCSS = `
:root{--fg:#1d2433;--muted:#5b6578;--line:#dde2ea;--head:#f4f6f9;--out:#fde4e2;--outline:#c9302c}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff;margin:0 auto;max-width:1180px;padding:24px}
h1{font-size:22px;line-height:1.25;margin:0 0 6px}
h2{font-size:16px;margin:20px 0 4px}
.desc{color:var(--muted);max-width:75ch;margin:0 0 12px}
dl.meta{display:flex;flex-wrap:wrap;gap:4px 20px;margin:0 0 12px;font-size:13px}
dl.meta div{display:flex;gap:6px}
dt{color:var(--muted)}
dd{margin:0;font-weight:600}
.flags{display:inline-block;margin:0 0 8px;padding:5px 12px;border-radius:4px;background:#edf0f4}
.flags.some{background:var(--out);color:#8a1c14;font-weight:600}
figure.chart{margin:14px 0;border:1px solid var(--line);border-radius:6px;padding:10px 12px;break-inside:avoid}
figcaption{font-weight:600;margin:0 0 4px}
svg.plot{display:block;width:100%;height:auto}
svg.plot text{font-size:11px;font-family:inherit;fill:#5b6578}
svg.plot .grid{stroke:#e8ebf0;stroke-width:1}
svg.plot .axis{stroke:#9aa3b2;stroke-width:1}
svg.plot .line{fill:none;stroke-width:1.6;stroke-linejoin:round}
svg.plot .area{stroke:none}
svg.plot .mark.flagged{stroke:var(--outline);stroke-width:2.5;fill:#fff}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:2px 14px;padding:0;margin:6px 0 0;font-size:12px}
ul.legend li{display:flex;align-items:center;gap:5px}
.scroll{overflow-x:auto;margin-top:12px}
table{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{background:var(--head);font-weight:600;border-bottom:2px solid #c5ccd8;vertical-align:bottom}
td{position:relative}
.num{text-align:right}
td.null{color:#98a1b0}
tr.total td{font-weight:600;background:var(--head);border-top:2px solid #b9c1cd}
tr.flagged td:first-child{box-shadow:inset 3px 0 0 var(--outline)}
td.outlier{background:var(--out);color:#7d1a13;font-weight:700;box-shadow:inset 0 0 0 2px var(--outline)}
td.flag{color:var(--outline);font-weight:600}
td .bar{position:absolute;left:0;top:4px;bottom:4px;background:#d9e6fb;border-radius:0 2px 2px 0}
td .v{position:relative}
.more{color:var(--muted)}
th.grp{text-align:center;border-bottom:1px solid #c5ccd8}
th.corner{border-bottom:none}
.g{border-left:1px solid #c5ccd8}
td.tcol{font-weight:600}
footer{margin-top:24px;color:var(--muted);font-size:12px}
@media (max-width:640px){body{padding:12px;font-size:13px}h1{font-size:18px}th,td{padding:3px 6px}dl.meta{gap:2px 12px}figure.chart{overflow-x:auto;padding:8px}svg.plot{min-width:560px}}
@media print{body{max-width:none;padding:0;font-size:11px}.scroll{overflow:visible}figure.chart{border:none;padding:0}tr{break-inside:avoid}thead{display:table-header-group}td.outlier,tr.total td,td .bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`
