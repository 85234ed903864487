package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadWithin runs load and fails the test when it does not return within
// a few seconds (a FIFO without a writer used to hang the read forever).
func loadWithin(t *testing.T, load func() Diagnostics) Diagnostics {
	t.Helper()
	done := make(chan Diagnostics, 1)
	go func() { done <- load() }()
	select {
	case ds := <-done:
		return ds
	case <-time.After(10 * time.Second):
		t.Fatal("loading did not return within 10 s")
		return nil
	}
}

func wantLimit(t *testing.T, what string, ds Diagnostics, text string) {
	t.Helper()
	if !ds.HasErrors() || ds[0].Code != CodeLimit || !strings.Contains(ds.Error(), text) {
		t.Errorf("%s: got %v, want a %s error saying %q", what, ds, CodeLimit, text)
	}
}

func TestLoadFileRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "r.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	ds := loadWithin(t, func() Diagnostics { _, ds := LoadFile(fifo); return ds })
	wantLimit(t, "FIFO", ds, "not a regular file (a FIFO)")

	ds = loadWithin(t, func() Diagnostics { _, ds := LoadFile("/dev/zero"); return ds })
	wantLimit(t, "/dev/zero", ds, "not a regular file (a device)")

	ds = loadWithin(t, func() Diagnostics { _, ds := LoadFile(dir); return ds })
	wantLimit(t, "folder", ds, "not a regular file (a folder)")

	proj := filepath.Join(dir, "p", ProjectFile)
	if err := os.MkdirAll(filepath.Dir(proj), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(proj, 0o600); err != nil {
		t.Fatal(err)
	}
	ds = loadWithin(t, func() Diagnostics { _, ds := FindProject(filepath.Dir(proj)); return ds })
	wantLimit(t, "assay.yaml FIFO", ds, "not a regular file (a FIFO)")
}

func TestLoadFileRefusesMoreThanOneMiB(t *testing.T) {
	dir := t.TempDir()
	body := "report: r\nfrom: t\n# "
	big := body + strings.Repeat("x", MaxFileSize-len(body)) + "\n"
	writeFile(t, filepath.Join(dir, "big.yaml"), big)
	_, ds := LoadFile(filepath.Join(dir, "big.yaml"))
	wantLimit(t, "spec", ds, "larger than the limit of 1048576 bytes")

	writeFile(t, filepath.Join(dir, ProjectFile), "timezone: UTC\n#"+strings.Repeat("x", MaxFileSize))
	_, ds = LoadProject(filepath.Join(dir, ProjectFile))
	wantLimit(t, "assay.yaml", ds, "larger than the limit")

	ok := body[:len(body)-2] + "dimensions: {x: t.x}\n# " + strings.Repeat("x", MaxFileSize-100)
	writeFile(t, filepath.Join(dir, "ok.yaml"), ok)
	if _, ds := LoadFile(filepath.Join(dir, "ok.yaml")); len(ds) > 0 {
		t.Errorf("a file just under the limit: %v", ds)
	}
}

func TestLongFlatChainIsALimitError(t *testing.T) {
	// 100,000 operators used to overflow the stack further down the line.
	chain := "v.x" + strings.Repeat(" + v.x", 100000)
	src := "report: r\nfrom: visits v\ndimensions:\n  d: " + chain + "\n"
	ds := loadWithin(t, func() Diagnostics { _, ds := Load("r.yaml", []byte(src)); return ds })
	if !ds.HasErrors() || ds[0].Code != CodeLimit || !strings.Contains(ds[0].Message, "more than the limit of 10000") {
		t.Fatalf("got %v", ds)
	}
	// "v.x" is 3 tokens and each " + v.x" 4 more, so token 10,001 (index
	// 10,000) is the "v" of group 2,499: byte 3 + 6*2499 + 3 = 15,000 of
	// the chain, which starts at column 6.
	if h := ds[0].Header(); !strings.HasPrefix(h, "r.yaml:4:15006: error:") {
		t.Errorf("got %q, want it at r.yaml:4:15006", h)
	}
}

func TestTooManyEntriesIsALimitError(t *testing.T) {
	var b strings.Builder
	b.WriteString("report: r\nfrom: visits v\ndimensions:\n")
	for i := 0; i < MaxEntries+5; i++ {
		fmt.Fprintf(&b, "  d%d: v.x\n", i)
	}
	b.WriteString("where:\n" + strings.Repeat("  - v.x = 1\n", MaxEntries+1))
	_, ds := Load("r.yaml", []byte(b.String()))
	if len(ds) != 2 || ds[0].Code != CodeLimit || ds[1].Code != CodeLimit {
		t.Fatalf("want two limit errors, got %v", ds)
	}
	want := []string{"r.yaml:1004:3: error: dimensions has 1005 entries, more than the limit of 1000",
		"r.yaml:2010:5: error: where has 1001 entries, more than the limit of 1000"}
	for i, w := range want {
		if h := ds[i].Header(); !strings.HasPrefix(h, w) {
			t.Errorf("got %q, want %q", h, w)
		}
	}
}
