package builtins

import (
	"fmt"
	"strings"
	"testing"
)

// getoptsTrace runs getopts to the end of args and records each result as
// [name:OPTARG:OPTIND], the format getoptsScript prints from bash.
func getoptsTrace(f *fakeContext, optstring string, args []string) string {
	var b strings.Builder
	str := func(name string) string {
		if v, ok := f.vars[name]; ok {
			return v
		}
		return "unset"
	}
	for i := 0; i < 100; i++ {
		st := f.run(append([]string{"getopts", optstring, "opt"}, args...)...)
		if st != 0 {
			fmt.Fprintf(&b, "end(%d):%s:%s:%s", st, f.vars["opt"], str("OPTARG"), str("OPTIND"))
			break
		}
		fmt.Fprintf(&b, "[%s:%s:%s]", f.vars["opt"], str("OPTARG"), str("OPTIND"))
	}
	return b.String()
}

const getoptsScript = `os=$1; shift; OPTIND=1; out=""
while getopts "$os" opt "$@"; rc=$?; [ $rc = 0 ]; do out+="[$opt:${OPTARG-unset}:$OPTIND]"; done
printf '%send(%d):%s:%s:%s' "$out" "$rc" "$opt" "${OPTARG-unset}" "$OPTIND"`

var getoptsCases = []struct {
	optstring string
	args      string
	want      string
	err       string
}{
	{"ab", "-a -b c", "[a:unset:2][b:unset:3]end(1):?:unset:3", ""},
	{"ab", "-ab c", "[a:unset:1][b:unset:2]end(1):?:unset:2", ""},
	{"a:b", "-a foo -b", "[a:foo:3][b:unset:4]end(1):?:unset:4", ""},
	{"a:b", "-afoo -b", "[a:foo:2][b:unset:3]end(1):?:unset:3", ""},
	{"a:b", "-ba foo", "[b:unset:1][a:foo:3]end(1):?:unset:3", ""},
	{"a:b", "-ba", "[b:unset:1][?:unset:2]end(1):?:unset:2", "gosh: option requires an argument -- a\n"},
	{":a:b", "-ba", "[b:unset:1][::a:2]end(1):?:unset:2", ""},
	{"ab", "-x", "[?:unset:2]end(1):?:unset:2", "gosh: illegal option -- x\n"},
	{":ab", "-x", "[?:x:2]end(1):?:unset:2", ""},
	{"ab", "-a -- -b", "[a:unset:2]end(1):?:unset:3", ""},
	{"ab", "-a - -b", "[a:unset:2]end(1):?:unset:2", ""},
	{"ab", "a -b", "end(1):?:unset:1", ""},
	{"ab", "", "end(1):?:unset:1", ""},
	{"ab", "-a -xb", "[a:unset:2][?:unset:2][b:unset:3]end(1):?:unset:3", "gosh: illegal option -- x\n"},
	{":ab", "-axb", "[a:unset:1][?:x:1][b:unset:2]end(1):?:unset:2", ""},
	{"a::", "-a", "[?:unset:2]end(1):?:unset:2", "gosh: option requires an argument -- a\n"},
	{"a?", "-?", "[?:unset:2]end(1):?:unset:2", ""},
	{"a", "-?", "[?:unset:2]end(1):?:unset:2", "gosh: illegal option -- ?\n"},
	{":a", "-?", "[?:?:2]end(1):?:unset:2", ""},
	{"a:", "-a -b", "[a:-b:3]end(1):?:unset:3", ""},
	{"ab", "--", "end(1):?:unset:2", ""},
	{"a-", "-a-", "[a:unset:1][-:unset:2]end(1):?:unset:2", ""},
	{"ab", "-a -b --x", "[a:unset:2][b:unset:3][?:unset:3][?:unset:4]end(1):?:unset:4",
		"gosh: illegal option -- -\ngosh: illegal option -- x\n"},
	{"ab:c", "-cab x -c", "[c:unset:1][a:unset:1][b:x:3][c:unset:4]end(1):?:unset:4", ""},
	{"a", "-:", "[?:unset:2]end(1):?:unset:2", "gosh: illegal option -- :\n"},
}

func TestGetopts(t *testing.T) {
	for _, tc := range getoptsCases {
		f := newFake()
		f.vars["OPTIND"] = "1"
		got := getoptsTrace(f, tc.optstring, strings.Fields(tc.args))
		if got != tc.want || f.stderr.String() != tc.err {
			t.Errorf("getopts %q %q:\n got %s %q\nwant %s %q", tc.optstring, tc.args, got, f.stderr.String(), tc.want, tc.err)
		}
	}
}

func TestGetoptsBashAgrees(t *testing.T) {
	for _, tc := range getoptsCases {
		got := runBash(t, "/", getoptsScript, append([]string{tc.optstring}, strings.Fields(tc.args)...), "")
		if got.out != tc.want || got.err != tc.err {
			t.Errorf("bash getopts %q %q:\n got %s %q\nwant %s %q", tc.optstring, tc.args, got.out, got.err, tc.want, tc.err)
		}
	}
}

func TestGetoptsParamsAndRestart(t *testing.T) {
	f := newFake()
	f.params = []string{"-ab", "-c", "x"}
	if got := getoptsTrace(f, "abc", nil); got != "[a:unset:1][b:unset:2][c:unset:3]end(1):?:unset:3" {
		t.Errorf("positional parameters: %s", got)
	}
	// Resetting OPTIND starts over, even after stopping mid-word.
	f.vars["OPTIND"] = "1"
	f.run("getopts", "abc", "opt")
	f.vars["OPTIND"] = "1"
	f.params = []string{"-cb"}
	if got := getoptsTrace(f, "abc", nil); got != "[c:unset:1][b:unset:2]end(1):?:unset:2" {
		t.Errorf("restart with other arguments: %s", got)
	}
	// An unset OPTIND also starts over.
	delete(f.vars, "OPTIND")
	if got := getoptsTrace(f, "abc", nil); got != "[c:unset:1][b:unset:2]end(1):?:unset:2" {
		t.Errorf("restart with OPTIND unset: %s", got)
	}
}

func TestGetoptsErrors(t *testing.T) {
	const use = "getopts: usage: getopts optstring name [arg ...]\n"
	cases := []outputCase{
		{args: []string{"getopts"}, err: use, status: 2},
		{args: []string{"getopts", "a"}, err: use, status: 2},
		{args: []string{"getopts", "-x", "a", "b"}, err: "gosh: getopts: -x: invalid option\n" + use, status: 2},
		{args: []string{"getopts", "a", "1a"}, err: "gosh: getopts: `1a': not a valid identifier\n", status: 1},
	}
	checkCases(t, cases)
	checkBashAgrees(t, cases)
}
