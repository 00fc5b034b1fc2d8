package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/parser"
)

// The line-job protocol (linejob.go, and package jobs' doc comment): a
// command line whose foreground job stops parks its evaluator; fg resumes
// it where it stopped, bg lets it go on in the background on its own
// state, and a line whose job was killed while it was parked settles
// before the next prompt.
//
// These tests drive it without a terminal. The shell's job table has job
// control on, with /dev/null standing for the terminal: every job gets its
// own process group and a wait reports stops, while handing a terminal
// over fails harmlessly (ENOTTY). Since a foreground launch cannot take a
// terminal there, the stopping job starts in the background and the line
// under test brings it to the foreground with fg:
//
//	sh -c 'kill -STOP $$; kill -STOP $$; exit 7' &   # stops at once: job %1
//	fg %1; echo "after $?"                             # the line under test
//
// fg continues the job, which stops itself again, so the line parks. Each
// stop is one more kill -STOP in the child, and each step of a case waits
// for a fact (an event of the line, the job's state in the table), never
// for time.

// lineShell is an interactive shell's evaluator run line by line as the
// read-eval loop runs it, with its output in files.
type lineShell struct {
	t        *testing.T
	r        *Shell
	out, err *os.File
}

func newLineShell(t *testing.T) *lineShell {
	t.Helper()
	dir := t.TempDir()
	open := func(name string) *os.File {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { null.Close() })
	s := &lineShell{t: t, out: open("stdout"), err: open("stderr")}
	s.r = New([3]*os.File{null, s.out, s.err}, os.Environ())
	s.r.g.jobs = jobs.NewTable(int(null.Fd()))
	s.r.g.interactive = true
	s.r.opts.monitor = true
	return s
}

// enter runs a command line as the read-eval loop does after a prompt:
// notices first (which settles lines whose job was killed), then the line
// in its own evaluator, until it finishes or parks.
func (s *lineShell) enter(line string) {
	s.t.Helper()
	f, err := parser.Parse(line, "")
	if err != nil {
		s.t.Fatalf("%s: %v", line, err)
	}
	s.within(line, func() {
		for _, notice := range s.r.jobNotices() {
			fmt.Fprintln(s.r.stderr(), notice)
		}
		s.r.runLine(f.Stmts, lineJobName(f.Stmts))
	})
	s.r.exiting, s.r.interrupted = false, false
}

// within runs f, failing the test if it has not returned in time: a lost
// wake-up in the protocol shows as a line that never parks or finishes.
func (s *lineShell) within(what string, f func()) {
	s.t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(scaledTimeout(30 * time.Second)):
		s.t.Fatalf("%s: still waiting after %v\nstdout %q\nstderr %q", what, scaledTimeout(30*time.Second), s.stdout(), s.stderr())
	}
}

// job is job %1, which every case works on.
func (s *lineShell) job() *jobs.Job {
	s.t.Helper()
	list := s.r.g.jobs.Jobs()
	if len(list) != 1 || list[0].ID != 1 {
		s.t.Fatalf("the table holds %d jobs, want job 1 alone", len(list))
	}
	return list[0]
}

// waitState waits until job j's state in the table is st.
func (s *lineShell) waitState(j *jobs.Job, st jobs.ProcState) {
	s.t.Helper()
	t := s.r.g.jobs
	s.within(fmt.Sprintf("job %d to be %v", j.ID, st), func() {
		switch st {
		case jobs.Stopped:
			t.Wait(j, true, nil)
		case jobs.Done:
			t.Wait(j, false, nil)
		}
	})
	if got := t.State(j); got != st {
		s.t.Fatalf("job %d is %v, want %v", j.ID, got, st)
	}
}

// waitGroupDone waits until every process of j's current group has ended
// (a parked line's job stays Stopped in the table until the line settles).
func (s *lineShell) waitGroupDone(j *jobs.Job) {
	s.t.Helper()
	s.within("the job's group to end", func() {
		s.r.g.jobs.WaitGroupUntil(j, func(st jobs.ProcState) bool { return st == jobs.Done })
	})
}

func (s *lineShell) stdout() string { return readAll(s.t, s.out) }
func (s *lineShell) stderr() string { return readAll(s.t, s.err) }

func readAll(t *testing.T, f *os.File) string {
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// scaledTimeout stretches a timeout by GOSH_TEST_TIME_SCALE. It only
// bounds a failure; a passing test never waits for it.
func scaledTimeout(d time.Duration) time.Duration {
	if f, err := strconv.ParseFloat(os.Getenv("GOSH_TEST_TIME_SCALE"), 64); err == nil && f > 0 {
		return time.Duration(float64(d) * f)
	}
	return d
}

// TestLineJobProtocol parks a line (fg of a job that stops again) and takes
// it through each transition of the protocol.
func TestLineJobProtocol(t *testing.T) {
	const line = `fg %1; echo "after $?"`
	// SIGSTOP stops the job, which bash calls "Stopped (signal)".
	stoppedLine := "[1]+  Stopped (signal)        " + line
	type step func(s *lineShell, j *jobs.Job)
	fg := func(s *lineShell, j *jobs.Job) { s.enter("fg %1") }
	// (The job's state right after bg is no fact to test: the child may
	// already have stopped again, or ended.)
	bg := func(s *lineShell, j *jobs.Job) {
		s.enter("bg %1")
		if out, want := s.stdout(), "[1]+ "+line+" &\n"; !strings.Contains(out, want) {
			s.t.Errorf("bg printed %q, want %q", out, want)
		}
	}
	stopsAgain := func(s *lineShell, j *jobs.Job) { s.waitState(j, jobs.Stopped) }
	finishes := func(s *lineShell, j *jobs.Job) { s.waitState(j, jobs.Done) }
	killed := func(s *lineShell, j *jobs.Job) {
		s.enter("kill -KILL %1")
		s.waitGroupDone(j)
		if st := s.r.g.jobs.State(j); st != jobs.Stopped {
			s.t.Errorf("a parked line whose group was killed is %v before it settles, want Stopped", st)
		}
	}
	prompt := func(s *lineShell, j *jobs.Job) { s.enter(":") } // notices, and settling

	cases := []struct {
		name  string
		stops int // times the job stops itself: once before the line, once to park it, ...
		steps []step
		// after is what the line prints once resumed ("" if it is
		// abandoned); notice is a line of the shell's stderr at the end;
		// stopped is how many times the evaluator reported the line
		// stopped, on a line of its own after a blank one (noteStopped;
		// a line stopped in the background gets a notice instead).
		after, notice string
		stopped       int
	}{
		{name: "fg: the line goes on where it stopped", stops: 2, steps: []step{fg},
			after: "after 7\n", stopped: 1},
		{name: "fg, stops again, fg", stops: 3, steps: []step{fg, fg},
			after: "after 7\n", stopped: 2},
		{name: "bg: the line finishes in the background", stops: 2, steps: []step{bg, finishes, prompt},
			after: "after 7\n", notice: "[1]+  Done                    " + line, stopped: 1},
		{name: "bg, stops again in the background, fg", stops: 3, steps: []step{bg, stopsAgain, fg},
			after: "after 7\n", notice: stoppedLine, stopped: 1},
		{name: "killed while parked: the line settles", stops: 2, steps: []step{killed, prompt},
			after: "", notice: "[1]+  Killed                  " + line, stopped: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newLineShell(t)
			child := "sh -c '" + strings.Repeat("kill -STOP $$; ", c.stops) + "exit 7' &"
			s.enter(child)
			j := s.job()
			defer syscall.Kill(-j.Pgid, syscall.SIGKILL)
			s.waitState(j, jobs.Stopped)

			s.enter(line)
			// Parked: the job's entry is now the whole line's, stopped,
			// and the prompt came back with $? as for a stopped job.
			if j2 := s.job(); j2 != j || j.Command != line {
				t.Fatalf("after the stop job 1 is %q, want the line %q", j2.Command, line)
			}
			if st := s.r.g.jobs.State(j); st != jobs.Stopped {
				t.Errorf("parked line job is %v, want Stopped", st)
			}
			if ln := s.r.g.lineOf(j); ln == nil {
				t.Fatalf("no parked line for job 1")
			}
			if want := 128 + int(syscall.SIGSTOP); s.r.status != want {
				t.Errorf("$? after the line parked is %d, want %d", s.r.status, want)
			}

			for _, st := range c.steps {
				st(s, j)
			}

			if len(s.r.g.jobs.Jobs()) != 0 {
				t.Errorf("job 1 is still in the table at the end (%v)", s.r.g.jobs.State(j))
			}
			if s.r.g.lineOf(j) != nil {
				t.Errorf("the line is still known at the end")
			}
			if out := s.stdout(); !strings.HasSuffix(out, c.after) || c.after == "" && strings.Contains(out, "after") {
				t.Errorf("stdout %q, want it to end in %q", out, c.after)
			}
			errOut := s.stderr()
			if c.notice != "" && !strings.Contains(errOut, c.notice+"\n") {
				t.Errorf("stderr %q, want the notice %q", errOut, c.notice)
			}
			n := 0
			lines := strings.Split(errOut, "\n")
			for i := 1; i < len(lines); i++ {
				if lines[i] == stoppedLine && lines[i-1] == "" {
					n++
				}
			}
			if n != c.stopped {
				t.Errorf("stderr %q: %d reports of the stop, want %d", errOut, n, c.stopped)
			}
		})
	}
}
