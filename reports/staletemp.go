package reports

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// RemoveStaleTemps removes from dir the temporary files that an output set
// of a process no longer running left behind — a run killed with SIGKILL,
// or by a power cut, between creating its temporary files and renaming
// them. Such a file is a regular file named ".NAME.tmp-PID-N" (PID and N
// decimal); it is removed only when no process PID exists on this machine,
// so the files of a run still writing (this one, or another assay writing
// into the same folder) are kept. A PID reused by an unrelated process
// keeps its file until that process ends. It returns the names removed;
// errors (an unreadable folder, a file removed meanwhile) are ignored,
// since the files are only litter.
func RemoveStaleTemps(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		pid, ok := tempOwner(e.Name())
		if !ok || !e.Type().IsRegular() || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}

// tempOwner returns the process id in the name of a temporary file
// ".NAME.tmp-PID-N", and false for any other name.
func tempOwner(name string) (int, bool) {
	i := strings.LastIndex(name, ".tmp-")
	if !strings.HasPrefix(name, ".") || i < 2 {
		return 0, false
	}
	pidText, random, ok := strings.Cut(name[i+len(".tmp-"):], "-")
	if !ok || !isDigits(pidText) || !isDigits(random) {
		return 0, false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// processAlive reports whether a process pid exists. Where that cannot be
// told (a platform without signal 0, no permission to ask) it answers
// true, so that nothing is removed on a guess. A zombie — a process that
// has exited but has not been waited for — still counts as alive.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return !errors.Is(err, os.ErrProcessDone) && !errors.Is(err, syscall.ESRCH)
	}
	defer p.Release()
	err = p.Signal(syscall.Signal(0))
	return !errors.Is(err, os.ErrProcessDone) && !errors.Is(err, syscall.ESRCH)
}
