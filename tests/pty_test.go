package tests

// Interactive mode: a shell on a pseudo-terminal, driven like a user would.
//
// How tests synchronise: never by sleeping, always by polling a fact the
// kernel reports. A test that types ^Z:
//
//  1. waits until the job owns the terminal (WaitJobForeground: TIOCGPGRP
//     on the master side);
//  2. waits until every process of the job has exec'd (waitGroup with the
//     commands' names). Between fork and exec a job's process is a copy of
//     the shell, with the shell's handlers and ignored signals, and a key
//     typed then is lost. A shell that lets its child take the terminal
//     before exec (bash does; so does Go's SysProcAttr.Foreground) opens
//     exactly this window;
//  3. types ^Z, waits for the job's processes to stop (waitProcState "T"),
//     then for the shell to own the terminal again (WaitShellForeground),
//     and only then expects the output.
//
// After `fg` of a stopped job, also wait for the job to leave state T before
// typing: the shell gives the terminal and sends SIGCONT one after the other,
// and a ^Z that lands in between is discarded by the SIGCONT.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// defaultPrompt is PS1 in sessions unless the config says otherwise. It is
// unusual enough never to appear in a command's output by chance.
const defaultPrompt = "GOSH$ "

// SessionConfig says how to start an interactive session.
type SessionConfig struct {
	Shell  string   // path of the shell; "" means the shell under test
	Args   []string // nil means interactiveArgs(Shell)
	Env    []string // extra KEY=VALUE on top of the defaults (a later entry wins)
	Prompt string   // PS1, and what ExpectPrompt waits for; "" means defaultPrompt
	Term   string   // TERM; "" means "dumb", which keeps escape sequences out of the output
	Dir    string   // working directory; "" means the session's fresh HOME
}

// interactiveArgs are the arguments that make shell interactive without
// reading any startup file. HOME is empty already; bash also reads
// /etc/bash.bashrc, which on Debian resets PS1.
func interactiveArgs(shell string) []string {
	if filepath.Base(shell) == "bash" {
		return []string{"--norc", "--noprofile", "-i"}
	}
	return []string{"-i"}
}

// Session is an interactive shell on a pseudo-terminal of 80x24 columns and
// rows, in a session of its own with the terminal as controlling terminal.
// Its methods fail the test on error or timeout, with the transcript; they
// must be called from the test's goroutine.
type Session struct {
	t      testing.TB
	cmd    *exec.Cmd
	master *os.File
	tty    string // the slave's path, e.g. /dev/pts/3

	// Prompt is what ExpectPrompt waits for (the PS1 the shell was given).
	Prompt string
	// ExpectTimeout bounds Expect, ExpectPrompt, WaitForeground and
	// WaitExit; by default timeout(defaultWait).
	ExpectTimeout time.Duration

	syncs int // markers used by Sync

	exited    chan struct{} // closed when the shell has been reaped
	exitState *os.ProcessState

	readerDone chan struct{} // closed when the master's reader has stopped
	changed    chan struct{} // poked (never blocking) when output arrives

	mu       sync.Mutex
	out      []byte  // all output, with each CR+LF folded to LF
	pos      int     // Expect has consumed out[:pos]
	crs      int     // CRs read but not yet known to precede a LF
	events   []event // output and input, in order, for the transcript
	readErr  error   // why the reader stopped (EIO once the slave is closed)
	closed   bool
	reported bool // a failure message already carried the transcript
}

// event is one entry of the transcript: a chunk of output, or an input.
type event struct {
	input bool
	data  string
}

// startSession starts cfg.Shell (by default the shell under test) on a new
// pseudo-terminal and arranges for Close to run, and for the transcript to
// be logged if the test fails, when the test ends. It does not wait for the
// first prompt: call ExpectPrompt.
//
// It uses pty.Open and starts the shell itself, rather than pty.Start, so it
// controls how the slave is passed and closed (pty.Start's handling has been
// a source of hangup flakes in mvdan/sh's tests). The shell gets the slave as
// fds 0, 1 and 2, calls setsid, and makes fd 0 its controlling terminal
// (Setsid+Setctty, Ctty 0), exactly as a terminal emulator or sshd would set
// it up. Our copy of the slave is closed once the shell has started, so a
// read from the master ends (EIO) when the last process on the terminal does.
func startSession(t testing.TB, cfg SessionConfig) *Session {
	t.Helper()
	if cfg.Shell == "" {
		cfg.Shell = shellUnderTest(t)
	}
	if cfg.Args == nil {
		cfg.Args = interactiveArgs(cfg.Shell)
	}
	if cfg.Prompt == "" {
		cfg.Prompt = defaultPrompt
	}
	if cfg.Term == "" {
		cfg.Term = "dumb"
	}
	home := t.TempDir()
	if cfg.Dir == "" {
		cfg.Dir = home
	}

	master, slave, err := openPty()
	if err != nil {
		t.Fatalf("open a pty: %v", err)
	}
	s := &Session{
		t:          t,
		master:     master,
		tty:        slave.Name(),
		Prompt:     cfg.Prompt,
		exited:     make(chan struct{}),
		readerDone: make(chan struct{}),
		changed:    make(chan struct{}, 1),
	}
	env := append([]string{"TERM=" + cfg.Term, "PS1=" + cfg.Prompt}, cfg.Env...)
	s.cmd = exec.Command(cfg.Shell, cfg.Args...)
	s.cmd.Dir = cfg.Dir
	s.cmd.Env = baseEnv(home, env...)
	s.cmd.Stdin, s.cmd.Stdout, s.cmd.Stderr = slave, slave, slave
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	err = s.cmd.Start()
	slave.Close()
	if err != nil {
		master.Close()
		t.Fatalf("start %s: %v", cfg.Shell, err)
	}
	go s.readLoop()
	go func() {
		s.cmd.Wait()
		s.exitState = s.cmd.ProcessState
		close(s.exited)
	}()
	// Cleanups run last-registered first: Close, then the race reports,
	// then the transcript, so the transcript holds everything the shell
	// wrote before it was killed, and shows after a race too.
	t.Cleanup(func() {
		if t.Failed() && !s.reported {
			t.Logf("session transcript:\n%s", s.Transcript())
		}
	})
	pid := s.cmd.Process.Pid
	t.Cleanup(func() { failOnRace(t, pid) })
	t.Cleanup(s.Close)
	return s
}

// openPty opens a pseudo-terminal of 80x24 and returns its master as a
// non-blocking *os.File in Go's poller, so that reads and writes honour
// deadlines and Close interrupts a pending Read.
//
// pty.Open alone does not give that: it calls Fd() on the master for its
// ioctls, and Fd() puts the file in blocking mode for good. A Read blocked
// in read(2) then outlives Close, and a session whose slave is still open
// somewhere could never be closed. So the master's descriptor is duplicated
// (close-on-exec) into a fresh *os.File after setting O_NONBLOCK, which
// os.NewFile sees and registers with the poller.
func openPty() (master, slave *os.File, err error) {
	m, slave, err := pty.Open()
	if err != nil {
		return nil, nil, err
	}
	defer m.Close()
	fd, err := unix.FcntlInt(m.Fd(), unix.F_DUPFD_CLOEXEC, 0)
	if err == nil {
		err = unix.SetNonblock(fd, true)
	}
	if err == nil {
		// pty.Setsize calls Fd() too: use it on the slave only, which is
		// blocking anyway and is closed once the shell has it.
		err = pty.Setsize(slave, &pty.Winsize{Rows: 24, Cols: 80})
	}
	if err != nil {
		if fd >= 0 {
			unix.Close(fd)
		}
		slave.Close()
		return nil, nil, err
	}
	return os.NewFile(uintptr(fd), m.Name()), slave, nil
}

// startBash starts the harness's reference shell and waits for its first
// prompt.
func startBash(t testing.TB) *Session {
	t.Helper()
	s := startSession(t, SessionConfig{Shell: bashPath(t)})
	s.ExpectPrompt()
	return s
}

// readLoop copies the master's output into s.out until the read fails, which
// it does (EIO) when no process has the slave open any more, or when Close
// closes the master.
func (s *Session) readLoop() {
	defer close(s.readerDone)
	buf := make([]byte, 4096)
	for {
		n, err := s.master.Read(buf)
		s.mu.Lock()
		if n > 0 {
			s.appendOutput(buf[:n])
		}
		if err != nil {
			s.readErr = err
		}
		s.mu.Unlock()
		select {
		case s.changed <- struct{}{}:
		default: // a poke is already pending; the waiter will see all output
		}
		if err != nil {
			return
		}
	}
}

// appendOutput records a chunk and appends it to s.out with CR+LF folded to
// LF (the terminal's ONLCR turns every "\n" into "\r\n"), so patterns can
// use plain "\n". A run of CRs at the end of a chunk is held back until the
// next byte shows whether a LF follows. s.mu must be held.
func (s *Session) appendOutput(b []byte) {
	s.events = append(s.events, event{data: string(b)})
	for _, c := range b {
		switch {
		case c == '\r':
			s.crs++
			continue
		case c != '\n':
			for ; s.crs > 0; s.crs-- {
				s.out = append(s.out, '\r')
			}
		}
		s.crs = 0
		s.out = append(s.out, c)
	}
}

func (s *Session) expectTimeout() time.Duration {
	if s.ExpectTimeout > 0 {
		return s.ExpectTimeout
	}
	return timeout(defaultWait)
}

// Send types text on the terminal as is.
func (s *Session) Send(text string) {
	s.t.Helper()
	s.mu.Lock()
	s.events = append(s.events, event{input: true, data: text})
	s.mu.Unlock()
	// The master is non-blocking and in Go's poller (see openPty), so a
	// deadline can stop a write that a full input queue would block forever.
	if err := s.master.SetWriteDeadline(time.Now().Add(s.expectTimeout())); err != nil {
		s.fail("Send: %v", err)
	}
	if _, err := s.master.Write([]byte(text)); err != nil {
		s.fail("Send(%q): %v", text, err)
	}
}

// SendLine types line and Enter. Enter is "\r", as a real terminal sends
// it: a line editor in raw mode must handle it, and in cooked mode ICRNL
// turns it into "\n".
func (s *Session) SendLine(line string) {
	s.t.Helper()
	s.Send(line + "\r")
}

// Ctrl types control-c: Ctrl('C') is ^C (0x03), Ctrl('Z') ^Z, Ctrl('D') ^D,
// Ctrl('\\') ^\ (SIGQUIT). With the default termios ^C, ^Z and ^\ make the
// terminal signal the foreground group.
func (s *Session) Ctrl(c byte) {
	s.t.Helper()
	s.Send(string(ctrlByte(c)))
}

// ctrlByte maps a key to the byte Ctrl+key sends: the key's ASCII code with
// the top bits cleared (letters in either case), and ^? for DEL.
func ctrlByte(c byte) byte {
	if c == '?' {
		return 0x7f
	}
	if c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	if c < '@' || c > '_' {
		panic(fmt.Sprintf("Ctrl(%q): no such control key", c))
	}
	return c & 0x1f
}

// Expect waits until the output after the previous match matches the
// regular expression re, consumes the output up to the end of the match and
// returns it. Output has CR+LF folded to LF. On timeout, or if the terminal
// closes first, it fails the test with the unmatched output, the foreground
// group, the shell's process tree and the transcript.
func (s *Session) Expect(re string) string {
	s.t.Helper()
	consumed, _ := s.expect(re)
	return consumed
}

// ExpectMatch is Expect returning the match and its submatches instead, as
// regexp.FindStringSubmatch does: `\[1\] (\d+)` gives the job's PID in [1].
func (s *Session) ExpectMatch(re string) []string {
	s.t.Helper()
	_, m := s.expect(re)
	return m
}

// ExpectPrompt waits for the next prompt.
func (s *Session) ExpectPrompt() string {
	s.t.Helper()
	return s.Expect(regexp.QuoteMeta(s.Prompt))
}

func (s *Session) expect(re string) (consumed string, match []string) {
	s.t.Helper()
	rx, err := regexp.Compile(re)
	if err != nil {
		s.fail("Expect: %v", err)
	}
	deadline := time.NewTimer(s.expectTimeout())
	defer deadline.Stop()
	for {
		s.mu.Lock()
		rest := s.out[s.pos:]
		loc := rx.FindSubmatchIndex(rest)
		if loc != nil {
			consumed = string(rest[:loc[1]])
			for i := 0; i < len(loc); i += 2 {
				if loc[i] >= 0 {
					match = append(match, string(rest[loc[i]:loc[i+1]]))
				} else {
					match = append(match, "")
				}
			}
			s.pos += loc[1]
		}
		ended, unmatched := s.readErr, string(rest)
		s.mu.Unlock()
		switch {
		case loc != nil:
			return consumed, match
		case ended != nil:
			s.fail("Expect(%q): the terminal closed (%v) first; output since the last match:\n%q", re, ended, unmatched)
		}
		select {
		case <-s.changed:
		case <-deadline.C:
			s.fail("Expect(%q): timed out after %v; output since the last match:\n%q", re, s.expectTimeout(), unmatched)
		}
	}
}

// Sync runs a marker command and waits for its output and the prompt after
// it, and returns everything consumed. Use it to get back in step when the
// number of prompts so far is uncertain: a shell prints pending job
// notifications before its next prompt, so "[1] Done" may come before or
// after the prompt that follows the command that caused it. The marker is
// typed with two adjacent quoted strings (SYNC and N), so the terminal's
// echo of the typed line cannot match the output SYNCN.
func (s *Session) Sync() string {
	s.t.Helper()
	s.syncs++
	s.SendLine(fmt.Sprintf("echo 'SYNC''%d'", s.syncs))
	out := s.Expect(fmt.Sprintf(`(?m)^SYNC%d\n`, s.syncs))
	return out + s.ExpectPrompt()
}

// ShellPid returns the PID of the shell, which is also its session ID and,
// for a job-control shell, its process group ID.
func (s *Session) ShellPid() int { return s.cmd.Process.Pid }

// TTY returns the path of the terminal's slave side, as openFds shows it.
func (s *Session) TTY() string { return s.tty }

// ForegroundPgrp returns the terminal's foreground process group, read with
// TIOCGPGRP on the master side (the ioctl on a master reports its slave).
// Nothing on the slave side is disturbed, and no SIGTTOU is involved.
func (s *Session) ForegroundPgrp() int {
	s.t.Helper()
	pg, err := s.foregroundPgrp()
	if err != nil {
		s.fail("TIOCGPGRP: %v", err)
	}
	return pg
}

func (s *Session) foregroundPgrp() (int, error) {
	// SyscallConn, not Fd: Fd would switch the master to blocking mode.
	rc, err := s.master.SyscallConn()
	if err != nil {
		return 0, err
	}
	var pg int
	var ioErr error
	if err := rc.Control(func(fd uintptr) { pg, ioErr = unix.IoctlGetInt(int(fd), unix.TIOCGPGRP) }); err != nil {
		return 0, err
	}
	return pg, ioErr
}

// WaitForeground polls the terminal's foreground group until pred accepts
// it, and returns it. This is how a test knows a job owns the terminal
// before it types ^Z or ^C, and that the shell has taken the terminal back.
func (s *Session) WaitForeground(pred func(pgid int) bool) int {
	s.t.Helper()
	var pg int
	saw, ok := poll(s.expectTimeout(), func() (bool, string) {
		var err error
		if pg, err = s.foregroundPgrp(); err != nil {
			return false, err.Error()
		}
		return pred(pg), "foreground group " + strconv.Itoa(pg)
	})
	if !ok {
		s.fail("WaitForeground: timed out after %v; last saw %s", s.expectTimeout(), saw)
	}
	return pg
}

// WaitJobForeground waits until a group other than the shell's owns the
// terminal, and returns that group.
func (s *Session) WaitJobForeground() int {
	s.t.Helper()
	return s.WaitForeground(func(pg int) bool { return pg != s.ShellPid() && pg > 0 })
}

// WaitShellForeground waits until the shell's own group owns the terminal.
func (s *Session) WaitShellForeground() {
	s.t.Helper()
	s.WaitForeground(func(pg int) bool { return pg == s.ShellPid() })
}

// WaitExit waits for the shell to exit by itself (after `exit`, or ^D) and
// returns its status, 128+N if signal N killed it.
func (s *Session) WaitExit() int {
	s.t.Helper()
	select {
	case <-s.exited:
		return exitStatus(s.exitState)
	case <-time.After(s.expectTimeout()):
		s.fail("WaitExit: the shell did not exit within %v", s.expectTimeout())
		return 0
	}
}

// Close kills every process of the session (the shell, its jobs, stopped or
// not, and anything they started), reaps them and closes the terminal. It is
// safe to call twice; startSession arranges for it to run when the test
// ends.
func (s *Session) Close() {
	s.mu.Lock()
	closed := s.closed
	s.closed = true
	s.mu.Unlock()
	if closed {
		return
	}
	if err := killSession(s.ShellPid(), s.ShellPid()); err != nil {
		s.t.Errorf("Session.Close: %v", err)
	}
	select {
	case <-s.exited:
	case <-time.After(timeout(defaultWait)):
		s.t.Errorf("Session.Close: the shell (pid %d) was not reaped", s.ShellPid())
	}
	// Every process of the session is dead, so the reader gets EIO once it
	// has drained the last output, which takes microseconds. If a process
	// outside the session still holds the slave, there is no EIO: closing
	// the master below ends the read instead.
	select {
	case <-s.readerDone:
	case <-time.After(timeout(200 * time.Millisecond)):
	}
	s.master.Close()
	select {
	case <-s.readerDone:
	case <-time.After(timeout(defaultWait)):
		s.t.Errorf("Session.Close: the master's reader did not stop")
	}
}

// fail fails the test with msg and everything needed to understand it: the
// foreground group, the shell's process tree and the full transcript.
func (s *Session) fail(format string, args ...any) {
	s.t.Helper()
	s.mu.Lock()
	s.reported = true
	s.mu.Unlock()
	s.t.Fatalf("%s\n%s", fmt.Sprintf(format, args...), s.report())
}

// report describes the session's state for a failure message.
func (s *Session) report() string {
	var b strings.Builder
	if pg, err := s.foregroundPgrp(); err == nil {
		fmt.Fprintf(&b, "foreground group: %d (shell pid %d)\n", pg, s.ShellPid())
	}
	b.WriteString("processes:\n")
	if sh, err := readProcStat(s.ShellPid()); err == nil {
		fmt.Fprintf(&b, "  %s\n", sh)
	} else {
		fmt.Fprintf(&b, "  shell %d: %v\n", s.ShellPid(), err)
	}
	for _, p := range descendants(s.ShellPid()) {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	b.WriteString("transcript:\n")
	b.WriteString(s.Transcript())
	return b.String()
}

// Transcript renders everything the terminal showed, with what the test
// typed inserted where it was typed, as «input». CR+LF is shown as a line
// break, other control bytes as ^X (ESC as \e).
func (s *Session) Transcript() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.WriteString("  | ")
	var out strings.Builder // output since the last input, rendered at once so a CR+LF split over two reads is one break
	flush := func() {
		b.WriteString(strings.ReplaceAll(visible(out.String(), false), "\n", "\n  | "))
		out.Reset()
	}
	for _, e := range s.events {
		if e.input {
			flush()
			b.WriteString("«" + visible(e.data, true) + "»")
		} else {
			out.WriteString(e.data)
		}
	}
	flush()
	if s.readErr != nil {
		fmt.Fprintf(&b, "\n  [terminal closed: %v]", s.readErr)
	}
	return b.String()
}

// visible makes control bytes printable. Output keeps its line breaks;
// input shows Enter as \r.
func visible(data string, input bool) string {
	if !input {
		data = strings.ReplaceAll(data, "\r\n", "\n")
	}
	var b strings.Builder
	for _, r := range data {
		switch {
		case r == '\n' && !input:
			b.WriteByte('\n')
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == 0x1b:
			b.WriteString(`\e`)
		case r < 0x20:
			b.WriteString("^" + string(rune(r+'@')))
		case r == 0x7f:
			b.WriteString("^?")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
