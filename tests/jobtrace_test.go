package tests

// The job-control trace (set -o jobtrace, gosh -o jobtrace, GOSH_JOBTRACE)
// and `jobs -l` with process groups and sessions, checked against what the
// kernel reports: every number the trace prints is compared with /proc and
// with the terminal's foreground group (TIOCGPGRP on the master).

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// startTracedGosh starts gosh with the trace on, as `gosh -i -o jobtrace`,
// and checks the start-up facts as startGosh does.
func startTracedGosh(t *testing.T, env ...string) *Session {
	t.Helper()
	s := startSession(t, SessionConfig{Args: []string{"-i", "-o", "jobtrace"}, Env: env})
	s.ExpectPrompt()
	sh := s.ShellPid()
	if _, _, pgid, sid, _ := procStat(sh); pgid != sh || sid != sh {
		t.Fatalf("shell %d: pgid %d sid %d; want both %d", sh, pgid, sid, sh)
	}
	return s
}

// TestJobtraceCtrlCPipeline is the demonstration the trace exists for: it
// must show the pipeline's group taking the terminal and then every member
// of that group killed by SIGINT, with the pids and the group the kernel
// reports, and the shell taking the terminal back.
func TestJobtraceCtrlCPipeline(t *testing.T) {
	t.Parallel()
	s := startTracedGosh(t)
	sh := s.ShellPid()
	s.SendLine("seq 100000000 | sort | uniq")
	m := s.ExpectMatch(`jobtrace: setpgid: pid (\d+) \(seq 100000000\) started as the leader of a new group (\d+)\n`)
	seq, pg := atoi(t, m[1]), atoi(t, m[2])
	if seq != pg {
		t.Errorf("the trace says seq %d leads group %d", seq, pg)
	}
	s.Expect(fmt.Sprintf(`jobtrace: tcsetpgrp: the terminal now belongs to group %d \(done by pid %d itself, before exec\)\n`, pg, seq))
	sort := atoi(t, s.ExpectMatch(fmt.Sprintf(`jobtrace: setpgid: pid (\d+) \(sort\) started and joined group %d\n`, pg))[1])
	uniq := atoi(t, s.ExpectMatch(fmt.Sprintf(`jobtrace: setpgid: pid (\d+) \(uniq\) started and joined group %d\n`, pg))[1])

	// The kernel agrees: one group, those three, owning the terminal.
	members := waitGroup(t, pg, "seq", "sort", "uniq")
	if got, want := pids(members), slices.Sorted(slices.Values([]int{seq, sort, uniq})); !slices.Equal(got, want) {
		t.Errorf("group %d is %v; the trace named %v", pg, got, want)
	}
	if fg := s.ForegroundPgrp(); fg != pg {
		t.Errorf("the terminal belongs to %d; the trace said %d", fg, pg)
	}

	s.Ctrl('C')
	for _, m := range members {
		waitGone(t, m.Pid)
	}
	s.WaitShellForeground()
	out := s.ExpectPrompt()
	for _, p := range []struct {
		pid  int
		comm string
	}{{seq, "seq 100000000"}, {sort, "sort"}, {uniq, "uniq"}} {
		want := fmt.Sprintf("jobtrace: wait4: pid %d (%s) killed by SIGINT (its group %d owns the terminal, and ^C sends SIGINT to every process of that group)\n", p.pid, p.comm, pg)
		if !strings.Contains(out, want) {
			t.Errorf("no line %q in\n%s", want, out)
		}
	}
	back := fmt.Sprintf("jobtrace: tcsetpgrp: the terminal now belongs to group %d (the shell's own: the shell takes it back)\n", sh)
	if i := strings.Index(out, back); i < 0 || i < strings.LastIndex(out, "killed by SIGINT") {
		t.Errorf("no %q after the three deaths in\n%s", back, out)
	}
}

// TestJobtraceFileAndKill: GOSH_JOBTRACE=FILE appends the trace to FILE
// (nothing on the terminal); the kill builtin's signals, a stop and a
// continue are traced with the numbers the kernel reports.
func TestJobtraceFileAndKill(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "trace")
	s := startSession(t, SessionConfig{Env: []string{"GOSH_JOBTRACE=" + file}})
	s.ExpectPrompt()
	_, pg, out := bgJob(t, s, "sleep 1000 | cat &")
	members := waitGroup(t, pg, "sleep", "cat")
	cat := byComm(t, members, "cat").Pid
	if strings.Contains(out, "jobtrace") {
		t.Errorf("trace on the terminal with GOSH_JOBTRACE=FILE: %q", out)
	}
	// Each status is awaited in the trace before the next signal: wait4
	// reports a stop or a continue only if it is still the latest news
	// when the reaper asks.
	lineOutput(s, fmt.Sprintf("kill -STOP %d", cat))
	waitTraceLine(t, file, fmt.Sprintf("jobtrace: wait4: pid %d (cat) stopped by SIGSTOP", cat))
	lineOutput(s, fmt.Sprintf("kill -CONT %d", cat))
	waitTraceLine(t, file, fmt.Sprintf("jobtrace: wait4: pid %d (cat) continued", cat))
	lineOutput(s, "kill %1")
	for _, m := range members {
		waitExited(t, m.Pid)
	}
	var got []string
	deaths := []string{
		fmt.Sprintf("jobtrace: wait4: pid %d (sleep 1000) killed by SIGTERM", pg),
		fmt.Sprintf("jobtrace: wait4: pid %d (cat) killed by SIGTERM", cat),
	}
	pollUntil(t, "the trace of both deaths", func() (bool, string) {
		got = readLines(t, file)
		return slices.Contains(got, deaths[0]) && slices.Contains(got, deaths[1]), strings.Join(got, "\n")
	})
	want := []string{
		fmt.Sprintf("jobtrace: setpgid: pid %d (sleep 1000) started as the leader of a new group %d", pg, pg),
		fmt.Sprintf("jobtrace: setpgid: pid %d (cat) started and joined group %d", cat, pg),
		fmt.Sprintf("jobtrace: kill: SIGSTOP to pid %d (that process only)", cat),
		fmt.Sprintf("jobtrace: wait4: pid %d (cat) stopped by SIGSTOP", cat),
		fmt.Sprintf("jobtrace: kill: SIGCONT to pid %d (that process only)", cat),
		fmt.Sprintf("jobtrace: wait4: pid %d (cat) continued", cat),
		fmt.Sprintf("jobtrace: kill: SIGTERM to group %d (every process in it)", pg),
	}
	if !isSubsequence(want, got) {
		t.Errorf("trace file:\n%s\nwant, in this order:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestJobtraceSetOption turns the trace on and off with set -o, and checks
// that GOSH_JOBTRACE set in the running shell is read when it is turned on.
func TestJobtraceSetOption(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	if out := lineOutput(s, "/bin/true"); out != "" {
		t.Errorf("trace before set -o jobtrace: %q", out)
	}
	out := lineOutput(s, "set -o jobtrace; /bin/true")
	if !regexp.MustCompile(`(?m)^jobtrace: wait4: pid \d+ \(/bin/true\) exited 0$`).MatchString(out) {
		t.Errorf("set -o jobtrace: %q", out)
	}
	if out := lineOutput(s, "set +o jobtrace; /bin/true"); out != "" {
		t.Errorf("trace after set +o jobtrace: %q", out)
	}
	file := filepath.Join(t.TempDir(), "t")
	if out := lineOutput(s, "GOSH_JOBTRACE="+file+"; set -o jobtrace; /bin/false"); out != "" {
		t.Errorf("trace on the terminal with GOSH_JOBTRACE set: %q", out)
	}
	if got := readLines(t, file); !slices.ContainsFunc(got, func(l string) bool { return strings.HasSuffix(l, "(/bin/false) exited 1") }) {
		t.Errorf("trace file: %q", got)
	}
}

// TestJobtraceHangUpOrder: on a hang-up the shell sends a stopped job
// SIGCONT, SIGHUP and SIGCONT again, and the trace shows them in that
// order: SIGCONT first as the issue asks, so the job runs to act on the
// SIGHUP; the second SIGCONT wakes a job that stopped again in between (a
// read from the background) with the SIGHUP pending.
func TestJobtraceHangUpOrder(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "trace")
	s := startSession(t, SessionConfig{Env: []string{"GOSH_JOBTRACE=" + file}})
	s.ExpectPrompt()
	members := stopPipeline(t, s, "sleep 1000 | cat", "cat", "sleep")
	pg := members[0].Pgid
	syscall.Kill(s.ShellPid(), syscall.SIGHUP)
	s.WaitExit()
	for _, m := range members {
		waitExited(t, m.Pid)
	}
	got := readLines(t, file)
	want := []string{
		fmt.Sprintf("jobtrace: wait4: pid %d (sleep 1000) stopped by SIGTSTP (its group %d owns the terminal, and ^Z sends SIGTSTP to every process of that group)", byComm(t, members, "sleep").Pid, pg),
		"jobtrace: hang-up: SIGHUP to every job not disowned; a stopped job gets SIGCONT first, so that it wakes up to act on the SIGHUP, and once more after it in case it stopped again",
		fmt.Sprintf("jobtrace: kill: SIGCONT to group %d (every process in it)", pg),
		fmt.Sprintf("jobtrace: kill: SIGHUP to group %d (every process in it)", pg),
		fmt.Sprintf("jobtrace: kill: SIGCONT to group %d (every process in it)", pg),
	}
	if !isSubsequence(want, got) {
		t.Errorf("trace file:\n%s\nwant, in this order:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(strings.Join(got, "\n"), "kill: SIGHUP"); n != 1 {
		t.Errorf("%d SIGHUPs sent to the job, want 1:\n%s", n, strings.Join(got, "\n"))
	}
}

// TestJobtraceTostop: with `stty tostop`, a process outside the terminal's
// foreground group that writes to the terminal is stopped by SIGTTOU. The
// shell writes trace lines while a job owns the terminal; it must not be
// stopped for it (it writes with SIGTTOU blocked).
func TestJobtraceTostop(t *testing.T) {
	t.Parallel()
	s := startTracedGosh(t)
	sh := s.ShellPid()
	lineOutput(s, "stty tostop")
	if ttyModes(s).Lflag&syscall.TOSTOP == 0 {
		t.Fatal("stty tostop did not last")
	}
	s.SendLine("sleep 1000 | cat")
	job := s.WaitJobForeground()
	members := waitGroup(t, job, "sleep", "cat")
	// The line about cat joining is written while the job owns the
	// terminal; so are the statuses after ^C.
	s.Expect(`jobtrace: setpgid: pid \d+ \(cat\) started and joined group \d+\n`)
	s.Ctrl('C')
	for _, m := range members {
		waitGone(t, m.Pid)
	}
	s.WaitShellForeground()
	s.ExpectPrompt()
	if st, _, _, _, _ := procStat(sh); st == 'T' {
		t.Fatalf("the shell is stopped")
	}
	lineOutput(s, "stty -tostop")
}

// TestJobsLGroups checks `jobs -l`: one line per process with its pid,
// group and session as /proc reports them, and its own state.
func TestJobsLGroups(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	_, pg, _ := bgJob(t, s, "sleep 1000 | sort | uniq &")
	members := waitGroup(t, pg, "sleep", "sort", "uniq")
	sort, uniq := byComm(t, members, "sort").Pid, byComm(t, members, "uniq").Pid
	want := fmt.Sprintf("[1]+ %5d %5d %5d Running                 sleep 1000\n", pg, pg, sh) +
		fmt.Sprintf("     %5d %5d %5d Running                 | sort\n", sort, pg, sh) +
		fmt.Sprintf("     %5d %5d %5d Running                 | uniq &\n", uniq, pg, sh)
	if out := lineOutput(s, "jobs -l"); out != want {
		t.Errorf("jobs -l:\n%s\nwant\n%s", out, want)
	}
	// One member stopped, one killed: each line shows its own state.
	lineOutput(s, fmt.Sprintf("kill -STOP %d", sort))
	waitProcState(t, sort, "T")
	lineOutput(s, fmt.Sprintf("kill -INT %d", uniq))
	waitGone(t, uniq)
	want = fmt.Sprintf("[1]+ %5d %5d %5d Running                 sleep 1000\n", pg, pg, sh) +
		fmt.Sprintf("     %5d %5d %5d Stopped (signal)        | sort\n", sort, pg, sh) +
		fmt.Sprintf("     %5d     -     - Interrupt               | uniq &\n", uniq)
	var out string
	pollUntil(t, "jobs -l to show the stop and the death", func() (bool, string) {
		out = lineOutput(s, "jobs -l")
		return out == want, out
	})
	if out := lineOutput(s, "jobs -p"); out != fmt.Sprintf("%d\n", pg) {
		t.Errorf("jobs -p: %q", out)
	}
	if out := lineOutput(s, "jobs -s"); out != "" {
		t.Errorf("jobs -s: %q (the job runs: sleep does)", out)
	}
	if out := lineOutput(s, "jobs -r"); !strings.HasPrefix(out, "[1]+  Running ") {
		t.Errorf("jobs -r: %q", out)
	}
	syscall.Kill(-pg, syscall.SIGKILL)
	syscall.Kill(-pg, syscall.SIGCONT)
}

// TestJobsLEscapedMember: a member that moved to a group of its own
// (setpgid) shows that group in `jobs -l`: the numbers are the kernel's
// now, not those the shell gave it. Such a member escapes a signal to the
// job's group.
func TestJobsLEscapedMember(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	_, pg, _ := bgJob(t, s, `sleep 1000 | perl -e 'setpgrp(0, 0); sleep 1000' &`)
	var perl int
	pollUntil(t, "perl to leave the job's group", func() (bool, string) {
		for _, p := range childrenOf(sh) {
			if p.Comm == "perl" && p.Pgid == p.Pid {
				perl = p.Pid
				return true, p.String()
			}
		}
		return false, fmt.Sprint(childrenOf(sh))
	})
	want := fmt.Sprintf("[1]+ %5d %5d %5d Running                 sleep 1000\n", pg, pg, sh) +
		fmt.Sprintf("     %5d %5d %5d Running                 | perl -e 'setpgrp(0, 0); sleep 1000' &\n", perl, perl, sh)
	if out := lineOutput(s, "jobs -l"); out != want {
		t.Errorf("jobs -l:\n%s\nwant\n%s", out, want)
	}
	lineOutput(s, "kill %1")
	waitGone(t, pg)
	if st, _, _, _, _ := procStat(perl); st != 'S' {
		t.Errorf("perl in its own group: state %c after kill %%1; want it alive", st)
	}
	syscall.Kill(perl, syscall.SIGKILL)
	waitGone(t, perl)
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// readLines reads a file's lines.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// waitTraceLine waits until the trace file has the line.
func waitTraceLine(t *testing.T, file, line string) {
	t.Helper()
	pollUntil(t, fmt.Sprintf("%q in the trace", line), func() (bool, string) {
		b, _ := os.ReadFile(file)
		return slices.Contains(strings.Split(string(b), "\n"), line), string(b)
	})
}

// isSubsequence reports whether want appears in got in order, other lines
// between allowed.
func isSubsequence(want, got []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}
