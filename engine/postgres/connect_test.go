package postgres

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// silentListener accepts connections on a loopback port and never answers,
// like a server stuck before its first reply. It returns host:port.
func silentListener(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String()
}

// TestOpenGivesUpAtDeadline: a server that accepts and never answers makes
// Open fail when its context's deadline passes, not hang.
func TestOpenGivesUpAtDeadline(t *testing.T) {
	addr := silentListener(t)
	for _, mode := range []string{"disable", "prefer"} {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		start := time.Now()
		b, err := Open(ctx, "postgres://u:pw@"+addr+"/db?sslmode="+mode)
		cancel()
		if err == nil {
			_ = b.Close()
			t.Fatal("Open succeeded")
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("sslmode=%s: Open took %s", mode, d)
		}
		if !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "postgres: cannot connect") {
			t.Errorf("sslmode=%s: err = %v", mode, err)
		}
	}
}
