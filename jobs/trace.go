package jobs

// What gosh shows of the kernel's side of job control: the lines of the
// job-control trace (set -o jobtrace), and the process group and session
// of each process for `jobs -l`.
//
// The trace is written for someone who has never heard of process groups.
// Each line names one system call the shell made, or one status wait4
// returned, with the real numbers, and where it helps a short note in
// parentheses. A note states only what the shell itself saw (the terminal's
// foreground group, read with tcgetpgrp when the status arrived) and the
// general rule that connects it to the event; it never claims who sent a
// signal the shell did not send.
//
// Every helper starts with the nil check on the table's trace function, so
// with the trace off a call site costs one function call and one
// comparison: no formatting, no system call, no allocation. The helpers on
// Table read it under t.mu, which their callers hold.

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
)

// traceStart reports a process just started (ForkExec has returned, so it
// has joined its group and exec'd). leader is true for the first process
// of a job; tookTerminal when, as a foreground job's leader, it made its
// group the terminal's foreground group before exec (SysProcAttr.Foreground).
// Caller holds t.mu.
func (t *Table) traceStart(p *Proc, pgid int, leader, tookTerminal bool) {
	if t.trace == nil {
		return
	}
	switch {
	case !t.jobControl():
		t.trace("fork: pid %d (%s) started in the shell's own group %d (job control is off)", p.Pid, p.Argv, t.shellPgid)
		return
	case leader:
		t.trace("setpgid: pid %d (%s) started as the leader of a new group %d", p.Pid, p.Argv, pgid)
	default:
		t.trace("setpgid: pid %d (%s) started and joined group %d", p.Pid, p.Argv, pgid)
	}
	if tookTerminal {
		t.trace("tcsetpgrp: the terminal now belongs to group %d (done by pid %d itself, before exec)", pgid, p.Pid)
	}
}

// traceTerminal reports a hand-over of the terminal that the shell made,
// or the failure of one (err): a tcsetpgrp that fails is never dropped
// silently, since the terminal is then left with a group the shell did not
// mean. Called without t.mu, with h copied out under it.
func (h handOver) traceTerminal(pgid int, err error) {
	if h.trace == nil {
		return
	}
	switch {
	case err != nil:
		h.trace("tcsetpgrp: giving the terminal to group %d failed: %v", pgid, errnoOf(err))
	case pgid == h.shellPgid:
		h.trace("tcsetpgrp: the terminal now belongs to group %d (the shell's own: the shell takes it back)", pgid)
	default:
		h.trace("tcsetpgrp: the terminal now belongs to group %d", pgid)
	}
}

// errnoOf is a system call's error without the call's name, for a trace
// line that starts with the name already.
func errnoOf(err error) error {
	var sysErr *os.SyscallError
	if errors.As(err, &sysErr) {
		return sysErr.Err
	}
	return err
}

// traceKill reports a signal the shell sends: to a whole process group when
// pid is negative, as kill(2) takes it, else to one process. Caller holds
// t.mu.
func (t *Table) traceKill(pid int, sig syscall.Signal) {
	if t.trace == nil {
		return
	}
	t.trace("%s", KillTraceLine(pid, sig))
}

// KillTraceLine is the trace line for kill(pid, sig) sent by the shell; the
// kill builtin's trace uses it too, so both read the same.
func KillTraceLine(pid int, sig syscall.Signal) string {
	switch {
	case pid < -1:
		return fmt.Sprintf("kill: %s to group %d (every process in it)", sigName(sig), -pid)
	case pid == -1:
		return fmt.Sprintf("kill: %s to every process the shell may signal", sigName(sig))
	case pid == 0:
		return fmt.Sprintf("kill: %s to the shell's own group", sigName(sig))
	}
	return fmt.Sprintf("kill: %s to pid %d (that process only)", sigName(sig), pid)
}

// traceHangUp introduces the signals of a hang-up fan-out. Caller holds t.mu.
func (t *Table) traceHangUp() {
	if t.trace == nil {
		return
	}
	t.trace("hang-up: SIGHUP to every job not disowned; a stopped job gets SIGCONT first, so that it wakes up to act on the SIGHUP, and once more after it in case it stopped again")
}

// traceStatus reports one status that wait4 returned for p. Caller holds
// t.mu, so p is not reaped a second time, and the terminal has not been
// taken back yet: the shell does that only after the last status of a
// foreground job is recorded.
func (t *Table) traceStatus(p *Proc, ws syscall.WaitStatus) {
	if t.trace == nil {
		return
	}
	pgid := 0
	if p.job != nil {
		pgid = p.job.Pgid
	}
	fg := -1
	if t.jobTTY >= 0 && pgid != 0 {
		if g, err := tty.Foreground(t.jobTTY); err == nil {
			fg = g
		}
	}
	t.trace("%s", StatusTraceLine(p.Pid, p.Argv, pgid, fg, ws))
}

// StatusTraceLine is the trace line for a wait4 status ws of process pid
// (command argv) in group pgid (0 if it has none of its own), when the
// terminal's foreground group was fg (-1 if unknown). A pure function, so
// tests can feed it every kind of status.
//
// The note after the status connects it to the terminal only when the
// groups show the connection: a keyboard signal (SIGINT, SIGQUIT, SIGTSTP)
// in the group that owns the terminal, or a terminal stop (SIGTTIN, SIGTTOU)
// in a group that does not. It says the rule, not that it was applied: the
// same signal may have come from a kill somewhere else.
func StatusTraceLine(pid int, argv string, pgid, fg int, ws syscall.WaitStatus) string {
	var what string
	var sig syscall.Signal
	switch {
	case ws.Stopped():
		sig = ws.StopSignal()
		what = "stopped by " + sigName(sig)
	case ws.Continued():
		what = "continued"
	case ws.Signaled():
		sig = ws.Signal()
		what = "killed by " + sigName(sig)
		if ws.CoreDump() {
			what += " (core dumped)"
		}
	default:
		what = fmt.Sprintf("exited %d", ws.ExitStatus())
	}
	line := fmt.Sprintf("wait4: pid %d (%s) %s", pid, argv, what)
	if pgid == 0 || fg < 0 {
		return line
	}
	switch sig {
	case syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP:
		if fg == pgid {
			key := map[syscall.Signal]string{syscall.SIGINT: "^C", syscall.SIGQUIT: `^\`, syscall.SIGTSTP: "^Z"}[sig]
			line += fmt.Sprintf(" (its group %d owns the terminal, and %s sends %s to every process of that group)", pgid, key, sigName(sig))
		}
	case syscall.SIGTTIN:
		if fg != pgid && ws.Stopped() {
			line += fmt.Sprintf(" (its group %d is in the background, the terminal belongs to %d: reading the terminal from the background stops a process with SIGTTIN)", pgid, fg)
		}
	case syscall.SIGTTOU:
		if fg != pgid && ws.Stopped() {
			line += fmt.Sprintf(" (its group %d is in the background, the terminal belongs to %d: with stty tostop, writing to the terminal from the background stops a process with SIGTTOU)", pgid, fg)
		}
	}
	return line
}

// procIDs returns the process group and session that `jobs -l` shows for
// p: what the kernel says now (getpgid, getsid), since a process may have
// left its job's group (setpgid) or session (setsid) since it started. A
// process already reaped has neither; ok is then false. Caller holds
// t.mu, which keeps the reaper from reaping p, and so its pid from being
// reused, during the calls.
func procIDs(p *Proc) (pgid, sid int, ok bool) {
	if p.State == Done {
		return 0, 0, false
	}
	pgid, err := unix.Getpgid(p.Pid)
	if err != nil {
		return 0, 0, false
	}
	sid, err = unix.Getsid(p.Pid)
	if err != nil {
		return 0, 0, false
	}
	return pgid, sid, true
}
