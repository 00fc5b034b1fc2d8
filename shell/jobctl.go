package shell

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/jobs"
	"mvdan.cc/sh/v3/syntax"
)

// printf2 writes to the shell's stderr (job notices, [N] PID lines).
func (r *Shell) printf2(format string, args ...any) {
	fmt.Fprintf(r.stderr(), format, args...)
}

// noteStopped is what the evaluator does when a job it waited for in the
// foreground stops (^Z, or a stop signal), whether the job was a plain
// command (finishForeground) or part of a line that parks (lineRun.park):
// $? becomes 128 plus the signal that stopped the job's last stopped
// process (SIGTSTP when none is left stopped, as for a parked line whose
// group has gone), and with report an interactive shell prints the job's
// `[1]+  Stopped  ...` line.
func (r *Shell) noteStopped(j *jobs.Job, report bool) {
	r.status = 128 + int(syscall.SIGTSTP)
	for _, p := range j.Procs {
		if p.State == jobs.Stopped {
			r.status = p.ExitCode()
		}
	}
	if report && r.g.interactive {
		fmt.Fprintf(r.stderr(), "\n%s\n", r.g.jobs.Line(j, false))
	}
}

// checkStoppedJobs implements the warning before an interactive shell
// exits with stopped jobs: the first exit only warns.
func (r *Shell) checkStoppedJobs() bool {
	ui := r.ui()
	if ui == nil || ui.warnedStopped {
		return false
	}
	for _, j := range r.g.jobs.Jobs() {
		if r.g.jobs.State(j) == jobs.Stopped {
			fmt.Fprintln(r.stderr(), "There are stopped jobs.")
			ui.warnedStopped = true
			ui.lastWasExit = true
			return true
		}
	}
	return false
}

// jobSpec resolves the job operand of jobs, fg, bg and disown, for which,
// as in bash, the leading % is optional: `fg 2` is job 2, `fg vi` the job
// whose command starts with vi (kill and wait take a bare number as a pid
// instead, and use findJob).
func (r *Shell) jobSpec(spec string) (*jobs.Job, error) {
	t := r.g.jobs
	list := t.Jobs()
	i, err := jobs.ResolveSpec(spec, t.SpecEntries(list))
	if err != nil {
		return nil, err
	}
	return list[i], nil
}

// setMonitor turns job control on or off (set -m). The job table opens
// the terminal the first time and keeps it while job control is off.
func (r *Shell) setMonitor(on bool) {
	r.g.jobs.SetJobControl(on)
}

// setJobTrace turns the job-control trace (set -o jobtrace) on or off;
// jobTraceWriter (jobtrace.go) says where it goes.
func (r *Shell) setJobTrace(on bool) {
	if !on {
		r.g.jobs.SetTrace(nil)
		return
	}
	r.g.jobs.SetTrace(r.jobTraceWriter())
}

// hangup is SIGHUP: every job not disowned gets SIGHUP (stopped ones
// SIGCONT before and after it, see jobs.Table.HangUp), then the shell exits.
func (r *Shell) hangup() {
	r.g.jobs.HangUp()
	r.exit(128 + int(syscall.SIGHUP))
}

// biJobs is jobs [-lnprs] [jobspec ...]. As in bash, the last of -l, -n
// and -p picks the form of the listing, and the last of -r and -s which
// jobs are listed; -n lists as the plain form does.
func (r *Shell) biJobs(args []string) int {
	if len(args) > 1 && args[1] == "-x" {
		return r.jobsExec(args[2:])
	}
	opts, specs, ok := r.parseOptions(args, "lnprs")
	if !ok {
		return builtins.StatusUsage
	}
	var form, state byte
	for _, o := range opts {
		switch o.Letter {
		case 'l', 'n', 'p':
			form = o.Letter
		case 'r', 's':
			state = o.Letter
		}
	}
	t := r.g.jobs
	// A job whose processes have exited shows as Done even if the reaper
	// has not had its turn yet (bash: `sleep 0.01 & sleep 1; jobs`).
	t.Collect()
	list := t.Jobs()
	if len(specs) > 0 {
		list = nil
		for _, s := range specs {
			j, err := r.jobSpec(s)
			if err != nil {
				r.errorf("jobs: %v", err)
				return 1
			}
			list = append(list, j)
		}
	}
	w := r.stdout()
	for _, j := range list {
		st := t.State(j)
		if state == 'r' && st != jobs.Running || state == 's' && st != jobs.Stopped {
			continue
		}
		if form == 'p' {
			fmt.Fprintln(w, j.Leader())
			continue
		}
		fmt.Fprintln(w, t.Line(j, form == 'l'))
	}
	t.MarkReported(list)
	return 0
}

func (r *Shell) biFg(args []string) int { return r.resume(args, true) }
func (r *Shell) biBg(args []string) int { return r.resume(args, false) }

// resume implements fg and bg.
func (r *Shell) resume(args []string, fg bool) int {
	name := args[0]
	// set -m without a terminal (a script under bash -m, say): there is no
	// terminal to hand over, but fg still waits for the job, as in bash.
	waitOnly := fg && !r.jobControl() && r.opts.monitor && !r.subshell
	if !r.jobControl() && !waitOnly {
		r.errorf("%s: no job control", name)
		return 1
	}
	spec := "%+"
	if len(args) > 1 {
		spec = args[1]
	}
	j, err := r.jobSpec(spec)
	if err != nil {
		if len(args) == 1 {
			r.errorf("%s: current: no such job", name)
		} else {
			r.errorf("%s: %v", name, err)
		}
		return 1
	}
	t := r.g.jobs
	if waitOnly {
		fmt.Fprintln(r.stdout(), j.Command)
		t.Continue(j)
		cancel, _ := r.waitCancel()
		t.Wait(j, false, cancel)
		r.status = j.Status(r.opts.pipefail)
		t.Reported(j)
		return r.status
	}
	if ln := r.g.lineOf(j); ln != nil {
		return r.resumeLine(name, ln, j, fg)
	}
	if fg {
		fmt.Fprintln(r.stdout(), j.Command)
		t.ResumeForeground(j)
		r.finishForeground(j, r.waitForeground(j))
		return r.status
	}
	if t.State(j) == jobs.Running {
		r.errorf("bg: job %d already in background", j.ID)
		return 0
	}
	t.Continue(j)
	fmt.Fprintf(r.stdout(), "[%d]%c %s &\n", j.ID, t.Mark(j), j.Command)
	return 0
}

// biDisown is disown [-h] [-ar] [jobspec ... | pid ...].
func (r *Shell) biDisown(args []string) int {
	opts, specs, ok := r.parseOptions(args, "ahr")
	if !ok {
		return builtins.StatusUsage
	}
	t := r.g.jobs
	keep, all, running := false, false, false
	for _, o := range opts {
		switch o.Letter {
		case 'h':
			keep = true
		case 'a':
			all = true
		case 'r':
			running = true
		}
	}
	var list []*jobs.Job
	switch {
	case all || running:
		for _, j := range t.Jobs() {
			if !running || t.State(j) == jobs.Running {
				list = append(list, j)
			}
		}
	case len(specs) == 0:
		j, err := r.jobSpec("%+")
		if err != nil {
			r.errorf("disown: current: no such job")
			return 1
		}
		list = append(list, j)
	default:
		for _, s := range specs {
			j, err := r.jobSpec(s)
			if err != nil {
				r.errorf("disown: %v", err)
				return 1
			}
			list = append(list, j)
		}
	}
	for _, j := range list {
		t.Disown(j, keep)
	}
	return 0
}

// biWait implements wait [-n] [-p var] [pid|%job ...].
func (r *Shell) biWait(args []string) int {
	opts, targets, ok := r.parseOptions(args, "np:")
	if !ok {
		return builtins.StatusUsage
	}
	t := r.g.jobs
	any, pidVar := false, ""
	for _, o := range opts {
		switch o.Letter {
		case 'n':
			any = true
		case 'p':
			pidVar = o.Value
		}
	}
	if pidVar != "" {
		if !validName(pidVar) {
			r.errorf("wait: `%s': not a valid identifier", pidVar)
			return 1
		}
		r.unsetVar(pidVar) // bash: unset until a job's status is returned
	}
	cancel, interrupted := r.waitCancel()
	// A script tells of the jobs a signal killed once it has waited, those
	// that wait itself takes from the table included (reportBackgroundKills).
	known := t.Jobs()
	if any {
		defer r.reportBackgroundKills(known...)
		return r.waitNext(targets, pidVar, cancel, interrupted)
	}
	if len(targets) == 0 {
		for _, j := range known {
			if t.State(j) == jobs.Stopped {
				continue
			}
			if t.Wait(j, false, cancel) != jobs.Done {
				return r.interruptedWaitStatus()
			}
			r.reportBackgroundKills(j)
			t.Reported(j)
		}
		if !r.waitProcSubsts() {
			return 128 + int(syscall.SIGINT)
		}
		return 0
	}
	status := 0
	for _, a := range targets {
		if strings.HasPrefix(a, "%") {
			j, err := r.findJob(a)
			if err != nil {
				r.errorf("wait: %v", err)
				status = 127
				continue
			}
			if t.Wait(j, false, cancel) != jobs.Done {
				return r.interruptedWaitStatus()
			}
			status = j.Status(r.opts.pipefail)
			r.reportBackgroundKills(j)
			t.Reported(j)
			continue
		}
		pid, err := strconv.Atoi(a)
		if err != nil {
			r.errorf("wait: `%s': not a pid or valid job spec", a)
			status = 1 // bash's EXECUTION_FAILURE, not a usage error
			continue
		}
		st, found := t.WaitPid(pid, cancel)
		if interrupted() {
			return r.interruptedWaitStatus()
		}
		r.reportBackgroundKills(known...)
		if !found {
			r.errorf("wait: pid %d is not a child of this shell", pid)
			status = 127
			continue
		}
		status = st
	}
	return status
}

// waitNext is wait -n: the next job to finish, of those targets names
// (any, without targets), gives its status; -p's variable gets its pid.
func (r *Shell) waitNext(targets []string, pidVar string, cancel, interrupted func() bool) int {
	var only func(*jobs.Job) bool
	if len(targets) > 0 {
		chosen := map[*jobs.Job]bool{}
		for _, a := range targets {
			j, err := r.findJob(a)
			if err != nil {
				r.errorf("wait: %v", err)
				continue
			}
			chosen[j] = true
		}
		if len(chosen) == 0 {
			return 127
		}
		only = func(j *jobs.Job) bool { return chosen[j] }
	}
	pid, st, ok := r.g.jobs.WaitAny(only, cancel)
	if interrupted() {
		return r.interruptedWaitStatus()
	}
	if !ok {
		return 127
	}
	if pidVar != "" {
		r.setString(pidVar, strconv.Itoa(pid))
	}
	return st
}

// waitCancel returns the function that tells a blocked wait a signal came,
// and one that says afterwards whether it did (both on the waiting
// goroutine).
func (r *Shell) waitCancel() (cancel func() bool, interrupted func() bool) {
	if r.g.sigs == nil {
		return nil, func() bool { return false }
	}
	ch := r.g.sigs.interruptChan()
	fired := false
	return func() bool {
			select {
			case <-ch:
				fired = true
				return true
			default:
				return false
			}
		}, func() bool {
			return fired
		}
}

// interruptedWaitStatus is wait's status when a signal ended it: 128 plus
// the signal's number (POSIX: greater than 128), the lowest of those that
// arrived, whose trap runs next; SIGINT if none is left to say.
func (r *Shell) interruptedWaitStatus() int {
	if sig, ok := r.g.sigs.firstPending(r.handlesSignal); ok {
		return 128 + int(sig)
	}
	return 128 + int(syscall.SIGINT)
}

// waitProcSubsts waits for the process substitutions still running, as
// wait without operands does in bash 5.1, so that the output of >(cmd) is
// complete; ^C ends the wait (false).
func (r *Shell) waitProcSubsts() bool {
	done := make(chan struct{})
	go func() {
		r.g.substs.Wait()
		close(done)
	}()
	var intr <-chan struct{}
	if r.g.sigs != nil {
		intr = r.g.sigs.interruptChan()
	}
	select {
	case <-done:
		return true
	case <-intr:
		return false
	}
}

// timeClause runs `time cmd`, printing real, user and sys time as bash.
func (r *Shell) timeClause(c *syntax.TimeClause) {
	start := time.Now()
	var before syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &before)
	if c.Stmt != nil {
		r.stmt(c.Stmt)
	}
	var after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &after)
	real := time.Since(start)
	user := time.Duration(after.Utime.Nano() - before.Utime.Nano())
	sys := time.Duration(after.Stime.Nano() - before.Stime.Nano())
	if c.PosixFormat {
		fmt.Fprintf(r.stderr(), "real %.2f\nuser %.2f\nsys %.2f\n", real.Seconds(), user.Seconds(), sys.Seconds())
		return
	}
	f := func(d time.Duration) string {
		return fmt.Sprintf("%dm%.3fs", int(d.Minutes()), d.Seconds()-float64(int(d.Minutes()))*60)
	}
	fmt.Fprintf(r.stderr(), "\nreal\t%s\nuser\t%s\nsys\t%s\n", f(real), f(user), f(sys))
}

// biSuspend is suspend [-f]: the shell stops itself until SIGCONT, as a
// job of the shell that started it (jobs.StopShell). Unless forced, a
// login shell and a shell without job control refuse, as in bash.
func (r *Shell) biSuspend(args []string) int {
	opts, _, ok := r.parseOptions(args, "f")
	if !ok {
		return builtins.StatusUsage
	}
	if len(opts) == 0 {
		if ui := r.ui(); ui != nil && ui.login {
			r.errorf("suspend: cannot suspend a login shell")
			return 1
		}
		if !r.jobControl() {
			r.errorf("suspend: cannot suspend: no job control")
			return 1
		}
	}
	if err := r.g.jobs.StopShell(); err != nil {
		r.errorf("%v", err)
		return 1
	}
	return 0
}

// jobsExec is jobs -x command [arg ...]: each argument that names a job
// becomes that job's process group ID (others stay as they are), and the
// command runs, as in bash.
func (r *Shell) jobsExec(argv []string) int {
	if len(argv) == 0 {
		return 0
	}
	argv = slices.Clone(argv)
	for i, a := range argv {
		if !strings.HasPrefix(a, "%") {
			continue
		}
		if j, err := r.findJob(a); err == nil {
			argv[i] = strconv.Itoa(j.Leader())
		}
	}
	r.run(argv, nil, nil)
	return r.status
}
