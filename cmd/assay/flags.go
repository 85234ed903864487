package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// errHelp means --help was given and the usage was printed.
var errHelp = errors.New("help shown")

// paramFlag collects repeated -p name=value flags.
type paramFlag map[string]string

func (p paramFlag) String() string { return "" }

func (p paramFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	if !utf8.ValidString(s) {
		// Caught here, before the database is connected to.
		return fmt.Errorf("%q is not valid UTF-8 text", s)
	}
	if _, dup := p[name]; dup {
		return fmt.Errorf("param %q given twice", name)
	}
	p[name] = value
	return nil
}

// newFlags returns a flag set that prints its usage to w.
func newFlags(name, synopsis string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: assay %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and positional arguments in any order.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, usageError{err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// defaultConnectTimeout is the default of --connect-timeout.
const defaultConnectTimeout = 10 * time.Second

// limitFlag is a duration flag for a time limit: 0 means no limit and a
// negative value is a command-line error (exit 2).
type limitFlag struct{ d *time.Duration }

func (f limitFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f limitFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("want a duration such as 30s or 10m, got %q", s)
	}
	if d < 0 {
		return fmt.Errorf("negative time limit %s (0 means no limit)", s)
	}
	*f.d = d
	return nil
}

// limitVar defines a time-limit flag with a default value.
func limitVar(fs *flag.FlagSet, p *time.Duration, name string, value time.Duration, usage string) {
	*p = value
	fs.Var(limitFlag{p}, name, usage)
}

// connectTimeoutVar defines --connect-timeout, which every command that
// connects to a database takes.
func connectTimeoutVar(fs *flag.FlagSet, p *time.Duration) {
	limitVar(fs, p, "connect-timeout", defaultConnectTimeout, "give up connecting to the database after this `duration` (0: wait forever)")
}

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
