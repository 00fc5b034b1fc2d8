package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/gosh-sh/gosh/expansion/pattern"
)

// TestListDir checks listDir against os.ReadDir on a directory whose
// listing takes several getdents64 calls (each name string covers one
// call's buffer) and has every kind of file a type is reported for.
func TestListDir(t *testing.T) {
	dir := t.TempDir()
	for i := range 3000 { // about 100 KiB of records: two buffers or more
		name := fmt.Sprintf("file-%05d-%s.txt", i, "padding-to-make-records-longer")
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := listDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := pattern.DirEntries(list)
	slices.SortFunc(got, func(a, b pattern.DirEntry) int { return strings.Compare(a.Name, b.Name) })
	if !slices.Equal(got, want) {
		t.Errorf("listDir: %d entries, os.ReadDir: %d", len(got), len(want))
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("first difference at %d: %+v, want %+v", i, got[i], want[i])
			}
		}
	}
	if _, err := listDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("listDir of a missing directory: no error")
	}
}
