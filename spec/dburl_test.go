package spec

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestUnsetVariableIsNamedWithItsPosition(t *testing.T) {
	root := t.TempDir()
	t.Setenv("ASSAY_TEST_UNSET_URL", "")
	t.Setenv("ASSAY_TEST_SET_PW", "s3cret")
	writeFile(t, filepath.Join(root, ProjectFile), "databases:\n  main: ${ASSAY_TEST_UNSET_URL}\n  other: postgres://u:${ASSAY_TEST_SET_PW}@db/x\ndefault_database: main\n")
	p, ds := LoadProject(filepath.Join(root, ProjectFile))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	_, _, err := p.Database("")
	want := filepath.Join(root, ProjectFile) + `:2:9: the environment variable ASSAY_TEST_UNSET_URL in the URL of database "main" is not set`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
	if url, _, err := p.Database("other"); err != nil || url != "postgres://u:s3cret@db/x" {
		t.Errorf("a database whose variables are set: %q %v", url, err)
	}
}

func TestBadURLSaysWhichPartWithoutThePassword(t *testing.T) {
	p := &Project{}
	cases := []struct{ url, want string }{
		{"postgres://u:s3cret@h:abc/db", "the port after the host is not a number"},
		{"postgres://u:s3cret@h:99999/db", "the port is not between 1 and 65535"},
		{"postgres://u:s3c%zzret@h/db", "the user name or password has a '%' not followed by two hexadecimal digits"},
		{"postgres://u:s3c^ret@h/db", "the user name or password holds a character that must be percent-encoded"},
		{"postgres://u:s3c/ret@h/db", "the port after the host is not a number (in a password, percent-encode"},
		{"postgres://u:s3c#ret@h/db", "percent-encode / ? # @ : as %2F %3F %23"},
		{"postgres://u:s3cret@h/db#ret", "it holds a '#'"},
		{"postgres://u:s3cret@ho^st/db", "the host name holds a character"},
		{"postgres://u:s3cret@[::1/db", "not closed with ']'"},
		{"postgres://u:s3cret@h/d%zzb", "the database name or options has a '%'"},
		{"postgresql://u:s3cret@h/db?sslmode=%zz", "the options after '?' has a '%'"},
		{"postgres://u:s3\ncret@h/db", "control character"},
	}
	for _, c := range cases {
		_, _, err := p.Database(c.url)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.url, err, c.want)
			continue
		}
		if strings.Contains(err.Error(), "s3") || strings.Contains(err.Error(), "ret") {
			t.Errorf("%q: the error repeats the password: %v", c.url, err)
		}
	}
	for _, ok := range []string{"postgres://u:p%40ss@h:5432/db?sslmode=disable", "postgres:///db", "duckdb:x.duckdb"} {
		if _, _, err := p.Database(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}
