package tests

import (
	"fmt"
	"strconv"
	"testing"
)

// TestRaceStress drives, in one interactive shell, the paths where the
// evaluator and the job table's reaper goroutine touch the same state:
// background jobs ending while `set -o jobtrace` and `set -m` toggle,
// `kill %N` while its jobs finish, `wait -n` loops, a CHLD trap, and a
// burst of ^Z, bg, fg and jobs on a command line. It checks the shell's
// answers; its real purpose is the run against a gosh built with -race
// (GOSH_TEST_RACE=1, as .ci/run does), where the harness fails it on any
// race report (failOnRace).
//
// Before the job table's fields were guarded by its lock, the toggle loop
// made a race-built gosh report the race between `set -o jobtrace` and the
// reaper's trace of a status (jobs/trace.go).
func TestRaceStress(t *testing.T) {
	t.Parallel()
	// The trace goes to /dev/null: on, it costs a line per event, and the
	// terminal stays readable.
	s := startSession(t, SessionConfig{Env: []string{"GOSH_JOBTRACE=/dev/null"}})
	s.ExpectPrompt()

	// Eight jobs end, one by one, while the options toggle; more start as
	// the loop goes, with and without job control.
	s.SendLine(`for d in 1 2 3 4 5 6 7 8; do sleep 0.0$d & done; i=0; ` +
		`while [ $i -lt 300 ]; do set -o jobtrace; set +m; set +o jobtrace; set -m; ` +
		`case $i in *0) /bin/true & ;; esac; i=$((i+1)); done; wait; echo "toggles=$i $-"`)
	expectThenPrompt(s, `(?m)^toggles=300 \S*m\S*\n`)

	// kill of each job while some are ending on their own, traced.
	s.SendLine(`set -o jobtrace; for d in 1 2 3 4 5 6 7 8; do sleep 0.0$d & done; ` +
		`for n in 8 7 6 5 4 3 2 1; do kill %$n 2>/dev/null; done; wait; set +o jobtrace; echo killed`)
	expectThenPrompt(s, `(?m)^killed\n`)

	// wait -n collects each job as it ends, and then has none left.
	s.SendLine(`set -o jobtrace; for d in 8 7 6 5 4 3 2 1; do sleep 0.0$d & done; n=0; ` +
		`while wait -n; do n=$((n+1)); done; echo "waited=$n"; set +o jobtrace`)
	expectThenPrompt(s, `(?m)^waited=8\n`)

	// A CHLD trap runs while jobs end (gosh runs it at least once; bash
	// once per child). A trapped signal ends a wait early (status above
	// 128), so the line waits until wait says every job is done.
	s.SendLine(`c=0; trap 'c=$((c+1))' CHLD; for d in 1 2 3 4 5 6 7 8; do sleep 0.0$d & done; ` +
		`until wait; do :; done; trap - CHLD; echo "chld=$c"`)
	chld := expectThenPrompt(s, `(?m)^chld=(\d+)\n`)
	if n, _ := strconv.Atoi(chld[1]); n < 1 {
		t.Errorf("the CHLD trap ran %d times, want at least once", n)
	}

	// A burst of ^Z, bg, jobs, kill -STOP and fg on a command line that
	// goes on after its program (a line job: fg and bg hand it to and from
	// the line's own evaluator goroutine), with the trace on.
	s.SendLine("set -o jobtrace")
	s.ExpectPrompt()
	s.SendLine("sleep 1000; echo after-the-line")
	job := s.WaitJobForeground()
	waitGroup(t, job, "sleep")
	for round := 1; round <= 3; round++ {
		s.Ctrl('Z')
		waitProcState(t, job, "T")
		s.WaitShellForeground()
		expectThenPrompt(s, `\[\d+\]\+ +Stopped +sleep 1000; echo after-the-line\n`)

		s.SendLine("bg")
		waitProcState(t, job, "SR")
		expectThenPrompt(s, `\[\d+\]\+ sleep 1000; echo after-the-line &\n`)

		s.SendLine("jobs -l; jobs")
		expectThenPrompt(s, fmt.Sprintf(`(?s)\[\d+\]\+ +%d .*Running.*\[\d+\]\+ +Running`, job))

		// Stopped again from elsewhere, so that fg's SIGCONT is a fact
		// the test can see (the job leaves state T) before it types ^Z:
		// a ^Z that lands between fg's hand-over and its SIGCONT is lost.
		s.SendLine("kill -STOP %%")
		waitProcState(t, job, "T")
		s.ExpectPrompt()
		s.SendLine("fg")
		s.WaitForeground(func(pg int) bool { return pg == job })
		waitProcState(t, job, "SR")
		s.Expect(`sleep 1000; echo after-the-line\n`)
	}
	s.Ctrl('C') // the line is abandoned, as at the prompt
	waitGone(t, job)
	s.WaitShellForeground()
	s.ExpectPrompt()
	s.SendLine("set +o jobtrace; jobs; echo burst-done")
	expectThenPrompt(s, `(?m)^burst-done\n`)
}

// expectThenPrompt expects re in the output, then the prompt after it, and
// returns re's match.
func expectThenPrompt(s *Session, re string) []string {
	s.t.Helper()
	m := s.ExpectMatch(re)
	s.ExpectPrompt()
	return m
}
