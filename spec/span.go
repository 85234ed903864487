package spec

import (
	"sort"
	"unicode/utf8"
)

// File is one source file: its name as given by the user and its bytes.
// Positions are byte offsets into Src; they become line:col only when printed.
type File struct {
	Name  string
	Src   []byte
	lines []int // byte offset of the start of each line
}

// NewFile returns a File for src, indexing its line starts.
func NewFile(name string, src []byte) *File {
	f := &File{Name: name, Src: src, lines: []int{0}}
	for i, b := range src {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// Position converts a byte offset to a 1-based line and a 1-based column
// counted in characters (runes), as editors count them.
func (f *File) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(f.Src) {
		off = len(f.Src)
	}
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	return i + 1, utf8.RuneCount(f.Src[f.lines[i]:off]) + 1
}

// Offset converts a 1-based line and 1-based rune column (as yaml.v3 reports
// them) to a byte offset. Out-of-range values are clamped.
func (f *File) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(f.lines) {
		return len(f.Src)
	}
	off := f.lines[line-1]
	for n := 1; n < col && off < len(f.Src) && f.Src[off] != '\n'; n++ {
		_, size := utf8.DecodeRune(f.Src[off:])
		off += size
	}
	return off
}

// Line returns the text of the 1-based line, without its newline.
func (f *File) Line(line int) string {
	if line < 1 || line > len(f.lines) {
		return ""
	}
	start := f.lines[line-1]
	end := len(f.Src)
	if line < len(f.lines) {
		end = f.lines[line] - 1
	}
	if end > start && f.Src[end-1] == '\r' {
		end--
	}
	return string(f.Src[start:end])
}

// Span is a range of bytes [Start, End) in a File. The zero Span has no
// file and prints as the bare message.
type Span struct {
	File       *File
	Start, End int
}

// IsValid reports whether the span points into a file.
func (s Span) IsValid() bool { return s.File != nil }

// Sub returns the span of bytes [start, end) relative to s.Start, used to
// point inside an expression string.
func (s Span) Sub(start, end int) Span {
	return Span{File: s.File, Start: s.Start + start, End: s.Start + end}
}

// To returns the span from the start of s to the end of t.
func (s Span) To(t Span) Span {
	if !s.IsValid() {
		return t
	}
	return Span{File: s.File, Start: s.Start, End: max(s.End, t.End)}
}
