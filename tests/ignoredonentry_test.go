package tests

// Signals ignored when gosh starts: tmux, among others, starts the shell
// with SIGTTIN and SIGTTOU ignored. An interactive job-control shell gives
// its jobs SIGTSTP, SIGTTIN and SIGTTOU at their defaults, as bash does, so
// that `cat &` stops on its read of the terminal instead of failing with
// EIO. A non-interactive shell keeps them ignored, as POSIX says.

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// jobStopSignals are the signals a job must see at their default.
var jobStopSignals = []syscall.Signal{syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU}

// startGoshIgnoring starts an interactive gosh on a pty the way tmux does,
// with the stop signals ignored: bash sets SIG_IGN, which exec keeps. A
// bash that is not interactive drops PS1 from its environment: $1 brings
// it back.
func startGoshIgnoring(t *testing.T) *Session {
	t.Helper()
	s := startSession(t, SessionConfig{Shell: bashPath(t),
		Args: []string{"-c", `trap '' TSTP TTIN TTOU; PS1=$1 exec "$0" -i`, shellUnderTest(t), defaultPrompt}})
	s.ExpectPrompt()
	return s
}

func TestIgnoredOnEntryNotInJobs(t *testing.T) {
	s := startGoshIgnoring(t)
	defer s.Close()
	// (TestIgnoredOnEntryScript shows that the helper's SIG_IGN reaches
	// gosh and, through a script, its children.)
	_, pid, _ := bgJob(t, s, "cat &")
	// cat reads the terminal from the background: SIGTTIN stops it.
	waitProcState(t, pid, "T")
	st, err := procStatus(pid)
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range jobStopSignals {
		if st.Ign.Has(sig) {
			t.Errorf("the job ignores %v: SigIgn %v", sig, st.Ign)
		}
	}
	if out, ok := jobsUntil(s, "Stopped (tty input)"); !ok {
		t.Errorf("jobs: %q, want the job stopped for tty input", out)
	}
	lineOutput(s, "kill -KILL $!")
	// stty tostop stops a background job that writes to the terminal.
	lineOutput(s, "stty tostop")
	_, pid, _ = bgJob(t, s, "/bin/echo written &")
	waitProcState(t, pid, "T")
	if out, ok := jobsUntil(s, "Stopped (tty output)"); !ok {
		t.Errorf("jobs: %q, want the job stopped for tty output", out)
	}
	lineOutput(s, "stty -tostop; kill -KILL $!")
}

// TestIgnoredOnEntryScript: a script started with the stop signals ignored
// passes them on ignored.
func TestIgnoredOnEntryScript(t *testing.T) {
	out, errOut, status := run(t, scriptRun{Shell: bashPath(t),
		Script: `trap '' TSTP TTIN TTOU; exec "$0" -c 'grep ^SigIgn /proc/self/status'`, Args: []string{shellUnderTest(t)}})
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	_, v, _ := strings.Cut(strings.TrimSpace(out), "\t")
	n, err := strconv.ParseUint(v, 16, 64)
	if err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	ign := SigSet(n)
	for _, sig := range jobStopSignals {
		if !ign.Has(sig) {
			t.Errorf("a script's child lost SIG_IGN for %v: SigIgn %v", sig, ign)
		}
	}
}

// jobsUntil runs `jobs` until its output contains want, for as long as
// Expect waits. /proc shows a process stopped as soon as the kernel stops
// it; the shell hears of it a moment later, from its reaper.
func jobsUntil(s *Session, want string) (out string, ok bool) {
	s.t.Helper()
	deadline := time.Now().Add(s.expectTimeout())
	for {
		out = lineOutput(s, "jobs")
		if strings.Contains(out, want) || time.Now().After(deadline) {
			return out, strings.Contains(out, want)
		}
	}
}
