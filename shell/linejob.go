package shell

import (
	"fmt"
	"maps"
	"sync"
	"syscall"

	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// Command lines that outlive a stop.
//
// An interactive shell evaluates each command line in a goroutine of its
// own, on a context of its own (a lineRun), while the read-eval loop waits.
// When a foreground job that the line started stops (^Z, SIGTTIN), bash
// drops the rest of the line; gosh parks the line's evaluator instead, and
// the prompt comes back. The stopped job's table entry now stands for the
// whole line (a line job, see package jobs). `fg` resumes the job and
// unparks the evaluator, so the rest of the loop, function or list runs
// after the job and in order. `bg` resumes it as a background job: the
// evaluator goes on at the same time as the prompt, on its own copy of the
// shell state (zsh's semantics: its variable changes no longer reach the
// interactive shell).
//
// The invariant that keeps this free of data races: at most one goroutine
// evaluates with the interactive shell's state at a time. The read-eval
// loop waits while an attached line runs (awaitLine), a parked line is
// blocked, and a line detaches (takes its own copies of variables,
// functions, aliases, traps and descriptors) while it is parked, before it
// may run in the background.
type lineRun struct {
	sh     *Shell         // the line's evaluator context
	text   string         // the command line, the line job's name
	events chan lineEvent // to the goroutine waiting for the line

	mu sync.Mutex // guards the fields below
	// job is the line's table entry, from its first stop on.
	job *jobs.Job
	// request is what the shell asked of the parked (or background) line.
	request lineRequest
	// background: the line runs (or is parked) as a background job. It
	// then has its own state: sh.detached, which the shell sets under mu
	// while the line is parked and which stays set.
	background bool
	// waiter: a goroutine waits in the foreground for the next event.
	waiter bool
	// settling: the line finishes because its job was killed while it
	// was parked; it is reported like a background job.
	settling bool
	finished bool
}

type lineEvent uint8

const (
	lineParked lineEvent = iota + 1
	lineFinished
)

type lineRequest uint8

const (
	noRequest lineRequest = iota
	requestForeground
	requestBackground
	requestSettle // its job ended while it was parked: finish the line
)

// runLine evaluates a command line in its own goroutine and waits for it
// to finish or park. The shell's state is the line's again afterwards.
func (r *Shell) runLine(stmts []*syntax.Stmt, text string) {
	lr := r.lineContext()
	ln := &lineRun{sh: lr, text: text, events: make(chan lineEvent, 1), waiter: true}
	lr.line = ln
	go ln.run(stmts)
	r.awaitLine(ln)
}

// lineContext is the context a new command line runs in: the shell's
// state, shared (the same maps), with execution state of its own.
func (r *Shell) lineContext() *Shell {
	lr := &Shell{g: r.g, params: r.params, fds: r.fds.clone()}
	lr.takeSharedState(r)
	return lr
}

// takeSharedState copies into dst the state a command line shares with
// the interactive shell: everything a subshell copies except the
// positional parameters and descriptors, which a caller handles (a parked
// line may be inside a function, or a redirection).
func (dst *Shell) takeSharedState(src *Shell) {
	dst.vars, dst.funcs, dst.aliases, dst.traps = src.vars, src.funcs, src.aliases, src.traps
	dst.exportedFuncs = src.exportedFuncs
	dst.funcsShared = src.funcsShared
	dst.opts = src.opts
	dst.arg0 = src.arg0
	dst.status = src.status
	dst.lastBg = src.lastBg
	dst.dir = src.dir
	dst.envDirty, dst.envCache = src.envDirty, src.envCache
	dst.lastArg = src.lastArg
	dst.pipeStatus, dst.simpleStatus = src.pipeStatus, src.simpleStatus
	dst.cfg = nil // its closures belong to the context that built it
}

// adoptLine makes the state of the attached line lr the shell's own again,
// when the line finished or parked.
func (r *Shell) adoptLine(lr *Shell, finished bool) {
	r.takeSharedState(lr)
	r.params = lr.params
	if lr.inFunc > 0 {
		r.params = lr.topParams
	}
	if finished {
		r.fds = lr.fds
		r.exiting, r.interrupted = lr.exiting, lr.interrupted
	}
}

// awaitLine waits for the line to finish or park, and sets $?.
func (r *Shell) awaitLine(ln *lineRun) {
	ev := <-ln.events
	ln.mu.Lock()
	detached := ln.sh.detached
	ln.mu.Unlock()
	if detached {
		// It went to the background once: its state is its own.
		r.status = ln.sh.status
		return
	}
	r.adoptLine(ln.sh, ev == lineFinished)
}

// run is the line's goroutine.
func (ln *lineRun) run(stmts []*syntax.Stmt) {
	lr := ln.sh
	defer ln.finish()
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(lr.stderr(), "gosh: internal error: %v\n", p)
			lr.status = 70
			lr.exiting = false
		}
	}()
	for _, st := range stmts {
		lr.stmt(st)
		lr.afterTopStmt()
		if lr.exiting || lr.interrupted {
			break
		}
	}
	if lr.g.sigs != nil && !lr.exiting {
		// Signals that came during the last command: a trap runs now, an
		// untrapped ^C abandons the line as it would at the prompt.
		lr.runPendingTraps()
		lr.g.sigs.drainWake()
	}
}

// finish ends the line: its table entry, if it has one, is done, and a
// waiter hears of it.
func (ln *lineRun) finish() {
	lr := ln.sh
	ln.mu.Lock()
	ln.finished = true
	j, waiter, quiet := ln.job, ln.waiter, ln.waiter && !ln.settling
	ln.waiter = false
	ln.mu.Unlock()
	if j != nil {
		lr.g.jobs.FinishLine(j, ln.finalStatus(), quiet)
		lr.g.forgetLine(j)
	}
	if waiter {
		ln.events <- lineFinished
	}
}

// finalStatus is the line's status as a wait status, for its notice.
func (ln *lineRun) finalStatus() syscall.WaitStatus {
	lr := ln.sh
	if lr.killedBy != 0 {
		return syscall.WaitStatus(lr.killedBy)
	}
	return jobs.ExitedStatus(lr.status)
}

// beginJob starts launching a foreground or background job. A line that
// has stopped once starts its later foreground jobs in its own entry.
func (r *Shell) beginJob(command string, fg bool) *jobs.Launch {
	t := r.g.jobs
	if ln := r.line; ln != nil && fg {
		ln.mu.Lock()
		j, bg := ln.job, ln.background
		ln.mu.Unlock()
		if j != nil {
			return t.BeginWithin(j, !bg)
		}
	}
	return t.Begin(command, fg)
}

// waitForeground waits for a job the evaluator started in the foreground.
// In an interactive command line, a job that stops parks the line until fg
// or bg; then the wait goes on. It returns Stopped only outside a line.
func (r *Shell) waitForeground(j *jobs.Job) jobs.ProcState {
	ln := r.line
	t := r.g.jobs
	if ln == nil || !t.JobControl() {
		return t.WaitForeground(j)
	}
	for {
		st := ln.waitGroup(j)
		if st != jobs.Stopped {
			return st
		}
		if !ln.park(j) {
			// Its job was killed while the line was parked: the rest of
			// the line is abandoned, as after ^C.
			r.interrupted = true
			if p := j.Procs; len(p) > 0 && p[len(p)-1].Status.Signaled() {
				r.killedBy = int(p[len(p)-1].Status.Signal())
			}
			return jobs.Done
		}
	}
}

// waitGroup waits for the line's current process group to end or stop: in
// the foreground as any foreground job, in the background until it ends or
// stops or `fg` asks for it.
func (ln *lineRun) waitGroup(j *jobs.Job) jobs.ProcState {
	t := ln.sh.g.jobs
	for {
		ln.mu.Lock()
		bg := ln.background
		ln.mu.Unlock()
		if !bg {
			return t.WaitForeground(j)
		}
		st := t.WaitGroupUntil(j, func(st jobs.ProcState) bool {
			return st != jobs.Running || ln.pending() == requestForeground
		})
		if ln.take() == requestForeground {
			t.ResumeForeground(j)
			continue
		}
		return st
	}
}

// pending is the request not yet taken.
func (ln *lineRun) pending() lineRequest {
	ln.mu.Lock()
	defer ln.mu.Unlock()
	return ln.request
}

// take takes the pending request and applies its mode.
func (ln *lineRun) take() lineRequest {
	ln.mu.Lock()
	defer ln.mu.Unlock()
	req := ln.request
	ln.request = noRequest
	switch req {
	case requestForeground:
		ln.background = false
	case requestBackground:
		ln.background = true
	}
	return req
}

// takeForeground takes a pending fg request: the line runs in the
// foreground from now on.
func (ln *lineRun) takeForeground() {
	ln.mu.Lock()
	defer ln.mu.Unlock()
	if ln.request == requestForeground {
		ln.request, ln.background = noRequest, false
	}
}

// inBackground reports whether the line runs as a background job.
func (ln *lineRun) inBackground() bool {
	ln.mu.Lock()
	defer ln.mu.Unlock()
	return ln.background
}

// inForeground reports whether the line (nil for a context that runs no
// interactive line) runs in the foreground.
func (ln *lineRun) inForeground() bool {
	return ln == nil || !ln.inBackground()
}

// park makes j the line's job if it is not yet, tells the waiter, and
// blocks until fg or bg. It reports false when the job was killed while
// the line was parked: the line is then to finish.
func (ln *lineRun) park(j *jobs.Job) bool {
	lr := ln.sh
	t := lr.g.jobs
	ln.mu.Lock()
	first := ln.job == nil
	ln.job = j
	bg, waiter, detached := ln.background, ln.waiter, lr.detached
	ln.waiter = false
	ln.mu.Unlock()
	if first {
		t.AdoptLine(j, ln.text)
		lr.g.rememberLine(j, ln)
	}
	t.SetParked(j, true)
	lr.noteStopped(j, !bg)
	if waiter {
		ln.events <- lineParked
	}
	// An attached line must not run (not even to unwind) while the shell
	// runs other lines on the same state: it waits for a request, and a
	// shell that sees its job gone asks it to settle (settleLines). A
	// detached one may finish on its own.
	t.WaitGroupUntil(j, func(st jobs.ProcState) bool {
		return ln.pending() != noRequest || (detached && st == jobs.Done)
	})
	t.SetParked(j, false)
	switch ln.take() {
	case requestForeground:
		t.ResumeForeground(j)
		return true
	case requestBackground:
		return true
	}
	return false
}

// resumeLine is fg and bg for a line job, run by the context r of the
// command that asked. It returns the status fg or bg returns.
func (r *Shell) resumeLine(name string, ln *lineRun, j *jobs.Job, fg bool) int {
	t := r.g.jobs
	running := t.State(j) == jobs.Running // before ln.mu: the table's lock comes first
	ln.mu.Lock()
	if ln.finished {
		ln.mu.Unlock()
		r.errorf("%s: job has terminated", name)
		return 1
	}
	attached := !ln.sh.detached
	if !fg {
		if ln.background && running {
			ln.mu.Unlock()
			r.errorf("bg: job %d already in background", j.ID)
			return 0
		}
		if attached {
			// It is parked (an attached line is never running while
			// this shell is): give it its own state before it runs.
			ln.sh.detach()
		}
		ln.request = requestBackground
		ln.mu.Unlock()
		t.Continue(j)
		t.Wake()
		fmt.Fprintf(r.stdout(), "[%d]%c %s &\n", j.ID, t.Mark(j), j.Command)
		return 0
	}
	if attached {
		ln.sh.takeSharedState(r)
		ln.sh.topParams = r.params
		if ln.sh.inFunc == 0 {
			ln.sh.params = r.params
		}
	}
	ln.request = requestForeground
	ln.waiter = true
	ln.mu.Unlock()
	fmt.Fprintln(r.stdout(), j.Command)
	t.Wake()
	ev := <-ln.events
	if attached {
		r.adoptLine(ln.sh, ev == lineFinished)
		r.exiting, r.interrupted = false, false
	} else {
		r.status = ln.sh.status
	}
	return r.status
}

// settleLines lets attached parked lines whose job was killed meanwhile
// (kill %1) finish, one at a time, before the next prompt: each unwinds on
// the shared state while the shell waits.
func (r *Shell) settleLines() {
	for _, ln := range r.g.lineRuns() {
		ln.mu.Lock()
		j := ln.job
		ok := !ln.sh.detached && !ln.finished && ln.request == noRequest
		ln.mu.Unlock()
		if !ok || r.g.jobs.GroupState(j) != jobs.Done {
			continue
		}
		ln.mu.Lock()
		ln.request, ln.waiter, ln.settling = requestSettle, true, true
		ln.mu.Unlock()
		r.g.jobs.Wake()
		ev := <-ln.events
		r.adoptLine(ln.sh, ev == lineFinished)
		r.exiting, r.interrupted = false, false
	}
}

// detach gives a parked line copies of the state it shared with the
// interactive shell, so that it can go on in the background.
func (lr *Shell) detach() {
	lr.vars = cloneVars(lr.vars)
	lr.traps = maps.Clone(lr.traps)
	lr.funcsShared = true
	lr.ownFuncs()
	lr.fds = lr.fds.clone()
	lr.cfg = nil
	lr.detached = true
}

// rememberLine and forgetLine keep the map from line jobs to their
// evaluators, for fg and bg.
func (g *global) rememberLine(j *jobs.Job, ln *lineRun) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.lines == nil {
		g.lines = make(map[*jobs.Job]*lineRun)
	}
	g.lines[j] = ln
}

func (g *global) forgetLine(j *jobs.Job) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.lines, j)
}

func (g *global) lineOf(j *jobs.Job) *lineRun {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.lines[j]
}

func (g *global) lineRuns() []*lineRun {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []*lineRun
	for _, ln := range g.lines {
		out = append(out, ln)
	}
	return out
}

// lineJobName is a command line's name as a line job: its statements on
// one line.
func lineJobName(stmts []*syntax.Stmt) string {
	return parser.PrintOneLine(&syntax.File{Stmts: stmts})
}
