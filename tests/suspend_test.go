package tests

import (
	"strings"
	"syscall"
	"testing"
)

// suspend stops the interactive shell itself (its process group, the job
// its parent knows it as) until SIGCONT, then the prompt comes back; a
// login shell refuses unless forced, as in bash.
func TestSuspend(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	pid := s.ShellPid()
	s.SendLine("suspend")
	typed(s, "suspend")
	waitProcState(t, pid, "T")
	if err := syscall.Kill(-pid, syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	untilPrompt(s)
	if out := runLine(s, "echo back $?"); out != "back 0\n" {
		t.Errorf("after SIGCONT: %q", out)
	}

	l := startEditing(t, SessionConfig{Args: []string{"-l", "--noprofile", "--norc", "-i"}})
	if out := runLine(l, "suspend; echo $?"); !strings.Contains(out, "suspend: cannot suspend a login shell\n1\n") {
		t.Errorf("suspend in a login shell: %q", out)
	}
	// -f forces it, as the README says.
	l.SendLine("suspend -f")
	typed(l, "suspend -f")
	waitProcState(t, l.ShellPid(), "T")
	if err := syscall.Kill(-l.ShellPid(), syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	untilPrompt(l)
	if out := runLine(l, "echo forced $?"); out != "forced 0\n" {
		t.Errorf("after suspend -f and SIGCONT: %q", out)
	}
}
