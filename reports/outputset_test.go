package reports

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWriteFileAtomicFollowsSymlink: the link stays a link and the file it
// points to (relative, through a chain of links) gets the new content with
// its permission bits.
func TestWriteFileAtomicFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "real.csv")
	if err := os.Mkdir(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	mid := filepath.Join(dir, "mid.csv")
	link := filepath.Join(dir, "link.csv")
	mustSymlink(t, "data/real.csv", mid)
	mustSymlink(t, "mid.csv", link)
	if err := WriteFileAtomic(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, mid} {
		if info, err := os.Lstat(l); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link: %v %v", l, info.Mode(), err)
		}
	}
	if got := readString(t, real); got != "new" {
		t.Errorf("target holds %q, want new", got)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o600 {
		t.Errorf("target mode %v, want 0600 kept", info.Mode().Perm())
	}
	if names := dirEntries(t, filepath.Dir(real)); len(names) != 1 {
		t.Errorf("temporary file left beside the target: %v", names)
	}
}

// TestWriteFileAtomicDanglingSymlink creates the file the link points to.
func TestWriteFileAtomicDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.csv")
	mustSymlink(t, "new.csv", link)
	if err := WriteFileAtomic(link, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(dir, "new.csv")); got != "x" {
		t.Errorf("target holds %q", got)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

// TestWriteFileAtomicFIFO writes a FIFO in place: the reader gets the
// bytes and the FIFO is still a FIFO.
func TestWriteFileAtomicFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		data, err := os.ReadFile(fifo)
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		got <- string(data)
	}()
	t.Cleanup(func() { // unblock the reader if nothing opened the FIFO
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	if err := WriteFileAtomic(fifo, writeString("through the pipe\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "through the pipe\n" {
			t.Errorf("reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Error("the reader got nothing")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info.Mode(), err)
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v", names)
	}
}

// TestWriteFileAtomicCharDevice writes a character device in place. As
// root it uses a null device node made in a temporary folder, never
// /dev/null itself, so that a regression cannot replace the system's.
func TestWriteFileAtomicCharDevice(t *testing.T) {
	dev := "/dev/null"
	if os.Getuid() == 0 {
		dev = filepath.Join(t.TempDir(), "null")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(mkdev(1, 3))); err != nil {
			t.Skipf("cannot make a device node: %v", err)
		}
	}
	if err := WriteFileAtomic(dev, writeString("discarded")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(dev)
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", dev, info.Mode(), err)
	}
	if names := dirEntries(t, filepath.Dir(dev)); dev != "/dev/null" && len(names) != 1 {
		t.Errorf("directory holds %v", names)
	}
}

// mkdev is Linux's makedev for small numbers.
func mkdev(major, minor uint64) uint64 { return major<<8 | minor }

// TestWriteFileAtomicRefusesOtherKinds: a directory, a socket and a block
// device are refused before write runs, and stay as they were.
func TestWriteFileAtomicRefusesOtherKinds(t *testing.T) {
	dir := t.TempDir()
	paths := map[string]string{"directory": filepath.Join(dir, "sub")}
	if err := os.Mkdir(paths["directory"], 0o755); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	paths["socket"] = sock
	if os.Getuid() == 0 {
		blk := filepath.Join(dir, "blk")
		if err := syscall.Mknod(blk, syscall.S_IFBLK|0o600, int(mkdev(7, 200))); err == nil {
			paths["block device"] = blk
		}
	}
	mustSymlink(t, "sub", filepath.Join(dir, "link-to-dir"))
	paths["link to a directory"] = filepath.Join(dir, "link-to-dir")
	for kind, p := range paths {
		before, _ := os.Lstat(p)
		called := false
		err := WriteFileAtomic(p, func(io.Writer) error { called = true; return nil })
		if !errors.Is(err, ErrOutputPath) || called {
			t.Errorf("%s: err %v, write called %v; want ErrOutputPath before writing", kind, err, called)
		}
		if after, _ := os.Lstat(p); after.Mode() != before.Mode() {
			t.Errorf("%s: mode %v became %v", kind, before.Mode(), after.Mode())
		}
	}
	if names := dirEntries(t, dir); len(names) != len(paths) {
		t.Errorf("directory holds %v", names)
	}
}

// TestOpenOutputSetMissingFolder fails before anything is written.
func TestOpenOutputSetMissingFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenOutputSet([]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "missing", "b.csv")})
	if !errors.Is(err, ErrOutputPath) {
		t.Fatalf("got %v, want ErrOutputPath", err)
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("left behind %v", names)
	}
}

// TestOpenOutputSetSameFileTwice: two outputs that are one file (here
// through a link) are refused.
func TestOpenOutputSetSameFileTwice(t *testing.T) {
	dir := t.TempDir()
	mustSymlink(t, "a.csv", filepath.Join(dir, "b.csv"))
	_, err := OpenOutputSet([]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")})
	if !errors.Is(err, ErrOutputPath) || !strings.Contains(err.Error(), "same file") {
		t.Fatalf("got %v", err)
	}
}

// TestOutputSetAllOrNothing: when one output of a set fails, the others
// are not renamed into place either.
func TestOutputSetAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	paths := setPaths(dir, "a.csv", "a.arrow", "a.parquet")
	for _, p := range paths {
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := OpenOutputSet(paths)
	if err != nil {
		t.Fatal(err)
	}
	for i := range paths[:2] { // the third output "fails": never written
		io.WriteString(set.Writer(i), "new")
	}
	set.Abort()
	for _, p := range paths {
		if got := readString(t, p); got != "old" {
			t.Errorf("%s holds %q after the abort", p, got)
		}
	}
	if names := dirEntries(t, dir); len(names) != 3 {
		t.Errorf("directory holds %v", names)
	}
	if err := set.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

// TestOutputSetPartialCommit: a rename failing midway names the new and
// the unchanged files, and leaves no temporary file.
func TestOutputSetPartialCommit(t *testing.T) {
	dir := t.TempDir()
	paths := setPaths(dir, "r.csv", "r.arrow", "r.parquet")
	for _, p := range []string{paths[0], paths[2]} {
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := OpenOutputSet(paths)
	if err != nil {
		t.Fatal(err)
	}
	for i := range paths {
		io.WriteString(set.Writer(i), "new")
	}
	// Something else puts a folder where the second file goes.
	if err := os.MkdirAll(filepath.Join(paths[1], "in-the-way"), 0o755); err != nil {
		t.Fatal(err)
	}
	err = set.Commit()
	var ce *CommitError
	if !errors.As(err, &ce) || !errors.Is(err, ErrPartialCommit) {
		t.Fatalf("got %v, want a CommitError", err)
	}
	if !slices.Equal(ce.New, paths[:1]) || !slices.Equal(ce.Old, paths[1:]) {
		t.Errorf("new %v, old %v", ce.New, ce.Old)
	}
	if got := readString(t, paths[0]); got != "new" {
		t.Errorf("first file %q", got)
	}
	if got := readString(t, paths[2]); got != "old" {
		t.Errorf("third file %q", got)
	}
	if names := dirEntries(t, dir); len(names) != 3 {
		t.Errorf("directory holds %v", names)
	}
}

// TestOutputSetCommits writes a set and checks every file.
func TestOutputSetCommits(t *testing.T) {
	dir := t.TempDir()
	paths := setPaths(dir, "x.csv", "x.txt")
	set, err := OpenOutputSet(paths)
	if err != nil {
		t.Fatal(err)
	}
	defer set.Abort()
	if set.Len() != 2 {
		t.Fatalf("Len %d", set.Len())
	}
	for i, p := range paths {
		io.WriteString(set.Writer(i), p)
	}
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if got := readString(t, p); got != p {
			t.Errorf("%s holds %q", p, got)
		}
	}
}

func setPaths(dir string, names ...string) []string {
	var paths []string
	for _, n := range names {
		paths = append(paths, filepath.Join(dir, n))
	}
	return paths
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
