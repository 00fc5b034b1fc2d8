package builtins

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// fakeContext is an in-memory Context for tests.
type fakeContext struct {
	stdin       io.Reader
	stdout      bytes.Buffer
	stderr      bytes.Buffer
	out         io.Writer // replaces stdout when set
	files       map[int]*os.File
	vars        map[string]string
	arrays      map[string][]string
	readonly    map[string]bool
	params      []string
	dir         string
	interactive bool
	shopts      map[string]bool // shopt options that are on; "-o NAME" for set -o ones
	jobs        map[string]int  // job spec -> pgid
	continued   []int
	intr        chan struct{}
}

func newFake() *fakeContext {
	return &fakeContext{
		stdin:  strings.NewReader(""),
		files:  map[int]*os.File{},
		vars:   map[string]string{"0": "gosh"},
		arrays: map[string][]string{},
		dir:    "/",
	}
}

func (f *fakeContext) Stdin() io.Reader { return f.stdin }
func (f *fakeContext) Stdout() io.Writer {
	if f.out != nil {
		return f.out
	}
	return &f.stdout
}
func (f *fakeContext) Stderr() io.Writer    { return &f.stderr }
func (f *fakeContext) File(fd int) *os.File { return f.files[fd] }
func (f *fakeContext) Var(name string) (string, bool) {
	// The fake has scalars only: as in the shell, name[0] is the string.
	v, ok := f.vars[strings.TrimSuffix(name, "[0]")]
	return v, ok
}
func (f *fakeContext) SetVar(name, value string) error {
	if f.readonly[name] {
		return fmt.Errorf("%s: readonly variable", name)
	}
	f.vars[name] = value
	return nil
}
func (f *fakeContext) SetArray(name string, values []string) error {
	if f.readonly[name] {
		return fmt.Errorf("%s: readonly variable", name)
	}
	f.arrays[name] = values
	return nil
}
func (f *fakeContext) UnsetVar(name string) error {
	delete(f.vars, name)
	return nil
}
func (f *fakeContext) Params() []string           { return f.params }
func (f *fakeContext) Dir() string                { return f.dir }
func (f *fakeContext) Interactive() bool          { return f.interactive }
func (f *fakeContext) Shopt(name string) bool     { return f.shopts[name] }
func (f *fakeContext) SetOption(name string) bool { return f.shopts["-o "+name] }
func (f *fakeContext) Errorf(format string, args ...any) {
	fmt.Fprintf(&f.stderr, "gosh: "+format+"\n", args...)
}
func (f *fakeContext) ResolveJob(spec string) (int, error) {
	if pgid, ok := f.jobs[spec]; ok {
		return pgid, nil
	}
	return 0, fmt.Errorf("%s: no such job", spec)
}
func (f *fakeContext) ContinueIfStopped(pid int) { f.continued = append(f.continued, pid) }
func (f *fakeContext) Interrupted() <-chan struct{} {
	if f.intr == nil {
		return nil // a nil channel: never interrupted
	}
	return f.intr
}

// run calls the builtin named by args[0] through the table.
func (f *fakeContext) run(args ...string) int {
	fn := Lookup(args[0])
	if fn == nil {
		panic("no builtin " + args[0])
	}
	return fn(f, args)
}

// result is what a builtin (or bash) produced.
type result struct {
	out, err string
	status   int
}

func (r result) String() string {
	return fmt.Sprintf("status %d, stdout %q, stderr %q", r.status, r.out, r.err)
}

// runFake runs args in a fresh fake context with the given stdin.
func runFake(args []string, stdin string) result {
	f := newFake()
	f.stdin = strings.NewReader(stdin)
	st := f.run(args...)
	return result{f.stdout.String(), f.stderr.String(), st}
}

// bashPath is bash. Tests that compare with bash fail without it, as the
// end-to-end tests do (README: bash is a test dependency).
func bashPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("these tests compare gosh with bash, which is not installed: %v", err)
	}
	return p
}

// runBash runs script with bash -c, $0 set to "gosh" (so getopts'
// messages match) and args as $1..., in dir, with stdin; bash's
// "bash: line N: " prefix becomes "gosh: " as the evaluator's Errorf
// would print it.
func runBash(t *testing.T, dir, script string, args []string, stdin string) result {
	t.Helper()
	cmd := exec.Command(bashPath(t), append([]string{"-c", script, "gosh"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "TZ=UTC")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	status := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = 128 + int(ws.Signal())
		}
	} else if err != nil {
		t.Fatal(err)
	}
	errText := stderr.String()
	for _, p := range []string{"gosh: line 1: ", "gosh: -c: line 1: "} {
		errText = strings.ReplaceAll(errText, p, "gosh: ")
	}
	return result{stdout.String(), errText, status}
}

// bashBuiltin runs one builtin invocation in bash exactly as given.
func bashBuiltin(t *testing.T, args []string, stdin string) result {
	t.Helper()
	return runBash(t, "/", `"$@"`, args, stdin)
}

// epipeWriter fails every write as a closed pipe would.
type epipeWriter struct{}

func (epipeWriter) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// errWriter fails every write with another error.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

func TestTrueFalse(t *testing.T) {
	if st := runFake([]string{"true", "x"}, ""); st.status != 0 {
		t.Errorf("true: %v", st)
	}
	if st := runFake([]string{"false", "--", "x"}, ""); st.status != 1 {
		t.Errorf("false: %v", st)
	}
}

func TestWriteErrors(t *testing.T) {
	for _, args := range [][]string{
		{"echo", "hi"}, {"printf", "%s\n", "x"}, {"pwd"}, {"kill", "-l"},
		{"umask"}, {"ulimit", "-a"}, {"times"},
	} {
		f := newFake()
		f.out = epipeWriter{}
		if st := f.run(args...); st != 141 || f.stderr.Len() != 0 {
			t.Errorf("%q on a closed pipe: status %d, stderr %q; want 141 and silence", args, st, f.stderr.String())
		}
		f = newFake()
		f.out = errWriter{}
		want := "gosh: " + args[0] + ": write error: No space left on device\n"
		if st := f.run(args...); st != 1 || f.stderr.String() != want {
			t.Errorf("%q on a full disk: status %d, stderr %q; want 1 and %q", args, st, f.stderr.String(), want)
		}
	}
}
