package mysql

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine/mysql/mysqltest"
)

func TestParseURL(t *testing.T) {
	cfg, err := parseURL("mysql://ana:p%40ss@db.example:3307/shop?tls=skip-verify&interpolateParams=true&timeout=3s&parseTime=false")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.User != "ana" || cfg.Passwd != "p@ss" || cfg.Addr != "db.example:3307" || cfg.DBName != "shop" || cfg.Net != "tcp" {
		t.Errorf("config %+v", cfg)
	}
	if cfg.TLS == nil || !cfg.TLS.InsecureSkipVerify {
		t.Errorf("tls=skip-verify did not pass through: %+v", cfg.TLS)
	}
	if cfg.InterpolateParams || !cfg.ParseTime || cfg.Loc != time.UTC || cfg.Timeout != 3*time.Second {
		t.Errorf("forced options not forced or timeout lost: interpolate %v parseTime %v loc %v timeout %v",
			cfg.InterpolateParams, cfg.ParseTime, cfg.Loc, cfg.Timeout)
	}
	cfg, err = parseURL("mysql://root@localhost/x")
	if err != nil || cfg.Addr != "localhost:3306" {
		t.Errorf("default port: %+v, %v", cfg, err)
	}
	for _, bad := range []string{"mysql://u:Secr3t@h/x?tls=nonsense", "mysql://u:Secr3t@h/x?nonsense=1", "mysql://u:Secr3t@h/a/b"} {
		_, err := Open(context.Background(), bad)
		if err == nil || strings.Contains(err.Error(), "Secr3t") || strings.Contains(err.Error(), "nonsense") {
			t.Errorf("Open(%q) = %v; want an error without the URL", bad, err)
		}
	}
}

// TestWrongPasswordNotPrinted connects with a wrong password and wants
// the server's refusal without it.
func TestWrongPasswordNotPrinted(t *testing.T) {
	mysqltest.Admin(t) // fails (CI) or skips without a server
	u, err := url.Parse(mysqltest.URLOf(t, "mysql"))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("assay_nobody", "Secr3tPass")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = Open(ctx, u.String())
	if err == nil {
		t.Fatal("a wrong user and password connected")
	}
	if strings.Contains(err.Error(), "Secr3tPass") {
		t.Errorf("the error shows the password: %v", err)
	}
}

func TestSmallDecimal(t *testing.T) {
	for in, want := range map[string]struct {
		n      int64
		scale  int32
		digits int
		ok     bool
	}{
		"0": {0, 0, 0, true}, "-1234.567": {-1234567, 3, 7, true}, "0.050": {50, 3, 2, true},
		"999999999999999999": {999999999999999999, 0, 18, true}, "1000000000000000000": {0, 0, 0, false},
		"": {0, 0, 0, false}, "1e5": {0, 0, 0, false}, "1.2.3": {0, 0, 0, false}, "-": {0, 0, 0, false},
	} {
		n, scale, digits, ok := smallDecimal([]byte(in))
		if n != want.n || scale != want.scale || digits != want.digits || ok != want.ok {
			t.Errorf("smallDecimal(%q) = %d, %d, %d, %v; want %+v", in, n, scale, digits, ok, want)
		}
	}
}
