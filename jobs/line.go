package jobs

import "syscall"

// Line jobs.
//
// When ^Z stops a foreground job that an interactive command line started
// (`for f in *; do gzip "$f"; done`), the shell's evaluator parks instead of
// dropping the rest of the line, and the stopped job's table entry becomes a
// line job: it stands for the whole line from then on. Each later process
// group the line starts reuses the entry (BeginWithin), so `jobs`, `fg %1`,
// `kill %1` and `wait %1` always reach what the line is running now, and the
// entry is not done between two of its commands, only when the evaluator
// has finished the line (FinishLine).

// AdoptLine makes the stopped job j the entry of the command line whose
// evaluator started it; command (the whole line) becomes its name.
func (t *Table) AdoptLine(j *Job, command string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	j.line, j.evaluating = true, true
	j.Command = command
}

// SetParked records whether the line's evaluator is waiting for fg or bg:
// while it is, the entry is stopped even when its process group has ended.
func (t *Table) SetParked(j *Job, parked bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	j.parked = parked
}

// BeginWithin starts launching the line job j's next process group, as
// Begin does for a new job: the finished group is forgotten and the new one
// takes its place under the same number. Every call must be paired with
// Launch.Done.
func (t *Table) BeginWithin(j *Job, fg bool) *Launch {
	t.mu.Lock()
	t.startReaper()
	t.forget(j)
	j.Procs, j.Pgid = nil, 0
	j.Foreground = fg
	if fg {
		t.fg = j
	}
	return &Launch{t: t, job: j, fg: fg}
}

// FinishLine records that the line's evaluator is done and ws is its
// status. A line that finished in the foreground (quiet) leaves the table at
// once, like any foreground job; one that finished in the background is
// reported by the next notice, and `wait` returns its status.
func (t *Table) FinishLine(j *Job, ws syscall.WaitStatus, quiet bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	j.evaluating, j.parked = false, false
	j.final = ws
	if quiet {
		j.Notified, j.lastState = true, Done
		t.remove(j)
		t.forget(j)
	} else if j.lastState != Done {
		j.Notified = false
	}
	t.cond.Broadcast()
}

// WaitGroupUntil blocks until ready, called with the state of j's current
// process group each time the table changes (or Wake is called), reports
// true, and returns that state. ready runs with the table locked: it must
// not call back into the table.
func (t *Table) WaitGroupUntil(j *Job, ready func(ProcState) bool) ProcState {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handOff()
	for {
		st := j.groupState()
		if ready(st) {
			return st
		}
		t.cond.Wait()
	}
}

// GroupState is the state of the job's current process group (for a line
// job, State also counts the evaluator).
func (t *Table) GroupState(j *Job) ProcState {
	t.mu.Lock()
	defer t.mu.Unlock()
	return j.groupState()
}

// ExitedStatus is the wait status of a process that exited with code, for
// a line job whose status is the evaluator's rather than a process's.
func ExitedStatus(code int) syscall.WaitStatus {
	return syscall.WaitStatus((code & 0xff) << 8)
}
