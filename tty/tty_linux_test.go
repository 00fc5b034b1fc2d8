package tty

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// TestSetForegroundReclaimFromOrphanedGroup: a session leader that has
// handed the terminal to a job gets it back, although its group is
// orphaned and in the background, where a plain tcsetpgrp fails.
func TestSetForegroundReclaimFromOrphanedGroup(t *testing.T) {
	s := startSession(t, "reclaim")
	leader := s.cmd.Process.Pid
	child := s.expectPID("child")
	if fg := s.foreground(); fg != child {
		t.Fatalf("after handing over: foreground %d, want the child's group %d", fg, child)
	}
	s.proceed()
	if got := s.expect("plain"); got[0] != "ENOTTY" {
		t.Fatalf("premise: unprotected TIOCSPGRP from the orphaned group gave %v, want ENOTTY", got)
	}
	if got := s.expect("wait"); got[0] != "ErrBackground" {
		t.Errorf("WaitUntilForeground in an orphaned background group: %v, want ErrBackground", got)
	}
	if got := s.expect("reclaim"); got[0] != "ok" {
		t.Fatalf("SetForeground: %v", got)
	}
	if fg := s.foreground(); fg != leader {
		t.Fatalf("after reclaiming: foreground %d, want the leader's group %d", fg, leader)
	}
}

// TestSetForegroundFromBackgroundGroup: a process in a background,
// non-orphaned group with a Go SIGTTOU handler installed changes the modes
// and takes the terminal; neither call is stopped or restarted forever, and
// no SIGTTOU reaches the handler.
func TestSetForegroundFromBackgroundGroup(t *testing.T) {
	s := startSession(t, "bggrab")
	child := s.expectPID("child")
	if got := s.expect("background"); got[0] != "true" {
		t.Fatal("premise: the child did not start in the background")
	}
	if got := s.expect("setattr"); got[0] != "ok" {
		t.Fatalf("SetAttr from the background: %v", got)
	}
	if s.attr().Lflag&unix.ECHO != 0 {
		t.Error("SetAttr from the background: ECHO still set on the terminal")
	}
	if got := s.expect("grab"); got[0] != "ok" {
		t.Fatalf("SetForeground from the background: %v", got)
	}
	if fg := s.foreground(); fg != child {
		t.Fatalf("foreground %d, want the child's group %d", fg, child)
	}
	if got := s.expect("ttou"); got[0] != "0" {
		t.Errorf("the child's handler saw %s SIGTTOU, want none", got[0])
	}
	if state, _ := procStat(t, child); state == 'T' || state == 't' {
		t.Errorf("child is stopped (state %c)", state)
	}
}

// TestWaitUntilForeground: a shell started in the background stops itself
// with SIGTTIN, and returns once its parent gives it the terminal and
// continues it.
func TestWaitUntilForeground(t *testing.T) {
	s := startSession(t, "waitfg")
	child := s.expectPID("child")
	if got := s.expect("stopped"); got[0] != "SIGTTIN" {
		t.Fatalf("child stopped by %v, want SIGTTIN", got)
	}
	got := s.expect("foreground")
	if got[0] != "ok" || got[1] != strconv.Itoa(child) {
		t.Fatalf("WaitUntilForeground: %v, want ok %d", got, child)
	}
	if fg := s.foreground(); fg != child {
		t.Fatalf("foreground %d, want %d", fg, child)
	}
}

// TestTakeControl: a session leader keeps its group and gets the
// terminal; a shell started inside its parent's group moves to a group of
// its own and takes the terminal. Also checks OpenTTY's descriptor.
func TestTakeControl(t *testing.T) {
	s := startSession(t, "takeover")
	leader := s.cmd.Process.Pid
	if got := s.expect("leader"); got[0] != "ok" || got[1] != strconv.Itoa(leader) || got[2] != "true" {
		t.Fatalf("TakeControl in the session leader: %v, want ok %d true", got, leader)
	}
	if got := s.expect("opentty"); len(got) != 3 || atoi(t, got[0]) < 10 || got[1] != "true" || got[2] != strconv.Itoa(leader) {
		t.Errorf("OpenTTY: fd, close-on-exec, foreground = %v; want >= 10, true, %d", got, leader)
	}
	child := s.expectPID("child")
	got := s.expect("take")
	if want := fmt.Sprintf("[ok %d true true]", child); fmt.Sprint(got) != want {
		t.Fatalf("TakeControl in the child: %v, want %s (pgid, saved modes, group changed)", got, want)
	}
	if fg := s.foreground(); fg != child {
		t.Errorf("foreground %d, want the child's group %d", fg, child)
	}
	if _, pgrp := procStat(t, child); pgrp != child {
		t.Errorf("/proc says the child's group is %d, want %d", pgrp, child)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAttrRoundTrip: modes written with SetAttr read back the same, on
// both ends of a pty, and the modes GetAttr saved can be put back.
func TestAttrRoundTrip(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skip("no pty:", err)
	}
	defer master.Close()
	defer slave.Close()
	fd := int(slave.Fd())

	orig, err := GetAttr(fd)
	if err != nil {
		t.Fatal(err)
	}

	raw := *orig
	raw.Lflag &^= unix.ECHO | unix.ICANON
	raw.Cc[unix.VMIN], raw.Cc[unix.VTIME] = 1, 0
	if err := SetAttr(fd, &raw); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]int{"slave": fd, "master": int(master.Fd())} {
		got, err := GetAttr(f)
		if err != nil {
			t.Fatal(err)
		}
		if got.Lflag != raw.Lflag || got.Cc != raw.Cc {
			t.Errorf("%s: read back lflag %#x cc %v, want %#x %v", name, got.Lflag, got.Cc, raw.Lflag, raw.Cc)
		}
	}

	if err := SetAttr(fd, orig); err != nil {
		t.Fatal(err)
	}
	got, err := GetAttr(fd)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lflag != orig.Lflag || got.Cc != orig.Cc {
		t.Errorf("after restoring: lflag %#x, want %#x", got.Lflag, orig.Lflag)
	}
}

func TestIsTerminal(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skip("no pty:", err)
	}
	defer master.Close()
	defer slave.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, c := range []struct {
		name string
		fd   int
		want bool
	}{
		{"pty slave", int(slave.Fd()), true},
		{"pty master", int(master.Fd()), true},
		{"pipe", int(r.Fd()), false},
		{"closed descriptor", -1, false},
	} {
		if got := IsTerminal(c.fd); got != c.want {
			t.Errorf("IsTerminal(%s) = %t, want %t", c.name, got, c.want)
		}
	}
}

// TestNotATerminal: the calls report ENOTTY, wrapped with the name of the
// libc function, for a descriptor that is no terminal.
func TestNotATerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	fd := int(r.Fd())
	var tio unix.Termios
	for _, c := range []struct {
		op  string
		err error
	}{
		{"tcgetpgrp", func() error { _, err := Foreground(fd); return err }()},
		{"tcsetpgrp", SetForeground(fd, unix.Getpgrp())},
		{"tcgetattr", func() error { _, err := GetAttr(fd); return err }()},
		{"tcsetattr", SetAttr(fd, &tio)},
		{"tcgetpgrp", WaitUntilForeground(fd)},
	} {
		if !errors.Is(c.err, unix.ENOTTY) || !strings.HasPrefix(c.err.Error(), c.op+":") {
			t.Errorf("%s on a pipe: %v, want %s: ENOTTY", c.op, c.err, c.op)
		}
	}
}

// TestStopSignalsBlockedOnlyInside: f runs with the three stop signals
// blocked in its thread, and that thread has its old mask again once
// withStopSignalsBlocked returns.
func TestStopSignalsBlockedOnlyInside(t *testing.T) {
	var inside unix.Sigset_t
	var tid int
	err := withStopSignalsBlocked(func() error {
		tid = unix.Gettid()
		return unix.PthreadSigmask(unix.SIG_BLOCK, nil, &inside)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []unix.Signal{unix.SIGTTOU, unix.SIGTTIN, unix.SIGTSTP} {
		if !sigismember(&inside, sig) {
			t.Errorf("%s not blocked inside", unix.SignalName(sig))
		}
	}
	if sigismember(&inside, unix.SIGINT) {
		t.Error("SIGINT blocked inside; only the stop signals should be")
	}

	// The thread, if it still exists, must not block them any more.
	b, err := os.ReadFile(fmt.Sprintf("/proc/self/task/%d/status", tid))
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if hex, ok := strings.CutPrefix(line, "SigBlk:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 64)
			if err != nil {
				t.Fatal(err)
			}
			for _, sig := range []unix.Signal{unix.SIGTTOU, unix.SIGTTIN, unix.SIGTSTP} {
				if mask&(1<<(sig-1)) != 0 {
					t.Errorf("thread %d still blocks %s afterwards", tid, unix.SignalName(sig))
				}
			}
		}
	}
}
