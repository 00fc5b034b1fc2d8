package tty

// The test harness: a real session on a fresh pseudo-terminal.
//
// Terminal ownership can only be tested from inside the terminal's session,
// so each test starts the test binary again as a helper, the session leader
// "S" (Setsid, Setctty, the pty slave as stdio), and S may start a second
// helper "C" inside the session. The helpers report what they did as lines
// on a pipe at fd 3 and wait for EOF on a control pipe at fd 4 before they
// exit, which keeps the session alive while the test checks facts from the
// outside: the pty master's TIOCGPGRP (the slave's foreground group) and
// /proc/PID/stat. Nothing synchronises on sleeps.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// helperEnv selects the helper role when the test binary runs as a helper.
const helperEnv = "GOSH_TTY_TEST_HELPER"

func TestMain(m *testing.M) {
	if role := os.Getenv(helperEnv); role != "" {
		os.Exit(runHelper(role))
	}
	os.Exit(m.Run())
}

// helperEnviron returns this process's environment with the helper role
// set to role. Any role already there must go: the C library and Go's
// os.Getenv both take the first of duplicate variables, and a child that
// inherited its parent's role would start a child of its own, and so on.
func helperEnviron(role string) []string {
	// Under -race, every helper would sleep a second at exit
	// (atexit_sleep_ms defaults to 1000).
	race := "GORACE=atexit_sleep_ms=0"
	var env []string
	for _, kv := range os.Environ() {
		switch {
		case strings.HasPrefix(kv, helperEnv+"="):
		case strings.HasPrefix(kv, "GORACE="):
			race = kv + " atexit_sleep_ms=0"
		default:
			env = append(env, kv)
		}
	}
	return append(env, race, helperEnv+"="+role)
}

// scaled stretches a timeout by GOSH_TEST_TIME_SCALE, for slow machines.
// Timeouts only bound failures; a passing test never waits for one.
func scaled(d time.Duration) time.Duration {
	if s, err := strconv.ParseFloat(os.Getenv("GOSH_TEST_TIME_SCALE"), 64); err == nil && s > 0 {
		return time.Duration(float64(d) * s)
	}
	return d
}

// requireDefaultStopSignals skips the test when SIGTTIN or SIGTTOU is
// ignored in this process. Go passes an inherited SIG_IGN for them on to
// every child, and the helpers' premises (a background tcsetpgrp without
// protection fails, SIGTTIN stops) need the default actions.
func requireDefaultStopSignals(t *testing.T) {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		hex, ok := strings.CutPrefix(line, "SigIgn:")
		if !ok {
			continue
		}
		mask, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		for _, sig := range []unix.Signal{unix.SIGTTIN, unix.SIGTTOU} {
			if mask&(1<<(sig-1)) != 0 {
				t.Skipf("%v is ignored in the test process; children would inherit that", unix.SignalName(sig))
			}
		}
	}
}

// session is a helper session leader running on its own pty.
type session struct {
	t       *testing.T
	master  *os.File
	cmd     *exec.Cmd
	control *os.File // write end; closing it lets every helper exit
	reports chan string

	mu  sync.Mutex
	out bytes.Buffer // everything the session wrote to the terminal
}

// startSession starts the helper role as a session leader on a new pty.
func startSession(t *testing.T, role string) *session {
	t.Helper()
	requireDefaultStopSignals(t)
	ptmx, slave, err := pty.Open()
	if err != nil {
		t.Skip("no pty:", err)
	}
	// pty.Open leaves the master in blocking mode (it calls Fd). Use a
	// non-blocking duplicate so that the poller serves it and Close
	// interrupts the reader below.
	nfd, err := unix.FcntlInt(ptmx.Fd(), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	ptmx.Close()
	if err := unix.SetNonblock(nfd, true); err != nil {
		t.Fatal(err)
	}
	s := &session{t: t, master: os.NewFile(uintptr(nfd), "/dev/ptmx"), reports: make(chan string, 16)}

	reportR, reportW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	controlR, controlW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	s.control = controlW
	s.cmd = exec.Command("/proc/self/exe")
	s.cmd.Env = helperEnviron(role)
	s.cmd.Stdin, s.cmd.Stdout, s.cmd.Stderr = slave, slave, slave
	s.cmd.ExtraFiles = []*os.File{reportW, controlR}
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	err = s.cmd.Start()
	slave.Close()
	reportW.Close()
	controlR.Close()
	if err != nil {
		t.Fatal(err)
	}

	// Drain the terminal: SetAttr waits for output to drain, and the
	// output helps to explain a failure.
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := s.master.Read(buf)
			s.mu.Lock()
			s.out.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() {
		sc := bufio.NewScanner(reportR)
		for sc.Scan() {
			s.reports <- sc.Text()
		}
		reportR.Close()
		close(s.reports)
	}()
	t.Cleanup(s.finish)
	return s
}

// expect waits for the next report, which must begin with key, and returns
// its remaining fields.
func (s *session) expect(key string) []string {
	s.t.Helper()
	select {
	case line, ok := <-s.reports:
		if !ok {
			s.t.Fatalf("helpers exited before reporting %q; terminal output:\n%s", key, s.output())
		}
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != key {
			s.t.Fatalf("got report %q, want %q ...; terminal output:\n%s", line, key, s.output())
		}
		return f[1:]
	case <-time.After(scaled(3 * time.Second)):
		s.t.Fatalf("no report %q in time; terminal output:\n%s", key, s.output())
	}
	return nil
}

// expectPID is expect for a report whose only field is a process ID.
func (s *session) expectPID(key string) int {
	s.t.Helper()
	f := s.expect(key)
	if len(f) != 1 {
		s.t.Fatalf("report %s %v: want one PID", key, f)
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil {
		s.t.Fatal(err)
	}
	return pid
}

// foreground returns the slave's foreground group, read on the master.
func (s *session) foreground() int {
	s.t.Helper()
	var pgid int
	var ierr error
	rc, err := s.master.SyscallConn()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := rc.Control(func(fd uintptr) { pgid, ierr = Foreground(int(fd)) }); err != nil {
		s.t.Fatal(err)
	}
	if ierr != nil {
		s.t.Fatal(ierr)
	}
	return pgid
}

// attr returns the slave's modes, read on the master.
func (s *session) attr() *unix.Termios {
	s.t.Helper()
	var tio *unix.Termios
	var ierr error
	rc, err := s.master.SyscallConn()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := rc.Control(func(fd uintptr) { tio, ierr = GetAttr(int(fd)) }); err != nil {
		s.t.Fatal(err)
	}
	if ierr != nil {
		s.t.Fatal(ierr)
	}
	return tio
}

// proceed lets the session leader, waiting in helper.await, go on.
func (s *session) proceed() {
	s.t.Helper()
	if _, err := s.control.Write([]byte{'\n'}); err != nil {
		s.t.Fatal(err)
	}
}

// output returns what the session wrote to the terminal and the state of
// its processes, to explain a failure.
func (s *session) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String() + describeSession(s.cmd.Process.Pid)
}

// describeSession lists the state, and the pending and blocked signals, of
// every thread of every process in the session led by sid.
func describeSession(sid int) string {
	var b strings.Builder
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if s, err := unix.Getsid(pid); err != nil || s != sid {
			continue
		}
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		for _, task := range tasks {
			st, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/status", pid, task.Name()))
			fmt.Fprintf(&b, "pid %d tid %s:", pid, task.Name())
			for _, line := range strings.Split(string(st), "\n") {
				for _, k := range []string{"State:", "SigPnd:", "ShdPnd:", "SigBlk:"} {
					if strings.HasPrefix(line, k) {
						b.WriteString(" " + strings.Join(strings.Fields(line), " "))
					}
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// finish lets the helpers exit and reaps the session leader.
func (s *session) finish() {
	s.control.Close()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil && !s.t.Failed() {
			s.t.Errorf("session leader: %v; terminal output:\n%s", err, s.output())
		}
	case <-time.After(scaled(3 * time.Second)):
		killSession(s.cmd.Process.Pid)
		<-done
		s.t.Errorf("session leader did not exit; terminal output:\n%s", s.output())
	}
	s.master.Close()
}

// killSession kills, one by one, every process in the session whose
// leader is sid, so that a failed test leaves no helper behind.
func killSession(sid int) {
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if s, err := unix.Getsid(pid); err == nil && s == sid {
			unix.Kill(pid, unix.SIGKILL)
		}
	}
}

// procStat returns the state letter and process group of pid from
// /proc/PID/stat.
func procStat(t *testing.T, pid int) (state byte, pgrp int) {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// The command name, in parentheses, may contain anything; the
	// fields after the last ')' are "state ppid pgrp ...".
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	pgrp, err = strconv.Atoi(f[2])
	if err != nil {
		t.Fatal(err)
	}
	return f[0][0], pgrp
}

// The helper side.

// helper is a helper process's end of the pipes.
type helper struct {
	report  *os.File // fd 3
	control *os.File // fd 4
}

func runHelper(role string) int {
	h := &helper{report: os.NewFile(3, "report"), control: os.NewFile(4, "control")}
	roles := map[string]func() error{
		// Session leaders.
		"reclaim":  h.reclaim,
		"bggrab":   h.bggrab,
		"waitfg":   h.waitfg,
		"takeover": h.takeover,
		// Children inside the session.
		"idle":   h.idle,
		"grab":   h.grab,
		"waiter": h.waiter,
		"taker":  h.taker,
	}
	run, ok := roles[role]
	if !ok {
		h.say("error unknown role %s", role)
		return 2
	}
	// Only a session leader may start helpers: a guard against a
	// child that runs a leader's role and spawns helpers without end.
	leader := role == "reclaim" || role == "bggrab" || role == "waitfg" || role == "takeover"
	if sid, _ := unix.Getsid(0); leader != (sid == unix.Getpid()) {
		h.say("error role %s in a process that is session leader: %t", role, !leader)
		return 2
	}
	if err := run(); err != nil {
		h.say("error %v", err)
		return 1
	}
	return 0
}

func (h *helper) say(format string, args ...any) {
	fmt.Fprintf(h.report, format+"\n", args...)
}

// spawn starts the test binary in role inside the session with the same
// five descriptors. It uses ForkExec, not os/exec, because the caller
// waits with WUNTRACED itself.
func (h *helper) spawn(role string, sys *syscall.SysProcAttr) (int, error) {
	return syscall.ForkExec("/proc/self/exe", []string{"tty.test"}, &syscall.ProcAttr{
		Env:   helperEnviron(role),
		Files: []uintptr{0, 1, 2, 3, 4},
		Sys:   sys,
	})
}

// await blocks until the test lets the helper go on (session.proceed).
func (h *helper) await() error {
	var b [1]byte
	if _, err := io.ReadFull(h.control, b[:]); err != nil {
		return fmt.Errorf("waiting for the test: %w", err)
	}
	return nil
}

// waitControl blocks until the test closes the control pipe. It reads
// nothing: a child shares the pipe with its parent, and a byte the test
// writes for the parent's await (proceed) must not be taken here. Once it
// was: reclaim's idle child ate the byte and its parent waited forever
// (TestSetForegroundReclaimFromOrphanedGroup, "no report plain in time").
// poll with no events reports only POLLHUP, when no writer is left.
func (h *helper) waitControl() {
	fds := []unix.PollFd{{Fd: int32(h.control.Fd())}}
	for {
		n, err := unix.Poll(fds, -1)
		if err == nil && n > 0 && fds[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0 {
			return
		}
		if err != nil && err != unix.EINTR {
			return
		}
	}
}

// finish waits for the test to finish, then reaps the children, which
// exit on the same EOF.
func (h *helper) finish(children ...int) error {
	h.waitControl()
	for _, c := range children {
		var ws syscall.WaitStatus
		if _, err := syscall.Wait4(c, &ws, 0, nil); err != nil {
			return err
		}
		if !ws.Exited() || ws.ExitStatus() != 0 {
			return fmt.Errorf("child %d: status %#x", c, int(ws))
		}
	}
	return nil
}

// errName names err briefly for a report: "ok", an errno's name, or the
// text of a sentinel error with its spaces removed.
func errName(err error) string {
	var errno syscall.Errno
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrBackground):
		return "ErrBackground"
	case errors.As(err, &errno):
		return unix.ErrnoName(errno)
	}
	return strings.ReplaceAll(err.Error(), " ", "_")
}

// reclaim (S) hands the terminal to a child's group, then takes it back
// from the background. S is a session leader whose parent is in another
// session, so its group is orphaned, as a login shell's is.
func (h *helper) reclaim() error {
	c, err := h.spawn("idle", &syscall.SysProcAttr{Setpgid: true, Foreground: true, Ctty: 0})
	if err != nil {
		return err
	}
	h.say("child %d", c)
	if err := h.await(); err != nil {
		return err
	}
	// The premise: unprotected, an orphaned background group cannot
	// change the foreground group (the kernel says EIO, the ioctl ENOTTY).
	h.say("plain %s", errName(unix.IoctlSetPointerInt(0, unix.TIOCSPGRP, unix.Getpgrp())))
	// SIGTTIN does not stop an orphaned group, so waiting for the
	// foreground must give up rather than spin.
	h.say("wait %s", errName(WaitUntilForeground(0)))
	h.say("reclaim %s", errName(SetForeground(0, unix.Getpgrp())))
	return h.finish(c)
}

// idle (C) just waits.
func (h *helper) idle() error {
	h.waitControl()
	return nil
}

// bggrab (S) starts a child in a background group of its own. The child's
// parent, S, is in another group of the same session, so the child's
// group is not orphaned: an unprotected tcsetpgrp or tcsetattr would send
// it SIGTTOU.
func (h *helper) bggrab() error {
	c, err := h.spawn("grab", &syscall.SysProcAttr{Setpgid: true})
	if err != nil {
		return err
	}
	h.say("child %d", c)
	return h.finish(c)
}

// grab (C) changes the modes and then takes the terminal, both from the
// background, with a Go handler for SIGTTOU installed: the worst case,
// in which an unprotected ioctl would be restarted forever.
func (h *helper) grab() error {
	ttou := make(chan os.Signal, 64)
	signal.Notify(ttou, syscall.SIGTTOU)
	me := unix.Getpgrp()
	fg, err := Foreground(0)
	if err != nil {
		return err
	}
	h.say("background %t", fg != me)
	tio, err := GetAttr(0)
	if err != nil {
		return err
	}
	tio.Lflag &^= unix.ECHO
	h.say("setattr %s", errName(SetAttr(0, tio)))
	h.say("grab %s", errName(SetForeground(0, me)))
	h.say("ttou %d", len(ttou))
	h.waitControl()
	return nil
}

// waitfg (S) starts a child in the background, sees it stop itself with
// SIGTTIN, then hands it the terminal and continues it, as a parent shell's
// fg does.
func (h *helper) waitfg() error {
	c, err := h.spawn("waiter", &syscall.SysProcAttr{Setpgid: true})
	if err != nil {
		return err
	}
	h.say("child %d", c)
	var ws syscall.WaitStatus
	if _, err := syscall.Wait4(c, &ws, syscall.WUNTRACED, nil); err != nil {
		return err
	}
	if !ws.Stopped() {
		return fmt.Errorf("child not stopped: status %#x", int(ws))
	}
	h.say("stopped %s", unix.SignalName(ws.StopSignal()))
	if err := SetForeground(0, c); err != nil {
		return err
	}
	if err := unix.Kill(-c, unix.SIGCONT); err != nil {
		return err
	}
	return h.finish(c)
}

// waiter (C) is a shell started in the background.
func (h *helper) waiter() error {
	err := WaitUntilForeground(0)
	h.say("foreground %s %d", errName(err), unix.Getpgrp())
	h.waitControl()
	return nil
}

// takeover (S) is a session leader taking control, then opening /dev/tty;
// then it starts a child in its own group, which takes control in turn,
// like a shell started by a program without job control.
func (h *helper) takeover() error {
	pgid, saved, err := TakeControl(0)
	h.say("leader %s %d %t", errName(err), pgid, saved != nil)
	fd, err := OpenTTY()
	if err != nil {
		return err
	}
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	if err != nil {
		return err
	}
	fg, err := Foreground(fd)
	if err != nil {
		return err
	}
	h.say("opentty %d %t %d", fd, flags&unix.FD_CLOEXEC != 0, fg)
	c, err := h.spawn("taker", &syscall.SysProcAttr{})
	if err != nil {
		return err
	}
	h.say("child %d", c)
	return h.finish(c)
}

// taker (C) takes control from inside its parent's group.
func (h *helper) taker() error {
	before := unix.Getpgrp()
	pgid, saved, err := TakeControl(0)
	h.say("take %s %d %t %t", errName(err), pgid, saved != nil, before != pgid)
	h.waitControl()
	return nil
}
