package pattern

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// makeGlobTree builds the tree bash_cases were recorded in.
func makeGlobTree(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range globTreeDirs {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range globTreeFiles {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range globTreeLinks {
		if err := os.Symlink(l[1], filepath.Join(root, l[0])); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// rootedOptions resolves the pattern's relative paths against root, as the
// shell resolves them against its working directory.
func rootedOptions(root string, mode Mode, globstar bool) GlobOptions {
	// Not filepath.Join: it would clean "broken/.." away lexically.
	abs := func(p string) string { return root + "/" + p }
	return GlobOptions{
		Mode:     mode,
		GlobStar: globstar,
		ReadDir:  func(dir string) ([]DirEntry, error) { l, err := os.ReadDir(abs(dir)); return DirEntries(l), err },
		Lstat:    func(p string) (fs.FileInfo, error) { return os.Lstat(abs(p)) },
		Stat:     func(p string) (fs.FileInfo, error) { return os.Stat(abs(p)) },
	}
}

// TestGlobAgainstBash expands each pattern in the recorded tree and
// compares with what bash (nullglob on) printed there.
func TestGlobAgainstBash(t *testing.T) {
	root := makeGlobTree(t)
	for _, c := range bashGlobCases {
		if !HasMeta(c.pat, c.mode|Pathname) {
			// bash does not glob such a word; it stays as written.
			if len(c.want) != 1 || c.want[0] != Unescape(c.pat) {
				t.Errorf("%q has no meta but bash expanded it to %q", c.pat, c.want)
			}
			continue
		}
		got, err := Glob(c.pat, rootedOptions(root, c.mode, c.globstar))
		if err != nil {
			t.Errorf("Glob(%q): %v", c.pat, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Glob(%q, mode %v, globstar %v)\n got %q\nbash %q", c.pat, c.mode, c.globstar, got, c.want)
		}
	}
}

// TestGlobDefaults uses the os functions and an absolute pattern.
func TestGlobDefaults(t *testing.T) {
	root := makeGlobTree(t)
	pre := QuoteMeta(root)
	tests := []struct {
		pat  string
		want []string
	}{
		{pre + "/*.c", []string{root + "/x.c", root + "/y.c"}},
		{pre + "/a/*/", []string{root + "/a/b/"}},
		{pre + "/nope/*", nil},
		{pre + "/a/b/c/h", []string{root + "/a/b/c/h"}},
		{pre + "/a/b/c/nope", nil},
		{"/", []string{"/"}},
		{"", nil},
	}
	for _, tt := range tests {
		got, err := Glob(tt.pat, GlobOptions{})
		if err != nil {
			t.Fatalf("Glob(%q): %v", tt.pat, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Glob(%q) = %q, want %q", tt.pat, got, tt.want)
		}
	}
}

func TestSplitPath(t *testing.T) {
	tests := []struct {
		pat, root string
		comps     []string
	}{
		{"a/b*", "", []string{"a", "b*"}},
		{"/tm?", "/", []string{"tm?"}},
		{"//tm?", "//", []string{"tm?"}},
		{"*/", "", []string{"*", ""}},
		{"a//b", "", []string{"a", "", "b"}},
		{`a\/b*`, "", []string{"a", "b*"}},
		{`a\*/b`, "", []string{`a\*`, "b"}},
		{"[a/b]", "", []string{"[a", "b]"}},
		{"/", "/", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		root, comps := splitPath(tt.pat)
		if root != tt.root || !reflect.DeepEqual(comps, tt.comps) {
			t.Errorf("splitPath(%q) = %q %q, want %q %q", tt.pat, root, comps, tt.root, tt.comps)
		}
	}
}
