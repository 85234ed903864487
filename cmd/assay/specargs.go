package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/assay-dev/assay/spec"
)

// expandSpecs turns the arguments of `assay run` into spec files, in the
// order given: a directory stands for the report specs directly in it, a
// glob (an argument holding * ? or [) for the files it matches, anything
// else for itself. From a directory or a glob, only report specs are
// taken: files ending in .yaml, except test specs (*.test.yaml) and the
// project file (assay.yaml). A file named explicitly is taken as it is. A
// path given twice (say, a directory and a file in it) is refused later,
// as two specs of one report (exit 2). A directory holding no spec, or a glob matching none, is a command-line
// error (exit 2): a cron line whose folder was emptied or mistyped must
// not pass as an empty success.
func expandSpecs(args []string) ([]string, error) {
	var out []string
	add := func(p string) { out = append(out, p) }
	for _, a := range args {
		info, err := os.Stat(a)
		if err == nil && info.IsDir() {
			entries, err := os.ReadDir(a)
			if err != nil {
				return nil, usagef("read spec folder: %v", err)
			}
			n := 0
			for _, e := range entries { // ReadDir sorts by name
				p := filepath.Join(a, e.Name())
				if isReportSpec(p) && !e.IsDir() {
					add(p)
					n++
				}
			}
			if n == 0 {
				return nil, usagef("%s holds no report spec (*.yaml other than *.test.yaml and %s)", a, spec.ProjectFile)
			}
			continue
		}
		if err != nil && strings.ContainsAny(a, "*?[") { // an existing file is itself, brackets or not
			matches, err := filepath.Glob(a)
			if err != nil {
				return nil, usagef("bad pattern %q: %v", a, err)
			}
			slices.Sort(matches)
			n := 0
			for _, p := range matches {
				if info, err := os.Stat(p); err == nil && !info.IsDir() && isReportSpec(p) {
					add(p)
					n++
				}
			}
			if n == 0 {
				return nil, usagef("%s matches no report spec", a)
			}
			continue
		}
		add(reportOfTestFile(a))
	}
	return out, nil
}

// reportOfTestFile maps a test file named on the command line
// (reports/x.test.yaml) to the report spec beside it (reports/x.yaml), so
// that `assay run` on a test file runs the report it tests; any other path
// is returned as it is.
func reportOfTestFile(path string) string {
	if !strings.HasSuffix(path, ".test.yaml") {
		return path
	}
	spec := strings.TrimSuffix(path, ".test.yaml") + ".yaml"
	if info, err := os.Stat(spec); err == nil && !info.IsDir() {
		return spec
	}
	return path
}

// isReportSpec reports whether a file found in a directory or by a glob is
// a report spec: *.yaml, not a test spec nor the project file.
func isReportSpec(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".yaml") && !strings.HasSuffix(base, ".test.yaml") &&
		base != spec.ProjectFile && !strings.HasPrefix(base, ".")
}
