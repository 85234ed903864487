package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"io"
	"reflect"
	"runtime/debug"
	"time"

	"github.com/assay-dev/assay/engine/failure"
	"github.com/assay-dev/assay/reports"
)

// manifestName is the file of the run manifest in the --out directory.
const manifestName = "manifest.json"

// Run statuses of the manifest.
const (
	statusOK        = "ok"
	statusFailed    = "failed"
	statusCancelled = "cancelled"
)

// manifest is DIR/manifest.json: what a run did, for the people and the
// monitoring that read it the morning after. It is written last, after
// every report's files, through a temporary file and a rename.
type manifest struct {
	Version    string           `json:"assay_version"`
	StartedAt  time.Time        `json:"started_at"`
	FinishedAt time.Time        `json:"finished_at"`
	Status     string           `json:"status"`
	Reports    []manifestReport `json:"reports"`
}

// manifestReport is one report of the run.
type manifestReport struct {
	Report     string `json:"report"`
	Spec       string `json:"spec"`
	SpecSHA256 string `json:"spec_sha256"`
	// Params are the resolved parameter values: dates YYYY-MM-DD,
	// timestamps RFC 3339, lists as arrays.
	Params   map[string]any `json:"params"`
	Database string         `json:"database"`
	SQLHash  string         `json:"sql_sha256"`
	// SQL is the statement as sent, with placeholders (--manifest-sql).
	SQL             string           `json:"sql,omitempty"`
	Rows            int64            `json:"rows"`
	Attempts        int              `json:"attempts"`
	DurationMS      int64            `json:"duration_ms"`
	OutliersFlagged int              `json:"outliers_flagged"`
	Outputs         []manifestOutput `json:"outputs"`
	Error           *manifestError   `json:"error"`
}

// manifestOutput is one file a report wrote.
type manifestOutput struct {
	Path   string `json:"path"` // relative to the manifest's folder
	Format string `json:"format"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// manifestError is why a report failed.
type manifestError struct {
	Class   failure.Class `json:"class"`
	Message string        `json:"message"`
}

// writeManifest writes m to path atomically.
func writeManifest(path string, m *manifest) error {
	return reports.WriteFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// assayVersion is the version of this binary: the module version when it
// was installed with `go install …@version`, else the VCS revision it was
// built from (with "+dirty" for uncommitted changes), else "devel".
func assayVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return "devel-" + rev
}

// sha256Hex is the SHA-256 of b in hexadecimal.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// manifestParams returns the resolved values as JSON values: dates and
// timestamps as texts, lists as arrays.
func manifestParams(vals map[string]any) map[string]any {
	out := make(map[string]any, len(vals))
	for k, v := range vals {
		out[k] = manifestValue(v)
	}
	return out
}

func manifestValue(v any) any {
	switch v := v.(type) {
	case nil, string, bool:
		return v
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339Nano)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		items := make([]any, rv.Len())
		for i := range items {
			items[i] = manifestValue(rv.Index(i).Interface())
		}
		return items
	}
	if _, err := json.Marshal(v); err != nil {
		return paramText(v)
	}
	return v
}

// countingHash counts and hashes the bytes written through it.
type countingHash struct {
	w     io.Writer
	h     hash.Hash
	bytes int64
}

func newCountingHash(w io.Writer) *countingHash {
	return &countingHash{w: w, h: sha256.New()}
}

func (c *countingHash) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.h.Write(p[:n])
	c.bytes += int64(n)
	return n, err
}

func (c *countingHash) sum() string { return hex.EncodeToString(c.h.Sum(nil)) }
