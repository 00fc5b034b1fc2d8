package jobs

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func TestStatusTraceLine(t *testing.T) {
	const pid, pg, shell = 4242, 4241, 4100
	tests := []struct {
		name string
		pgid int // the process's group, 0 for none of its own
		fg   int // the terminal's foreground group, -1 unknown
		ws   syscall.WaitStatus
		want string
	}{
		{"exit 0", pg, pg, wsExited(0), "wait4: pid 4242 (sort) exited 0"},
		{"exit 3", pg, shell, wsExited(3), "wait4: pid 4242 (sort) exited 3"},
		{"^C in the foreground", pg, pg, wsKilled(syscall.SIGINT),
			"wait4: pid 4242 (sort) killed by SIGINT (its group 4241 owns the terminal, and ^C sends SIGINT to every process of that group)"},
		{"SIGINT in the background: no note", pg, shell, wsKilled(syscall.SIGINT), "wait4: pid 4242 (sort) killed by SIGINT"},
		{"SIGINT, terminal unknown: no note", pg, -1, wsKilled(syscall.SIGINT), "wait4: pid 4242 (sort) killed by SIGINT"},
		{"SIGINT without job control: no note", 0, shell, wsKilled(syscall.SIGINT), "wait4: pid 4242 (sort) killed by SIGINT"},
		{"^\\", pg, pg, wsCored(syscall.SIGQUIT),
			`wait4: pid 4242 (sort) killed by SIGQUIT (core dumped) (its group 4241 owns the terminal, and ^\ sends SIGQUIT to every process of that group)`},
		{"^Z", pg, pg, wsStopped(syscall.SIGTSTP),
			"wait4: pid 4242 (sort) stopped by SIGTSTP (its group 4241 owns the terminal, and ^Z sends SIGTSTP to every process of that group)"},
		{"SIGTTIN in the background", pg, shell, wsStopped(syscall.SIGTTIN),
			"wait4: pid 4242 (sort) stopped by SIGTTIN (its group 4241 is in the background, the terminal belongs to 4100: reading the terminal from the background stops a process with SIGTTIN)"},
		{"SIGTTIN while in the foreground: no note", pg, pg, wsStopped(syscall.SIGTTIN), "wait4: pid 4242 (sort) stopped by SIGTTIN"},
		{"SIGTTOU in the background", pg, shell, wsStopped(syscall.SIGTTOU),
			"wait4: pid 4242 (sort) stopped by SIGTTOU (its group 4241 is in the background, the terminal belongs to 4100: with stty tostop, writing to the terminal from the background stops a process with SIGTTOU)"},
		{"SIGSTOP", pg, pg, wsStopped(syscall.SIGSTOP), "wait4: pid 4242 (sort) stopped by SIGSTOP"},
		{"continued", pg, pg, wsContinued, "wait4: pid 4242 (sort) continued"},
		{"SIGHUP", pg, shell, wsKilled(syscall.SIGHUP), "wait4: pid 4242 (sort) killed by SIGHUP"},
	}
	for _, tt := range tests {
		if got := StatusTraceLine(pid, "sort", tt.pgid, tt.fg, tt.ws); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestKillTraceLine(t *testing.T) {
	for _, c := range []struct {
		pid  int
		sig  syscall.Signal
		want string
	}{
		{-4241, syscall.SIGHUP, "kill: SIGHUP to group 4241 (every process in it)"},
		{4243, syscall.SIGINT, "kill: SIGINT to pid 4243 (that process only)"},
		{0, syscall.SIGTERM, "kill: SIGTERM to the shell's own group"},
		{-1, syscall.SIGKILL, "kill: SIGKILL to every process the shell may signal"},
	} {
		if got := KillTraceLine(c.pid, c.sig); got != c.want {
			t.Errorf("KillTraceLine(%d, %v) = %q, want %q", c.pid, c.sig, got, c.want)
		}
	}
}

// traceLog collects trace lines; the reaper goroutine writes to it too.
type traceLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *traceLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *traceLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

// jobControlTable returns a table that puts jobs in process groups of their
// own. Its TTY is /dev/null, which is no terminal: only background jobs can
// be started (a foreground one would need tcsetpgrp), and the trace cannot
// read a foreground group, so it adds no notes.
func jobControlTable(t *testing.T) *Table {
	t.Helper()
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return NewTable(int(f.Fd()))
}

// TestTraceJobLife starts a real background pipeline and checks the trace
// of its life: each process joining the group, the stop and the continue
// wait4 reports, and a hang-up's SIGHUP then SIGCONT to the stopped group,
// in that order, then the two deaths.
func TestTraceJobLife(t *testing.T) {
	tb := jobControlTable(t)
	log := &traceLog{}
	tb.SetTrace(log.add)
	l := tb.Begin("sleep 1000 | cat", false)
	var p1, p2 *Proc
	var err error
	files := []uintptr{^uintptr(0), ^uintptr(0), ^uintptr(0)}
	// cat reads a pipe that stays open and writes to /dev/null, so it
	// blocks until the signals come. With fd 0 or 1 closed it exits 1 at
	// once (GNU cat checks its standard output first): before the SIGSTOP,
	// or, woken by the hang-up's first SIGCONT, before the SIGHUP.
	pr, pw, perr := os.Pipe()
	if perr != nil {
		t.Fatal(perr)
	}
	defer pr.Close()
	defer pw.Close()
	null, nerr := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if nerr != nil {
		t.Fatal(nerr)
	}
	defer null.Close()
	catFiles := []uintptr{pr.Fd(), null.Fd(), null.Fd()}
	if p1, err = l.Start(&Spawn{Path: "/bin/sleep", Argv: []string{"sleep", "1000"}, Files: files}); err == nil {
		p2, err = l.Start(&Spawn{Path: "/bin/cat", Argv: []string{"cat"}, Files: catFiles})
	}
	j := l.Done()
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Kill(-j.Pgid, syscall.SIGKILL)
	tb.Background(j)
	want := []string{
		fmt.Sprintf("setpgid: pid %d (sleep 1000) started as the leader of a new group %d", p1.Pid, p1.Pid),
		fmt.Sprintf("setpgid: pid %d (cat) started and joined group %d", p2.Pid, p1.Pid),
	}
	if got := log.take(); !slices.Equal(got, want) {
		t.Errorf("start:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	syscall.Kill(-j.Pgid, syscall.SIGSTOP)
	if st := tb.Wait(j, true, nil); st != Stopped {
		t.Fatalf("state %v after SIGSTOP", st)
	}
	got := log.take()
	slices.Sort(got)
	want = []string{
		fmt.Sprintf("wait4: pid %d (sleep 1000) stopped by SIGSTOP", p1.Pid),
		fmt.Sprintf("wait4: pid %d (cat) stopped by SIGSTOP", p2.Pid),
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("stop:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	tb.HangUp()
	if st := tb.Wait(j, false, nil); st != Done {
		t.Fatalf("state %v after the hang-up", st)
	}
	got = log.take()
	wantFirst := []string{
		"hang-up: SIGHUP to every job not disowned; a stopped job gets SIGCONT first, so that it wakes up to act on the SIGHUP, and once more after it in case it stopped again",
		fmt.Sprintf("kill: SIGCONT to group %d (every process in it)", j.Pgid),
		fmt.Sprintf("kill: SIGHUP to group %d (every process in it)", j.Pgid),
		fmt.Sprintf("kill: SIGCONT to group %d (every process in it)", j.Pgid),
	}
	if len(got) < len(wantFirst) || !slices.Equal(got[:len(wantFirst)], wantFirst) {
		t.Fatalf("hang-up:\n%s\nwant it to start with\n%s", strings.Join(got, "\n"), strings.Join(wantFirst, "\n"))
	}
	// Then, in some order, for each process: maybe "continued" (wait4
	// reports it if the reaper looks before the pending SIGHUP has killed
	// the woken process), and certainly "killed by SIGHUP".
	rest := got[len(wantFirst):]
	for _, p := range []*Proc{p1, p2} {
		if !slices.Contains(rest, fmt.Sprintf("wait4: pid %d (%s) killed by SIGHUP", p.Pid, p.Argv)) {
			t.Errorf("no death by SIGHUP for %d in\n%s", p.Pid, strings.Join(rest, "\n"))
		}
	}
	after := regexp.MustCompile(fmt.Sprintf(`^wait4: pid (%d|%d) \(.*\) (continued|killed by SIGHUP)$`, p1.Pid, p2.Pid))
	for _, line := range rest {
		if !after.MatchString(line) {
			t.Errorf("unexpected line after the signals: %q", line)
		}
	}
}

// TestTraceNoJobControl: without job control, a process stays in the
// shell's group, and the trace says so.
func TestTraceNoJobControl(t *testing.T) {
	tb := NewTable(-1)
	log := &traceLog{}
	tb.SetTrace(log.add)
	l := tb.Begin("true", true)
	p, err := l.Start(&Spawn{Path: "/bin/true", Argv: []string{"true"}, Files: []uintptr{^uintptr(0), ^uintptr(0), ^uintptr(0)}})
	j := l.Done()
	if err != nil {
		t.Fatal(err)
	}
	tb.WaitForeground(j)
	want := []string{
		fmt.Sprintf("fork: pid %d (true) started in the shell's own group %d (job control is off)", p.Pid, syscall.Getpgrp()),
		fmt.Sprintf("wait4: pid %d (true) exited 0", p.Pid),
	}
	if got := log.take(); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTraceOffCostsNothing checks that with the trace off the helpers do
// not allocate: the nil check comes before any formatting.
func TestTraceOffCostsNothing(t *testing.T) {
	tb := NewTable(-1)
	p := &Proc{Pid: 1, Argv: "x"}
	allocs := testing.AllocsPerRun(100, func() {
		tb.traceStart(p, 1, true, true)
		handOver{fd: 1}.traceTerminal(1, nil)
		tb.traceKill(-1, syscall.SIGHUP)
		tb.traceHangUp()
		tb.traceStatus(p, wsKilled(syscall.SIGINT))
	})
	if allocs != 0 {
		t.Errorf("%v allocations per run with the trace off, want 0", allocs)
	}
}

// TestTraceTerminal: a hand-over of the terminal, to the shell or to a
// job, is one line, and so is a failed one: a failure is never dropped.
func TestTraceTerminal(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for _, c := range []struct {
		name string
		give func(h handOver)
		want string
	}{
		{"to the shell", func(h handOver) { h.traceTerminal(100, nil) },
			"tcsetpgrp: the terminal now belongs to group 100 (the shell's own: the shell takes it back)"},
		{"to a job", func(h handOver) { h.traceTerminal(4242, nil) },
			"tcsetpgrp: the terminal now belongs to group 4242"},
		{"failed", func(h handOver) { h.traceTerminal(4242, syscall.EPERM) },
			"tcsetpgrp: giving the terminal to group 4242 failed: operation not permitted"},
		// A real tcsetpgrp on a descriptor that is no terminal.
		{"not a terminal", func(h handOver) { h.fd = int(null.Fd()); h.giveTerminal(4242) },
			"tcsetpgrp: giving the terminal to group 4242 failed: inappropriate ioctl for device"},
	} {
		log := &traceLog{}
		c.give(handOver{fd: -1, shellPgid: 100, trace: log.add})
		if got := log.take(); !slices.Equal(got, []string{c.want}) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
