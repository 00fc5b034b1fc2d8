package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

func TestEncoding(t *testing.T) {
	for _, c := range []struct{ entry, file string }{
		{"echo hi", "echo hi\n"},
		{`echo \\`, `echo \\\\` + "\n"},
		{"for i in 1 2\ndo echo $i; done", "for i in 1 2\\\ndo echo $i; done\n"},
		{"a\\\nb", "a\\\\\\\nb\n"},
		{"cat <<E\nx\\\nE", "cat <<E\\\nx\\\\\\\nE\n"},
	} {
		if got := EncodeEntry(c.entry); got != c.file {
			t.Errorf("encode(%q) = %q, want %q", c.entry, got, c.file)
		}
		if got := Decode(c.file); len(got) != 1 || got[0] != c.entry {
			t.Errorf("decode(%q) = %q, want [%q]", c.file, got, c.entry)
		}
	}
	// bash's timestamps and blank lines are skipped; a file cut inside an
	// entry keeps what it has.
	got := Decode("#1700000000\nls\n\n#x\nfor i\\\n")
	if want := []string{"ls", "#x", "for i"}; !slices.Equal(got, want) {
		t.Errorf("decode = %q, want %q", got, want)
	}
}

func TestFileAppendAndTruncate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hist")
	// Several writers at once: every entry arrives whole.
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if err := AppendFile(path, fmt.Sprintf("echo w%d-%d\nsecond line", w, i)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode(), err)
	}
	entries, err := ReadFile(path, -1)
	if err != nil || len(entries) != 200 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e, "echo w") || !strings.HasSuffix(e, "\nsecond line") {
			t.Fatalf("torn entry %q", e)
		}
	}
	entries, err = ReadFile(path, 10)
	if err != nil || len(entries) != 10 {
		t.Fatalf("truncated read: %d entries, %v", len(entries), err)
	}
	again, _ := ReadFile(path, -1)
	if !slices.Equal(again, entries) {
		t.Errorf("the file was not cut to the last 10:\n%q\n%q", again, entries)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after truncation: %v", fi.Mode())
	}
	if e, err := ReadFile(filepath.Join(t.TempDir(), "none"), 5); e != nil || err != nil {
		t.Errorf("missing file: %q %v", e, err)
	}
}

func TestControl(t *testing.T) {
	for _, c := range []struct {
		ctl, entry, last string
		keep             bool
	}{
		{"", " ls", "", true},
		{"ignorespace", " ls", "", false},
		{"ignoredups", "ls", "ls", false},
		{"ignoredups", "ls", "pwd", true},
		{"ignoreboth", " ls", "", false},
		{"ignoreboth", "ls", "ls", false},
		{"erasedups:ignorespace", "\tls", "", false},
		{"", "   ", "", false},
	} {
		if got := ParseControl(c.ctl).Keep(c.entry, c.last, c.last != ""); got != c.keep {
			t.Errorf("HISTCONTROL=%s keep(%q after %q) = %v", c.ctl, c.entry, c.last, got)
		}
	}
	h := List{Base: 1, Entries: []string{"a", "b", "a", "c"}}
	h.Erase("a")
	h.Add("a", 3)
	if !slices.Equal(h.Entries, []string{"b", "c", "a"}) || h.Next() != 4 {
		t.Errorf("erasedups then add: %q next %d", h.Entries, h.Next())
	}
	h.Add("d", 2)
	if !slices.Equal(h.Entries, []string{"a", "d"}) || h.Base != 3 || h.Next() != 5 {
		t.Errorf("trim to 2: %q base %d", h.Entries, h.Base)
	}
	if got := LastOccurrences([]string{"a", "b", "a", "c", "b"}); !slices.Equal(got, []string{"a", "c", "b"}) {
		t.Errorf("LastOccurrences = %q", got)
	}
}

// history -c and -d: numbers go on from where they were, and an entry that
// is not in the list cannot be deleted.
func TestClearAndDelete(t *testing.T) {
	h := List{Base: 5, Entries: []string{"a", "b", "c"}}
	for _, c := range []struct {
		n    int
		ok   bool
		want []string
	}{
		{4, false, []string{"a", "b", "c"}},
		{8, false, []string{"a", "b", "c"}},
		{6, true, []string{"a", "c"}},
		{5, true, []string{"c"}},
		{6, false, []string{"c"}},
	} {
		if ok := h.Delete(c.n); ok != c.ok || !slices.Equal(h.Entries, c.want) {
			t.Errorf("Delete(%d) = %v leaving %q; want %v leaving %q", c.n, ok, h.Entries, c.ok, c.want)
		}
	}
	h.Clear()
	if len(h.Entries) != 0 || h.Base != 6 || h.Next() != 6 {
		t.Errorf("Clear: %q base %d next %d; want none, 6, 6", h.Entries, h.Base, h.Next())
	}
	if h.Add("d", -1); h.Next() != 7 || h.Entries[0] != "d" {
		t.Errorf("after Clear, Add: %q next %d", h.Entries, h.Next())
	}
}

// A history file that is not a regular file, or has no end, reads as empty
// at once; a large one is read from its tail, whole lines only.
func TestFileBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev/zero", "/dev/full", fifo, dir} {
		if e, err := ReadFile(path, 500); e != nil || err != nil {
			t.Errorf("%s: %q, %v; want nothing", path, e, err)
		}
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, []byte("echo one\necho two\necho three\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		max  int64
		want string
	}{
		{100, "echo one\necho two\necho three\n"},
		{15, "echo three\n"}, // the cut lands inside "echo two"
		{11, "echo three\n"}, // exactly the last line
		{5, ""},
	} {
		got, err := readTail(big, c.max)
		if err != nil || string(got) != c.want {
			t.Errorf("tail of %d bytes: %q, %v; want %q", c.max, got, err, c.want)
		}
	}
}

// Cutting a history file that is a symbolic link replaces the file the
// link points to and keeps the link.
func TestFileSymlinkKept(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o700); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "real", "hist")
	link := filepath.Join(dir, "link")
	if err := os.WriteFile(target, []byte("a\nb\nc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real/hist", link); err != nil {
		t.Fatal(err)
	}
	entries, err := ReadFile(link, 2)
	if err != nil || !slices.Equal(entries, []string{"b", "c"}) {
		t.Fatalf("entries %q, %v", entries, err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if data, err := os.ReadFile(target); err != nil || string(data) != "b\nc\n" {
		t.Errorf("target holds %q, %v; want the last 2 entries", data, err)
	}
}

// The history builtin's file operations: -a appends what is pending, -n
// reads what other shells appended since (passing over this shell's own
// appends), -w writes the list, -r reads a file into the list.
func TestFileOperations(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hist")
	h := List{Base: 1}
	h.MarkFile(path)
	multi := "for i in 1\ndo :; done"
	appendOwn := func(e string) func() error {
		return func() error {
			h.Add(e, -1)
			_, err := h.AppendPending(path, true)
			return err
		}
	}
	others := func(e ...string) func() error { return func() error { return AppendFile(path, e...) } }
	readNew := func(size int) func() error { return func() error { return h.ReadNew(path, size) } }
	steps := []struct {
		name       string
		do         []func() error
		list, file []string
	}{
		{"own appends", []func() error{appendOwn("echo a"), appendOwn(multi)},
			[]string{"echo a", multi}, []string{"echo a", multi}},
		{"nothing pending", []func() error{func() error { _, err := h.AppendPending(path, true); return err }},
			[]string{"echo a", multi}, []string{"echo a", multi}},
		{"-n reads the others' entries only", []func() error{others("other 1"), appendOwn("mine"), others("other 2"), readNew(-1)},
			[]string{"echo a", multi, "mine", "other 1", "other 2"}, []string{"echo a", multi, "other 1", "mine", "other 2"}},
		{"-n again reads nothing", []func() error{readNew(-1)},
			[]string{"echo a", multi, "mine", "other 1", "other 2"}, []string{"echo a", multi, "other 1", "mine", "other 2"}},
		{"-n keeps HISTSIZE", []func() error{others("other 3"), readNew(3)},
			[]string{"other 1", "other 2", "other 3"}, []string{"echo a", multi, "other 1", "mine", "other 2", "other 3"}},
		{"-w writes the list", []func() error{func() error { return WriteFile(path, h.Entries) }},
			[]string{"other 1", "other 2", "other 3"}, []string{"other 1", "other 2", "other 3"}},
		{"-r reads the file into the list", []func() error{func() error {
			e, err := Entries(path)
			h.AddRead(e, -1)
			return err
		}}, []string{"other 1", "other 2", "other 3", "other 1", "other 2", "other 3"}, []string{"other 1", "other 2", "other 3"}},
		{"a file rewritten since has nothing new", []func() error{func() error { return WriteFile(path, []string{"x", "y", "z", "w"}) }, readNew(-1)},
			[]string{"other 1", "other 2", "other 3", "other 1", "other 2", "other 3"}, []string{"x", "y", "z", "w"}},
		{"and is read on from there", []func() error{others("after"), readNew(-1)},
			[]string{"other 1", "other 2", "other 3", "other 1", "other 2", "other 3", "after"}, []string{"x", "y", "z", "w", "after"}},
	}
	for _, st := range steps {
		for _, do := range st.do {
			if err := do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		file, err := Entries(path)
		if err != nil || !slices.Equal(h.Entries, st.list) || !slices.Equal(file, st.file) {
			t.Errorf("%s:\nlist %q\nfile %q (%v)\nwant %q\nand  %q", st.name, h.Entries, file, err, st.list, st.file)
		}
		if len(h.Pending) != 0 {
			t.Errorf("%s: pending %q", st.name, h.Pending)
		}
	}
	// Pending entries stay pending when the append fails, and are kept
	// to HISTSIZE; history -c drops them.
	h.Add("x", 2)
	h.Add("y", 2)
	h.Add("z", 2)
	if _, err := h.AppendPending(filepath.Join(dir, "no", "such"), false); err == nil || !slices.Equal(h.Pending, []string{"y", "z"}) {
		t.Errorf("failed append: %v, pending %q", err, h.Pending)
	}
	if h.Clear(); h.Pending != nil {
		t.Errorf("pending after Clear: %q", h.Pending)
	}
	if _, err := Entries(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file reads as %v", err)
	}
	if err := h.ReadNew(filepath.Join(dir, "none"), -1); err == nil {
		t.Error("-n of a missing file succeeded")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after -w: %v %v", fi.Mode(), err)
	}
}

// history -a FILE appends the entries added since the last -a (bash's
// history_lines_this_session), which -d, -c and HISTSIZE keep counted.
func TestAppendSession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other")
	h := List{Base: 1, Entries: []string{"read from the file"}}
	for _, e := range []string{"a", "b", "c"} {
		h.Add(e, -1)
	}
	steps := []struct {
		name    string
		do      func() error
		session int
		file    []string
	}{
		{"-a writes the session's entries", func() error { return h.AppendSession(path) }, 0, []string{"a", "b", "c"}},
		{"a new entry", func() error { h.Add("d", -1); return nil }, 1, []string{"a", "b", "c"}},
		{"-d of an older entry", func() error { h.Delete(2); return nil }, 1, []string{"a", "b", "c"}},
		{"-d of a new one", func() error { h.Add("e", -1); h.Delete(h.Next() - 1); return nil }, 1, []string{"a", "b", "c"}},
		{"-a again", func() error { return h.AppendSession(path) }, 0, []string{"a", "b", "c", "d"}},
		{"HISTSIZE", func() error { h.Add("f", -1); h.Add("g", -1); h.Add("h", 1); return nil }, 1, []string{"a", "b", "c", "d"}},
		{"-c", func() error { h.Clear(); return nil }, 0, []string{"a", "b", "c", "d"}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		file, err := Entries(path)
		if err != nil || h.Session != st.session || !slices.Equal(file, st.file) {
			t.Errorf("%s: session %d, file %q (%v); want %d, %q", st.name, h.Session, file, err, st.session, st.file)
		}
	}
}
