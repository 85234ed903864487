package diagtest

import (
	"bufio"
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/goldentest"
	"github.com/assay-dev/assay/spec"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// minCases is the size of the corpus the issue asks for, with some margin.
const minCases = 45

// now is the fixed clock relative dates are evaluated at.
var now = time.Date(2025, 3, 15, 12, 0, 0, 0, time.UTC)

// emrCatalog reads the example EMR database's catalog, saved as JSON
// (engine/goldentest checks that it is what DuckDB reflects).
func emrCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := goldentest.ReadCatalog("../testdata/emr_catalog.json")
	if err != nil {
		t.Fatalf("example EMR catalog: %v", err)
	}
	return cat
}

func brokenSpecs(t *testing.T) []string {
	t.Helper()
	specs, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) < minCases {
		t.Fatalf("want at least %d broken specs under testdata/broken, found %d", minCases, len(specs))
	}
	return specs
}

// TestBrokenSpecs compares the diagnostics of every broken spec with its
// golden file.
func TestBrokenSpecs(t *testing.T) {
	c := emrCatalog(t)
	for _, path := range brokenSpecs(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			got, hasError := diagnose(t, path, c)
			if !hasError {
				t.Errorf("no error reported: a broken spec must be refused")
			}
			golden := strings.TrimSuffix(path, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./compiler/diagtest -update)", err)
			}
			if got != string(want) {
				t.Errorf("diagnostics differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

// diagnose runs a spec the way `assay run` does, up to the parameter
// values: load, compile when it loaded, resolve values when it compiled.
// It returns the printed diagnostics and whether any is an error.
func diagnose(t *testing.T, path string, c *catalog.Catalog) (string, bool) {
	t.Helper()
	given := givenParams(t, path)
	var out bytes.Buffer
	r, ds := spec.LoadFile(path)
	if r != nil {
		p, cds := compiler.Compile(r, c)
		ds = append(ds, cds...).Sort()
		if !ds.HasErrors() {
			ds.Format(&out)
			_, vds := p.Values(given, now, time.UTC)
			vds.Format(&out)
			return out.String(), vds.HasErrors()
		}
	}
	ds.Format(&out)
	return out.String(), ds.HasErrors()
}

var givenRE = regexp.MustCompile(`^#\s*-p\s+([^=\s]+)=(.*)$`)

// givenParams reads the leading "# -p name=value" comment lines of a spec.
func givenParams(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var given map[string]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := givenRE.FindStringSubmatch(sc.Text())
		if m == nil {
			break
		}
		if given == nil {
			given = map[string]string{}
		}
		given[m[1]] = m[2]
	}
	return given
}

// codeRE finds the code at the end of a header line ("…: error: … [code]"),
// not in the source lines printed under it.
var codeRE = regexp.MustCompile(`(?m)^(?:\S+:\d+:\d+: )?(?:error|warning): .* \[([a-z-]+)\]$`)

// retiredCodes are declared codes nothing produces any more; codes are
// append-only, so they stay in spec/codes.go.
var retiredCodes = map[string]string{
	"unsupported": "every construct of the language contract is implemented",
}

// TestEveryCodeCovered checks that each code of spec/codes.go appears in
// at least one golden file, so that a new code comes with a broken spec.
func TestEveryCodeCovered(t *testing.T) {
	codes := declaredCodes(t)
	seen := map[string]bool{}
	goldens, _ := filepath.Glob("testdata/broken/*.golden")
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range codeRE.FindAllSubmatch(b, -1) {
			seen[string(m[1])] = true
		}
	}
	var missing []string
	for _, code := range codes {
		_, retired := retiredCodes[code]
		switch {
		case retired && seen[code]:
			t.Errorf("code %s is produced again: remove it from retiredCodes", code)
		case !retired && !seen[code]:
			missing = append(missing, code)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no broken spec produces the codes %s", strings.Join(missing, ", "))
	}
}

// declaredCodes reads the Code constants of spec/codes.go.
func declaredCodes(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("..", "..", "spec", "codes.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
			return true
		}
		if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			if err == nil {
				codes = append(codes, s)
			}
		}
		return true
	})
	if len(codes) < 20 {
		t.Fatalf("found only %d codes in spec/codes.go", len(codes))
	}
	return codes
}

// TestPositions checks that every diagnostic of a spec points into the
// file (except those about -p values, which have no place in it) and that
// its caret stays on the line it prints.
func TestPositions(t *testing.T) {
	c := emrCatalog(t)
	for _, path := range brokenSpecs(t) {
		r, ds := spec.LoadFile(path)
		if !ds.HasErrors() {
			_, cds := compiler.Compile(r, c)
			ds = append(ds, cds...)
		}
		for _, d := range ds {
			if !d.Span.IsValid() {
				t.Errorf("%s: diagnostic without a position: %s", path, d.Header())
				continue
			}
			if d.Span.Start < 0 || d.Span.End < d.Span.Start || d.Span.End > len(d.Span.File.Src) {
				t.Errorf("%s: span [%d,%d) outside the file: %s", path, d.Span.Start, d.Span.End, d.Header())
			}
		}
	}
}
