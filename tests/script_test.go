package tests

// Script mode: the shell runs with pipes and files for stdio, no terminal.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// scriptRun describes one non-interactive run of a shell.
type scriptRun struct {
	Shell    string   // path of the shell; "" means the shell under test
	Script   string   // run as `SHELL -c Script Args...`
	ViaStdin bool     // instead, feed Script on stdin: `SHELL [-s Args...]`
	Args     []string // $0 $1 ... with -c; $1 ... with ViaStdin
	Stdin    string   // the shell's stdin (a pipe); not with ViaStdin
	Env      []string // extra KEY=VALUE on top of baseEnv
	Dir      string   // working directory; "" means a fresh temporary one
}

// runShell runs `gosh -c script args...` (args are $0, $1, ...) with empty
// stdin and returns what it printed and its status (128+N if killed by
// signal N).
func runShell(t testing.TB, script string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	return run(t, scriptRun{Script: script, Args: args})
}

// runShellStdin runs gosh with script as its stdin, the way `sh < file` or
// `cmd | sh` do.
func runShellStdin(t testing.TB, script string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	return run(t, scriptRun{Script: script, ViaStdin: true, Args: args})
}

// run runs r and waits for the shell, at most timeout(defaultWait).
//
// The shell starts in a session of its own, so it cannot reach the
// terminal (if any) that runs `go test`, and so that everything it leaves
// behind (background jobs still running when it exits) can be found by
// session ID and killed before run returns. Stdout and stderr are regular
// files, not pipes: a leftover background job holding a pipe open would
// otherwise keep os/exec waiting after the shell has exited.
func run(t testing.TB, r scriptRun) (stdout, stderr string, status int) {
	t.Helper()
	sh := r.Shell
	if sh == "" {
		sh = shellUnderTest(t)
	}
	if r.ViaStdin && r.Stdin != "" {
		t.Fatal("scriptRun: Stdin and ViaStdin are exclusive (the script is the stdin)")
	}
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home")
	dir := r.Dir
	if dir == "" {
		dir = filepath.Join(tmp, "wd")
	}
	for _, d := range []string{home, dir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	var args []string
	input := r.Stdin
	if r.ViaStdin {
		input = r.Script
		if len(r.Args) > 0 {
			args = append([]string{"-s"}, r.Args...)
		}
	} else {
		args = append([]string{"-c", r.Script}, r.Args...)
	}

	outF := createFile(t, filepath.Join(tmp, "stdout"))
	errF := createFile(t, filepath.Join(tmp, "stderr"))
	// Stdin is a real pipe that we fill from a goroutine. Should nobody read
	// it all, the write fails with EPIPE once every reader has exited.
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		inW.WriteString(input)
		inW.Close()
	}()

	cmd := exec.Command(sh, args...)
	cmd.Dir = dir
	cmd.Env = baseEnv(home, r.Env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outF, errF
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	err = cmd.Start()
	inR.Close()
	outF.Close()
	errF.Close()
	if err != nil {
		t.Fatalf("start %s: %v", sh, err)
	}
	pid := cmd.Process.Pid
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()

	timedOut := false
	select {
	case <-waited:
	case <-time.After(timeout(defaultWait)):
		timedOut = true
	}
	// Kill what is still running in the session (the shell too, on a
	// timeout), and reap what was re-parented to us.
	if err := killSession(pid, pid); err != nil {
		t.Error(err)
	}
	if timedOut {
		<-waited
	}
	stdout, stderr = readFile(t, outF.Name()), readFile(t, errF.Name())
	failOnRace(t, pid)
	if timedOut {
		t.Fatalf("%s %q did not exit within %v (killed)\nstdout: %q\nstderr: %q",
			sh, args, timeout(defaultWait), stdout, stderr)
	}
	return stdout, stderr, exitStatus(cmd.ProcessState)
}

func createFile(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// textWant is an expectation on a captured stream. The zero value wants the
// stream empty, so a case that says nothing about stderr also checks that
// nothing was printed there.
type textWant struct {
	text string
	sub  bool // text is a substring, not the whole stream
}

// contains wants s somewhere in the stream; contains("") accepts anything.
func contains(s string) textWant { return textWant{text: s, sub: true} }

// exactly wants the stream to be s.
func exactly(s string) textWant { return textWant{text: s} }

// anything accepts any stream.
var anything = contains("")

func (w textWant) match(got string) bool {
	if w.sub {
		return strings.Contains(got, w.text)
	}
	return got == w.text
}

func (w textWant) String() string {
	if w.sub {
		return "containing " + quote(w.text)
	}
	return quote(w.text)
}

// quote shows s in Go syntax, so that trailing newlines and control bytes
// are visible in failure messages.
func quote(s string) string { return strconv.Quote(s) }

// scriptCase is one row of a table of script-mode tests.
type scriptCase struct {
	name       string
	script     string   // run with -c, or fed on stdin if viaStdin
	viaStdin   bool     // feed script on stdin instead of -c
	args       []string // $0 $1 ... (-c) or $1 ... (viaStdin)
	stdin      string   // the script's stdin (with -c)
	wantOut    string   // stdout, exactly
	wantErr    textWant // stderr; the zero value wants it empty
	wantStatus int
}

// runScriptCases runs each case against the shell under test, in parallel
// subtests.
func runScriptCases(t *testing.T, cases []scriptCase) {
	t.Helper()
	runScriptCasesWith(t, "", cases)
}

// runScriptCasesWith runs the cases against the shell at path sh ("" for the
// shell under test).
func runScriptCasesWith(t *testing.T, sh string, cases []scriptCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, status := run(t, scriptRun{
				Shell: sh, Script: c.script, ViaStdin: c.viaStdin, Args: c.args, Stdin: c.stdin,
			})
			if out != c.wantOut {
				t.Errorf("stdout = %s, want %s", quote(out), quote(c.wantOut))
			}
			if !c.wantErr.match(errOut) {
				t.Errorf("stderr = %s, want %s", quote(errOut), c.wantErr)
			}
			if status != c.wantStatus {
				t.Errorf("status = %d, want %d", status, c.wantStatus)
			}
			if t.Failed() {
				t.Logf("script: %s", quote(c.script))
			}
		})
	}
}
