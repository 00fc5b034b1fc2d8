package builtins

import (
	"strings"
	"syscall"
	"testing"
)

// umaskCases start from a mask of 022; after is the mask left behind.
var umaskCases = []struct {
	args   string
	out    string
	err    string
	status int
	after  string
}{
	{"", "0022\n", "", 0, "0022"},
	{"-S", "u=rwx,g=rx,o=rx\n", "", 0, "0022"},
	{"-p", "umask 0022\n", "", 0, "0022"},
	{"-p -S", "umask -S u=rwx,g=rx,o=rx\n", "", 0, "0022"},
	{"-pS", "umask -S u=rwx,g=rx,o=rx\n", "", 0, "0022"},
	{"077", "", "", 0, "0077"},
	{"0", "", "", 0, "0000"},
	{"7777", "", "", 0, "0777"},
	{"-S 0", "u=rwx,g=rwx,o=rwx\n", "", 0, "0000"},
	{"-p 077", "", "", 0, "0077"},
	{"-- 027", "", "", 0, "0027"},
	{"u=rwx,g=rx,o=", "", "", 0, "0027"},
	{"a+w", "", "", 0, "0000"},
	{"a-w", "", "", 0, "0222"},
	{"g+w,o-r", "", "", 0, "0006"},
	{"=r", "", "", 0, "0333"},
	{"+x", "", "", 0, "0022"},
	{"u=", "", "", 0, "0722"},
	{"ug=rw", "", "", 0, "0112"},
	{"u=rw,+x", "", "", 0, "0022"},
	{"uu+r", "", "", 0, "0022"},
	{"a=rwx", "", "", 0, "0000"},
	{"-", "", "", 0, "0022"},
	{"u=rw o=r", "", "", 0, "0122"},
	{"8", "", "gosh: umask: 8: octal number out of range\n", 1, "0022"},
	{"0022x", "", "gosh: umask: 0022x: octal number out of range\n", 1, "0022"},
	{"17777", "", "gosh: umask: 17777: octal number out of range\n", 1, "0022"},
	{"g=u", "", "gosh: umask: `u': invalid symbolic mode character\n", 1, "0022"},
	{"u+X", "", "gosh: umask: `X': invalid symbolic mode character\n", 1, "0022"},
	{"u=r+w", "", "gosh: umask: `+': invalid symbolic mode character\n", 1, "0022"},
	{"u=r,x", "", "gosh: umask: `x': invalid symbolic mode operator\n", 1, "0022"},
	{",u=r", "", "gosh: umask: `,': invalid symbolic mode operator\n", 1, "0022"},
	{"-w", "", "gosh: umask: -w: invalid option\numask: usage: umask [-p] [-S] [mode]\n", 2, "0022"},
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
		got := runBash(t, "/", `umask 022; umask "$@"; rc=$?; umask; exit $rc`, strings.Fields(tc.args), "")
		want := result{tc.out + tc.after + "\n", tc.err, tc.status}
		if got != want {
			t.Errorf("bash umask %s:\n got %v\nwant %v", tc.args, got, want)
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
