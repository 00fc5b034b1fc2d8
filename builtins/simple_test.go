package builtins

import (
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
)

func TestPwd(t *testing.T) {
	dir := t.TempDir()
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(real, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(real, "l")
	if err := os.Symlink("d", link); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(real, "gone")
	for _, tc := range []struct {
		dir    string
		args   []string
		out    string
		err    string
		status int
	}{
		{link, nil, link + "\n", "", 0},
		{link, []string{"-L"}, link + "\n", "", 0},
		{link, []string{"-P"}, filepath.Join(real, "d") + "\n", "", 0},
		{link, []string{"-LP"}, filepath.Join(real, "d") + "\n", "", 0},
		{link, []string{"-PL"}, link + "\n", "", 0},
		{link, []string{"extra"}, link + "\n", "", 0},
		{link + "/../d", nil, filepath.Join(real, "d") + "\n", "", 0},
		{gone, nil, gone + "\n", "", 0},
		{gone, []string{"-P"}, "", "gosh: pwd: error retrieving current directory: getcwd: cannot access parent directories: No such file or directory\n", 1},
		{link, []string{"-x"}, "", "gosh: pwd: -x: invalid option\npwd: usage: pwd [-LP]\n", 2},
	} {
		f := newFake()
		f.dir = tc.dir
		st := f.run(append([]string{"pwd"}, tc.args...)...)
		if got, want := (result{f.stdout.String(), f.stderr.String(), st}), (result{tc.out, tc.err, tc.status}); got != want {
			t.Errorf("pwd %q in %s:\n got %v\nwant %v", tc.args, tc.dir, got, want)
		}
	}
	// bash agrees on the symlinked directory.
	bashPath(t)
	for _, args := range [][]string{{"pwd"}, {"pwd", "-P"}} {
		got := runBash(t, "/", `cd "$1" && shift && "$@"`, append([]string{link}, args...), "")
		f := newFake()
		f.dir = link
		f.run(args...)
		if got.out != f.stdout.String() {
			t.Errorf("%q: bash %q, gosh %q", args, got.out, f.stdout.String())
		}
	}
}

func TestTimes(t *testing.T) {
	line := `[0-9]+m[0-9]+\.[0-9]{3}s [0-9]+m[0-9]+\.[0-9]{3}s\n`
	re := regexp.MustCompile(`^` + line + line + `$`)
	got := runFake([]string{"times"}, "")
	if got.status != 0 || !re.MatchString(got.out) {
		t.Errorf("times: %v", got)
	}
	if bash := bashBuiltin(t, []string{"times"}, ""); !re.MatchString(bash.out) {
		t.Errorf("bash's times does not match the pattern: %q", bash.out)
	}
	want := result{"", "gosh: times: -x: invalid option\ntimes: usage: times\n", 2}
	if got := runFake([]string{"times", "-x"}, ""); got != want {
		t.Errorf("times -x: %v", got)
	}
	if got := bashBuiltin(t, []string{"times", "-x"}, ""); got != want {
		t.Errorf("bash times -x: %v", got)
	}
	for tv, want := range map[[2]int64]string{
		{0, 0}: "0m0.000s", {0, 1999}: "0m0.001s", {61, 500000}: "1m1.500s", {3600, 0}: "60m0.000s",
	} {
		if got := cpuTime(syscallTimeval(tv[0], tv[1])); got != want {
			t.Errorf("cpuTime(%v) = %q, want %q", tv, got, want)
		}
	}
}

func syscallTimeval(sec, usec int64) syscall.Timeval {
	return syscall.Timeval{Sec: sec, Usec: usec}
}
