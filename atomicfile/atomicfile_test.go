package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		data string
		perm os.FileMode
	}{
		{"new\n", 0o644},
		{"", 0o600},
	} {
		tmp, err := os.CreateTemp(dir, ".f-*")
		if err != nil {
			t.Fatal(err)
		}
		if err := Replace(tmp, path, c.data, c.perm); err != nil {
			t.Fatalf("Replace(%q): %v", c.data, err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != c.data {
			t.Errorf("the file holds %q, %v; want %q", got, err, c.data)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != c.perm {
			t.Errorf("mode %v, %v; want %v", fi.Mode().Perm(), err, c.perm)
		}
		if _, err := os.Stat(tmp.Name()); !os.IsNotExist(err) {
			t.Errorf("the temporary file is still there: %v", err)
		}
	}
}

// A rename that cannot be done leaves the old file alone and the temporary
// file in place, closed.
func TestReplaceFailure(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dir")
	if err := os.Mkdir(target, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "x"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.CreateTemp(dir, ".f-*")
	if err != nil {
		t.Fatal(err)
	}
	if err := Replace(tmp, target, "data", 0o600); err == nil {
		t.Fatal("renamed a file over a directory that is not empty")
	}
	if got, err := os.ReadFile(tmp.Name()); err != nil || string(got) != "data" {
		t.Errorf("the temporary file holds %q, %v", got, err)
	}
	if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
		t.Errorf("the target changed: %v", err)
	}
}
