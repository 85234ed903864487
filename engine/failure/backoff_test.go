package failure

import (
	"testing"
	"time"
)

// TestBackoffBounds: the pause of retry n lies between half and all of
// base·2^(n-1), capped at max, and varies (it is jittered).
func TestBackoffBounds(t *testing.T) {
	base, maxWait := 500*time.Millisecond, 20*time.Second
	for attempt := 0; attempt <= 70; attempt++ {
		want := base
		for i := 1; i < attempt && want < maxWait; i++ {
			want *= 2
		}
		want = min(want, maxWait)
		seen := map[time.Duration]bool{}
		for range 200 {
			d := Backoff(attempt, base, maxWait)
			if d < want/2 || d > want {
				t.Fatalf("Backoff(%d, %s, %s) = %s, want within [%s, %s]", attempt, base, maxWait, d, want/2, want)
			}
			seen[d] = true
		}
		if len(seen) < 100 {
			t.Errorf("attempt %d: only %d different pauses in 200: not jittered", attempt, len(seen))
		}
	}
	if d := Backoff(1, 0, time.Second); d != 0 {
		t.Errorf("base 0: %s", d)
	}
	if d := Backoff(5, time.Second, time.Millisecond); d < time.Second/2 || d > time.Second {
		t.Errorf("max below base: %s", d)
	}
	// A huge base and attempt do not overflow into a negative pause.
	if d := Backoff(200, time.Duration(1<<62), time.Duration(1<<62)); d < time.Duration(1<<61) {
		t.Errorf("huge: %s", d)
	}
}
