package jobs

import (
	"slices"
	"syscall"
	"testing"
)

// TakeKilled, on a table of hand-made jobs (no processes): each job a
// signal killed is taken once, in number order, with one passed in that is
// no longer in the table; it leaves the table but its processes stay known
// (for wait PID); jobs that exited or still run stay for `jobs`.
func TestTakeKilled(t *testing.T) {
	tb := NewTable(-1)
	job := func(cmd string, procs ...*Proc) *Job {
		j := &Job{Command: cmd, Procs: procs, t: tb}
		for _, p := range procs {
			p.job = j
		}
		return j
	}
	done := func(pid int, ws syscall.WaitStatus) *Proc {
		return &Proc{Pid: pid, Argv: "p" + string(rune('0'+pid%10)), State: Done, Status: ws}
	}
	killed := job("sleep 10", done(101, wsKilled(syscall.SIGKILL)))
	exited := job("false", done(102, 1<<8))
	running := job("sleep 20", &Proc{Pid: 103})
	pipe := job("a | b", done(104, wsKilled(syscall.SIGSEGV)), done(105, 0))
	gone := job("sleep 30", done(106, wsKilled(syscall.SIGTERM)))
	tb.mu.Lock()
	for _, j := range []*Job{killed, exited, running, pipe, gone} {
		tb.add(j)
		j.Notified = true // as Background leaves a job: its start reported
		for _, p := range j.Procs {
			tb.procs[p.Pid] = p
		}
	}
	tb.remove(gone) // as WaitPid leaves the job it waited for
	tb.mu.Unlock()

	got := tb.TakeKilled(false, gone)
	want := []KilledJob{
		{syscall.SIGKILL, "  101 Killed                  sleep 10"},
		{syscall.SIGTERM, "  106 Terminated              sleep 30"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("TakeKilled = %q\nwant %q", got, want)
	}
	if again := tb.TakeKilled(false, gone); len(again) != 0 {
		t.Errorf("taken twice: %q", again)
	}
	if ids := jobIDs(tb.Jobs()); !slices.Equal(ids, []int{exited.ID, running.ID, pipe.ID}) {
		t.Errorf("left in the table: %v", ids)
	}
	if st, found := tb.WaitPid(101, nil); !found || st != 137 {
		t.Errorf("wait 101 after the report: %d %v, want 137 true", st, found)
	}
	// With pipefail the pipeline's status is its killed first process's.
	got = tb.TakeKilled(true)
	want = []KilledJob{{syscall.SIGSEGV, "  104 Segmentation fault      p4\n       105 Done                    | p5"}}
	if !slices.Equal(got, want) {
		t.Errorf("TakeKilled(pipefail) = %q\nwant %q", got, want)
	}
}

func jobIDs(list []*Job) []int {
	var ids []int
	for _, j := range list {
		ids = append(ids, j.ID)
	}
	return ids
}
