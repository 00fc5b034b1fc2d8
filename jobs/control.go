package jobs

import (
	"slices"
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

// markEntries describes the visible jobs for Marks, in job-number order.
// Caller holds t.mu.
func (t *Table) markEntries() []MarkEntry {
	out := make([]MarkEntry, len(t.jobs))
	for i, j := range t.jobs {
		st := j.state()
		out[i] = MarkEntry{ID: j.ID, Running: st == Running, Stopped: st == Stopped}
	}
	return out
}

// setCurrent makes j the current job (fg, or j stopped). Caller holds t.mu.
func (t *Table) setCurrent(j *Job) {
	t.marks = t.marks.Set(j.ID, t.markEntries())
}

// resetMarks chooses the current and previous jobs again after a job
// started in the background, was resumed with bg, was continued from
// elsewhere or left the table. Caller holds t.mu.
func (t *Table) resetMarks() {
	t.marks = t.marks.Reset(t.markEntries())
}

// Mark returns the mark `jobs` shows after the job's number: '+' for the
// current job, '-' for the previous one, else ' '.
func (t *Table) Mark(j *Job) byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.marks.Mark(j.ID)
}

// SpecEntries describes jobs for ResolveSpec.
func (t *Table) SpecEntries(list []*Job) []SpecEntry {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]SpecEntry, len(list))
	for i, j := range list {
		out[i] = SpecEntry{ID: j.ID, Command: j.Command,
			Current: j.ID != 0 && j.ID == t.marks.Current, Previous: j.ID != 0 && j.ID == t.marks.Previous}
	}
	return out
}

// Line formats a job as `jobs` prints it (long adds pids, as jobs -l).
func (t *Table) Line(j *Job, long bool) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.line(j, long)
}

// line is Line with t.mu held. A running job's command ends in " &", as
// bash shows it; `jobs -l` gives one line per process, with its group,
// session and own state (FormatJobLong).
func (t *Table) line(j *Job, long bool) string {
	mark := t.marks.Mark(j.ID)
	st := j.state()
	if !long {
		cmd := j.Command
		if st == Running {
			cmd += " &"
		}
		return FormatJobLine(j.ID, mark, t.stateText(j), cmd)
	}
	procs := make([]ProcLine, len(j.Procs))
	for i, p := range j.Procs {
		pgid, sid, _ := procIDs(p)
		procs[i] = ProcLine{Pid: p.Pid, Pgid: pgid, Sid: sid,
			State: StateText(p.Status, p.State == Running), Command: p.Argv}
	}
	if st == Running && len(procs) > 0 {
		procs[len(procs)-1].Command += " &"
	}
	return FormatJobLong(j.ID, mark, procs)
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
		return "Stopped" // a parked line job whose group is gone
	}
	if j.line {
		return StateText(j.final, false)
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
// jobs that finished or stopped since last reported. Finished jobs leave
// the table. A stopped job that something else continued is shown as
// Running by `jobs` but, as in bash, gets no notice.
func (t *Table) Notices() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for _, j := range append([]*Job(nil), t.jobs...) {
		st := j.state()
		if j.Notified && st == j.lastState {
			continue
		}
		if st != Running {
			out = append(out, t.line(j, false))
		}
		j.Notified = true
		j.lastState = st
		if st == Done {
			t.remove(j)
			t.forget(j)
		}
	}
	return out
}

// KilledJob is a background job that a signal killed, for a script's report.
type KilledJob struct {
	Signal syscall.Signal
	// Report is the job as a script reports it (FormatKilled), without
	// the "gosh: line N: " before it or a trailing newline.
	Report string
}

// TakeKilled returns, once each, the jobs that a signal has killed since
// they were last reported (their status, as WaitStatus with pipefail
// picks it, is a signal's): those of the table, and also extra, a job that
// WaitPid has already taken out of it. It is what a non-interactive bash
// tells of its background jobs whenever it has waited for something
// (notify_of_job_status). Each job taken leaves the table, as bash's
// cleanup of notified dead jobs does, so `jobs` no longer lists it, but
// its processes stay known, so that `wait PID` (of $!, say) still gets
// their statuses, as POSIX requires. A job that ended otherwise stays for
// `jobs` and `wait` to report.
func (t *Table) TakeKilled(pipefail bool, extra ...*Job) []KilledJob {
	t.mu.Lock()
	defer t.mu.Unlock()
	// Asked after every foreground job: with nothing killed, nothing is
	// allocated.
	var found []*Job
	take := func(j *Job) {
		if j.line || j.Notified && j.lastState == Done || j.state() != Done || !j.WaitStatus(pipefail).Signaled() {
			return
		}
		j.Notified, j.lastState = true, Done
		found = append(found, j)
	}
	for _, j := range t.jobs {
		take(j)
	}
	for _, j := range extra {
		take(j)
	}
	slices.SortStableFunc(found, func(a, b *Job) int { return a.ID - b.ID }) // in number order, as bash reports
	var out []KilledJob
	for _, j := range found {
		t.remove(j)
		out = append(out, KilledJob{Signal: j.WaitStatus(pipefail).Signal(), Report: FormatKilled(j.reportLines())})
	}
	return out
}

// reportLines is the job's processes as FormatKilled takes them: the job's
// command for a single process (the text the user wrote), each process's
// own for a pipeline. Caller holds t.mu.
func (j *Job) reportLines() []ProcLine {
	procs := make([]ProcLine, len(j.Procs))
	for i, p := range j.Procs {
		procs[i] = ProcLine{Pid: p.Pid, State: StateText(p.Status, p.State == Running), Command: p.Argv}
	}
	if len(procs) == 1 {
		procs[0].Command = j.Command
	}
	return procs
}

// SetOnNotice sets the function told when a job gets a notice to print
// (see Table.onNotice for what it may do).
func (t *Table) SetOnNotice(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.onNotice = f
}

// signalJob sends sig to the job's group (or each process without one).
// Caller holds t.mu.
func (t *Table) signalJob(j *Job, sig syscall.Signal) {
	if j.Pgid != 0 {
		t.traceKill(-j.Pgid, sig)
		syscall.Kill(-j.Pgid, sig)
		return
	}
	for _, p := range j.Procs {
		if p.State != Done {
			t.traceKill(p.Pid, sig)
			syscall.Kill(p.Pid, sig)
		}
	}
}

// Continue resumes a stopped job in the background (bg): SIGCONT to its
// group, and the job counts as running from now on.
func (t *Table) Continue(j *Job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cont(j)
	t.resetMarks()
}

// cont sends SIGCONT to j and marks its stopped processes running, before
// the reaper hears of it. Caller holds t.mu.
func (t *Table) cont(j *Job) {
	t.signalJob(j, syscall.SIGCONT)
	for _, p := range j.Procs {
		if p.State == Stopped {
			p.State = Running
		}
	}
	j.lastState, j.Notified = Running, true
}

// ResumeForeground resumes a job in the foreground (fg): the job becomes
// the current one, gets its saved terminal modes back and then the
// terminal, and only then SIGCONT, as the glibc manual orders it. The
// caller then waits for it (WaitForeground, or the evaluator of a line job
// itself, line.go). The job keeps its number, so if it stops again it is
// reported under the same one, as bash does.
func (t *Table) ResumeForeground(j *Job) {
	t.mu.Lock()
	j.Foreground = true
	t.fg = j
	if j.ID != 0 {
		t.setCurrent(j)
	}
	modes := j.Modes
	j.Modes = nil
	h := t.handOverLocked()
	t.mu.Unlock()
	if h.fd >= 0 && j.Pgid != 0 {
		if modes != nil {
			tty.SetAttr(h.fd, modes)
		}
		h.giveTerminal(j.Pgid)
	}
	t.mu.Lock()
	t.cont(j)
	t.mu.Unlock()
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

// HangUp sends SIGHUP to every job not disowned, and to a job running in
// the foreground, as a shell does when its terminal goes away or it exits
// with huponexit. A stopped job then gets SIGCONT, so that it acts on the
// SIGHUP: bash's order (hangup_all_jobs), which also reaches a stopped job
// that catches SIGHUP, and cannot let the job stop again before the SIGHUP
// is pending.
func (t *Table) HangUp() {
	t.mu.Lock()
	defer t.mu.Unlock()
	list := t.jobs
	if t.fg != nil && !slices.Contains(list, t.fg) {
		list = append(slices.Clip(list), t.fg)
	}
	// The shell may hang up more than once on its way out (the SIGHUP
	// itself, then the exit it causes): a job gets one SIGHUP, as in bash.
	list = slices.DeleteFunc(slices.Clone(list), func(j *Job) bool {
		return j.Disowned || j.NoHUP || j.state() == Done || j.hungUp == j.Leader()
	})
	if len(list) > 0 {
		t.traceHangUp()
	}
	for _, j := range list {
		j.hungUp = j.Leader()
		if j.state() == Stopped {
			t.hangUpStopped(j)
		} else {
			t.signalJob(j, syscall.SIGHUP)
		}
	}
}

// hangUpStopped hangs up a stopped job: SIGCONT first, so that it runs to
// act on the SIGHUP (the order POSIX's hang-up story and gosh's issue ask
// for), then SIGHUP, then SIGCONT again. The last one closes the gap bash's
// order (HUP, CONT) exists for: a job woken first may stop again (a read
// from the background, SIGTTIN) before the SIGHUP arrives; the second
// SIGCONT wakes it with the SIGHUP pending. A default SIGHUP kills a
// stopped process anyway; a handler needs the process running. Caller
// holds t.mu.
func (t *Table) hangUpStopped(j *Job) {
	t.signalJob(j, syscall.SIGCONT)
	t.signalJob(j, syscall.SIGHUP)
	t.signalJob(j, syscall.SIGCONT)
}

// WaitAny waits for the next job in the table to finish (wait -n), of
// those only accepts (nil: any), and returns its status and the pid of its
// last process (wait -p); ok is false when there is none to wait for.
func (t *Table) WaitAny(only func(*Job) bool, cancel func() bool) (pid, status int, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handOff()
	for {
		running := 0
		for _, j := range t.jobs {
			if only != nil && !only(j) {
				continue
			}
			switch j.state() {
			case Done:
				s := j.Status(false)
				pid := j.Procs[len(j.Procs)-1].Pid
				t.remove(j)
				t.forget(j)
				return pid, s, true
			case Running:
				running++
			}
		}
		if running == 0 {
			return 0, 127, false
		}
		if cancel != nil && cancel() {
			return 0, 128 + int(syscall.SIGINT), true
		}
		t.cond.Wait()
	}
}
