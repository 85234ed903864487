package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// measureOptions are the flags of `pgarrow measure`.
type measureOptions struct {
	url     string
	sizes   []int  // table sizes, each loaded by `pgarrow load`
	reps    int    // runs of each measurement; the median is reported
	outDir  string // where the exported files go
	python  string // the Python with Debian's pandas, SQLAlchemy, psycopg2
	pandas  int    // largest table the pandas baseline reads (0: none)
	batch   int
	selfBin string // this program, run for each assay measurement
}

// task is one measured program run.
type task struct {
	name     string // row label
	baseline string // name of the task its ratio is taken against, if any
	args     []string
	stdout   string // file for the program's standard output ("" = a pipe)
	output   string // the file it writes, removed after the run
}

// result is the measurements of one task at one size.
type result struct {
	walls []time.Duration
	cpus  []time.Duration // user + system CPU time of the child
	reads []time.Duration // pandas: the time of read_sql_query alone
	rss   []int64         // peak resident set, KiB
	bytes int64           // size of the output file
}

// measure runs every task at every size o.reps times, interleaved so that
// a change in the machine's load spreads over all of them, and prints the
// table of medians.
func measure(ctx context.Context, o measureOptions) error {
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return err
	}
	results := map[string]*result{}
	key := func(name string, n int) string { return fmt.Sprintf("%s@%d", name, n) }
	for rep := 1; rep <= o.reps; rep++ {
		for _, n := range o.sizes {
			for _, t := range tasks(o, n) {
				m, err := runTask(ctx, t)
				if err != nil {
					return fmt.Errorf("%s (%d rows): %w", t.name, n, err)
				}
				r := results[key(t.name, n)]
				if r == nil {
					r = &result{}
					results[key(t.name, n)] = r
				}
				r.walls, r.cpus, r.rss, r.bytes = append(r.walls, m.wall), append(r.cpus, m.cpu), append(r.rss, m.rss), m.size
				if m.read > 0 {
					r.reads = append(r.reads, m.read)
				}
				fmt.Fprintf(os.Stderr, "rep %d  %-34s %9d rows  %8.2f s  %6.2f s CPU  %7.1f MB RSS\n",
					rep, t.name, n, m.wall.Seconds(), m.cpu.Seconds(), float64(m.rss)/1024)
			}
		}
	}
	printTable(o, results, key)
	return nil
}

// pandasName is the name of the pandas baseline.
const pandasName = "pandas.read_sql_query + to_csv"

// tasks returns the measurements of the table of n rows.
func tasks(o measureOptions, n int) []task {
	out := func(name string) string { return filepath.Join(o.outDir, fmt.Sprintf("%s-%d", name, n)) }
	sel := `SELECT * FROM ` + qualified(n)
	psql := func(format string) []string {
		return []string{"psql", "-X", "-q", "-d", o.url, "-c", `COPY (` + sel + `) TO STDOUT (FORMAT ` + format + `)`}
	}
	assay := func(target, file string) []string {
		return []string{o.selfBin, "one", "-db", o.url, "-rows", fmt.Sprint(n), "-target", target,
			"-out", file, "-batch", fmt.Sprint(o.batch)}
	}
	ts := []task{
		{name: "COPY binary → /dev/null (psql)", args: psql("binary"), stdout: os.DevNull},
		{name: "COPY csv → file (psql)", args: psql("csv"), stdout: out("copy") + ".csv", output: out("copy") + ".csv"},
		{name: "assay → Arrow batches (discarded)", baseline: "COPY binary → /dev/null (psql)", args: assay("batches", "")},
		{name: "assay → CSV file", baseline: "COPY csv → file (psql)", args: assay("csv", out("assay")+".csv"), output: out("assay") + ".csv"},
		{name: "assay → Arrow IPC file", baseline: "COPY binary → /dev/null (psql)", args: assay("arrow", out("assay")+".arrow"), output: out("assay") + ".arrow"},
		{name: "assay → Parquet file", baseline: "COPY binary → /dev/null (psql)", args: assay("parquet", out("assay")+".parquet"), output: out("assay") + ".parquet"},
	}
	if n <= o.pandas {
		ts = append(ts, task{name: pandasName, args: []string{o.python, pandasScript(o),
			sqlalchemyURL(o.url), qualified(n), out("pandas") + ".csv"}, output: out("pandas") + ".csv"})
	}
	return ts
}

// pandasScript is the path of pandas_export.py from the repository root.
func pandasScript(measureOptions) string {
	return filepath.Join("bench", "pgarrow", "pandas_export.py")
}

// sqlalchemyURL turns a postgres:// URL into SQLAlchemy's psycopg2 form.
func sqlalchemyURL(url string) string {
	rest, ok := strings.CutPrefix(url, "postgres://")
	if !ok {
		rest, _ = strings.CutPrefix(url, "postgresql://")
	}
	return "postgresql+psycopg2://" + rest
}

// runStats is what one task run measured.
type runStats struct {
	wall, cpu time.Duration
	read      time.Duration // pandas: read_sql_query alone, as it reports
	rss       int64         // peak resident set of the child, KiB
	size      int64         // size of the output file
}

// runTask runs one task and returns its wall time, its CPU time and peak
// resident set (getrusage of the child) and the size of its output file.
func runTask(ctx context.Context, t task) (runStats, error) {
	cmd := exec.CommandContext(ctx, t.args[0], t.args[1:]...)
	var stderr, stdout strings.Builder
	cmd.Stderr = &stderr
	if t.stdout != "" {
		f, err := os.Create(t.stdout)
		if err != nil {
			return runStats{}, err
		}
		defer f.Close()
		cmd.Stdout = f
	} else {
		cmd.Stdout = &stdout
	}
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return runStats{}, fmt.Errorf("%v: %s", err, stderr.String())
	}
	m := runStats{wall: time.Since(start)}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	m.rss = ru.Maxrss
	m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if f := strings.Fields(stdout.String()); len(f) == 3 { // pandas: rows, read s, total s
		if s, err := strconv.ParseFloat(f[1], 64); err == nil {
			m.read = time.Duration(s * float64(time.Second))
		}
	}
	if t.output != "" {
		if st, err := os.Stat(t.output); err == nil {
			m.size = st.Size()
		}
		_ = os.Remove(t.output)
	}
	return m, nil
}

// median returns the median of xs (the lower middle of an even count).
func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// printTable prints the medians as a Markdown table.
func printTable(o measureOptions, results map[string]*result, key func(string, int) string) {
	fmt.Printf("| rows | what | median wall (s) | runs (s) | rows/s | vs baseline | CPU (s) | peak RSS (MB) | output (MB) |\n")
	fmt.Printf("|---:|---|---:|---|---:|---|---:|---:|---:|\n")
	for _, n := range o.sizes {
		var pandasWall, pandasRead time.Duration
		if r := results[key(pandasName, n)]; r != nil {
			pandasWall = median(r.walls)
			if len(r.reads) > 0 {
				pandasRead = median(r.reads)
			}
		}
		for _, t := range tasks(o, n) {
			r := results[key(t.name, n)]
			wall := median(r.walls)
			ratio := ""
			if b := results[key(t.baseline, n)]; b != nil {
				ratio = fmt.Sprintf("%.2f× %s", median(b.walls).Seconds()/wall.Seconds(), shortName(t.baseline))
			}
			switch {
			case pandasWall > 0 && strings.Contains(t.name, "CSV"):
				ratio += fmt.Sprintf("; %.1f× pandas read+to_csv", pandasWall.Seconds()/wall.Seconds())
			case pandasRead > 0 && strings.Contains(t.name, "batches"):
				ratio += fmt.Sprintf("; %.1f× pandas read_sql_query alone", pandasRead.Seconds()/wall.Seconds())
			case t.name == pandasName && pandasRead > 0:
				ratio = fmt.Sprintf("read_sql_query alone: %.2f s", pandasRead.Seconds())
			}
			runs := make([]string, len(r.walls))
			for i, w := range r.walls {
				runs[i] = fmt.Sprintf("%.2f", w.Seconds())
			}
			out := "–"
			if r.bytes > 0 {
				out = fmt.Sprintf("%.0f", float64(r.bytes)/1e6)
			}
			fmt.Printf("| %d | %s | %.2f | %s | %.0f | %s | %.2f | %.0f | %s |\n", n, t.name, wall.Seconds(),
				strings.Join(runs, ", "), float64(n)/wall.Seconds(), ratio, median(r.cpus).Seconds(),
				float64(median(r.rss))/1024, out)
		}
	}
}

// shortName names a baseline in the ratio column.
func shortName(baseline string) string {
	if strings.HasPrefix(baseline, "COPY binary") {
		return "COPY binary"
	}
	return "COPY csv"
}
