package jobs

// The terminal's side of the job table: which terminal job control uses,
// who owns it, the shell's own modes, and the trace. The evaluator changes
// these only through the methods here, which take the table's lock, since
// the reaper goroutine reads them (traceStatus) whenever a status arrives.
//
// The system calls on the terminal (tcsetpgrp, tcsetattr, which waits for
// output to drain) run without the lock, on values copied out under it, so
// a terminal that does not drain never holds up the reaper.

import (
	"fmt"
	"os"
	"syscall"

	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
)

// SetJobControl turns job control on or off (set -m, set +m) and reports
// whether it is on. The controlling terminal is opened the first time
// (openControllingTerminal) and kept while job control is off, so that
// set +m / set -m do not open it again. Without a terminal it stays off.
func (t *Table) SetJobControl(on bool) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !on {
		t.jobTTY = -1
		return false
	}
	if t.jobTTY >= 0 {
		return true
	}
	if t.terminal < 0 {
		fd, ok := openControllingTerminal()
		if !ok {
			return false
		}
		t.terminal = fd
	}
	t.jobTTY = t.terminal
	return true
}

// openControllingTerminal opens the controlling terminal for job control:
// /dev/tty on a descriptor of its own (10 or above, close-on-exec, so no
// job and no redirection of the user's sees it), else the first of fds 0,
// 2 and 1 that is a terminal.
func openControllingTerminal() (int, bool) {
	if fd, err := tty.OpenTTY(); err == nil {
		return fd, true
	}
	for _, fd := range []int{0, 2, 1} {
		if tty.IsTerminal(fd) {
			return fd, true
		}
	}
	return -1, false
}

// TakeTerminal sets an interactive shell up as the owner of its controlling
// terminal (tty.TakeControl: wait to be in the foreground, lead a group of
// its own, take the terminal, save the shell's modes) and turns job control
// on. found is false when the shell has no terminal; err, when found, says
// why the shell could not take it (job control then stays off).
//
// Only the shell's main goroutine calls it, at start-up. The system calls
// run without the table's lock: TakeControl may stop the shell (SIGTTIN)
// until it is in the foreground.
func (t *Table) TakeTerminal() (found bool, err error) {
	fd, ok := openControllingTerminal()
	if !ok {
		return false, nil
	}
	startPgrp := syscall.Getpgrp()
	pgid, modes, err := tty.TakeControl(fd)
	if err != nil {
		if fd >= 10 {
			unix.Close(fd) // ours: opened by openControllingTerminal
		}
		return true, err
	}
	t.mu.Lock()
	t.jobTTY, t.terminal = fd, fd
	t.shellPgid, t.startPgrp = pgid, startPgrp
	t.shellModes = modes
	trace := t.trace
	t.mu.Unlock()
	if trace != nil {
		trace("tcsetpgrp: the terminal now belongs to group %d (the shell's own: at start-up the shell (pid %d) leads that group and takes the terminal)", pgid, os.Getpid())
	}
	return true, nil
}

// ReleaseTerminal gives the terminal back to the process group the shell
// was started in, if TakeTerminal moved the shell to a group of its own, as
// bash does on exit: the parent shell is waiting on that group. A failure
// is traced, not reported: the shell is exiting.
func (t *Table) ReleaseTerminal() {
	t.mu.Lock()
	fd, shellPgid, startPgrp, trace := t.jobTTY, t.shellPgid, t.startPgrp, t.trace
	t.mu.Unlock()
	if fd < 0 || startPgrp == 0 || startPgrp == shellPgid {
		return
	}
	if err := unix.Setpgid(0, startPgrp); err != nil {
		if trace != nil {
			trace("setpgid: going back to group %d, the one the shell was started in, failed: %v", startPgrp, err)
		}
		return
	}
	err := tty.SetForeground(fd, startPgrp)
	if trace == nil {
		return
	}
	if err != nil {
		trace("tcsetpgrp: giving the terminal back to group %d, the one the shell was started in, failed: %v", startPgrp, errnoOf(err))
		return
	}
	trace("tcsetpgrp: the terminal now belongs to group %d (the group the shell was started in: the shell gives it back as it exits)", startPgrp)
}

// RestoreShellModes puts the shell's own terminal modes back, if it has
// any (an interactive shell with job control): the read-eval loop calls
// it before each prompt.
func (t *Table) RestoreShellModes() {
	t.mu.Lock()
	fd, modes := t.jobTTY, t.shellModes
	t.mu.Unlock()
	if fd >= 0 && modes != nil {
		tty.SetAttr(fd, modes)
	}
}

// JobTTY is the controlling terminal's fd when job control is on, else -1.
func (t *Table) JobTTY() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.jobTTY
}

// SetTrace sets the function told of every job-control event, or with nil
// turns the trace off (set -o jobtrace, set +o jobtrace).
func (t *Table) SetTrace(trace func(format string, args ...any)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.trace = trace
}

// Tracing reports whether the trace is on, so that a caller can skip the
// work of a trace line nobody reads.
func (t *Table) Tracing() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.trace != nil
}

// Trace writes one line to the trace, if it is on, for an event the
// evaluator sees (kill, daemon). The line is written without the lock.
func (t *Table) Trace(format string, args ...any) {
	t.mu.Lock()
	trace := t.trace
	t.mu.Unlock()
	if trace != nil {
		trace(format, args...)
	}
}

// SetRenotify sets the function that re-installs the evaluator's
// signal.Notify calls after a spawn that had to ignore SIGINT and SIGQUIT
// for a moment (Launch.Start calls it).
func (t *Table) SetRenotify(renotify func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.renotify = renotify
}

// handOver is what a hand-over of the terminal needs from the table, copied
// out under its lock so that the system calls can run without it.
type handOver struct {
	fd         int // the job-control terminal, or -1
	shellPgid  int
	shellModes *unix.Termios
	trace      func(format string, args ...any)
}

// handOverLocked copies the hand-over's values. Caller holds t.mu.
func (t *Table) handOverLocked() handOver {
	return handOver{fd: t.jobTTY, shellPgid: t.shellPgid, shellModes: t.shellModes, trace: t.trace}
}

// giveTerminal makes pgid the terminal's foreground group, and traces the
// hand-over or its failure. Job control only; called without t.mu.
func (h handOver) giveTerminal(pgid int) {
	if h.fd < 0 {
		return
	}
	h.traceTerminal(pgid, tty.SetForeground(h.fd, pgid))
}

// StopShell stops the shell itself until a SIGCONT (the suspend builtin):
// with job control, its whole process group, which is the job its parent
// shell knows it as, so that the parent takes the terminal back; without,
// only its own process, never a group it shares with its parent. It
// returns once the shell runs again.
func (t *Table) StopShell() error {
	t.mu.Lock()
	target := -t.shellPgid
	if t.jobTTY < 0 || t.shellPgid != syscall.Getpgrp() {
		target = os.Getpid()
	}
	trace := t.trace
	t.mu.Unlock()
	if trace != nil {
		trace("suspend: SIGSTOP to %d (the shell stops until SIGCONT)", target)
	}
	if err := unix.Kill(target, unix.SIGSTOP); err != nil {
		return fmt.Errorf("suspend: %w", err)
	}
	return nil
}
