package jobs

import (
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// ProcState is where a process is in its life, as the reaper last saw it.
type ProcState uint8

const (
	Running ProcState = iota
	Stopped
	Done // exited or killed; Status holds the wait status
)

// Proc is one process of a job.
type Proc struct {
	Pid  int
	Argv string // for `jobs -l`

	// Guarded by Table.mu.
	State  ProcState
	Status syscall.WaitStatus
	job    *Job
}

// ExitCode is the process's status as $? shows it: the exit code, or
// 128+N for a process killed or stopped by signal N.
func (p *Proc) ExitCode() int { return ExitStatus(p.Status) }

// Job is one pipeline (or one subshell, or one simple command) started as a
// unit: with job control all its processes share one process group.
type Job struct {
	ID      int // 0 until the job enters the visible table (background or stopped)
	Pgid    int // 0 when the job runs in the shell's own group (no job control)
	Command string
	Procs   []*Proc

	// Guarded by Table.mu.
	Foreground bool
	Notified   bool // the current state has been reported to the user
	Disowned   bool
	NoHUP      bool          // disown -h: keep in the table, spare on hang-up
	hungUp     int           // the Leader that HangUp has sent SIGHUP to, so a second hang-up does not repeat it
	Modes      *unix.Termios // the job's terminal modes, saved when it stopped
	lastState  ProcState     // the job state last reported
	t          *Table        // the table that started the job

	// A line job (line.go) stands for a whole interactive command line
	// whose evaluator outlived a stop. Guarded by Table.mu.
	line       bool               // this entry is a line job
	evaluating bool               // the evaluator has not finished the line
	parked     bool               // the evaluator waits for fg or bg
	final      syscall.WaitStatus // the line's status once it finished
}

// Table is the job table. The zero value is not usable; call NewTable.
type Table struct {
	// mu, cond and procs are the process reaper's: one lock orders
	// launching and reaping for every table.
	mu    *sync.Mutex
	cond  *sync.Cond
	procs map[int]*Proc
	rp    *reaper

	jobs  []*Job // jobs visible to `jobs`, in ID order
	marks Marks  // the current (%+) and previous (%-) jobs
	fg    *Job   // the job the shell is waiting for in the foreground, if any

	// The terminal and the hooks below are guarded by mu, like the rest of
	// the table: the evaluator changes them while it runs (set -m, set -o
	// jobtrace, an interactive shell's start-up) and the reaper goroutine
	// reads them whenever it records a status. Code that makes a system
	// call on the terminal copies what it needs out under mu (terminal.go)
	// and calls without it.

	// jobTTY is the controlling terminal's fd when job control is on, else -1.
	jobTTY int
	// terminal is the controlling terminal's fd once the shell has opened
	// it, whether job control is on or not (set +m keeps it), else -1.
	terminal int
	// shellPgid is the shell's own process group.
	shellPgid int
	// startPgrp is the group the shell was started in, when TakeTerminal
	// moved it to a group of its own; ReleaseTerminal goes back to it.
	startPgrp int
	// shellModes, when set (an interactive shell), are the shell's own
	// terminal modes. WaitForeground puts them back when a job stops or is
	// killed by a signal, and adopts the terminal's modes as the shell's
	// when a job exits normally (so `stty` at the prompt lasts), as bash
	// does.
	shellModes *unix.Termios
	// renotify, when set, re-installs the evaluator's signal.Notify calls
	// after a spawn that had to ignore SIGINT and SIGQUIT for a moment.
	renotify func()
	// trace, when set, is told of every job-control event (set -o jobtrace).
	trace func(format string, args ...any)
	// onNotice, when set, is called when a job of the table changes to a
	// state that Notices reports (it stopped or ended), with t.mu held: it
	// must neither block nor take the lock. An interactive shell under
	// set -b wakes its line editor with it, to print the notice at once.
	onNotice func()
}

// NewTable returns an empty job table. tty is the terminal fd to hand to
// foreground jobs, or -1 when job control is off.
func NewTable(ttyFD int) *Table {
	rp := processReaper
	return &Table{mu: &rp.mu, cond: rp.cond, procs: rp.procs, rp: rp, jobTTY: ttyFD, terminal: ttyFD, shellPgid: syscall.Getpgrp()}
}

// JobControl reports whether jobs get their own process groups.
func (t *Table) JobControl() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.jobControl()
}

// jobControl is JobControl for a caller that holds t.mu.
func (t *Table) jobControl() bool { return t.jobTTY >= 0 }

// record applies one wait status to its process. Caller holds t.mu.
func (t *Table) record(pid int, ws syscall.WaitStatus) {
	p := t.procs[pid]
	if p == nil {
		return // not ours to track (a failed exec ForkExec reaped itself)
	}
	if p.job != nil && p.job.t != nil {
		t = p.job.t // trace through the table that started it
	}
	var before ProcState
	if p.job != nil {
		before = p.job.state()
	}
	t.traceStatus(p, ws)
	switch {
	case ws.Stopped():
		p.State = Stopped
	case ws.Continued():
		p.State = Running
	default:
		if p.State != Done && t.rp.alive > 0 {
			t.rp.alive--
		}
		p.State = Done
	}
	p.Status = ws
	j := p.job
	if j == nil {
		return
	}
	if st := j.state(); st != j.lastState {
		j.Notified = false
		if j.ID != 0 && st != Running && t.onNotice != nil {
			t.onNotice()
		}
	}
	if j.ID == 0 {
		return // not in the table (yet): the marks are not its business
	}
	// The marks follow bash's events (see Marks): a job that stopped
	// becomes current; one continued from elsewhere lets them be chosen again.
	switch now := j.state(); {
	case now == Stopped && before != Stopped:
		t.setCurrent(j)
	case now == Running && before == Stopped:
		t.resetMarks()
	}
}

// state summarises the job as `jobs`, notices and `wait` see it: that of its
// process group, except that a line job is not done while its evaluator
// still has the rest of the line to run (see line.go). Caller holds t.mu.
func (j *Job) state() ProcState {
	st := j.groupState()
	if !j.evaluating || st != Done {
		return st
	}
	if j.parked {
		return Stopped
	}
	return Running
}

// groupState summarises the job's current processes: Done when every one
// is done, Stopped when none runs and at least one is stopped, else Running.
// Caller holds t.mu.
func (j *Job) groupState() ProcState {
	running, stopped := false, false
	for _, p := range j.Procs {
		switch p.State {
		case Running:
			running = true
		case Stopped:
			stopped = true
		}
	}
	switch {
	case running:
		return Running
	case stopped:
		return Stopped
	}
	return Done
}

// forget drops a finished job's processes from the pid map. Caller holds t.mu.
func (t *Table) forget(j *Job) {
	for _, p := range j.Procs {
		if p.State == Done && t.procs[p.Pid] == p {
			delete(t.procs, p.Pid)
		}
	}
}

func sigName(s syscall.Signal) string { return unix.SignalName(s) }
