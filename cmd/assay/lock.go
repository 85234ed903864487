package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// lockName is the lock file a run holds in its --out directory.
const lockName = ".assay.lock"

// lockPoll is how often --wait-lock tries the lock again.
const lockPoll = 100 * time.Millisecond

// outLock is the lock of one --out directory, held for the whole run.
//
// It is an flock(2) exclusive lock on DIR/.assay.lock, not a file created
// with O_EXCL and checked by PID: the kernel releases an flock when its
// holder dies however it dies (SIGKILL, OOM killer, power cut), so a lock
// is never stale while its holder runs and never held by a dead one, and
// a PID reused by an unrelated process cannot keep a dead run's lock
// alive (with O_EXCL+PID it would, until that process ended; and a PID
// means nothing to another machine or PID namespace). The holder's PID is
// written into the file only so that the message of a second run can name
// it. The file is removed by its holder before it unlocks; a run that
// locked a file another run removed meanwhile sees that the path no longer
// leads to its file and tries again, so two runs never hold two different
// files. A lock file left behind by a killed run is unlocked, and the
// next run takes it over (and says so).
//
// flock works on local file systems and, on Linux, on NFS (as a POSIX
// byte-range lock); on a network file system without lock support it fails
// and the run stops with that error. Where there is no flock (Windows),
// no lock is taken (lock_other.go).
type outLock struct {
	path string
	file *os.File
}

// errLocked is the error of a lock held by another run.
type errLocked struct {
	path string
	pid  string // as written in the file; "" when unknown
}

func (e errLocked) Error() string {
	holder := "another process"
	if e.pid != "" {
		holder = "process " + e.pid
	}
	return fmt.Sprintf("%s is locked by %s (another assay run writing into this folder); give --wait-lock DURATION to wait for it", e.path, holder)
}

// lockOutDir takes the lock of dir, waiting up to wait for a run that
// holds it (0: not at all). It returns the PID written in a lock file it
// took over from a dead run, or "".
func lockOutDir(ctx context.Context, dir string, wait time.Duration) (*outLock, string, error) {
	path := filepath.Join(dir, lockName)
	deadline := time.Now().Add(wait)
	for {
		l, stale, err := tryLock(path)
		if err == nil {
			return l, stale, nil
		}
		var held errLocked
		if !errors.As(err, &held) || !time.Now().Before(deadline) {
			if errors.As(err, &held) && wait > 0 {
				return nil, "", fmt.Errorf("waited %s: %w", wait, err)
			}
			return nil, "", err
		}
		select {
		case <-ctx.Done():
			return nil, "", ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// tryLock makes one attempt at the lock at path.
func tryLock(path string) (*outLock, string, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, "", fmt.Errorf("lock %s: %w", path, err)
		}
		if held, err := flock(f); held || err != nil {
			pid := readPID(f)
			f.Close()
			if held {
				return nil, "", errLocked{path: path, pid: pid}
			}
			return nil, "", fmt.Errorf("lock %s: %w", path, err)
		}
		// The holder before us may have removed the file between our open
		// and our flock: then we hold a lock on a file no one else will
		// find. Check that the path still leads to the file we locked.
		fi, err1 := f.Stat()
		pi, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(fi, pi) {
			f.Close()
			continue
		}
		stale := readPID(f)
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, "", fmt.Errorf("lock %s: %w", path, err)
		}
		if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
			f.Close()
			return nil, "", fmt.Errorf("lock %s: %w", path, err)
		}
		return &outLock{path: path, file: f}, stale, nil
	}
}

// readPID returns the PID written in a lock file, or "".
func readPID(f *os.File) string {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid := strings.TrimSpace(string(buf[:n]))
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	return pid
}

// Unlock removes the lock file and releases the lock.
func (l *outLock) Unlock() {
	if l == nil {
		return
	}
	_ = os.Remove(l.path)
	_ = l.file.Close() // releases the flock
}
