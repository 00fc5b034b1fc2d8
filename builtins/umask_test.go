package builtins

import (
	"strings"
	"syscall"
	"testing"
)

// umaskCases start from a mask of 022; after is the mask left behind.
// posix marks the cases where gosh follows POSIX's symbolic modes (the
// whole chmod grammar, one operand) and bash does not.
var umaskCases = []struct {
	args   string
	out    string
	err    string
	status int
	after  string
	posix  bool
}{
	{"", "0022\n", "", 0, "0022", false},
	{"-S", "u=rwx,g=rx,o=rx\n", "", 0, "0022", false},
	{"-p", "umask 0022\n", "", 0, "0022", false},
	{"-p -S", "umask -S u=rwx,g=rx,o=rx\n", "", 0, "0022", false},
	{"-pS", "umask -S u=rwx,g=rx,o=rx\n", "", 0, "0022", false},
	{"077", "", "", 0, "0077", false},
	{"0", "", "", 0, "0000", false},
	{"7777", "", "", 0, "0777", false},
	{"-S 0", "u=rwx,g=rwx,o=rwx\n", "", 0, "0000", false},
	{"-p 077", "", "", 0, "0077", false},
	{"-- 027", "", "", 0, "0027", false},
	{"u=rwx,g=rx,o=", "", "", 0, "0027", false},
	{"a+w", "", "", 0, "0000", false},
	{"a-w", "", "", 0, "0222", false},
	{"g+w,o-r", "", "", 0, "0006", false},
	{"=r", "", "", 0, "0333", false},
	{"+x", "", "", 0, "0022", false},
	{"u=", "", "", 0, "0722", false},
	{"ug=rw", "", "", 0, "0112", false},
	{"u=rw,+x", "", "", 0, "0022", false},
	{"uu+r", "", "", 0, "0022", false},
	{"a=rwx", "", "", 0, "0000", false},
	{"-", "", "", 0, "0022", false},
	{"u=rw o=r", "", "gosh: umask: too many arguments\n", 2, "0022", true},
	{"8", "", "gosh: umask: 8: octal number out of range\n", 1, "0022", false},
	{"0022x", "", "gosh: umask: 0022x: octal number out of range\n", 1, "0022", false},
	{"17777", "", "gosh: umask: 17777: octal number out of range\n", 1, "0022", false},
	{"g=u", "", "", 0, "0002", true},
	{"u-X", "", "", 0, "0122", true},
	{"a=X", "", "", 0, "0666", true},
	{"u+s,g-t", "", "", 0, "0022", true},
	{"a=s", "", "", 0, "0777", true},
	{"u=r+w", "", "", 0, "0122", true},
	{"a+r+w+x,o-w", "", "", 0, "0002", true},
	{"=+=", "", "", 0, "0777", true},
	{"a=,a=u", "", "", 0, "0000", true},
	{"o=g", "", "", 0, "0022", true},
	{"u=rw+", "", "", 0, "0122", true},
	{"u=y", "", "gosh: umask: `y': invalid symbolic mode character\n", 1, "0022", false},
	{"u=r,x", "", "gosh: umask: `x': invalid symbolic mode operator\n", 1, "0022", false},
	{",u=r", "", "gosh: umask: `,': invalid symbolic mode operator\n", 1, "0022", false},
	{"-w", "", "gosh: umask: -w: invalid option\numask: usage: umask [-p] [-S] [mode]\n", 2, "0022", false},
}

func TestUmask(t *testing.T) {
	saved := syscall.Umask(0o22)
	defer syscall.Umask(saved)
	for _, tc := range umaskCases {
		syscall.Umask(0o22)
		got := runFake(append([]string{"umask"}, strings.Fields(tc.args)...), "")
		if want := (result{tc.out, tc.err, tc.status}); got != want {
			t.Errorf("umask %s:\n got %v\nwant %v", tc.args, got, want)
		}
		if after := runFake([]string{"umask"}, "").out; after != tc.after+"\n" {
			t.Errorf("umask %s left %q, want %s", tc.args, after, tc.after)
		}
	}
}

func TestUmaskBashAgrees(t *testing.T) {
	for _, tc := range umaskCases {
		if tc.posix {
			continue
		}
		got := runBash(t, "/", `umask 022; umask "$@"; rc=$?; umask; exit $rc`, strings.Fields(tc.args), "")
		want := result{tc.out + tc.after + "\n", tc.err, tc.status}
		if got != want {
			t.Errorf("bash umask %s:\n got %v\nwant %v", tc.args, got, want)
		}
	}
}

// TestUmaskEmptyMode: an empty mode is an error, not a crash (it used to
// index the empty string).
func TestUmaskEmptyMode(t *testing.T) {
	saved := syscall.Umask(0o22)
	defer syscall.Umask(saved)
	for _, mode := range []string{"", " "} {
		got := runFake([]string{"umask", mode}, "")
		if got.status != 1 || got.err != "gosh: umask: `"+mode+"': invalid symbolic mode operator\n" {
			t.Errorf("umask %q: %v", mode, got)
		}
	}
}

func TestUmaskTrailingComma(t *testing.T) {
	// bash prints a NUL byte for the missing operator; gosh prints nothing.
	got := runFake([]string{"umask", "u=rwx,"}, "")
	if got.status != 1 || got.err != "gosh: umask: `': invalid symbolic mode operator\n" {
		t.Errorf("umask u=rwx,: %v", got)
	}
}
