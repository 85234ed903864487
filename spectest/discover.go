package spectest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Discover returns the test files the arguments name, sorted and without
// duplicates: a test file itself, a spec x.yaml its x.test.yaml beside it,
// a folder every *.test.yaml under it, a glob whatever it matches. Specs
// named without a test file beside them come back in untested. An argument
// that names nothing is an error.
func Discover(args []string) (files, untested []string, err error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, arg := range args {
		paths := []string{arg}
		if strings.ContainsAny(arg, "*?[") {
			if paths, err = filepath.Glob(arg); err != nil {
				return nil, nil, fmt.Errorf("bad pattern %q: %w", arg, err)
			}
			if len(paths) == 0 {
				return nil, nil, fmt.Errorf("%s matches no file", arg)
			}
		}
		for _, p := range paths {
			found, none, err := discoverOne(p)
			if err != nil {
				return nil, nil, err
			}
			for _, f := range found {
				add(f)
			}
			untested = append(untested, none...)
		}
	}
	sort.Strings(files)
	return files, untested, nil
}

// discoverOne handles one path.
func discoverOne(p string) (files, untested []string, err error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case fi.IsDir():
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && path != p && strings.HasPrefix(d.Name(), "."):
				return filepath.SkipDir // .git and the like
			case !d.IsDir() && IsTestFile(d.Name()):
				files = append(files, path)
			}
			return nil
		})
		return files, nil, err
	case IsTestFile(p):
		return []string{p}, nil, nil
	case strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml"):
		t := strings.TrimSuffix(strings.TrimSuffix(p, ".yaml"), ".yml") + Suffix
		if _, err := os.Stat(t); err == nil {
			return []string{t}, nil, nil
		}
		return nil, []string{p}, nil
	}
	return nil, nil, fmt.Errorf("%s is neither a spec, a test file (*%s) nor a folder", p, Suffix)
}
