package tests

// End-to-end tests of job control: the built gosh on a pseudo-terminal,
// driven with ^C and ^Z, checked against what the kernel reports (process
// groups, sessions, /proc states and signal masks, the terminal's foreground
// group and modes read on the master side). They synchronise only on those
// facts and on the shell's output; see pty_test.go for the rules.
//
// `go test ./tests -run JobControl -count=20` must pass.

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// startGosh starts the shell under test on a terminal and waits for its
// first prompt. It checks the start-up facts every test relies on: the shell
// leads its session and its own process group, and owns the terminal.
func startGosh(t *testing.T) *Session {
	t.Helper()
	s := startSession(t, SessionConfig{})
	s.ExpectPrompt()
	sh := s.ShellPid()
	if _, _, pgid, sid, _ := procStat(sh); pgid != sh || sid != sh {
		t.Fatalf("shell %d: pgid %d sid %d; want both %d", sh, pgid, sid, sh)
	}
	if fg := s.ForegroundPgrp(); fg != sh {
		t.Fatalf("at the first prompt the terminal belongs to %d, not to the shell %d", fg, sh)
	}
	return s
}

// bgJob types a background command line and returns the number and PID
// that the shell prints as "[N] PID", and the output up to the prompt.
func bgJob(t *testing.T, s *Session, line string) (id, pid int, out string) {
	t.Helper()
	s.SendLine(line)
	m := s.ExpectMatch(`\[(\d+)\] (\d+)\n`)
	id, _ = strconv.Atoi(m[1])
	pid, _ = strconv.Atoi(m[2])
	return id, pid, m[0] + s.ExpectPrompt()
}

// untilOutput runs Sync until out, followed by the output consumed since
// the call, matches re, and returns all that output. A shell reports a job's change of state
// before the next prompt after its reaper saw it, which a test cannot
// observe from outside: a stopped process is in state T before its parent's
// wait4 returns. So the test waits for the notice itself, bounded by the
// usual timeout.
func untilOutput(t *testing.T, s *Session, out, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(timeout(defaultWait))
	for !rx.MatchString(out) {
		if time.Now().After(deadline) {
			if len(out) > 300 {
				out = "..." + out[len(out)-300:]
			}
			s.fail("no output matching %q within %v; got %q", re, timeout(defaultWait), out)
		}
		out += s.Sync()
	}
	return out
}

// lineOutput runs one command line and returns its output, up to and without
// the next prompt.
func lineOutput(s *Session, line string) string {
	s.t.Helper()
	s.SendLine(line)
	out := strings.TrimSuffix(s.ExpectPrompt(), s.Prompt)
	// Drop the terminal's echo of the line.
	_, out, _ = strings.Cut(out, "\n")
	return out
}

// ttyModes reads the terminal's modes on the master side (TCGETS on a pty
// master reports the slave's modes), disturbing nothing.
func ttyModes(s *Session) *unix.Termios {
	s.t.Helper()
	rc, err := s.master.SyscallConn()
	if err != nil {
		s.fail("SyscallConn: %v", err)
	}
	var tio *unix.Termios
	var ioErr error
	if err := rc.Control(func(fd uintptr) { tio, ioErr = unix.IoctlGetTermios(int(fd), unix.TCGETS) }); err != nil || ioErr != nil {
		s.fail("TCGETS: %v %v", err, ioErr)
	}
	return tio
}

func echoOn(s *Session) bool { return ttyModes(s).Lflag&unix.ECHO != 0 }

// byComm returns the member of ps called comm.
func byComm(t *testing.T, ps []ProcStat, comm string) ProcStat {
	t.Helper()
	for _, p := range ps {
		if p.Comm == comm {
			return p
		}
	}
	t.Fatalf("no %q in %v", comm, ps)
	return ProcStat{}
}

// checkJobGroup checks that the members form one job of the shell sh: one
// process group led by the first member (whose name is leader), children of
// the shell, in the shell's session.
func checkJobGroup(t *testing.T, sh, pgid int, members []ProcStat, leader string) {
	t.Helper()
	if pgid == sh {
		t.Errorf("the job runs in the shell's own group %d", sh)
	}
	if p, err := readProcStat(pgid); err != nil || p.Comm != leader {
		t.Errorf("group %d is led by %v (%v), want %s", pgid, p, err, leader)
	}
	for _, m := range members {
		if m.Pgid != pgid || m.Sid != sh || m.Ppid != sh {
			t.Errorf("%v: want pgid %d, sid %d, ppid %d", m, pgid, sh, sh)
		}
	}
}

// (a) ^C kills the whole foreground pipeline, never the shell.
func TestJobControlCtrlCPipeline(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	s.SendLine("seq 100000000 | sort | uniq")
	job := s.WaitJobForeground()
	members := waitGroup(t, job, "seq", "sort", "uniq")
	checkJobGroup(t, sh, job, members, "seq")
	for _, m := range members {
		if m.Tpgid != job {
			t.Errorf("%v: the terminal's group is %d, want the job's %d", m, m.Tpgid, job)
		}
	}
	s.Ctrl('C')
	for _, m := range members {
		waitGone(t, m.Pid) // dead and reaped
	}
	s.WaitShellForeground()
	s.ExpectPrompt()
	if out := lineOutput(s, "echo status=$?"); out != "status=130\n" {
		t.Errorf("after ^C: %q, want status=130", out)
	}
	if st, _, _, _, _ := procStat(sh); st == 0 || st == 'Z' {
		t.Errorf("the shell died of ^C")
	}
	if d := descendants(sh); len(d) != 0 {
		t.Errorf("left behind: %v", d)
	}
}

// (b) A background pipeline is one process group in the shell's session;
// a signal to one member leaves the others, one to the group ends them.
func TestJobControlBackgroundPipelineGroup(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	id, pgid, _ := bgJob(t, s, "sleep 1000 | sort | uniq &")
	if id != 1 {
		t.Errorf("job number %d, want 1", id)
	}
	members := waitGroup(t, pgid, "sleep", "sort", "uniq")
	checkJobGroup(t, sh, pgid, members, "sleep")
	if fg := s.ForegroundPgrp(); fg != sh {
		t.Errorf("a background job took the terminal: foreground group %d", fg)
	}
	if out := lineOutput(s, "jobs"); !regexp.MustCompile(`^\[1\]\+ +Running +sleep 1000 \| sort \| uniq &\n$`).MatchString(out) {
		t.Errorf("jobs: %q", out)
	}

	// uniq: its death makes no other member exit (sort writes only at
	// EOF, sleep never).
	uniq := byComm(t, members, "uniq")
	lineOutput(s, fmt.Sprintf("kill -INT %d", uniq.Pid))
	waitGone(t, uniq.Pid)
	s.Sync()
	for _, m := range members {
		if m.Pid == uniq.Pid {
			continue
		}
		if st, _, pg, _, _ := procStat(m.Pid); !strings.ContainsRune("SR", rune(st)) || pg != pgid {
			t.Errorf("%v: state %c, group %d after kill -INT of uniq; want it alive in %d", m, st, pg, pgid)
		}
	}
	s.SendLine(fmt.Sprintf("kill -INT -%d", pgid))
	out := s.ExpectPrompt()
	for _, m := range members {
		waitGone(t, m.Pid)
	}
	out = untilOutput(t, s, out, `(?m)^\[1\]\+ +Interrupt +sleep 1000 \| sort \| uniq\n`)
	if n := strings.Count(out, "Interrupt"); n != 1 {
		t.Errorf("%d Interrupt notices in %q", n, out)
	}
}

// (c) ^Z stops the whole foreground job; fg, ^Z again, bg, fg and ^C.
func TestJobControlStopFgBg(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	s.SendLine("sleep 1000 | cat")
	job := s.WaitJobForeground()
	members := waitGroup(t, job, "cat", "sleep")
	checkJobGroup(t, sh, job, members, "sleep")
	stop := func() {
		t.Helper()
		s.Ctrl('Z')
		for _, m := range members {
			waitProcState(t, m.Pid, "T")
		}
		s.WaitShellForeground()
		s.Expect(`\n\[1\]\+ +Stopped +sleep 1000 \| cat\n`)
		s.ExpectPrompt()
	}
	stop()
	if out := lineOutput(s, "echo status=$?"); out != "status=148\n" {
		t.Errorf("after ^Z: %q, want status=148", out)
	}
	if out := lineOutput(s, "jobs"); out != fmt.Sprintf("[1]+  %-24ssleep 1000 | cat\n", "Stopped") {
		t.Errorf("jobs: %q", out)
	}
	sleep, cat := byComm(t, members, "sleep").Pid, byComm(t, members, "cat").Pid
	wantL := fmt.Sprintf("[1]+ %5d %5d %5d %-24ssleep 1000\n     %5d %5d %5d %-24s| cat\n", sleep, job, sh, "Stopped", cat, job, sh, "Stopped")
	if out := lineOutput(s, "jobs -l"); out != wantL {
		t.Errorf("jobs -l:\n%q, want\n%q", out, wantL)
	}

	// fg: the job gets the terminal and runs again, under the same number.
	s.SendLine("fg")
	s.Expect(`(?m)^sleep 1000 \| cat\n`)
	s.WaitForeground(func(pg int) bool { return pg == job })
	for _, m := range members {
		waitProcState(t, m.Pid, "SR")
	}
	stop()

	// bg: it runs in the background, the shell keeps the terminal.
	s.SendLine("bg")
	for _, m := range members {
		waitProcState(t, m.Pid, "SR")
	}
	s.Expect(`(?m)^\[1\]\+ sleep 1000 \| cat &\n`)
	s.ExpectPrompt()
	if fg := s.ForegroundPgrp(); fg != sh {
		t.Errorf("after bg the terminal belongs to %d", fg)
	}
	if out := lineOutput(s, "jobs"); !strings.Contains(out, "Running                 sleep 1000 | cat &") {
		t.Errorf("jobs after bg: %q", out)
	}

	// fg of a running job, then ^C ends it.
	s.SendLine("fg %1")
	s.WaitForeground(func(pg int) bool { return pg == job })
	s.Ctrl('C')
	for _, m := range members {
		waitGone(t, m.Pid)
	}
	s.WaitShellForeground()
	s.ExpectPrompt()
	if out := lineOutput(s, "echo status=$?; jobs"); out != "status=130\n" {
		t.Errorf("after ^C: %q, want status=130 and no jobs", out)
	}
}

// (d) Notices before the next prompt, once each.
func TestJobControlNotices(t *testing.T) {
	t.Parallel()
	s := startGosh(t)

	_, pid, out := bgJob(t, s, "sleep 0.1 &")
	waitGone(t, pid) // reaped while the shell idles at the prompt
	out += s.Sync()
	if n := len(regexp.MustCompile(`(?m)^\[1\]\+ +Done +sleep 0\.1\n`).FindAllString(out, -1)); n != 1 {
		t.Errorf("%d Done notices in %q, want 1", n, out)
	}
	if out := s.Sync(); strings.Contains(out, "Done") {
		t.Errorf("Done reported twice: %q", out)
	}

	_, pid, out = bgJob(t, s, "(exit 3) &")
	waitGone(t, pid)
	out += s.Sync()
	if !regexp.MustCompile(`(?m)^\[1\]\+ +Exit 3 +\(`).MatchString(out) {
		t.Errorf("no Exit 3 notice in %q", out)
	}

	_, pid, _ = bgJob(t, s, "sleep 1000 &")
	waitGroup(t, pid, "sleep")
	s.SendLine("kill %1")
	waitGone(t, pid)
	out = s.ExpectPrompt() + s.Sync()
	if n := len(regexp.MustCompile(`(?m)^\[1\]\+ +Terminated +sleep 1000\n`).FindAllString(out, -1)); n != 1 {
		t.Errorf("%d Terminated notices in %q, want 1", n, out)
	}

	// Stopped and continued from outside the shell.
	_, pid, _ = bgJob(t, s, "sleep 1001 &")
	waitGroup(t, pid, "sleep")
	syscall.Kill(pid, syscall.SIGSTOP)
	waitProcState(t, pid, "T")
	out = untilOutput(t, s, "", `(?m)^\[1\]\+ +Stopped \(signal\) +sleep 1001\n`)
	if n := strings.Count(out, "Stopped"); n != 1 {
		t.Errorf("%d Stopped notices in %q", n, out)
	}
	if out := s.Sync(); strings.Contains(out, "Stopped") {
		t.Errorf("Stopped reported twice: %q", out)
	}
	if out := lineOutput(s, "jobs -l"); !strings.Contains(out, "Stopped (signal)        sleep 1001") {
		t.Errorf("jobs -l after SIGSTOP: %q", out)
	}
	syscall.Kill(pid, syscall.SIGCONT)
	waitProcState(t, pid, "S")
	// bash prints no notice for a job continued from elsewhere; `jobs`
	// shows it running once the reaper has seen it.
	pollUntil(t, "jobs to show the continued job running", func() (bool, string) {
		out := lineOutput(s, "jobs")
		return strings.Contains(out, "Running                 sleep 1001 &"), out
	})
	lineOutput(s, "kill %1")
	waitGone(t, pid)
}

// (e) No zombies: fifty jobs that end together are reaped while the shell
// idles at the prompt, and reported once each.
func TestJobControlNoZombies(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	// `true &` is a gosh subshell, a whole Go program: fifty of them may
	// take a few seconds on a slow or loaded machine.
	s.ExpectTimeout = timeout(4 * defaultWait)
	s.SendLine("for i in $(seq 50); do true & done")
	out := s.ExpectPrompt()
	s.ExpectTimeout = 0
	if saw, ok := poll(timeout(4*defaultWait), func() (bool, string) {
		kids := childrenOf(sh)
		return len(kids) == 0, fmt.Sprint(kids)
	}); !ok {
		t.Fatalf("jobs not reaped while the shell waits at the prompt: %s", saw)
	}
	out += s.Sync()
	if n := len(regexp.MustCompile(`(?m)^\[\d+\] \d+\n`).FindAllString(out, -1)); n != 50 {
		t.Errorf("%d [N] PID lines, want 50", n)
	}
	if n := len(regexp.MustCompile(`(?m)^\[\d+\][+ -] +Done +true\n`).FindAllString(out, -1)); n != 50 {
		t.Errorf("%d Done notices, want 50:\n%s", n, out)
	}
	if out := lineOutput(s, "jobs"); out != "" {
		t.Errorf("jobs: %q, want none", out)
	}
	if out := s.Sync(); strings.Contains(out, "Done") {
		t.Errorf("Done reported twice: %q", out)
	}
}

// (f) Children start with default dispositions and an empty mask; without
// job control `&` jobs stay in the shell's group with INT and QUIT ignored.
func TestJobControlChildSignals(t *testing.T) {
	t.Parallel()
	const show = `grep -E '^Sig(Ign|Blk)' /proc/self/status`
	clean := "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n" // /proc's order

	t.Run("interactive", func(t *testing.T) {
		t.Parallel()
		s := startGosh(t)
		for _, line := range []string{show, show + " | cat", "{ " + show + "; } | cat", show + " & wait"} {
			out := regexp.MustCompile(`(?m)^\[\d+\] \d+\n`).ReplaceAllString(lineOutput(s, line), "")
			if out != clean {
				t.Errorf("%s: %q, want %q", line, out, clean)
			}
		}
		// A live job, and a job whose member is a gosh subshell.
		s.SendLine("{ sleep 1000; } | cat")
		job := s.WaitJobForeground()
		var ps []ProcStat
		pollUntil(t, "the job to be sleep and cat, and maybe a subshell", func() (bool, string) {
			ps = groupMembers(job)
			names := make([]string, len(ps))
			for i, p := range ps {
				names[i] = p.Comm
			}
			// No copy of gosh between fork and exec ("gosh"; a
			// re-executed one is named after its text), and both
			// commands exec'd.
			return !slices.Contains(names, "gosh") && slices.Contains(names, "sleep") && slices.Contains(names, "cat"), fmt.Sprint(ps)
		})
		for _, p := range ps {
			st, err := procStatus(p.Pid)
			// SigBlk is the main thread's mask; a Go program (the
			// subshell, "{ sleep 1000; }") may run os/signal's thread
			// there, which blocks every signal not notified.
			subshell := p.Comm != "sleep" && p.Comm != "cat"
			if err != nil || st.Ign != 0 || st.Blk != 0 && !subshell {
				t.Errorf("%v: SigIgn %v SigBlk %v (%v); want none", p, st.Ign, st.Blk, err)
			}
		}
		// The subshell stops with the rest of the job, and ^C ends it all.
		s.Ctrl('Z')
		for _, p := range ps {
			waitProcState(t, p.Pid, "T")
		}
		s.WaitShellForeground()
		s.Expect(`Stopped +.*sleep 1000.*\| cat\n`)
		s.ExpectPrompt()
		s.SendLine("fg")
		s.WaitForeground(func(pg int) bool { return pg == job })
		for _, p := range ps {
			waitProcState(t, p.Pid, "SR")
		}
		s.Ctrl('C')
		for _, p := range ps {
			// sleep may outlive its parent, the subshell, for a moment;
			// then it is reaped by the test process, a subreaper.
			waitExited(t, p.Pid)
		}
		s.WaitShellForeground()
		s.ExpectPrompt()
	})

	t.Run("script", func(t *testing.T) {
		t.Parallel()
		// The foreground command comes after the & job, so that an
		// ignore meant for the job alone would show there.
		out, errOut, status := runShell(t, `sleep 100 & echo "$$ $!"
grep -E '^Sig(Ign|Blk)' /proc/$!/status
cut -d' ' -f5 /proc/$!/stat
`+show+`
`+show+` & wait $!`)
		lines := strings.Split(out, "\n")
		if status != 0 || errOut != "" || len(lines) != 9 {
			t.Fatalf("status %d, stderr %q, stdout %q", status, errOut, out)
		}
		ids := strings.Fields(lines[0])
		ign := fmt.Sprintf("SigBlk:\t%016x\nSigIgn:\t%016x", 0, 1<<(syscall.SIGINT-1)|1<<(syscall.SIGQUIT-1))
		if got := strings.Join(lines[1:3], "\n"); got != ign {
			t.Errorf("sleep &: %q, want %q", got, ign)
		}
		if lines[3] != ids[0] {
			t.Errorf("sleep & is in group %s, want the shell's %s", lines[3], ids[0])
		}
		// A non-interactive shell passes on what it inherited ignored.
		// Go keeps an inherited SIG_IGN only for SIGHUP and SIGINT (design
		// notes A1), and go test itself may have inherited SIGINT ignored,
		// from a shell that ran it with &.
		self, err := procStatus(os.Getpid())
		if err != nil {
			t.Fatal(err)
		}
		inherited := self.Ign & (1<<(syscall.SIGINT-1) | 1<<(syscall.SIGHUP-1))
		fg := fmt.Sprintf("SigBlk:\t%016x\nSigIgn:\t%016x\n", 0, uint64(inherited))
		if got := strings.Join(lines[4:6], "\n") + "\n"; got != fg {
			t.Errorf("foreground command: %q, want %q", got, fg)
		}
		if got := strings.Join(lines[6:8], "\n"); got != ign {
			t.Errorf("a second & job: %q, want %q", got, ign)
		}

		// The shell itself still dies of SIGINT after starting one. (The
		// signal is asynchronous: the runtime may take it on another
		// thread, so the shell waits for something that never ends.)
		if inherited.Has(syscall.SIGINT) {
			t.Log("SIGINT is ignored from the start; the shell must survive it: not checked")
			return
		}
		out, errOut, status = runShell(t, `sleep 100 & kill -INT $$; wait $!; echo survived`)
		if out != "" || status != 128+int(syscall.SIGINT) {
			t.Errorf("kill -INT $$ after &: stdout %q, stderr %q, status %d; want killed by SIGINT", out, errOut, status)
		}
	})
}

// (g) exit with stopped jobs, hang-up, disown.
func TestJobControlExitStopped(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	members := stopPipeline(t, s, "sleep 1000 | cat", "cat", "sleep")
	_, kept, _ := bgJob(t, s, "sleep 1001 &")
	if out := lineOutput(s, "disown -h %2"); out != "" {
		t.Errorf("disown -h: %q", out)
	}

	if out := lineOutput(s, "exit"); out != "There are stopped jobs.\n" {
		t.Errorf("first exit: %q", out)
	}
	lineOutput(s, "echo between") // arms the warning again
	if out := lineOutput(s, "exit"); out != "There are stopped jobs.\n" {
		t.Errorf("exit after another command: %q", out)
	}
	s.SendLine("exit")
	s.WaitExit()
	for _, m := range members {
		waitExited(t, m.Pid) // SIGHUP and SIGCONT
	}
	checkSpared(t, kept)
}

// stopPipeline runs line in the foreground, waits until its processes
// (named comms) have exec'd in the job's group, types ^Z, and waits until
// every one is stopped and the shell has the terminal and its prompt back.
func stopPipeline(t *testing.T, s *Session, line string, comms ...string) []ProcStat {
	t.Helper()
	s.SendLine(line)
	job := s.WaitJobForeground()
	members := waitGroup(t, job, comms...)
	s.Ctrl('Z')
	for _, m := range members {
		waitProcState(t, m.Pid, "T")
	}
	s.WaitShellForeground()
	s.ExpectPrompt()
	return members
}

// checkSpared checks that pid was sent no SIGHUP: it settles to sleeping
// (a process that has just exec'd may still be running), with no SIGHUP
// pending (one woken to die would be running, a zombie, or gone).
func checkSpared(t *testing.T, pid int) {
	t.Helper()
	pollUntil(t, fmt.Sprintf("pid %d to sleep on, spared by the hang-up", pid), func() (bool, string) {
		st, err := procStatus(pid)
		p, err2 := readProcStat(pid)
		if err != nil || err2 != nil || p.State == 'Z' || st.ShdPnd.Has(syscall.SIGHUP) || st.Pnd.Has(syscall.SIGHUP) {
			t.Fatalf("pid %d was not spared: %v %v %v, pending %v", pid, p, err, err2, st.ShdPnd)
		}
		return p.State == 'S', p.String()
	})
}

func TestJobControlHangUp(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	stopped := stopPipeline(t, s, "sleep 1000 | cat", "cat", "sleep")
	_, running, _ := bgJob(t, s, "sleep 1001 &")
	id, disowned, _ := bgJob(t, s, "sleep 1002 &")
	// Not plain disown: the stopped job is the current one.
	if out := lineOutput(s, fmt.Sprintf("disown %%%d", id)); out != "" {
		t.Errorf("disown: %q", out)
	}
	id, nohup, _ := bgJob(t, s, "sleep 1003 &")
	if out := lineOutput(s, fmt.Sprintf("disown -h %%%d", id)); out != "" {
		t.Errorf("disown -h: %q", out)
	}
	if out := lineOutput(s, "jobs"); strings.Contains(out, "1002") || !strings.Contains(out, "1003") {
		t.Errorf("jobs after disown: %q", out)
	}
	waitGroup(t, running, "sleep")
	waitGroup(t, disowned, "sleep")
	waitGroup(t, nohup, "sleep")

	// SIGHUP at the prompt: the shell acts at once, without a key typed.
	syscall.Kill(s.ShellPid(), syscall.SIGHUP)
	if st := s.WaitExit(); st != 128+int(syscall.SIGHUP) {
		t.Errorf("status %d after SIGHUP, want %d", st, 128+int(syscall.SIGHUP))
	}
	for _, m := range append(stopped, ProcStat{Pid: running}) {
		waitExited(t, m.Pid)
	}
	checkSpared(t, disowned)
	checkSpared(t, nohup)
}

// huponexit is on in an interactive shell: exit hangs up running jobs,
// except those disowned.
func TestJobControlHupOnExit(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	_, running, _ := bgJob(t, s, "sleep 1001 &")
	_, nohup, _ := bgJob(t, s, "sleep 1002 &")
	if out := lineOutput(s, "disown -h %2"); out != "" {
		t.Errorf("disown -h: %q", out)
	}
	waitGroup(t, running, "sleep")
	waitGroup(t, nohup, "sleep")
	s.Ctrl('D')
	if st := s.WaitExit(); st != 0 {
		t.Errorf("status %d after ^D", st)
	}
	waitExited(t, running)
	checkSpared(t, nohup)
}

// (h) A background job that reads the terminal is stopped by SIGTTIN; fg
// gives it the terminal.
func TestJobControlTTIN(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	_, pid, out := bgJob(t, s, "cat &")
	waitProcState(t, pid, "T")
	untilOutput(t, s, out, `(?m)^\[1\]\+ +Stopped \(tty input\) +cat\n`) // the wording; bash says just "Stopped"
	if out := lineOutput(s, "jobs -l"); out != fmt.Sprintf("[1]+ %5d %5d %5d Stopped (tty input)     cat\n", pid, pid, s.ShellPid()) {
		t.Errorf("jobs -l: %q", out)
	}
	s.SendLine("fg")
	s.WaitForeground(func(pg int) bool { return pg == pid })
	waitProcState(t, pid, "SR")
	s.SendLine("hello")
	s.Expect(`hello\nhello\n`) // the terminal's echo, then cat's copy
	s.Ctrl('D')
	waitGone(t, pid)
	s.WaitShellForeground()
	s.ExpectPrompt()
	if out := lineOutput(s, "echo status=$?; jobs"); out != "status=0\n" {
		t.Errorf("after cat: %q", out)
	}
}

// (i) Terminal modes: a stopped job's modes come back with fg; the shell
// has its own at the prompt.
func TestJobControlTerminalModes(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	if !echoOn(s) {
		t.Fatal("ECHO is off at the first prompt")
	}
	s.SendLine("sh -c 'stty -echo; exec sleep 1000'")
	job := s.WaitJobForeground()
	waitGroup(t, job, "sleep")
	pollUntil(t, "the job to turn ECHO off", func() (bool, string) { return !echoOn(s), "" })
	s.Ctrl('Z')
	waitProcState(t, job, "T")
	s.WaitShellForeground()
	s.ExpectPrompt()
	if !echoOn(s) {
		t.Error("at the prompt after ^Z, the job's modes are still in force")
	}
	s.SendLine("fg")
	s.WaitForeground(func(pg int) bool { return pg == job })
	if echoOn(s) {
		t.Error("fg gave the job the terminal without its modes")
	}
	waitProcState(t, job, "SR")
	s.Ctrl('C')
	waitGone(t, job)
	s.WaitShellForeground()
	s.ExpectPrompt()
	if !echoOn(s) {
		t.Error("at the prompt after ^C, the job's modes are still in force")
	}

	// A command that exits normally changes the shell's modes, as in
	// bash: stty at the prompt lasts.
	s.SendLine("stty -echo")
	s.ExpectPrompt()
	if echoOn(s) {
		t.Error("stty -echo did not last")
	}
	s.SendLine("stty echo")
	s.ExpectPrompt()
	if !echoOn(s) {
		t.Error("stty echo did not last")
	}
}

// ^C at the prompt abandons the line, not the shell: $? is 130.
func TestJobControlCtrlCAtPrompt(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	s.Send("echo never")
	s.Expect("echo never")
	s.Ctrl('C')
	s.ExpectPrompt()
	if out := lineOutput(s, "echo status=$?"); out != "status=130\n" {
		t.Errorf("after ^C at the prompt: %q", out)
	}
	// A pending continuation line goes too.
	s.SendLine("if true")
	s.Expect("> ")
	s.Ctrl('C')
	s.ExpectPrompt()
	if out := lineOutput(s, "echo ok"); out != "ok\n" {
		t.Errorf("after ^C in a continuation: %q", out)
	}
}

// The job builtins and job specs.
func TestJobControlBuiltins(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	_, p1, _ := bgJob(t, s, "sleep 1001 &")
	_, p2, _ := bgJob(t, s, "sleep 1002 | cat &")
	s.SendLine("sleep 1003")
	p3 := s.WaitJobForeground()
	waitGroup(t, p3, "sleep")
	s.Ctrl('Z')
	waitProcState(t, p3, "T")
	s.WaitShellForeground()
	s.Expect(`\[3\]\+ +Stopped +sleep 1003\n`)
	s.ExpectPrompt()
	waitGroup(t, p1, "sleep")
	waitGroup(t, p2, "sleep", "cat")

	for _, c := range []struct{ line, want string }{
		{"jobs", "[1]   Running                 sleep 1001 &\n[2]-  Running                 sleep 1002 | cat &\n[3]+  Stopped                 sleep 1003\n"},
		{"jobs -p", fmt.Sprintf("%d\n%d\n%d\n", p1, p2, p3)},
		{"jobs -r", "[1]   Running                 sleep 1001 &\n[2]-  Running                 sleep 1002 | cat &\n"},
		{"jobs -s", "[3]+  Stopped                 sleep 1003\n"},
		{"jobs %?1002", "[2]-  Running                 sleep 1002 | cat &\n"},
		{"jobs %-", "[2]-  Running                 sleep 1002 | cat &\n"},
		{"jobs %%", "[3]+  Stopped                 sleep 1003\n"},
		{"jobs '%sleep 1001'", "[1]   Running                 sleep 1001 &\n"},
		{"jobs %sl", "gosh: jobs: sl: ambiguous job spec\n"},
		{"jobs %9", "gosh: jobs: %9: no such job\n"},
		{"kill %1; wait %1; echo $?", "143\n"},
		{"(exit 7) & wait $!; echo $?", ""}, // [N] PID first; checked below
	} {
		out := lineOutput(s, c.line)
		if c.want != "" && out != c.want {
			t.Errorf("%s:\n%q, want\n%q", c.line, out, c.want)
		}
		if c.line == "(exit 7) & wait $!; echo $?" && !regexp.MustCompile(`^\[\d+\] \d+\n7\n$`).MatchString(out) {
			t.Errorf("%s: %q", c.line, out)
		}
	}
	// wait collected them: no notices.
	if out := s.Sync(); strings.Contains(out, "Terminated") || strings.Contains(out, "Exit") {
		t.Errorf("notices for jobs wait collected: %q", out)
	}
	if out := lineOutput(s, "(exit 5) & wait -n; echo $?"); !regexp.MustCompile(`^\[\d+\] \d+\n5\n$`).MatchString(out) {
		t.Errorf("wait -n: %q", out)
	}

	// kill of a stopped job also continues it, so that it dies.
	s.SendLine("kill %3")
	out := s.ExpectPrompt()
	waitGone(t, p3)
	untilOutput(t, s, out, `(?m)^\[3\]\+ +Terminated +sleep 1003\n`)

	s.SendLine("sleep 1004")
	p4 := s.WaitJobForeground()
	waitGroup(t, p4, "sleep")
	s.Ctrl('Z')
	waitProcState(t, p4, "T")
	s.WaitShellForeground()
	s.Expect(`\[3\]\+ +Stopped +sleep 1004\n`)
	s.ExpectPrompt()
	if out := lineOutput(s, "disown -r; jobs"); out != "[3]+  Stopped                 sleep 1004\n" {
		t.Errorf("disown -r: %q", out)
	}
	if out := lineOutput(s, "disown -a; jobs"); out != "" {
		t.Errorf("disown -a: %q", out)
	}
	syscall.Kill(-p4, syscall.SIGKILL)
}

// SIGHUP while a job runs in the foreground: the shell hangs it up too,
// and the jobs in the background, and exits.
func TestJobControlHangUpForeground(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	_, bg, _ := bgJob(t, s, "sleep 1001 &")
	s.SendLine("sleep 1000 | cat")
	job := s.WaitJobForeground()
	fg := waitGroup(t, job, "cat", "sleep")
	waitGroup(t, bg, "sleep")
	syscall.Kill(s.ShellPid(), syscall.SIGHUP)
	for _, m := range append(fg, ProcStat{Pid: bg}) {
		waitExited(t, m.Pid)
	}
	if st := s.WaitExit(); st != 128+int(syscall.SIGHUP) {
		t.Errorf("status %d after SIGHUP, want %d", st, 128+int(syscall.SIGHUP))
	}
}

// A trap on SIGHUP replaces the hang-up.
func TestJobControlHangUpTrapped(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	lineOutput(s, `trap 'echo got HUP' HUP`)
	_, bg, _ := bgJob(t, s, "sleep 1001 &")
	waitGroup(t, bg, "sleep")
	syscall.Kill(s.ShellPid(), syscall.SIGHUP)
	s.Expect(`(?m)^got HUP\n`)
	if out := lineOutput(s, "jobs"); !strings.Contains(out, "Running") {
		t.Errorf("jobs after a trapped SIGHUP: %q", out)
	}
	checkSpared(t, bg)
}

// A foreground loop stopped with ^Z is one job: fg resumes it where it
// stopped, so the rest of the loop runs after the resume and in order, on
// the shell's own state; bg runs the rest in the background on a copy of
// the state, whose changes no longer reach the shell.
func TestJobControlStoppedLoop(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	const line = `n=0; for i in 1 2; do cat; n=$((n+1)); echo "after $i"; done; echo "loop done n=$n"`
	stopped := func(pgid int, how string) {
		t.Helper()
		s.Ctrl('Z')
		waitProcState(t, pgid, "T")
		s.WaitShellForeground()
		s.Expect(`\[1\]\+ +Stopped +n=0; for i in 1 2; do cat; .*loop done n=\$n"` + how + `\n`)
		s.ExpectPrompt()
	}
	s.SendLine(line)
	cat1 := s.WaitJobForeground()
	waitGroup(t, cat1, "cat")
	stopped(cat1, "")
	if out := lineOutput(s, `echo "status=$? n=$n"; jobs`); !regexp.MustCompile(`^status=148 n=0\n\[1\]\+ +Stopped +n=0; for i in 1 2`).MatchString(out) {
		t.Errorf("after ^Z the rest of the loop ran, or the job is not the whole line: %q", out)
	}

	// fg: the first cat owns the terminal again; when it ends, the loop
	// goes on in the foreground, under the same job number.
	s.SendLine("fg")
	s.WaitForeground(func(pg int) bool { return pg == cat1 })
	s.Ctrl('D')
	s.Expect(`after 1\r?\n`)
	cat2 := s.WaitForeground(func(pg int) bool { return pg != sh && pg != cat1 })
	waitGroup(t, cat2, "cat")
	stopped(cat2, "")
	if out := lineOutput(s, `echo "n=$n"`); out != "n=1\n" {
		t.Errorf("in the foreground the loop shares the shell's variables: %q, want n=1", out)
	}

	// bg: cat reads the terminal from the background and is stopped by
	// SIGTTIN; fg brings it back; the rest of the line runs on its copy.
	s.SendLine("bg")
	s.Expect(`\[1\]\+ n=0; for i in 1 2; .* &\r?\n`)
	out := s.ExpectPrompt()
	waitProcState(t, cat2, "T")
	untilOutput(t, s, out, `\[1\]\+ +Stopped \(tty input\) +n=0; for i in 1 2`)
	s.SendLine("fg %1")
	s.WaitForeground(func(pg int) bool { return pg == cat2 })
	s.Ctrl('D')
	s.Expect(`after 2\r?\nloop done n=2\r?\n`)
	s.WaitShellForeground()
	s.ExpectPrompt()
	if out := lineOutput(s, `echo "n=$n"; jobs`); out != "n=1\n" {
		t.Errorf("after bg the loop's changes reached the shell, or the job stayed: %q, want n=1", out)
	}
}

// A stopped function call resumes inside the function; ^C abandons the
// rest of a loop, as bash does.
func TestJobControlStoppedFunction(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	cat1 := stopPipeline(t, s, `f() { local v=in; cat; echo "f $v $1"; }; f arg; echo "next $v"`, "cat")[0].Pid
	if out := lineOutput(s, `echo "[$1]"`); out != "[]\n" {
		t.Errorf("the prompt sees the function's parameters: %q", out)
	}
	s.SendLine("fg")
	s.WaitForeground(func(pg int) bool { return pg == cat1 })
	s.Ctrl('D')
	s.Expect(`f in arg\r?\nnext \r?\n`)
	s.ExpectPrompt()

	s.SendLine(`for i in 1 2 3; do sleep 1000; echo "looped $i"; done; echo after`)
	p := s.WaitForeground(func(pg int) bool { return pg != sh })
	waitGroup(t, p, "sleep")
	s.Ctrl('C')
	waitGone(t, p)
	s.WaitShellForeground()
	out := s.ExpectPrompt()
	if _, out, _ = strings.Cut(out, "\n"); strings.Contains(out, "looped") || strings.Contains(out, "after") {
		t.Errorf("^C did not abandon the loop: %q", out) // (after the echo of the line)
	}
	if out := lineOutput(s, "echo $?"); out != "130\n" {
		t.Errorf("after ^C: %q", out)
	}
}

// A stopped line sent to the background is still one job: kill %1 ends
// the whole line, not just its current command; and fg brings back a
// background line that only runs builtins, where ^C ends it.
func TestJobControlBackgroundLine(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	p := stopPipeline(t, s, `for i in 1 2 3; do sleep 1000; echo "next $i"; done`, "sleep")[0].Pid
	s.SendLine("bg")
	waitProcState(t, p, "S")
	s.ExpectPrompt()
	s.SendLine("kill %1")
	out := s.ExpectPrompt()
	waitGone(t, p)
	out = untilOutput(t, s, out, `\[1\]\+ +Terminated +for i in 1 2 3`)
	if strings.Contains(out, "next 1") {
		t.Errorf("kill %%1 left the rest of the line running: %q", out)
	}
	if out := lineOutput(s, "jobs"); out != "" {
		t.Errorf("jobs after kill %%1: %q", out)
	}

	// The line's one program stops itself, and after bg it exits: the
	// line goes on in the background with builtins only.
	s.SendLine(`n=0; sh -c 'kill -STOP $$'; while :; do n=$((n+1)); done`)
	s.Expect(`\[1\]\+ +Stopped \(signal\) +n=0; sh -c`)
	s.ExpectPrompt()
	p, _ = strconv.Atoi(strings.TrimSpace(lineOutput(s, "jobs -p")))
	waitProcState(t, p, "T")
	s.SendLine("bg")
	s.ExpectPrompt()
	waitGone(t, p)
	s.SendLine("fg")
	s.Expect(`(?m)^n=0; sh -c 'kill -STOP \$\$'; while`)
	if fg := s.ForegroundPgrp(); fg != sh {
		t.Errorf("a line running only builtins: the terminal belongs to %d, not the shell %d", fg, sh)
	}
	s.Ctrl('C')
	s.ExpectPrompt()
	if out := lineOutput(s, "echo $?; jobs"); out != "130\n" {
		t.Errorf("after ^C of a builtin loop brought back with fg: %q", out)
	}
}

// TestJobControlUnstartableMember is the job-control side of the rule
// shell.TestUnstartableMember checks: a member of a foreground pipeline
// whose exec fails (no execute permission) has status 126 and says why on
// its own standard error, the other members run in the job's group, and
// the shell gets the terminal back; a simple command follows the same rule.
func TestJobControlUnstartableMember(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/noexec", []byte("echo hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startGosh(t)
	sh := s.ShellPid()
	lineOutput(s, "cd "+dir)
	for _, c := range []struct{ line, want string }{
		{`./noexec; echo "s=$?"`, "gosh: ./noexec: Permission denied\ns=126\n"},
		{`./noexec 2>/dev/null; echo "s=$?"`, "s=126\n"},
		{`./noexec | echo ran; echo "s=$? ${PIPESTATUS[*]}"`, "gosh: ./noexec: Permission denied\nran\ns=0 126 0\n"},
		{`true | ./noexec 2>/dev/null; echo "s=$? ${PIPESTATUS[*]}"`, "s=126 0 126\n"},
		{`true | ./noexec 2>/dev/null | cat; echo "s=${PIPESTATUS[*]}"`, "s=0 126 0\n"},
	} {
		out := lineOutput(s, c.line)
		// The message and the other members' output come from
		// different processes: compare them as sorted lines.
		got, want := strings.SplitAfter(out, "\n"), strings.SplitAfter(c.want, "\n")
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want the lines of %q", c.line, out, c.want)
		}
		if fg := s.ForegroundPgrp(); fg != sh {
			t.Errorf("%s: the terminal belongs to %d afterwards, not to the shell %d", c.line, fg, sh)
		}
	}
}
