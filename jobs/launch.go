package jobs

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// Spawn describes one process to start.
type Spawn struct {
	Path  string
	Argv  []string
	Env   []string
	Dir   string    // "" to inherit the shell's working directory
	Files []uintptr // Files[i] becomes the child's fd i; ^uintptr(0) leaves it closed

	// IgnoreInterrupts starts the process with SIGINT and SIGQUIT ignored:
	// POSIX's rule for `&` lists when job control is off.
	IgnoreInterrupts bool
}

// Launch starts the processes of one job. From Begin to Done it holds the
// table's lock, so the reaper cannot reap the group leader before the last
// member has joined its group (joining the group of a reaped leader fails
// with EPERM).
type Launch struct {
	t   *Table
	job *Job
	fg  bool
}

// Begin starts launching a job. fg means the job is to own the terminal
// (ignored without job control). Every Begin must be paired with Done.
func (t *Table) Begin(command string, fg bool) *Launch {
	t.mu.Lock()
	t.startReaper()
	return &Launch{t: t, job: &Job{Command: command, Foreground: fg, t: t}, fg: fg}
}

// spawnIgnoring serialises the only moment gosh ignores signals: Go cannot
// reset a disposition between fork and exec, so to start a child with INT and
// QUIT ignored, the shell ignores them itself around ForkExec. Every other
// spawn takes the read side, so no other child can inherit the ignore.
var spawnIgnoring sync.RWMutex

// Start forks and execs one member of the job. With job control on, the
// first member creates the job's process group and (for a foreground job)
// takes the terminal before it execs; later members join that group. ForkExec
// returns only after the exec, so the group exists before the next member
// starts. Without job control every process stays in the shell's group.
func (l *Launch) Start(sp *Spawn) (*Proc, error) {
	t := l.t
	attr := &syscall.ProcAttr{Dir: sp.Dir, Env: sp.Env, Files: sp.Files, Sys: &syscall.SysProcAttr{}}
	if t.JobControl() {
		attr.Sys.Setpgid = true
		attr.Sys.Pgid = l.job.Pgid // 0 for the leader: its own pid
		if l.fg && l.job.Pgid == 0 {
			attr.Sys.Foreground = true
			attr.Sys.Ctty = t.TTY
		}
	}
	var pid int
	var err error
	if sp.IgnoreInterrupts {
		spawnIgnoring.Lock()
		pid, err = forkExecIgnoringInterrupts(sp.Path, sp.Argv, attr)
		if t.Renotify != nil {
			t.Renotify() // the evaluator's traps on INT or QUIT come back
		}
		spawnIgnoring.Unlock()
	} else {
		spawnIgnoring.RLock()
		pid, err = syscall.ForkExec(sp.Path, sp.Argv, attr)
		spawnIgnoring.RUnlock()
	}
	if err != nil {
		return nil, err
	}
	j := l.job
	if t.JobControl() && j.Pgid == 0 {
		j.Pgid = pid
		if l.fg {
			t.trace("tcsetpgrp: terminal now belongs to group %d", pid)
		}
	}
	p := &Proc{Pid: pid, Argv: joinArgv(sp.Argv), job: j}
	j.Procs = append(j.Procs, p)
	t.procs[pid] = p
	if t.JobControl() {
		t.trace("setpgid: pid %d (%s) joined group %d", pid, p.Argv, j.Pgid)
	}
	return p, nil
}

// Job returns the job being launched.
func (l *Launch) Job() *Job { return l.job }

// Done ends the launch and lets the reaper run again.
func (l *Launch) Done() *Job {
	l.t.mu.Unlock()
	return l.job
}

func joinArgv(argv []string) string {
	n := 0
	for _, a := range argv {
		n += len(a) + 1
	}
	b := make([]byte, 0, n)
	for i, a := range argv {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, a...)
	}
	return string(b)
}

// forkExecIgnoringInterrupts starts a process with SIGINT and SIGQUIT
// ignored, by ignoring them in the shell around the fork, and then puts the
// shell's dispositions back. The caller holds spawnIgnoring, so no other
// child starts in that window, and re-installs the evaluator's Notify calls
// (signal.Ignore drops them).
//
// Putting a disposition back is not signal.Reset: after signal.Ignore, Reset
// leaves the signal ignored (the runtime only removes handlers it did not
// install at start-up), and every later child would inherit SIG_IGN. What
// gives the runtime's handler back is Notify; a Stop then leaves the handler
// in place with no channel, which acts as the default (the process dies of
// SIGINT), and children still start with SIG_DFL. A signal the shell
// ignored already (trap '' INT) stays ignored.
func forkExecIgnoringInterrupts(path string, argv []string, attr *syscall.ProcAttr) (int, error) {
	var restore []os.Signal
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGQUIT} {
		if !signal.Ignored(sig) {
			restore = append(restore, sig)
		}
	}
	signal.Ignore(syscall.SIGINT, syscall.SIGQUIT)
	pid, err := syscall.ForkExec(path, argv, attr)
	if len(restore) > 0 {
		c := make(chan os.Signal, 1)
		signal.Notify(c, restore...)
		signal.Stop(c)
	}
	return pid, err
}
