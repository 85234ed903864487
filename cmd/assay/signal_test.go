package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// assayBinary builds cmd/assay once per test binary: signals are only
// honest on a real process.
func assayBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(fixtureDir, "assay")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// interrupted waits for cmd to end after a signal sent at sent and checks
// that it ended promptly with exit code 1, saying it was interrupted.
func interrupted(t *testing.T, cmd *exec.Cmd, sent time.Time, stderr *bytes.Buffer) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitRuntime {
			t.Errorf("exit: %v, want code %d; stderr %q", err, exitRuntime, stderr)
		}
		d := time.Since(sent)
		if d > 3*time.Second {
			t.Errorf("stopped %s after the signal", d)
		}
		t.Logf("%s: exited %s after the signal", cmd.Args[1], d.Round(time.Millisecond))
		if !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("stderr %q does not say interrupted", stderr)
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("still running 20s after the signal; stderr %q", stderr)
	}
}

// TestSignalWhileConnecting: SIGINT stops a command waiting for a server
// that never answers, long before its connect timeout.
func TestSignalWhileConnecting(t *testing.T) {
	bin := assayBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		addr, accepted := fakeServer(t, silent)
		spec := "../../examples/emr/reports/clinic_weekly_throughput.yaml"
		cmd := exec.Command(bin, "sql", spec, "--db", "postgres://u@"+addr+"/db", "--connect-timeout", "1m")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-accepted:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("assay never connected; stderr %q", &stderr)
		}
		sent := time.Now()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		interrupted(t, cmd, sent, &stderr)
	}
}

// TestSignalWhileChecking: SIGINT stops `assay check` between specs.
func TestSignalWhileChecking(t *testing.T) {
	bin := assayBinary(t)
	db := duckDB(t)
	const n = 5000
	text, err := os.ReadFile("../../examples/emr/reports/clinic_weekly_throughput.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	specs := make([]string, n)
	for i := range specs {
		specs[i] = filepath.Join(dir, fmt.Sprintf("r%05d.yaml", i))
		renamed := strings.Replace(string(text), "report: clinic_weekly_throughput", fmt.Sprintf("report: r%05d", i), 1)
		if err := os.WriteFile(specs[i], []byte(renamed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, append([]string{"check", "--db", db}, specs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() { // the first spec is checked: the checking phase is on
		_ = cmd.Process.Kill()
		t.Fatalf("no spec checked; stderr %q", &stderr)
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	checked := 1
	for lines.Scan() {
		checked++
	}
	interrupted(t, cmd, sent, &stderr)
	if checked >= n {
		t.Errorf("all %d specs were checked after the signal", n)
	}
	t.Logf("%d of %d specs checked before the signal stopped assay", checked, n)
}
