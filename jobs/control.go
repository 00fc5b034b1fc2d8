package jobs

import (
	"syscall"

	"github.com/gosh-sh/gosh/tty"
)

// Leader is the job's process group id, or its first pid without one.
func (j *Job) Leader() int {
	if j.Pgid != 0 {
		return j.Pgid
	}
	if len(j.Procs) > 0 {
		return j.Procs[0].Pid
	}
	return 0
}

// marks returns the + and - jobs: the most recent job, preferring stopped
// ones, and the one before it. Caller holds t.mu.
func (t *Table) marks() (cur, prev *Job) {
	pick := func(skip *Job, stoppedOnly bool) *Job {
		var best *Job
		for _, j := range t.jobs {
			if j == skip || (stoppedOnly && j.state() != Stopped) {
				continue
			}
			if best == nil || j.seq > best.seq {
				best = j
			}
		}
		return best
	}
	cur = pick(nil, true)
	if cur == nil {
		cur = pick(nil, false)
	}
	prev = pick(cur, true)
	if prev == nil {
		prev = pick(cur, false)
	}
	return cur, prev
}

// SpecEntries describes jobs for ResolveSpec.
func (t *Table) SpecEntries(list []*Job) []SpecEntry {
	t.mu.Lock()
	defer t.mu.Unlock()
	cur, prev := t.marks()
	out := make([]SpecEntry, len(list))
	for i, j := range list {
		out[i] = SpecEntry{ID: j.ID, Command: j.Command, Current: j == cur, Previous: j == prev}
	}
	return out
}

// Line formats a job as `jobs` prints it (long adds pids, as jobs -l).
func (t *Table) Line(j *Job, long bool) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.line(j, long)
}

// line is Line with t.mu held.
func (t *Table) line(j *Job, long bool) string {
	cur, prev := t.marks()
	mark := byte(' ')
	switch j {
	case cur:
		mark = '+'
	case prev:
		mark = '-'
	}
	if !long {
		return FormatJobLine(j.ID, mark, t.stateText(j), j.Command)
	}
	procs := make([]ProcLine, len(j.Procs))
	for i, p := range j.Procs {
		procs[i] = ProcLine{Pid: p.Pid, State: procStateText(p), Command: p.Argv}
	}
	return FormatJobLong(j.ID, mark, procs)
}

func procStateText(p *Proc) string {
	return StateText(p.Status, p.State == Running)
}

// stateText is the job's state for `jobs` and notices: that of the last
// process that is not simply done, as bash reports it. Caller holds t.mu.
func (t *Table) stateText(j *Job) string {
	switch j.state() {
	case Running:
		return StateText(0, true)
	case Stopped:
		for _, p := range j.Procs {
			if p.State == Stopped {
				return StateText(p.Status, false)
			}
		}
	}
	last := j.Procs[len(j.Procs)-1]
	return StateText(last.Status, false)
}

// MarkReported notes that `jobs` has shown these jobs: finished ones leave
// the table.
func (t *Table) MarkReported(list []*Job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range list {
		j.Notified = true
		j.lastState = j.state()
		if j.lastState == Done {
			t.remove(j)
			t.forget(j)
		}
	}
}

// Reported removes a finished job that `wait` has collected.
func (t *Table) Reported(j *Job) { t.MarkReported([]*Job{j}) }

// Notices returns the lines to print before the next prompt, once each:
// jobs that finished, stopped or continued since last reported. Finished
// jobs leave the table.
func (t *Table) Notices() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for _, j := range append([]*Job(nil), t.jobs...) {
		st := j.state()
		if j.Notified && st == j.lastState {
			continue
		}
		out = append(out, t.line(j, false))
		j.Notified = true
		j.lastState = st
		if st == Done {
			t.remove(j)
			t.forget(j)
		}
	}
	return out
}

// signalJob sends sig to the job's group (or each process without one).
// Caller holds t.mu.
func (t *Table) signalJob(j *Job, sig syscall.Signal) {
	if j.Pgid != 0 {
		t.trace("kill: %s to group %d", sigName(sig), j.Pgid)
		syscall.Kill(-j.Pgid, sig)
		return
	}
	for _, p := range j.Procs {
		if p.State != Done {
			t.trace("kill: %s to pid %d", sigName(sig), p.Pid)
			syscall.Kill(p.Pid, sig)
		}
	}
}

// Continue sends SIGCONT to a stopped job and marks it running (bg).
func (t *Table) Continue(j *Job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.signalJob(j, syscall.SIGCONT)
	for _, p := range j.Procs {
		if p.State == Stopped {
			p.State = Running
		}
	}
	j.lastState, j.Notified = Running, true
	t.seq++
	j.seq = t.seq
}

// Foreground resumes a job in the foreground (fg): it gets the terminal and
// its saved terminal modes back before SIGCONT, and the shell waits for it.
func (t *Table) Foreground(j *Job) ProcState {
	t.mu.Lock()
	j.Foreground = true
	modes := j.Modes
	t.mu.Unlock()
	if t.TTY >= 0 && j.Pgid != 0 {
		if modes != nil {
			tty.SetAttr(t.TTY, modes)
		}
		t.giveTerminal(j.Pgid)
	}
	t.Continue(j)
	t.mu.Lock()
	t.remove(j)
	j.ID = 0
	t.mu.Unlock()
	return t.WaitForeground(j)
}

// Disown removes a job from the table, or with keep marks it to be spared
// on hang-up (disown -h).
func (t *Table) Disown(j *Job, keep bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if keep {
		j.NoHUP = true
		return
	}
	j.Disowned = true
	t.remove(j)
}

// ContinueIfStopped sends SIGCONT to the job that pid (or -pgid) names, if
// it is stopped, so that a terminating signal sent by kill can act.
func (t *Table) ContinueIfStopped(pid int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range t.jobs {
		match := pid < 0 && -pid == j.Pgid
		for _, p := range j.Procs {
			if p.Pid == pid {
				match = true
			}
		}
		if match && j.state() == Stopped {
			t.signalJob(j, syscall.SIGCONT)
		}
	}
}

// HangUp sends SIGHUP to every job not disowned, SIGCONT first to stopped
// ones, as a shell does when its terminal goes away.
func (t *Table) HangUp() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range t.jobs {
		if j.Disowned || j.NoHUP || j.state() == Done {
			continue
		}
		if j.state() == Stopped {
			t.signalJob(j, syscall.SIGCONT)
		}
		t.signalJob(j, syscall.SIGHUP)
	}
}

// WaitAny waits for the next job in the table to finish (wait -n) and
// returns its status; ok is false when there is none to wait for.
func (t *Table) WaitAny(cancel func() bool) (status int, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for {
		running := 0
		for _, j := range t.jobs {
			switch j.state() {
			case Done:
				s := j.Status(false)
				t.remove(j)
				t.forget(j)
				return s, true
			case Running:
				running++
			}
		}
		if running == 0 {
			return 127, false
		}
		if cancel != nil && cancel() {
			return 128 + int(syscall.SIGINT), true
		}
		t.cond.Wait()
	}
}
