package reports

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrOutputPath reports an output path that cannot be written: it is a
// directory, a socket, a block device or anything else that is neither a
// regular file, a character device nor a FIFO; its folder is missing or
// refuses a new file; or two outputs of one set land on the same file.
var ErrOutputPath = errors.New("unusable output path")

// ErrPartialCommit reports that an output set was committed only in part:
// a rename failed after others had succeeded. The error is a *CommitError,
// which names the files that are new and those left as they were.
var ErrPartialCommit = errors.New("outputs committed only in part")

// errSetClosed reports a Commit after Commit or Abort.
var errSetClosed = errors.New("output set already committed or aborted")

// CommitError is the error of an OutputSet.Commit that renamed some files
// into place and then failed: New lists the paths that now hold this
// run's output (including devices and FIFOs, written as they streamed),
// Old the paths left as they were before the run.
type CommitError struct {
	New []string
	Old []string
	Err error // the failed rename
}

// Error names the new and the old files.
func (e *CommitError) Error() string {
	return fmt.Sprintf("reports: %v; new: %s; unchanged: %s", e.Err, strings.Join(e.New, ", "), strings.Join(e.Old, ", "))
}

// Unwrap returns ErrPartialCommit and the rename's error.
func (e *CommitError) Unwrap() []error { return []error{ErrPartialCommit, e.Err} }

// OutputSet is the files of one report, committed together or not at all.
// OpenOutputSet creates a temporary file beside each regular target (or
// opens a device or FIFO, which is written in place); the caller writes
// each through Writer and then calls Commit, which renames every temporary
// file over its target, or Abort, which removes them. A set is used by one
// goroutine, except that different Writers may be written concurrently.
type OutputSet struct {
	outs []*output
	done bool // committed or aborted
}

// output is one file of a set.
type output struct {
	path    string      // the path as given, for messages
	target  string      // where the bytes land: path with its symbolic links followed
	direct  bool        // a character device or a FIFO, written in place
	mode    fs.FileMode // the permission of the committed file
	file    *os.File    // the temporary file, or the opened device
	renamed bool        // committed into place
}

// OpenOutputSet prepares the outputs at paths, before anything is
// written. For each path:
//
//   - nothing there, or a regular file: a temporary file ".BASE.tmp-PID-N"
//     is created in the same folder, to be renamed over the path on Commit;
//     a replaced file keeps its permission bits, a new one gets 0644;
//   - a symbolic link: it is followed (through every link) and its final
//     target is treated as above, so the link stays a link and the file it
//     points to is replaced atomically;
//   - a character device (/dev/null, a terminal) or a FIFO: opened for
//     writing and written in place, with no temporary file;
//   - anything else (a directory, a socket, a block device): refused.
//
// Before creating its temporary files OpenOutputSet removes, from each
// folder it writes into, the temporary files left by processes that are no
// longer running (see RemoveStaleTemps). Every error wraps ErrOutputPath
// and leaves nothing behind.
func OpenOutputSet(paths []string) (*OutputSet, error) {
	s := &OutputSet{}
	targets := map[string]string{}
	swept := map[string]bool{}
	for _, p := range paths {
		out, err := resolveOutput(p)
		if err != nil {
			s.Abort()
			return nil, fmt.Errorf("reports: %w", err)
		}
		if !out.direct {
			if prev, dup := targets[out.target]; dup {
				s.Abort()
				return nil, fmt.Errorf("reports: %w: %s and %s are the same file", ErrOutputPath, prev, p)
			}
			targets[out.target] = p
			if dir := filepath.Dir(out.target); !swept[dir] {
				swept[dir] = true
				RemoveStaleTemps(dir)
			}
		}
		if err := out.open(); err != nil {
			s.Abort()
			return nil, fmt.Errorf("reports: %w", err)
		}
		s.outs = append(s.outs, out)
	}
	return s, nil
}

// Len returns the number of outputs of the set.
func (s *OutputSet) Len() int { return len(s.outs) }

// Writer returns where the output i (in the order of the paths given to
// OpenOutputSet) is written.
func (s *OutputSet) Writer(i int) io.Writer { return s.outs[i].file }

// Commit finishes every output (permission bits, sync, close) and then
// renames each temporary file over its target, in order. If finishing any
// output fails, nothing is renamed and every temporary file is removed. If
// a rename fails after others succeeded, the remaining temporary files are
// removed and the error is a *CommitError (wrapping ErrPartialCommit) that
// names the new and the unchanged files.
func (s *OutputSet) Commit() error {
	if s.done {
		return fmt.Errorf("reports: %w", errSetClosed)
	}
	for _, o := range s.outs {
		if err := o.finish(); err != nil {
			s.Abort()
			return fmt.Errorf("reports: write %s: %w", o.path, err)
		}
	}
	s.done = true
	for i, o := range s.outs {
		if o.direct {
			continue
		}
		if err := os.Rename(o.file.Name(), o.target); err != nil {
			s.removeTemps()
			return s.renameError(i, err)
		}
		o.renamed = true
	}
	s.syncDirs()
	return nil
}

// renameError describes the failed rename of output i.
func (s *OutputSet) renameError(i int, err error) error {
	ce := &CommitError{Err: err}
	for _, o := range s.outs {
		if o.renamed || o.direct {
			ce.New = append(ce.New, o.path)
		} else {
			ce.Old = append(ce.Old, o.path)
		}
	}
	if len(ce.New) == 0 {
		return fmt.Errorf("reports: write %s: %w", s.outs[i].path, err)
	}
	return ce
}

// Abort closes every output and removes the temporary files; the targets
// stay as they were (devices and FIFOs keep what was written to them).
// Abort after Commit does nothing, so it may be deferred.
func (s *OutputSet) Abort() {
	if s.done {
		return
	}
	s.done = true
	for _, o := range s.outs {
		_ = o.file.Close() // may be closed already; the caller has its error
	}
	s.removeTemps()
}

// removeTemps removes the temporary files not renamed into place.
func (s *OutputSet) removeTemps() {
	for _, o := range s.outs {
		if !o.direct && !o.renamed {
			_ = os.Remove(o.file.Name())
		}
	}
}

// syncDirs makes the renames durable where the platform allows; it is
// best effort, since the renames themselves have succeeded.
func (s *OutputSet) syncDirs() {
	synced := map[string]bool{}
	for _, o := range s.outs {
		dir := filepath.Dir(o.target)
		if o.direct || synced[dir] {
			continue
		}
		synced[dir] = true
		if d, err := os.Open(dir); err == nil {
			_ = d.Sync()
			_ = d.Close()
		}
	}
}

// resolveOutput decides how the output at path is written.
func resolveOutput(path string) (*output, error) {
	out := &output{path: path, target: path, mode: newFileMode}
	info, err := os.Stat(path) // follows every link
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Nothing there, or a link to nothing: the file is created where
		// the last link points.
		out.target, err = lastLink(path)
		return out, err
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrOutputPath, err)
	case info.Mode().IsRegular():
		out.mode = info.Mode().Perm()
		if out.target, err = filepath.EvalSymlinks(path); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrOutputPath, err)
		}
		return out, nil
	case info.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
		out.direct = true
		return out, nil
	}
	return nil, fmt.Errorf("%w: %s is %s, not a file (give -o - to write to stdout)", ErrOutputPath, path, describeMode(info.Mode()))
}

// maxLinks bounds the symbolic links followed, as the kernel does.
const maxLinks = 40

// lastLink follows the symbolic links from path and returns the first path
// that is not one (and does not exist).
func lastLink(path string) (string, error) {
	for range maxLinks {
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrOutputPath, err)
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrOutputPath, err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", fmt.Errorf("%w: %s: too many levels of symbolic links", ErrOutputPath, path)
}

// describeMode names the kind of file of a mode that is refused.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a block device"
	default:
		return "an irregular file (" + m.Type().String() + ")"
	}
}

// open creates the temporary file, or opens the device or FIFO.
func (o *output) open() error {
	if o.direct {
		f, err := os.OpenFile(o.target, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrOutputPath, err)
		}
		o.file = f
		return nil
	}
	dir, base := filepath.Split(o.target)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, tempPattern(base, os.Getpid()))
	if err != nil {
		return fmt.Errorf("%w: cannot create a file beside %s: %w", ErrOutputPath, o.path, err)
	}
	o.file = f
	return nil
}

// finish sets the permission bits of a temporary file, syncs and closes
// it; a device or FIFO is only closed.
func (o *output) finish() error {
	if o.direct {
		return o.file.Close()
	}
	if err := o.file.Chmod(o.mode); err != nil {
		return err
	}
	if err := o.file.Sync(); err != nil {
		return err
	}
	return o.file.Close()
}

// tempPattern is the os.CreateTemp pattern of a temporary file for base
// written by process pid: ".BASE.tmp-PID-*".
func tempPattern(base string, pid int) string {
	return "." + base + ".tmp-" + strconv.Itoa(pid) + "-*"
}
