package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromiumFlags run Debian's chromium headless, as root in a container,
// with no network activity of its own and a fresh profile.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--enable-logging=stderr", "--v=0",
}

// Chromium returns the path of the chromium binary. Without one the test
// is skipped, or fails when CI is set (.ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is missing (apt-get install chromium); CI needs it for the HTML tests")
	}
	t.Skip("chromium is not installed")
	return ""
}

// RunChromium opens the file at path in headless Chromium with args (such
// as --dump-dom) and returns its standard output and error.
func runChromium(t *testing.T, path string, args ...string) (string, string) {
	t.Helper()
	bin := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	all := append(append(append([]string{}, chromiumFlags...), "--user-data-dir="+t.TempDir()), args...)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, append(all, "file://"+abs)...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

var (
	domChartRE  = regexp.MustCompile(`(?s)<svg class="plot".*?</svg>`)
	domMarkRE   = regexp.MustCompile(`<(circle|rect) class="mark( flagged)?"`)
	externalRE  = regexp.MustCompile(`(?i)https?://|(src|href|xlink:href)\s*=\s*["']?\s*//`)
	consoleLine = regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`)
)

// TestHTMLInChromium opens the weekly page in headless Chromium and checks
// the DOM it built: one mark per data point in every chart, the hostile
// clinic name as text, no URL anywhere, and nothing in the console (a
// blocked load or script would log there).
func TestHTMLInChromium(t *testing.T) {
	chromium(t)
	opts := weeklyOptions()
	page := writeWeeklyHTML(t, newChecked(t), opts)
	path := filepath.Join(t.TempDir(), "weekly.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, stderr := runChromium(t, path, "--dump-dom")
	charts := domChartRE.FindAllString(dom, -1)
	if len(charts) != len(opts.Charts) {
		t.Fatalf("the DOM has %d charts, want %d", len(charts), len(opts.Charts))
	}
	for i, c := range opts.Charts {
		want := nonNullPoints(weeklyColumns(), c.Y)
		if got := len(domMarkRE.FindAllString(charts[i], -1)); got != want {
			t.Errorf("chart %d (%s): %d marks in the DOM, want %d", i, c.Type, got, want)
		}
	}
	if m := externalRE.FindString(dom); m != "" {
		t.Errorf("the DOM holds a URL: %q", m)
	}
	if strings.Contains(dom, "<img") || !strings.Contains(dom, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the hostile clinic name did not stay text")
	}
	if lines := consoleLine.FindAllString(stderr, -1); len(lines) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(lines, "\n"))
	}
}

// TestChromiumSeesBlockedLoads makes sure the console check above can
// fail: a page with an external image logs a CSP violation.
func TestChromiumSeesBlockedLoads(t *testing.T) {
	chromium(t)
	page := writeWeeklyHTML(t, newChecked(t), weeklyOptions())
	page = strings.Replace(page, "<main>", `<main><img src="https://example.invalid/x.png">`, 1)
	path := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr := runChromium(t, path, "--dump-dom")
	if !consoleLine.MatchString(stderr) || !strings.Contains(stderr, "Content Security Policy") {
		t.Errorf("no CSP violation logged for an external image:\n%s", stderr)
	}
}
