package tests

// An untrapped signal whose default action ends a process ends the shell
// the same way, with status 128+N and nothing on stderr, as it ends bash and
// dash. Left to itself, the Go runtime ignores USR1, USR2, ALRM, VTALRM,
// XCPU (a PIPE sent by kill is still ignored: see fatalCaught), and answers QUIT or a SEGV sent by kill with
// a goroutine dump and status 2.

import (
	"fmt"
	"syscall"
	"testing"
)

// fatalSignals are the signals tested, each sent by the kill builtin and
// by another process.
var fatalSignals = []syscall.Signal{syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM,
	syscall.SIGVTALRM, syscall.SIGXCPU}

// fatalSignalCases hold what bash does; TestFatalSignalsBash checks that.
func fatalSignalCases() []scriptCase {
	var cases []scriptCase
	for _, sig := range fatalSignals {
		n := int(sig)
		cases = append(cases,
			scriptCase{name: fmt.Sprintf("kill -%d $$", n), script: fmt.Sprintf("kill -%d $$; echo alive", n), wantStatus: 128 + n},
			// The shell waits for /bin/kill when the signal comes: no
			// builtin is involved. The sleep runs only if the shell
			// survived.
			scriptCase{name: fmt.Sprintf("/bin/kill -%d", n), script: fmt.Sprintf("/bin/kill -%d $$; sleep 5; echo alive", n), wantStatus: 128 + n},
			scriptCase{name: fmt.Sprintf("kill -%d from a subshell", n), script: fmt.Sprintf("(kill -%d $$); sleep 5; echo alive", n), wantStatus: 128 + n},
			scriptCase{name: fmt.Sprintf("trap - %d", n), script: fmt.Sprintf("trap 'echo t' %d; trap - %d; kill -%d $$; echo alive", n, n, n), wantStatus: 128 + n},
			scriptCase{name: fmt.Sprintf("trapped %d", n), script: fmt.Sprintf("trap 'echo t' %d; kill -%d $$; echo alive", n, n), wantOut: "t\nalive\n"},
		)
	}
	return append(cases,
		// A stage that runs in the shell's process and writes to a pipe its
		// reader has left gets SIGPIPE from the kernel: that stage ends,
		// not the shell.
		scriptCase{name: "a broken pipe ends only the stage", script: `while :; do echo y; done | { read l; echo $l; }; echo "after ${PIPESTATUS[0]}"`, wantOut: "y\nafter 141\n"},
	)
}

func TestFatalSignals(t *testing.T) {
	runScriptCases(t, fatalSignalCases())
}

func TestFatalSignalsBash(t *testing.T) {
	runScriptCasesWith(t, bashPath(t), fatalSignalCases())
}

// TestFatalSignalsNoGoDump: QUIT and SEGV sent to a script kill it by their
// default action (bash ignores QUIT in a script, dash dies of it), with no
// goroutine dump.
func TestFatalSignalsNoGoDump(t *testing.T) {
	runScriptCases(t, []scriptCase{
		{name: "kill -QUIT $$", script: `kill -QUIT $$; echo alive`, wantStatus: 131},
		{name: "/bin/kill -QUIT", script: `/bin/kill -QUIT $$; sleep 5; echo alive`, wantStatus: 131},
		{name: "kill -SEGV $$", script: `kill -SEGV $$; echo alive`, wantStatus: 139},
		{name: "/bin/kill -SEGV", script: `/bin/kill -SEGV $$; sleep 5; echo alive`, wantStatus: 139},
		{name: "/bin/kill -ABRT", script: `/bin/kill -ABRT $$; sleep 5; echo alive`, wantStatus: 134},
	})
}

// TestFatalSignalsInteractive: an interactive shell survives SIGQUIT, as
// bash does, and dies of an untrapped SIGUSR1, as bash does.
func TestFatalSignalsInteractive(t *testing.T) {
	s := startGosh(t)
	defer s.Close()
	if out := lineOutput(s, `kill -QUIT $$; echo "survived $?"`); out != "survived 0\n" {
		t.Errorf("kill -QUIT $$: %q, want survived 0", out)
	}
	if out := lineOutput(s, `trap 'echo t' USR1; kill -USR1 $$; trap - USR1`); out != "t\n" {
		t.Errorf("trapped USR1: %q, want t", out)
	}
	s.SendLine(`kill -USR1 $$`)
	if st := s.WaitExit(); st != 128+int(syscall.SIGUSR1) {
		t.Errorf("untrapped USR1: exit status %d, want %d", st, 128+int(syscall.SIGUSR1))
	}
}
