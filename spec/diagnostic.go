package spec

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the run.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one message about the analyst's text, with where it applies.
type Diagnostic struct {
	Span     Span
	Severity Severity
	Code     Code
	Message  string
}

// Header formats the first line: "FILE:LINE:COL: error: message [code]".
func (d Diagnostic) Header() string {
	msg := fmt.Sprintf("%s: %s [%s]", d.Severity, d.Message, d.Code)
	if !d.Span.IsValid() {
		return msg
	}
	line, col := d.Span.File.Position(d.Span.Start)
	return fmt.Sprintf("%s:%d:%d: %s", d.Span.File.Name, line, col, msg)
}

// Error implements error with the header line.
func (d Diagnostic) Error() string { return d.Header() }

// Format writes the header, the source line and a caret under the span.
func (d Diagnostic) Format(w io.Writer) {
	fmt.Fprintln(w, d.Header())
	if !d.Span.IsValid() {
		return
	}
	line, col := d.Span.File.Position(d.Span.Start)
	text := d.Span.File.Line(line)
	width := 1
	if endLine, endCol := d.Span.File.Position(d.Span.End); endLine == line && endCol > col {
		width = endCol - col
	}
	text = strings.ReplaceAll(text, "\t", " ")
	if n := utf8.RuneCountInString(text); col-1+width > n+1 {
		width = max(1, n+1-(col-1))
	}
	text, col, width = window(text, col, width)
	fmt.Fprintf(w, "    %s\n    %s%s\n", text, strings.Repeat(" ", col-1), strings.Repeat("^", width))
}

// maxShown is the longest source line printed whole under a diagnostic.
const maxShown = 160

// window cuts a long source line to the part around the caret, marking
// the cuts with …, and moves the caret's column and width to match.
func window(text string, col, width int) (string, int, int) {
	runes := []rune(text)
	if len(runes) <= maxShown {
		return text, col, width
	}
	width = min(width, maxShown/2)
	start := max(0, col-1-maxShown/4)
	end := min(len(runes), start+maxShown)
	out := string(runes[start:end])
	if start > 0 {
		out = "…" + out
		col = col - start + 1
	}
	if end < len(runes) {
		out += "…"
	}
	return out, col, width
}

// Diagnostics is a list of diagnostics; it is an error when it holds one.
type Diagnostics []Diagnostic

// MaxPrinted caps how many diagnostics Format prints.
const MaxPrinted = 50

// Add appends a diagnostic.
func (ds *Diagnostics) Add(sev Severity, code Code, span Span, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Span: span, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Errorf appends an error.
func (ds *Diagnostics) Errorf(code Code, span Span, format string, args ...any) {
	ds.Add(Error, code, span, format, args...)
}

// Warnf appends a warning.
func (ds *Diagnostics) Warnf(code Code, span Span, format string, args ...any) {
	ds.Add(Warning, code, span, format, args...)
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, position, then severity and message,
// and drops exact duplicates.
func (ds Diagnostics) Sort() Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if an, bn := fileName(a.Span), fileName(b.Span); an != bn {
			return an < bn
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Message < b.Message
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d.Header() == ds[i-1].Header() {
			continue
		}
		out = append(out, d)
	}
	return out
}

func fileName(s Span) string {
	if s.File == nil {
		return ""
	}
	return s.File.Name
}

// Format writes every diagnostic (up to MaxPrinted) with its source line.
func (ds Diagnostics) Format(w io.Writer) {
	for i, d := range ds {
		if i == MaxPrinted {
			fmt.Fprintf(w, "... and %d more\n", len(ds)-MaxPrinted)
			return
		}
		d.Format(w)
	}
}

// Error implements error: the header lines joined.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Header()
	}
	return strings.Join(lines, "\n")
}
