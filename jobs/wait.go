package jobs

import (
	"slices"
	"syscall"

	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
)

// Wake makes every waiter re-check its condition: the evaluator calls it when
// ^C or a trapped signal arrives, so `wait` can return early.
func (t *Table) Wake() {
	t.mu.Lock()
	t.cond.Broadcast()
	t.mu.Unlock()
}

// Wait blocks until the job is done or, when untraced is set, stopped; or
// until cancel (checked after every wake-up, may be nil) reports true.
// It returns the job's state at that moment.
func (t *Table) Wait(j *Job, untraced bool, cancel func() bool) ProcState {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handOff()
	for {
		st := j.state()
		if st == Done || (untraced && st == Stopped) {
			return st
		}
		if cancel != nil && cancel() {
			return st
		}
		t.cond.Wait()
	}
}

// WaitForeground waits for a foreground job to end or stop, then takes the
// terminal back for the shell. A job that stopped is saved in the table
// with its terminal modes, to be resumed by fg or bg, and becomes the
// current job; a job that ended is forgotten. It returns the job's state.
//
// Terminal modes, as the glibc manual and bash handle them: when the job
// stopped, its modes are saved and the shell's put back; when it was killed
// by a signal, the shell's are put back; when it exited, the shell adopts
// the terminal's modes as its own, so that `stty` at the prompt lasts.
func (t *Table) WaitForeground(j *Job) ProcState {
	t.mu.Lock()
	t.fg = j
	for {
		st := j.groupState()
		if st == Done || (st == Stopped && t.jobControl()) {
			break
		}
		t.awaitChange()
	}
	t.handOff()
	st := j.groupState()
	if !t.jobControl() {
		if t.fg == j {
			t.fg = nil
		}
		t.forget(j)
		t.mu.Unlock()
		return st
	}
	h := t.handOverLocked()
	t.mu.Unlock()
	if h.fd >= 0 && j.Pgid != 0 {
		t.takeBackTerminal(h, j, st)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.fg == j {
		t.fg = nil
	}
	j.Foreground = false
	if st == Stopped {
		t.add(j)
		j.lastState = Stopped
		j.Notified = true // the evaluator prints the Stopped line itself
		t.setCurrent(j)
		return st
	}
	if !j.evaluating {
		t.remove(j)
	}
	t.forget(j)
	return st
}

// takeBackTerminal is the hand-over after a foreground job j stopped or
// ended (st): the job's modes are saved if it stopped, the shell takes the
// terminal back, then gets its own modes back, or adopts the terminal's
// after a normal exit. Called without t.mu, with h copied out under it;
// only the goroutine that waited for j in the foreground calls it.
func (t *Table) takeBackTerminal(h handOver, j *Job, st ProcState) {
	var jobModes *unix.Termios
	if st == Stopped {
		jobModes, _ = tty.GetAttr(h.fd)
	}
	h.giveTerminal(h.shellPgid)
	switch {
	case h.shellModes == nil:
		// Not an interactive shell: it has no modes of its own to keep.
	case st == Done && !t.killedBySignal(j):
		if m, err := tty.GetAttr(h.fd); err == nil {
			t.mu.Lock()
			t.shellModes = m
			t.mu.Unlock()
		}
	default:
		tty.SetAttr(h.fd, h.shellModes)
	}
	if jobModes != nil {
		t.mu.Lock()
		j.Modes = jobModes
		t.mu.Unlock()
	}
}

// killedBySignal reports whether a process of the finished job j was killed
// by a signal.
func (t *Table) killedBySignal(j *Job) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range j.Procs {
		if p.Status.Signaled() {
			return true
		}
	}
	return false
}

// Background enters a just-launched job in the table and returns its number.
func (t *Table) Background(j *Job) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	j.Foreground = false
	j.lastState = Running
	j.Notified = true
	t.add(j)
	t.resetMarks()
	return j.ID
}

// add gives the job the next free number (one more than the highest in use,
// as bash does), unless it has one. Caller holds t.mu.
func (t *Table) add(j *Job) {
	if j.ID != 0 && slices.Contains(t.jobs, j) {
		return
	}
	id := 1
	if n := len(t.jobs); n > 0 {
		id = t.jobs[n-1].ID + 1
	}
	j.ID = id
	t.jobs = append(t.jobs, j)
}

// remove takes the job out of the visible table, and chooses the current
// and previous jobs again if it was one of them. Caller holds t.mu.
func (t *Table) remove(j *Job) {
	i := slices.Index(t.jobs, j)
	if i < 0 {
		return
	}
	t.jobs = slices.Delete(t.jobs, i, i+1)
	if j.ID == t.marks.Current || j.ID == t.marks.Previous {
		t.resetMarks()
	}
}

// Status returns the exit status of a finished job as $? shows it: the last
// process's, or with pipefail the last non-zero one.
func (j *Job) Status(pipefail bool) int { return ExitStatus(j.WaitStatus(pipefail)) }

// WaitStatus is the wait status behind Status: the last process's, or with
// pipefail the last one whose exit status is not zero (bash's
// raw_job_exit_status), so a caller can tell a signal from an exit.
func (j *Job) WaitStatus(pipefail bool) syscall.WaitStatus {
	if j.line && !j.evaluating {
		return j.final
	}
	if len(j.Procs) == 0 {
		return 0
	}
	if pipefail {
		for i := len(j.Procs) - 1; i >= 0; i-- {
			if ExitStatus(j.Procs[i].Status) != 0 {
				return j.Procs[i].Status
			}
		}
		return 0
	}
	return j.Procs[len(j.Procs)-1].Status
}

// WaitPid waits for the process pid (a member of any job we started) to
// end, and returns its status. found is false if gosh never started pid or
// has already reported it to an earlier wait.
func (t *Table) WaitPid(pid int, cancel func() bool) (status int, found bool) {
	t.mu.Lock()
	p := t.procs[pid]
	t.mu.Unlock()
	if p == nil {
		return 127, false
	}
	t.mu.Lock()
	t.handOff()
	for p.State != Done {
		if cancel != nil && cancel() {
			t.mu.Unlock()
			return 128 + int(syscall.SIGINT), true
		}
		t.cond.Wait()
	}
	j := p.job
	if j != nil && j.state() == Done {
		t.remove(j)
		t.forget(j)
	}
	delete(t.procs, pid)
	t.mu.Unlock()
	return p.ExitCode(), true
}

// Jobs returns the jobs in the visible table, in number order.
func (t *Table) Jobs() []*Job {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]*Job(nil), t.jobs...)
}

// State returns the job's current state.
func (t *Table) State(j *Job) ProcState {
	t.mu.Lock()
	defer t.mu.Unlock()
	return j.state()
}
