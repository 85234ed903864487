package reports

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// helperEnv names the environment variable that turns the test binary
// into a helper process writing an output into a folder and hanging.
const helperEnv = "ASSAY_REPORTS_TEST_HANG_WRITING"

func TestMain(m *testing.M) {
	if dir := os.Getenv(helperEnv); dir != "" {
		hangWriting(dir)
	}
	os.Exit(m.Run())
}

// hangWriting writes half of DIR/out.csv, says "writing", and waits
// forever: it is killed mid-write.
func hangWriting(dir string) {
	err := WriteFileAtomic(filepath.Join(dir, "out.csv"), func(w io.Writer) error {
		if _, err := io.WriteString(w, "a,b\n1,2\n"); err != nil {
			return err
		}
		fmt.Println("writing")
		select {}
	})
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// startWriter starts a helper writing into dir and waits until it is
// mid-write.
func startWriter(t *testing.T, dir string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "writing\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	return cmd
}

// tempsOf returns the temporary files in dir named after pid.
func tempsOf(t *testing.T, dir string, pid int) []string {
	t.Helper()
	var found []string
	for _, n := range dirEntries(t, dir) {
		if strings.HasPrefix(n, ".out.csv.tmp-"+strconv.Itoa(pid)+"-") {
			found = append(found, n)
		}
	}
	return found
}

// TestStaleTempsOfKilledRunAreRemoved: a process killed with SIGKILL in
// the middle of writing leaves its temporary file, named after its pid;
// the next output set into the same folder removes it, but keeps the file
// of a writer that is still running.
func TestStaleTempsOfKilledRunAreRemoved(t *testing.T) {
	dir := t.TempDir()
	killed := startWriter(t, dir)
	alive := startWriter(t, dir)
	if err := killed.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = killed.Wait() // reaped: no zombie left to look alive
	stale := tempsOf(t, dir, killed.Process.Pid)
	live := tempsOf(t, dir, alive.Process.Pid)
	if len(stale) != 1 || len(live) != 1 {
		t.Fatalf("want one temporary file per helper named after its pid, got %v", dirEntries(t, dir))
	}
	if got := readString(t, filepath.Join(dir, stale[0])); got != "a,b\n1,2\n" {
		t.Fatalf("the killed helper's file holds %q", got)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "next.csv"), writeString("x")); err != nil {
		t.Fatal(err)
	}
	names := dirEntries(t, dir)
	if slices.Contains(names, stale[0]) {
		t.Errorf("the killed run's temporary file is still there: %v", names)
	}
	if !slices.Contains(names, live[0]) {
		t.Errorf("the running writer's temporary file was removed: %v", names)
	}
	if !slices.Contains(names, "next.csv") || len(names) != 2 {
		t.Errorf("directory holds %v", names)
	}
}

// TestTempOwner reads the pid out of temporary file names and nothing
// else.
func TestTempOwner(t *testing.T) {
	cases := []struct {
		name string
		pid  int
	}{
		{".x.csv.tmp-123-456", 123},
		{".a.tmp-b.tmp-9-1", 9},
		{".x.csv.tmp-123456", 0}, // the old name without a pid
		{"x.csv.tmp-1-2", 0},
		{".x.csv.tmp--2", 0},
		{".x.csv.tmp-1-", 0},
		{".x.csv.tmp-0-5", 0},
		{".x.csv.tmp-1a-5", 0},
		{"emr.duckdb.tmp-77", 0},
	}
	for _, c := range cases {
		pid, ok := tempOwner(c.name)
		if pid != c.pid || ok != (c.pid != 0) {
			t.Errorf("tempOwner(%q) = %d, %v; want %d", c.name, pid, ok, c.pid)
		}
	}
}
