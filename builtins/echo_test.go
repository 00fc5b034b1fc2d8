package builtins

import "testing"

// outputCase is one invocation and everything it should produce.
type outputCase struct {
	args   []string
	out    string
	err    string
	status int
}

func checkCases(t *testing.T, cases []outputCase) {
	t.Helper()
	for _, tc := range cases {
		got := runFake(tc.args, "")
		want := result{tc.out, tc.err, tc.status}
		if got != want {
			t.Errorf("%q:\n got %v\nwant %v", tc.args, got, want)
		}
	}
}

// checkBashAgrees confirms each case's expectation against bash itself.
func checkBashAgrees(t *testing.T, cases []outputCase) {
	t.Helper()
	for _, tc := range cases {
		got := bashBuiltin(t, tc.args, "")
		want := result{tc.out, tc.err, tc.status}
		if got != want {
			t.Errorf("bash %q:\n got %v\nwant %v", tc.args, got, want)
		}
	}
}

var echoCases = []outputCase{
	{args: []string{"echo"}, out: "\n"},
	{args: []string{"echo", "a", "b  c"}, out: "a b  c\n"},
	{args: []string{"echo", "-n", "a"}, out: "a"},
	{args: []string{"echo", "-n"}, out: ""},
	{args: []string{"echo", `a\tb`}, out: "a\\tb\n"},
	{args: []string{"echo", "-e", `a\tb`}, out: "a\tb\n"},
	{args: []string{"echo", "-E", `a\tb`}, out: "a\\tb\n"},
	{args: []string{"echo", "-eE", `a\t`}, out: "a\\t\n"},
	{args: []string{"echo", "-ne", `a\nb`}, out: "a\nb"},
	{args: []string{"echo", "-e", "-n", "a"}, out: "a"},
	{args: []string{"echo", "-x", "a"}, out: "-x a\n"},
	{args: []string{"echo", "-nx", "a"}, out: "-nx a\n"},
	{args: []string{"echo", "--", "a"}, out: "-- a\n"},
	{args: []string{"echo", "-", "a"}, out: "- a\n"},
	{args: []string{"echo", "a", "-n"}, out: "a -n\n"},
	{args: []string{"echo", "-e", `a\cb`, "c"}, out: "a"},
	{args: []string{"echo", "-e", `\0101\01\0x`}, out: "A\x01\x00x\n"},
	{args: []string{"echo", "-e", `\101`}, out: "\\101\n"},
	{args: []string{"echo", "-e", `\01234`}, out: "S4\n"},
	{args: []string{"echo", "-e", `\x41\x4g\x`}, out: "A\x04g\\x\n"},
	{args: []string{"echo", "-e", `\u00e9\U0001F600\u`}, out: "é😀\\u\n"},
	{args: []string{"echo", "-e", `\ud800|\U7fffffff|\U80000000|\u0|`}, out: "\xed\xa0\x80|\xfd\xbf\xbf\xbf\xbf\xbf||\x00|\n"},
	{args: []string{"echo", "-e", `\q\\\'\"\?`}, out: "\\q\\\\'\\\"\\?\n"},
	{args: []string{"echo", "-e", `\a\b\e\E\f\r\v`}, out: "\a\b\x1b\x1b\f\r\v\n"},
	{args: []string{"echo", "-e", `a\`}, out: "a\\\n"},
}

func TestEcho(t *testing.T)           { checkCases(t, echoCases) }
func TestEchoBashAgrees(t *testing.T) { checkBashAgrees(t, echoCases) }
