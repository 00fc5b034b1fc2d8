package builtins

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// testCase is a test/[ invocation, written as a shell word list, with its
// expected status and diagnostic.
type testCase struct {
	args   string // split on spaces; "''" is the empty string
	status int
	err    string
}

func (tc testCase) argv() []string {
	var args []string
	for _, w := range strings.Fields(tc.args) {
		if w == "''" {
			w = ""
		}
		args = append(args, w)
	}
	return args
}

var testCases = []testCase{
	// The POSIX rules by argument count.
	{"test", 1, ""},
	{"test ''", 1, ""},
	{"test x", 0, ""},
	{"test -n", 0, ""},
	{"test !", 0, ""},
	{"test -t", 0, ""},
	{"test ! ''", 0, ""},
	{"test ! x", 1, ""},
	{"test -n ''", 1, ""},
	{"test -z ''", 0, ""},
	{"test -z x", 1, ""},
	{"test = = =", 0, ""},
	{"test ! = =", 1, ""},
	{"test ! ! !", 0, ""},
	{"test -a", 0, ""},
	{"test -o", 0, ""},
	{"test -n -a", 0, ""},
	{"test = -a =", 0, ""},
	{"test -a -a -a", 0, ""},
	{"test -o -o -o -o", 0, ""},
	{"test ( x )", 0, ""},
	{"test ( '' )", 1, ""},
	{"test ! -n x", 1, ""},
	{"test ! -n", 1, ""},
	{"test ! ( x )", 1, ""},
	{"test ( -n x )", 0, ""},
	{"test ( ! x )", 1, ""},
	{"test x -a -n", 0, ""},
	{"test )", 0, ""},
	{"test ( ( x ) )", 0, ""},
	{"test -L", 0, ""},
	// Strings and integers.
	{"test a = a", 0, ""},
	{"test a == b", 1, ""},
	{"test a != b", 0, ""},
	{"test a < b", 0, ""},
	{"test b > a", 0, ""},
	{"test B > a", 1, ""},
	{"test 1 -eq 1", 0, ""},
	{"test 1 -ne 1", 1, ""},
	{"test -5 -lt 3", 0, ""},
	{"test 3 -le 3", 0, ""},
	{"test 4 -gt 3", 0, ""},
	{"test 2 -ge 3", 1, ""},
	{"test +5 -eq 5", 0, ""},
	{"test 010 -eq 10", 0, ""},
	{"test 1 -eq 1 -a 2 -gt 1 -o 0 -eq 1", 0, ""},
	{"test ! 1 -eq 2 -a x", 0, ""},
	{"test -z '' -a ( a )", 0, ""},
	{"test '' -o x", 0, ""},
	{"test '' -a x", 1, ""},
	{"test x -o '' -a ''", 0, ""},
	{"[ ]", 1, ""},
	{"[ x ]", 0, ""},
	{"[ 1 -lt 2 ]", 0, ""},
	// Errors.
	{"[", 2, "gosh: [: missing `]'\n"},
	{"[ 1", 2, "gosh: [: missing `]'\n"},
	{"[ a b", 2, "gosh: [: missing `]'\n"},
	{"test 1 -eq a", 2, "gosh: test: a: integer expression expected\n"},
	{"[ abc -lt 1 ]", 2, "gosh: [: abc: integer expression expected\n"},
	{"test '' -eq 0", 2, "gosh: test: : integer expression expected\n"},
	{"test 0x10 -eq 16", 2, "gosh: test: 0x10: integer expression expected\n"},
	{"test 99999999999999999999 -eq 1", 2, "gosh: test: 99999999999999999999: integer expression expected\n"},
	{"test a b", 2, "gosh: test: a: unary operator expected\n"},
	{"test ( )", 2, "gosh: test: (: unary operator expected\n"},
	{"test ( a", 2, "gosh: test: (: unary operator expected\n"},
	{"test x )", 2, "gosh: test: x: unary operator expected\n"},
	{"test a -a", 2, "gosh: test: a: unary operator expected\n"},
	{"test 1 -lt", 2, "gosh: test: 1: unary operator expected\n"},
	{"test a b c", 2, "gosh: test: b: binary operator expected\n"},
	{"test ( a b", 2, "gosh: test: a: binary operator expected\n"},
	{"test -x a b", 2, "gosh: test: a: binary operator expected\n"},
	{"test -n x -a", 2, "gosh: test: x: binary operator expected\n"},
	{"test -x -e /", 2, "gosh: test: -e: binary operator expected\n"},
	{"test a =~ a", 2, "gosh: test: =~: binary operator expected\n"},
	{"test a -a ( b", 2, "gosh: test: `)' expected\n"},
	{"test ( a -a b c", 2, "gosh: test: `)' expected, found c\n"},
	{"test a b c d e", 2, "gosh: test: too many arguments\n"},
	{"test 1 -eq 2 3", 2, "gosh: test: too many arguments\n"},
	{"test a -x b c", 2, "gosh: test: syntax error: `-x' unexpected\n"},
	{"test x -a x -a !", 2, "gosh: test: argument expected\n"},
	{"test x -a !", 0, ""},
	{"test ! ! ! ! !", 2, "gosh: test: argument expected\n"},
	// Files, relative to the test directory (see fileTree).
	{"test -e file", 0, ""},
	{"test -a file", 0, ""},
	{"test -e missing", 1, ""},
	{"test -f file", 0, ""},
	{"test -f dir", 1, ""},
	{"test -d dir", 0, ""},
	{"test -d file", 1, ""},
	{"test -s file", 0, ""},
	{"test -s empty", 1, ""},
	{"test -h link", 0, ""},
	{"test -L link", 0, ""},
	{"test -L file", 1, ""},
	{"test -f link", 0, ""},
	{"test -e dangling", 1, ""},
	{"test -h dangling", 0, ""},
	{"test -p fifo", 0, ""},
	{"test -p file", 1, ""},
	{"test -S sock", 0, ""},
	{"test -c /dev/null", 0, ""},
	{"test -b /dev/null", 1, ""},
	{"test -u setuid", 0, ""},
	{"test -u file", 1, ""},
	{"test -g setgid", 0, ""},
	{"test -k sticky", 0, ""},
	{"test -k dir", 1, ""},
	{"test -r file", 0, ""},
	{"test -w file", 0, ""},
	{"test -x exe", 0, ""},
	{"test -x file", 1, ""},
	{"test -x dir", 0, ""},
	{"test -r missing", 1, ""},
	{"test -O file", 0, ""},
	{"test -G file", 0, ""},
	{"test -N file", 1, ""},
	{"test -N modified", 0, ""},
	{"test new -nt old", 0, ""},
	{"test old -nt new", 1, ""},
	{"test old -ot new", 0, ""},
	{"test new -nt missing", 0, ""},
	{"test missing -nt new", 1, ""},
	{"test missing -ot new", 0, ""},
	{"test new -ot missing", 1, ""},
	{"test file -ef link", 0, ""},
	{"test file -ef empty", 1, ""},
	{"test file -ef missing", 1, ""},
	{"test -e dir/../file", 0, ""},
	{"test -e ''", 1, ""},
	{"test -d /", 0, ""},
	{"test -e /nonexistent -o -d /", 0, ""},
	{"test -t 99", 1, ""},
	{"test -t x", 1, ""},
	{"test -t 99999999999999999999", 1, ""},
}

// fileTree builds the files the cases above refer to.
func fileTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	must(os.WriteFile(p("file"), []byte("data"), 0o644))
	must(os.WriteFile(p("empty"), nil, 0o644))
	must(os.WriteFile(p("exe"), nil, 0o755))
	must(os.WriteFile(p("setuid"), nil, 0o644))
	must(os.Chmod(p("setuid"), 0o644|os.ModeSetuid))
	must(os.WriteFile(p("setgid"), nil, 0o644))
	must(os.Chmod(p("setgid"), 0o644|os.ModeSetgid))
	must(os.Mkdir(p("dir"), 0o755))
	must(os.Mkdir(p("sticky"), 0o755))
	must(os.Chmod(p("sticky"), 0o755|os.ModeSticky))
	must(os.Symlink("file", p("link")))
	must(os.Symlink("missing", p("dangling")))
	must(unix.Mkfifo(p("fifo"), 0o644))
	l, err := net.Listen("unix", p("sock"))
	must(err)
	t.Cleanup(func() { l.Close() })
	must(os.WriteFile(p("old"), nil, 0o644))
	must(os.WriteFile(p("new"), nil, 0o644))
	now := time.Now()
	must(os.Chtimes(p("old"), now.Add(-time.Hour), now.Add(-time.Hour)))
	must(os.Chtimes(p("new"), now, now))
	must(os.Chtimes(p("file"), now, now.Add(-time.Minute)))
	must(os.WriteFile(p("modified"), nil, 0o644))
	must(os.Chtimes(p("modified"), now.Add(-time.Hour), now))
	return dir
}

func TestTest(t *testing.T) {
	dir := fileTree(t)
	for _, tc := range testCases {
		f := newFake()
		f.dir = dir
		st := f.run(tc.argv()...)
		if st != tc.status || f.stderr.String() != tc.err || f.stdout.Len() != 0 {
			t.Errorf("%s: status %d, stderr %q; want %d, %q", tc.args, st, f.stderr.String(), tc.status, tc.err)
		}
	}
}

func TestTestBashAgrees(t *testing.T) {
	dir := fileTree(t)
	for _, tc := range testCases {
		got := runBash(t, dir, `"$@"`, tc.argv(), "")
		if got.status != tc.status || got.err != tc.err {
			t.Errorf("bash %s: status %d, stderr %q; want %d, %q", tc.args, got.status, got.err, tc.status, tc.err)
		}
	}
}

func TestTestVariables(t *testing.T) {
	f := newFake()
	f.vars["set"] = ""
	f.shopts = map[string]bool{"-o hashall": true, "-o interactive-comments": true}
	f.params = []string{"a", "b"}
	for _, tc := range []struct {
		args   string
		status int
	}{
		{"test -v set", 0},
		{"test -v unset", 1},
		{"test -v set[0]", 0},
		{"test -v 0", 0},
		{"test -v 2", 0},
		{"test -v 3", 1},
		{"test -o hashall", 0},
		{"test -o noclobber", 1},
		{"test -o nosuch", 1},
		{"test -R set", 1},
	} {
		if st := f.run(testCase{args: tc.args}.argv()...); st != tc.status {
			t.Errorf("%s: status %d, want %d", tc.args, st, tc.status)
		}
	}
}

// TestTestShellDescriptors checks that -t, -p and friends look at the
// shell's descriptors (after its redirections), not the process's.
func TestTestShellDescriptors(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	tty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pty:", err)
	}
	defer tty.Close()
	f := newFake()
	f.files[0] = r
	f.files[1] = w
	f.files[5] = tty
	for _, tc := range []struct {
		args   string
		status int
	}{
		{"test -p /dev/stdin", 0},
		{"test -p /dev/fd/1", 0},
		{"test -r /dev/stdin", 0},
		{"test -w /dev/stdin", 1},
		{"test -w /dev/stdout", 0},
		{"test -e /dev/fd/7", 1},
		{"test -t 0", 1},
		{"test -t 5", 0},
		{"test -t 6", 1},
		{"test -c /dev/fd/5", 0},
	} {
		if st := f.run(testCase{args: tc.args}.argv()...); st != tc.status {
			t.Errorf("%s: status %d, want %d", tc.args, st, tc.status)
		}
	}
}
