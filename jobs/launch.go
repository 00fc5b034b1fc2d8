package jobs

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Spawn describes one process to start.
type Spawn struct {
	Path  string
	Argv  []string
	Env   []string
	Dir   string    // "" to inherit the shell's working directory
	Files []uintptr // Files[i] becomes the child's fd i; ^uintptr(0) leaves it closed
	// Name is what `jobs -l` and the job trace call the process: the
	// source text of a re-executed subshell. "" means Argv, joined.
	Name string

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
	l := &Launch{t: t, job: &Job{Command: command, Foreground: fg, t: t}, fg: fg}
	if fg {
		// From now on a hang-up reaches this job too (HangUp waits for
		// the launch to finish, as it needs t.mu).
		t.fg = l.job
	}
	return l
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
	if t.jobControl() {
		attr.Sys.Setpgid = true
		attr.Sys.Pgid = l.job.Pgid // 0 for the leader: its own pid
		if l.fg && l.job.Pgid == 0 {
			attr.Sys.Foreground = true
			attr.Sys.Ctty = t.jobTTY
		}
	}
	var pid int
	var resumed bool
	var err error
	if sp.IgnoreInterrupts {
		spawnIgnoring.Lock()
		pid, resumed, err = forkExecIgnoringInterrupts(sp.Path, sp.Argv, attr, t.tracks)
		if t.renotify != nil {
			t.renotify() // the evaluator's traps on INT or QUIT come back
		}
		spawnIgnoring.Unlock()
	} else {
		spawnIgnoring.RLock()
		pid, resumed, err = forkExecUnstopped(sp.Path, sp.Argv, attr, t.tracks)
		spawnIgnoring.RUnlock()
	}
	if err != nil {
		return nil, err
	}
	if resumed && t.trace != nil {
		t.trace("fork: pid %d was stopped before its exec; continued it, and stopped it again once it ran", pid)
	}
	j := l.job
	leader := t.jobControl() && j.Pgid == 0
	if leader {
		j.Pgid = pid
	}
	name := sp.Name
	if name == "" {
		name = joinArgv(sp.Argv)
	}
	p := &Proc{Pid: pid, Argv: name, job: j}
	j.Procs = append(j.Procs, p)
	t.procs[pid] = p
	t.rp.alive++
	if !l.fg {
		t.handOff() // no foreground waiter will reap it
	}
	t.traceStart(p, j.Pgid, leader, leader && l.fg)
	return p, nil
}

// tracks reports whether pid is a process of the table. Start's caller
// holds t.mu, and forkExecUnstopped calls it from another goroutine while
// the holder waits in ForkExec, so it must not take the lock.
func (t *Table) tracks(pid int) bool {
	_, ok := t.procs[pid]
	return ok
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
// Putting a disposition back is neither signal.Reset nor Notify followed by
// Stop. The runtime's handler comes back only with Notify, which records the
// disposition it replaces (SIG_IGN, just after the Ignore) as the one to
// return to; for SIGINT and SIGHUP, a recorded SIG_IGN means "inherited
// ignored", and the next Reset or Stop ignores the signal again, for the
// shell and every later child. So the disposition is first set to SIG_DFL
// behind the runtime's back; Notify then records SIG_DFL, and Stop leaves
// the runtime's handler in place with no channel, which acts as the default
// (the shell dies of SIGINT) while children start with SIG_DFL. A SIGINT in
// the few instructions between the two does what the default does. A signal
// the shell ignored already (trap "" INT, or inherited) stays ignored.
func forkExecIgnoringInterrupts(path string, argv []string, attr *syscall.ProcAttr, known func(pid int) bool) (pid int, resumed bool, err error) {
	var restore []os.Signal
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT} {
		if !signal.Ignored(sig) {
			restore = append(restore, sig)
		}
	}
	signal.Ignore(syscall.SIGINT, syscall.SIGQUIT)
	pid, resumed, err = forkExecUnstopped(path, argv, attr, known)
	if len(restore) > 0 {
		for _, sig := range restore {
			SetDefault(sig.(syscall.Signal))
		}
		c := make(chan os.Signal, 1)
		signal.Notify(c, restore...)
		signal.Stop(c)
	}
	return pid, resumed, err
}

// DefaultIgnoredSignals sets every signal this process ignores back to its
// default, with rt_sigaction and without telling the Go runtime, for a
// process that is about to start a child and exit (the daemon builtin's
// helper): Go resets the signals it handles in a child, but leaves an
// ignored one ignored across exec, so one ignored by an ancestor (nohup's
// SIGHUP, or SIGINT after trap "" INT) would otherwise reach the child.
func DefaultIgnoredSignals() {
	var all []syscall.Signal
	for sig := syscall.Signal(1); sig <= 64; sig++ {
		if sig != syscall.SIGKILL && sig != syscall.SIGSTOP {
			all = append(all, sig)
		}
	}
	DefaultIgnored(all...)
}

// DefaultIgnored sets those of sigs this process ignores back to their
// default, as DefaultIgnoredSignals does. An interactive shell calls it for
// SIGTSTP, SIGTTIN and SIGTTOU, which Go leaves as it found them: ignored
// on entry (tmux starts shells so), they would stay ignored in every job,
// and a background read of the terminal would fail with EIO instead of
// stopping the job. The shell does not ignore them itself: it blocks
// SIGTTOU around tcsetpgrp, and TTIN at its default lets the start-up loop
// stop it until it is in the foreground.
func DefaultIgnored(sigs ...syscall.Signal) {
	for _, sig := range sigs {
		var old KernelAction
		if Sigaction(sig, nil, &old) == nil && old.Ignored() {
			SetDefault(sig)
		}
	}
}

// SetDefault sets sig's disposition to SIG_DFL with rt_sigaction, without
// telling the Go runtime.
func SetDefault(sig syscall.Signal) {
	var act KernelAction // SIG_DFL is 0
	Sigaction(sig, &act, nil)
}

// KernelAction is the kernel's struct sigaction: the handler, the flags,
// the restorer (on architectures that have one) and the mask, which four
// words cover on every layout. Zero is SIG_DFL.
type KernelAction [4]uint64

// Default reports whether the action is SIG_DFL.
func (a KernelAction) Default() bool { return a[0] == 0 }

// Ignored reports whether the action is SIG_IGN.
func (a KernelAction) Ignored() bool { return a[0] == 1 }

// Sigaction is rt_sigaction(2), behind the Go runtime's back: it sets
// sig's action to act unless act is nil, and stores the previous one in
// old unless old is nil. Whoever changes an action the runtime installed
// must put it back before asking os/signal for that signal again.
func Sigaction(sig syscall.Signal, act, old *KernelAction) error {
	var actp, oldp uintptr
	if act != nil {
		actp = uintptr(unsafe.Pointer(&act[0]))
	}
	if old != nil {
		oldp = uintptr(unsafe.Pointer(&old[0]))
	}
	if _, _, e := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), actp, oldp, 8, 0, 0); e != 0 {
		return fmt.Errorf("rt_sigaction(%d): %w", sig, e)
	}
	return nil
}
