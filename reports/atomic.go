package reports

import (
	"fmt"
	"io"
	"io/fs"
)

// newFileMode is the permission of a file an output set creates where none
// was.
const newFileMode fs.FileMode = 0o644

// WriteFileAtomic writes the output at path through write: it is an
// OutputSet of one file (see OpenOutputSet for what each kind of path
// becomes). For a regular file (or none) write fills a temporary file in
// the same folder, named ".BASE.tmp-PID-N", which is then synced, closed
// and renamed over path; a symbolic link is followed and its target
// replaced; a character device or FIFO is written in place. If write or
// any later step fails — or write panics — the temporary file is removed
// and whatever was at path before is left untouched. A replaced file keeps
// its permission bits; a new one gets 0644.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	set, err := OpenOutputSet([]string{path})
	if err != nil {
		return err
	}
	defer set.Abort()
	if err := write(set.Writer(0)); err != nil {
		return fmt.Errorf("reports: write %s: %w", path, err)
	}
	return set.Commit()
}
