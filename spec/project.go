package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// ProjectFile is the name of the project configuration file.
const ProjectFile = "assay.yaml"

// Project is the configuration of an assay project (assay.yaml): named
// databases, the default one, the timezone of relative dates and where
// outputs go. A spec without a project gets the zero Project.
type Project struct {
	// Dir is the folder holding assay.yaml; relative paths resolve from it.
	Dir       string
	File      *File
	Databases map[string]string // name → URL, ${ENV} expanded
	// DatabaseOptions holds, by name, the settings of the databases
	// written as a mapping (url: and the options); a database written as
	// a plain URL has none.
	DatabaseOptions map[string]DatabaseOptions
	DefaultDatabase string
	// DemoDatabase names a database that `assay run` creates with the
	// example data set on first use when its DuckDB file is missing.
	DemoDatabase string
	Timezone     *time.Location
	OutputDir    string
	// unsetEnv holds, by database name, the position and name of an
	// environment variable its URL refers to that is not set.
	unsetEnv map[string]string
}

var envRE = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// FindProject walks up from dir looking for assay.yaml. It returns a zero
// Project (Dir empty, UTC) when there is none.
func FindProject(dir string) (*Project, Diagnostics) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return &Project{Timezone: time.UTC}, nil
	}
	for d := abs; ; d = filepath.Dir(d) {
		path := filepath.Join(d, ProjectFile)
		if _, err := os.Stat(path); err == nil {
			return LoadProject(path)
		}
		if filepath.Dir(d) == d {
			return &Project{Timezone: time.UTC}, nil
		}
	}
}

// LoadProject reads one assay.yaml.
func LoadProject(path string) (*Project, Diagnostics) {
	p := &Project{Dir: filepath.Dir(path), Databases: map[string]string{}, DatabaseOptions: map[string]DatabaseOptions{}, Timezone: time.UTC}
	src, err := ReadSource(path)
	if err != nil {
		var ds Diagnostics
		ds.Errorf(sourceCode(err), Span{}, "cannot read project config: %v", err)
		return p, ds
	}
	l := &loader{file: NewFile(displayPath(path), src)}
	p.File = l.file
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			l.yamlError(err)
		}
		return p, l.ds
	}
	if len(doc.Content) > 0 {
		l.project(p, doc.Content[0])
	}
	return p, l.ds.Sort()
}

func displayPath(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return path
}

func (l *loader) project(p *Project, n *yaml.Node) {
	keys := []string{"databases", "default_database", "demo_database", "timezone", "output_dir"}
	for _, e := range l.entries(n, "the project config", keys) {
		if e.key.Value != "databases" && !l.isScalar(e.value, e.key.Value) {
			continue
		}
		switch e.key.Value {
		case "databases":
			for _, d := range l.entries(e.value, "databases", nil) {
				l.database(p, d)
			}
		case "default_database":
			p.DefaultDatabase = e.value.Value
		case "demo_database":
			p.DemoDatabase = e.value.Value
		case "timezone":
			loc, err := time.LoadLocation(e.value.Value)
			if err != nil {
				l.ds.Errorf(CodeBadValue, l.span(e.value), "unknown timezone %q (use an IANA name such as America/Denver)", e.value.Value)
				continue
			}
			p.Timezone = loc
		case "output_dir":
			p.OutputDir = e.value.Value
		}
	}
	for _, name := range []string{p.DefaultDatabase, p.DemoDatabase} {
		if _, ok := p.Databases[name]; name != "" && !ok {
			l.ds.Errorf(CodeBadValue, Span{File: l.file}, "database %q is not listed under databases", name)
		}
	}
}

// expandEnv replaces ${NAME} with the environment variable's value.
func expandEnv(s string) string {
	return envRE.ReplaceAllStringFunc(s, func(m string) string {
		return os.Getenv(m[2 : len(m)-1])
	})
}

// Database resolves a --db value (a URL or a name from databases) or, when
// it is empty, the default database, then $ASSAY_DATABASE_URL. It returns
// the URL as written and the name it was found under ("" for a URL given
// directly). A relative file path in the URL of a named database is
// relative to the project folder p.Dir; the backend that reads the path
// resolves it (engine/backends), since only it knows where a URL holds one.
func (p *Project) Database(flag string) (url, name string, err error) {
	defer func() { // every way out: name an unset variable or a bad URL part
		if err == nil {
			if err = p.checkDatabase(name, url); err != nil {
				url, name = "", ""
			}
		}
	}()
	switch {
	case flag != "":
		if u, ok := p.Databases[flag]; ok {
			return u, flag, nil
		}
		if strings.Contains(flag, ":") {
			return flag, "", nil
		}
		// The value is not repeated: it may be a connection string with a password.
		return "", "", fmt.Errorf("the --db value is neither a database URL (postgres://…, duckdb:PATH) nor a name under databases in %s", ProjectFile)
	case p.DefaultDatabase != "":
		return p.Databases[p.DefaultDatabase], p.DefaultDatabase, nil
	case os.Getenv("ASSAY_DATABASE_URL") != "":
		return os.Getenv("ASSAY_DATABASE_URL"), "", nil
	}
	return "", "", errors.New("no database: give --db URL|NAME, set default_database in assay.yaml, or set ASSAY_DATABASE_URL")
}

// DatabaseOptions are the settings a database entry of assay.yaml may give
// besides its URL. A zero duration is one not given.
type DatabaseOptions struct {
	// MaxConnectionLifetime is the age at which a pooled connection is
	// replaced (max_connection_lifetime).
	MaxConnectionLifetime time.Duration
	// MaxConnectionIdle is how long an unused connection stays open
	// (max_connection_idle).
	MaxConnectionIdle time.Duration
	// StatementTimeout is the default of `assay run --timeout` for the
	// database (statement_timeout); 0 with HasStatementTimeout means no
	// limit.
	StatementTimeout    time.Duration
	HasStatementTimeout bool
}

// databaseKeys are the keys of a database entry written as a mapping.
var databaseKeys = []string{"url", "max_connection_lifetime", "max_connection_idle", "statement_timeout"}

// database reads one entry of databases: a URL, or a mapping with url:
// and the connection settings.
func (l *loader) database(p *Project, d entry) {
	name := d.key.Value
	if d.value.Kind != yaml.MappingNode {
		if l.isScalar(d.value, "a database URL or a mapping with url:") {
			p.Databases[name] = l.databaseURL(p, name, d.value)
		}
		return
	}
	var o DatabaseOptions
	hasURL := false
	for _, e := range l.entries(d.value, fmt.Sprintf("database %q", name), databaseKeys) {
		if !l.isScalar(e.value, e.key.Value) {
			continue
		}
		switch e.key.Value {
		case "url":
			p.Databases[name] = l.databaseURL(p, name, e.value)
			hasURL = true
		case "max_connection_lifetime":
			o.MaxConnectionLifetime, _ = l.duration(e.value, e.key.Value, false)
		case "max_connection_idle":
			o.MaxConnectionIdle, _ = l.duration(e.value, e.key.Value, false)
		case "statement_timeout":
			o.StatementTimeout, o.HasStatementTimeout = l.duration(e.value, e.key.Value, true)
		}
	}
	if !hasURL {
		l.ds.Errorf(CodeMissingKey, d.key.Span, "database %q has no url: (write `url: postgres://…` under it)", name)
	}
	p.DatabaseOptions[name] = o
}

// duration reads a Go duration such as 30m, 1h30m or 45s: positive, or
// zero as well when zero is allowed ("no limit"). It reports whether one
// was read.
func (l *loader) duration(n *yaml.Node, key string, zero bool) (time.Duration, bool) {
	d, err := time.ParseDuration(strings.TrimSpace(n.Value))
	switch {
	case err != nil:
		l.ds.Errorf(CodeBadValue, l.span(n), "%s: %q is not a duration (write it as 30s, 10m, 1h30m)", key, n.Value)
		return 0, false
	case d < 0 && zero:
		l.ds.Errorf(CodeBadValue, l.span(n), "%s must be 0 (no limit) or more, not %s", key, n.Value)
		return 0, false
	case d <= 0 && !zero:
		l.ds.Errorf(CodeBadValue, l.span(n), "%s must be more than 0, not %s", key, n.Value)
		return 0, false
	}
	return d, true
}
