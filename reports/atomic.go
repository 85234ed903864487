package reports

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// newFileMode is the permission of a file WriteFileAtomic creates where
// none was.
const newFileMode fs.FileMode = 0o644

// WriteFileAtomic writes the file at path through write, atomically: write
// fills a temporary file in the same directory (named ".BASE.tmp-*"), which
// is then synced, closed and renamed over path. If write or any later step
// fails — or write panics — the temporary file is removed and whatever was
// at path before is left untouched. A replaced file keeps its permission
// bits; a new one gets 0644. When path is a symbolic link, the link itself
// is replaced.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode, err := targetMode(path)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("reports: create temporary file for %s: %w", path, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tmp.Close() // may already be closed; the write's error is the one to report
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("reports: write %s: %w", path, err)
	}
	if err := commitTemp(tmp, path, mode); err != nil {
		return fmt.Errorf("reports: write %s: %w", path, err)
	}
	committed = true
	syncDir(dir)
	return nil
}

// targetMode returns the permission bits of the file at path, or
// newFileMode when there is none.
func targetMode(path string) (fs.FileMode, error) {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return newFileMode, nil
	case err != nil:
		return 0, err
	case info.Mode().IsRegular():
		return info.Mode().Perm(), nil
	default:
		return newFileMode, nil
	}
}

// commitTemp sets the mode of tmp, syncs and closes it, and renames it to
// path.
func commitTemp(tmp *os.File, path string, mode fs.FileMode) error {
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// syncDir makes a rename in dir durable where the platform allows; it is
// best effort, since the rename itself has already succeeded.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
