package shell

import (
	"io"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestMain lets the test binary stand in for gosh whenever the shell under
// test re-executes itself (/proc/self/exe is the test binary here): for a
// subshell, or to run a file without #! as a script. The variable marks
// those children; the shells under test export it to them. The fuzzing
// engine's workers inherit it too, but they, like every run of the test
// binary as a test, get -test.* flags, which gosh is never given.
func TestMain(m *testing.M) {
	if os.Getenv("GOSH_TEST_IS_GOSH") == "1" && !hasTestFlag(os.Args[1:]) {
		os.Exit(Main([3]*os.File{os.Stdin, os.Stdout, os.Stderr}, os.Args, nil))
	}
	os.Setenv("GOSH_TEST_IS_GOSH", "1")
	os.Exit(m.Run())
}

func hasTestFlag(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "-test.") {
			return true
		}
	}
	return false
}

// runScript runs src with gosh -c in this process and returns what it
// wrote to stdout and stderr, and its status.
func runScript(t *testing.T, src string, stdin string) (string, string, int) {
	t.Helper()
	return runGosh(t, t.TempDir(), []string{"gosh", "-c", src}, stdin)
}

// runGosh runs gosh with args in dir, in this process.
func runGosh(t *testing.T, dir string, args []string, stdin string) (string, string, int) {
	t.Helper()
	inR, inW, _ := os.Pipe()
	outR, outW, _ := os.Pipe()
	errR, errW, _ := os.Pipe()
	go func() {
		io.WriteString(inW, stdin)
		inW.Close()
	}()
	var out, errb strings.Builder
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { io.Copy(&out, outR); wg.Done() }()
	go func() { io.Copy(&errb, errR); wg.Done() }()
	old, _ := os.Getwd()
	os.Chdir(dir)
	status := Main([3]*os.File{inR, outW, errW}, args, nil)
	os.Chdir(old)
	outW.Close()
	errW.Close()
	wg.Wait()
	inR.Close()
	return out.String(), errb.String(), status
}

type scriptCase struct {
	name   string
	src    string
	out    string
	status int
	errSub string // a substring expected on stderr
}

func runCases(t *testing.T, cases []scriptCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, status := runScript(t, c.src, "")
			if out != c.out || status != c.status {
				t.Errorf("%s\nstdout %q, want %q\nstatus %d, want %d\nstderr %q", c.src, out, c.out, status, c.status, errOut)
			}
			if c.errSub != "" && !strings.Contains(errOut, c.errSub) {
				t.Errorf("%s\nstderr %q, want it to contain %q", c.src, errOut, c.errSub)
			}
		})
	}
}

// --version and --help answer on Main's standard output, not the
// process's; a bad option is reported on Main's standard error.
func TestInvocationReplies(t *testing.T) {
	for _, c := range []struct {
		arg, out, errOut string
		status           int
	}{
		{"--version", "gosh version " + Version + "\n", "", 0},
		{"--help", usage, "", 0},
		{"--nosuch", "", "gosh: --nosuch: invalid option\n" + usage, 2},
	} {
		out, errOut, status := runGosh(t, t.TempDir(), []string{"gosh", c.arg}, "")
		if out != c.out || errOut != c.errOut || status != c.status {
			t.Errorf("gosh %s: stdout %q, stderr %q, status %d; want %q, %q, %d", c.arg, out, errOut, status, c.out, c.errOut, c.status)
		}
	}
}
