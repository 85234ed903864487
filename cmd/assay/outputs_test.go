package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// listing is a report of every visit (120,992 rows at the default scale)
// with long unique text labels.
const listing = "testdata/outputs/visit_listing.yaml"

// TestRunOutputToFIFOAndDevice: -o writes a FIFO and a character device in
// place instead of replacing them with a regular file.
func TestRunOutputToFIFOAndDevice(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- data
	}()
	t.Cleanup(func() { // unblock the reader if assay never opened the FIFO
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	code, _, errs := assay(t, "run", weekly, "--db", db, "--format", "csv", "-o", fifo)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	select {
	case data := <-got:
		if !bytes.HasPrefix(data, []byte("clinic,week,")) {
			t.Errorf("the FIFO's reader got %q", data)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the FIFO's reader got nothing")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info.Mode(), err)
	}

	dev := "/dev/null"
	if os.Getuid() == 0 { // never risk the system's /dev/null as root
		dev = filepath.Join(dir, "null")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skipf("cannot make a device node: %v", err)
		}
	}
	if code, _, errs := assay(t, "run", weekly, "--db", db, "--format", "parquet", "-o", dev); code != 0 {
		t.Fatalf("-o %s: exit %d: %s", dev, code, errs)
	}
	if info, err := os.Lstat(dev); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a character device: %v %v", dev, info.Mode(), err)
	}
}

// TestRunOutputThroughSymlink replaces the link's target, not the link.
func TestRunOutputThroughSymlink(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	target := filepath.Join(dir, "kept", "weekly.csv")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.csv")
	if err := os.Symlink("kept/weekly.csv", link); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := assay(t, "run", weekly, "--db", db, "--format", "csv", "-o", link); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info.Mode(), err)
	}
	data, err := os.ReadFile(target)
	if err != nil || !bytes.HasPrefix(data, []byte("clinic,week,")) {
		t.Errorf("target holds %q (%v)", data, err)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640 kept", info.Mode().Perm())
	}
}

// TestRunRefusesUnusableOutputs: a directory, a socket, a missing or
// unwritable folder exit 2 before any query runs and write nothing.
func TestRunRefusesUnusableOutputs(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	unwritable := "/proc/assay-test-output.csv" // no new file can be made in /proc, even as root
	if os.Getuid() != 0 {
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		unwritable = filepath.Join(ro, "x.csv")
	}
	cases := map[string]string{
		sub:                                    "is a directory",
		sock:                                   "is a socket",
		filepath.Join(dir, "missing", "x.csv"): "cannot create a file",
		unwritable:                             "cannot create a file",
	}
	for path, msg := range cases {
		code, out, errs := assay(t, "run", weekly, "--db", db, "--format", "csv", "-o", path)
		if code != exitUsage || !strings.Contains(errs, msg) || out != "" {
			t.Errorf("-o %s: exit %d, stderr %q; want exit 2 and %q", path, code, errs, msg)
		}
		if strings.Contains(errs, "done in") {
			t.Errorf("-o %s: the query ran: %s", path, errs)
		}
	}
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"/proc/assay-test-out", filepath.Join(file, "sub")} {
		code, _, errs := assay(t, "run", weekly, "--db", db, "--format", "csv,arrow", "--out", out)
		if code != exitUsage || !strings.Contains(errs, "output folder") || strings.Contains(errs, "done in") {
			t.Errorf("--out %s: exit %d, stderr %q; want exit 2 before the query", out, code, errs)
		}
	}
	if names := entries(t, dir); strings.Join(names, ",") != "plain,sock,sub" && strings.Join(names, ",") != "plain,ro,sock,sub" {
		t.Errorf("directory holds %v", names)
	}
}

// TestRunChecksEveryOutputBeforeRunning: with several reports, an unusable
// output of the last one stops the run before the first one runs.
func TestRunChecksEveryOutputBeforeRunning(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	specs := exampleReports(t)
	last := reportName(specs[len(specs)-1])
	if err := os.Mkdir(filepath.Join(dir, last+".csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{"run"}, specs...), "--db", db, "--format", "csv", "--out", dir)
	code, _, errs := assay(t, args...)
	if code != exitUsage || strings.Contains(errs, "done in") {
		t.Fatalf("exit %d, stderr %s; want exit 2 before any report ran", code, errs)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v", names)
	}
}

// TestRunOutputSetAllOrNothing: when one format of a report fails, the
// other formats' files stay as they were.
func TestRunOutputSetAllOrNothing(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	csv := filepath.Join(dir, "clinic_weekly_throughput.csv")
	if err := os.WriteFile(csv, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The Parquet file is a link to /dev/full: every write fails (ENOSPC).
	if err := os.Symlink("/dev/full", filepath.Join(dir, "clinic_weekly_throughput.parquet")); err != nil {
		t.Fatal(err)
	}
	code, _, errs := assay(t, "run", weekly, "--db", db, "--format", "csv,parquet,arrow", "--out", dir)
	if code != exitRuntime || !strings.Contains(errs, "no space left") {
		t.Fatalf("exit %d, stderr %s; want exit 1 and the parquet write's error", code, errs)
	}
	if data, _ := os.ReadFile(csv); string(data) != "old" {
		t.Errorf("the CSV file was replaced although the Parquet file failed: %q", data)
	}
	if names := entries(t, dir); strings.Join(names, ",") != "clinic_weekly_throughput.csv,clinic_weekly_throughput.parquet,manifest.json" {
		t.Errorf("directory holds %v", names)
	}
}

// TestRunRefusesClashingOutputs: two specs of one report name, or a
// format given twice, exit 2 before connecting (the database here does
// not exist).
func TestRunRefusesClashingOutputs(t *testing.T) {
	dir := t.TempDir()
	copyPath := filepath.Join(dir, "other_name.yaml")
	src, err := os.ReadFile(weekly)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	nodb := "duckdb:" + filepath.Join(dir, "absent.duckdb")
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{weekly, copyPath, "--out", dir}, `both define report "clinic_weekly_throughput"`},
		{[]string{weekly, weekly, "--format", "csv"}, `both define report`},
		{[]string{weekly, "--format", "csv,parquet,csv", "--out", dir}, "format csv given twice"},
		{[]string{weekly, "--max-rows", "-1"}, "--max-rows"},
	}
	for _, c := range cases {
		code, _, errs := assay(t, append(append([]string{"run"}, c.args...), "--db", nodb)...)
		if code != exitUsage || !strings.Contains(errs, c.msg) {
			t.Errorf("run %v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errs, c.msg)
		}
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v", names)
	}
}

// TestRunTableMaxRows: a table shows at most --max-rows rows (5000 by
// default) and says how many it did not show.
func TestRunTableMaxRows(t *testing.T) {
	db := duckDB(t)
	code, csv, errs := assay(t, "run", listing, "--db", db, "--format", "csv", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	total := strings.Count(csv, "\n") - 1
	if total <= 3*defaultMaxRows {
		t.Fatalf("the listing has %d rows; the test wants a result much larger than the cap", total)
	}
	for _, c := range []struct {
		args  []string
		shown int
	}{
		{nil, defaultMaxRows},
		{[]string{"--max-rows", "7"}, 7},
		{[]string{"--max-rows", "0"}, total},
	} {
		code, out, errs := assay(t, append([]string{"run", listing, "--db", db, "--format", "table"}, c.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != c.shown+3 {
			t.Errorf("%v: %d lines, want %d rows, header, separator and footer", c.args, len(lines), c.shown)
			continue
		}
		want := "(" + strconv.Itoa(total) + " rows)"
		if hidden := total - c.shown; hidden > 0 {
			want = "(" + strconv.Itoa(total) + " rows, " + strconv.Itoa(hidden) + " not shown)"
		}
		if footer := lines[len(lines)-1]; footer != want {
			t.Errorf("%v: footer %q, want %q", c.args, footer, want)
		}
	}
}

// TestRunOutputsDeterministic: two runs of one report write the same bytes
// in every format. The listing's text columns outgrow their Parquet
// dictionaries, which made arrow-go's footer differ from run to run.
func TestRunOutputsDeterministic(t *testing.T) {
	db := duckDB(t)
	var dirs [3]string
	for i := range dirs {
		dirs[i] = t.TempDir()
		code, _, errs := assay(t, "run", listing, "--db", db, "--format", "csv,arrow,parquet,table", "--out", dirs[i])
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	for _, ext := range []string{".csv", ".arrow", ".parquet", ".txt"} {
		first, err := os.ReadFile(filepath.Join(dirs[0], "visit_listing"+ext))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs[1:] {
			again, err := os.ReadFile(filepath.Join(d, "visit_listing"+ext))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Errorf("%s differs between two runs (%d and %d bytes)", ext, len(first), len(again))
			}
		}
	}
}

// entries returns the sorted names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}
