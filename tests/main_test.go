package tests

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	// The tests drive a gosh they build themselves, which go test cannot
	// see: importing the evaluator (and through it every package gosh is
	// made of) makes a change to any of them invalidate cached results.
	_ "github.com/gosh-sh/gosh/shell"
)

// goshPkg is the package built as the shell under test.
const goshPkg = "github.com/gosh-sh/gosh/cmd/gosh"

// defaultWait bounds every wait in the harness before scaling (see timeout).
// Passing tests never wait this long: all waits poll a fact and return as
// soon as it holds. Only a failing test pays the full duration.
const defaultWait = 5 * time.Second

var (
	// timeScale multiplies every timeout; from GOSH_TEST_TIME_SCALE.
	timeScale = 1.0

	// shellPath is the shell under test: the gosh built by TestMain, or
	// GOSH_TEST_SHELL. Tests get it through shellUnderTest.
	shellPath string

	// shellErr is why there is no shell under test (the build failed).
	shellErr error

	// raceDir is where a gosh built with -race (GOSH_TEST_RACE=1) writes
	// its race reports, one file per process that saw a race (GORACE's
	// log_path; see raceEnv). "" when the run does not look for races.
	raceDir string

	// subreaper reports whether this process is a child subreaper, so that
	// orphaned descendants of the shells we start become our children and
	// can be reaped (see killSession). Without it they go to PID 1, which in
	// a container may never reap them.
	subreaper bool
)

// TestMain builds gosh once for the whole run, unless GOSH_TEST_SHELL names
// another shell. A failed build fails the run loudly: it is reported before
// and after the tests, every test that needs gosh fails, and the exit status
// is non-zero even if all the tests that ran passed.
func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	var err error
	if timeScale, err = parseTimeScale(os.Getenv("GOSH_TEST_TIME_SCALE")); err != nil {
		fmt.Fprintln(os.Stderr, "tests:", err)
		return 2
	}
	subreaper = unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == nil
	closeInheritedOnExec()

	tmp, err := os.MkdirTemp("", "gosh-tests-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "tests:", err)
		return 2
	}
	defer os.RemoveAll(tmp)

	var buildFlags []string
	switch race := os.Getenv("GOSH_TEST_RACE"); race {
	case "", "0":
	case "1":
		buildFlags = append(buildFlags, "-race")
		raceDir = filepath.Join(tmp, "race")
		if err := os.Mkdir(raceDir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "tests:", err)
			return 2
		}
	default:
		fmt.Fprintf(os.Stderr, "tests: GOSH_TEST_RACE=%q: want 1 (or 0, or unset)\n", race)
		return 2
	}
	if sh := os.Getenv("GOSH_TEST_SHELL"); sh != "" {
		shellPath, shellErr = exec.LookPath(sh)
		if shellErr != nil {
			shellErr = fmt.Errorf("GOSH_TEST_SHELL=%q: %w", sh, shellErr)
		}
	} else {
		shellPath, shellErr = buildGosh(tmp, goshPkg, buildFlags...)
	}
	if shellErr != nil {
		banner := "\n!!!!!!!! NO SHELL UNDER TEST: " + shellErr.Error() + "\n"
		fmt.Fprint(os.Stderr, banner)
		code := m.Run()
		fmt.Fprint(os.Stderr, banner)
		if code == 0 {
			code = 1
		}
		return code
	}
	code := m.Run()
	if reports := raceReports(0); reports != "" {
		// Every race report of the run, also those of processes no test
		// looked at (a re-executed gosh, a subshell), fails it.
		fmt.Fprintf(os.Stderr, "\n!!!!!!!! A GOSH BUILT WITH -race REPORTED DATA RACES:\n%s", reports)
		code = 1
	}
	return code
}

// closeInheritedOnExec marks every descriptor above 2 that this process
// inherited as close-on-exec. os/exec passes only stdin, stdout and stderr
// to a child, but it does not close what the test binary itself inherited
// without FD_CLOEXEC (from a CI runner, an editor, make's jobserver...): that
// would reach every shell and every job, and confuse the tests that check a
// job's descriptors for leaks.
func closeInheritedOnExec() {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range ents {
		if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
			unix.CloseOnExec(fd)
		}
	}
}

// buildGosh builds pkg (cmd/gosh) into dir, with the extra go build flags
// (-race), and returns the binary's path. go test puts $GOROOT/bin first in
// PATH, so "go" is the toolchain that is running the tests.
func buildGosh(dir, pkg string, flags ...string) (string, error) {
	bin := filepath.Join(dir, "gosh")
	args := append(append([]string{"build"}, flags...), "-o", bin, pkg)
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin, nil
}

// shellUnderTest returns the path of the shell the gosh tests drive, failing
// t if there is none.
func shellUnderTest(t testing.TB) string {
	t.Helper()
	if shellErr != nil {
		t.Fatalf("no shell under test (see the message before the tests): %s", firstLine(shellErr.Error()))
	}
	return shellPath
}

// bashPath is the reference shell of the harness's own tests. They must not
// depend on gosh, or a gosh bug would look like a harness bug.
func bashPath(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("/bin/bash")
	if err != nil {
		t.Fatalf("the harness self-tests need bash: %v", err)
	}
	return p
}

// parseTimeScale parses GOSH_TEST_TIME_SCALE: empty means 1, anything else
// must be a finite number above zero. A bad value is an error, not a silent
// default, so a typo on CI does not quietly shrink the timeouts.
func parseTimeScale(s string) (float64, error) {
	if s == "" {
		return 1, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > 0) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("GOSH_TEST_TIME_SCALE=%q: want a number above 0", s)
	}
	return f, nil
}

// timeout scales d by GOSH_TEST_TIME_SCALE. Every deadline in the harness
// goes through it.
func timeout(d time.Duration) time.Duration {
	return time.Duration(float64(d) * timeScale)
}

// pollUntil calls cond until it reports true, with a short exponential
// backoff (50µs doubling to 5ms), and fails t if that takes longer than
// timeout(defaultWait). cond's message says what it saw last; it goes into
// the failure. This, never a bare sleep, is how tests wait for something.
func pollUntil(t testing.TB, what string, cond func() (ok bool, saw string)) {
	t.Helper()
	if saw, ok := poll(timeout(defaultWait), cond); !ok {
		t.Fatalf("timed out after %v waiting for %s; last saw: %s", timeout(defaultWait), what, saw)
	}
}

// poll is pollUntil without a test: it reports whether cond became true
// before d passed, and what cond saw last.
func poll(d time.Duration, cond func() (bool, string)) (string, bool) {
	deadline := time.Now().Add(d)
	backoff := 50 * time.Microsecond
	for {
		ok, saw := cond()
		if ok {
			return saw, true
		}
		if time.Now().After(deadline) {
			return saw, false
		}
		time.Sleep(backoff) // a poll interval, not a synchronisation
		backoff = min(2*backoff, 5*time.Millisecond)
	}
}

// baseEnv is the whole environment of a shell under test: a PATH, a private
// HOME (so no rc file of the user running the tests is read) and the C
// locale, then extra (KEY=VALUE; a later entry wins, as in exec.Cmd.Env).
// ENV and BASH_ENV are absent, so no startup file is sourced.
func baseEnv(home string, extra ...string) []string {
	path := os.Getenv("PATH")
	if path == "" {
		path = "/usr/local/bin:/usr/bin:/bin"
	}
	env := []string{"PATH=" + path, "HOME=" + home, "LC_ALL=C"}
	if raceDir != "" {
		env = append(env, raceEnv())
	}
	return append(env, extra...)
}

// raceEnv is the GORACE setting of every process the tests start when the
// shell under test is built with -race: each process writes its reports to
// a file of its own in raceDir (named race.PID), where the harness looks
// for them, rather than to a stderr that a test compares or a pty that
// nobody reads; and a shell that saw a race exits 66.
//
// The race runtime also sleeps before a process exits (atexit_sleep_ms),
// so that a report still being written on another thread is finished: by
// default a second, for every gosh, re-executed subshell and daemon
// helper, which more than doubled the run and pushed tests that start a
// few of them one after the other past their timeouts. A tenth of that
// is still ample for a report already under way.
func raceEnv() string {
	return "GORACE=log_path=" + filepath.Join(raceDir, "race") + " exitcode=66 atexit_sleep_ms=100"
}

// raceReports returns the race reports written by process pid, or by every
// process when pid is 0, each after a line naming its file; "" when there
// are none or the run does not look for races.
func raceReports(pid int) string {
	if raceDir == "" {
		return ""
	}
	pattern := "race.*"
	if pid != 0 {
		pattern = "race." + strconv.Itoa(pid)
	}
	files, _ := filepath.Glob(filepath.Join(raceDir, pattern))
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			data = []byte(err.Error())
		}
		fmt.Fprintf(&b, "=== %s\n%s\n", filepath.Base(f), data)
	}
	return b.String()
}

// failOnRace fails t if the shell it started, process pid, has reported a
// data race. Reports of processes that shell started (a re-executed gosh)
// fail the whole run at its end (testMain).
func failOnRace(t testing.TB, pid int) {
	t.Helper()
	if reports := raceReports(pid); reports != "" {
		t.Errorf("the shell under test (pid %d) reported a data race:\n%s", pid, reports)
	}
}

// exitStatus converts a finished process's state to a shell-style status:
// the exit code, or 128+N for death by signal N.
func exitStatus(ps *os.ProcessState) int {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}

// killSession SIGKILLs every process in session sid and waits until none is
// left. Processes that a killed parent leaves behind are re-parented to us
// (we are a subreaper) and reaped here by PID, never with wait(-1), which
// would steal the status of processes os/exec is waiting for. skip is a PID
// that someone else reaps (the session leader, waited for by os/exec).
//
// It repeats the scan because a member may fork between a scan and its kill.
func killSession(sid, skip int) error {
	self := os.Getpid()
	saw, ok := poll(timeout(defaultWait), func() (bool, string) {
		var left []string
		for _, p := range listProcs() {
			if p.Sid != sid {
				continue
			}
			if p.State != 'Z' && p.State != 'X' {
				unix.Kill(p.Pid, unix.SIGKILL)
			} else if p.Pid != skip && p.Ppid == self {
				var ws unix.WaitStatus
				unix.Wait4(p.Pid, &ws, unix.WNOHANG, nil)
			} else if !subreaper || p.Pid == skip {
				continue // dead; somebody else reaps it
			}
			left = append(left, p.String())
		}
		return len(left) == 0, strings.Join(left, "; ")
	})
	if !ok {
		return errors.New("processes of session " + strconv.Itoa(sid) + " survived: " + saw)
	}
	return nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
