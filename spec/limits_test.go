package spec

import (
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
