package tests

// The harness's own tests. They run against bash (bashPath), never against
// the shell under test, so they show that each primitive reports what the
// kernel says before any gosh test relies on it. `go test -run Harness`.

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestHarnessTimeScale(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		bad  bool
	}{
		{in: "", want: 1},
		{in: "1", want: 1},
		{in: "2.5", want: 2.5},
		{in: "0.5", want: 0.5},
		{in: "0", bad: true},
		{in: "-1", bad: true},
		{in: "NaN", bad: true},
		{in: "Inf", bad: true},
		{in: "fast", bad: true},
	} {
		got, err := parseTimeScale(c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("parseTimeScale(%q) = %v, %v; want %v, error %v", c.in, got, err, c.want, c.bad)
		}
	}
}

// TestHarnessBuildFailure checks that a package that does not build is an
// error with the compiler's message, which TestMain turns into a failed run.
func TestHarnessBuildFailure(t *testing.T) {
	t.Parallel()
	_, err := buildGosh(t.TempDir(), "github.com/gosh-sh/gosh/tests/no-such-package")
	if err == nil || !strings.Contains(err.Error(), "no-such-package") {
		t.Fatalf("buildGosh of a missing package: %v; want an error naming it", err)
	}
}

func TestHarnessCtrlByte(t *testing.T) {
	for _, c := range []struct {
		key  byte
		want byte
	}{
		{'C', 0x03}, {'c', 0x03}, {'Z', 0x1a}, {'z', 0x1a}, {'D', 0x04},
		{'\\', 0x1c}, {'[', 0x1b}, {'@', 0x00}, {'_', 0x1f}, {'?', 0x7f},
	} {
		if got := ctrlByte(c.key); got != c.want {
			t.Errorf("ctrlByte(%q) = %#x, want %#x", c.key, got, c.want)
		}
	}
}

// TestHarnessFoldCRLF checks that Expect sees "\n" for the terminal's
// "\r\n", also when a read splits the pair, and keeps lone CRs.
func TestHarnessFoldCRLF(t *testing.T) {
	for _, c := range []struct {
		chunks []string
		want   string
	}{
		{[]string{"a\r\nb\r\n"}, "a\nb\n"},
		{[]string{"a\r", "\nb"}, "a\nb"},
		{[]string{"a\r\r\n"}, "a\n"},
		{[]string{"a\rb"}, "a\rb"},
		{[]string{"a\r", "b"}, "a\rb"},
		{[]string{"x\r"}, "x"}, // held back until the next byte
	} {
		var s Session
		for _, ch := range c.chunks {
			s.appendOutput([]byte(ch))
		}
		if got := string(s.out); got != c.want {
			t.Errorf("chunks %q: got %q, want %q", c.chunks, got, c.want)
		}
	}
}

func TestHarnessParseStat(t *testing.T) {
	rest := " 4094 4094 34816 4100 4194304 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0"
	for _, c := range []struct {
		stat string
		want ProcStat
	}{
		{"42 (sleep) S 7" + rest, ProcStat{42, "sleep", 'S', 7, 4094, 4094, 34816, 4100}},
		{"42 (a b) T 7" + rest, ProcStat{42, "a b", 'T', 7, 4094, 4094, 34816, 4100}},
		// A comm built to fool a parser that splits at the first ')'.
		{"42 (x) R 1 2 (y) Z 7" + rest, ProcStat{42, "x) R 1 2 (y", 'Z', 7, 4094, 4094, 34816, 4100}},
		{"42 ()) S 7" + rest, ProcStat{42, ")", 'S', 7, 4094, 4094, 34816, 4100}},
		{"42 (a\nb) S 7 1 1 0 -1", ProcStat{42, "a\nb", 'S', 7, 1, 1, 0, -1}},
	} {
		got, err := parseStat([]byte(c.stat + "\n"))
		if err != nil || got != c.want {
			t.Errorf("parseStat(%q) = %+v, %v; want %+v", c.stat, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "42 sleep S 1 2 3 4 5", "42 (sleep) S 1 2", "x (sleep) S 1 2 3 4 5", "42 (sleep) SS 1 2 3 4 5"} {
		if p, err := parseStat([]byte(bad)); err == nil {
			t.Errorf("parseStat(%q) = %+v, want an error", bad, p)
		}
	}
}

// TestHarnessProcStatOddComm runs a real process whose name contains ") "
// and checks every /proc helper that reads stat on it.
func TestHarnessProcStatOddComm(t *testing.T) {
	t.Parallel()
	const name = "x) R 9 9 (y"
	// comm is the last element of the path passed to execve, so a symlink
	// names the process. (A copy of the binary would risk ETXTBSY: a fork
	// in a parallel test can hold the copy's write descriptor.)
	bin := filepath.Join(t.TempDir(), name)
	if err := os.Symlink("/bin/sleep", bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "1000")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	p := waitProcState(t, pid, "S")
	if p.Comm != name || p.Ppid != os.Getpid() || p.Pid != pid {
		t.Errorf("readProcStat = %v; want comm %q, ppid %d", p, name, os.Getpid())
	}
	state, ppid, pgid, sid, _ := procStat(pid)
	self, _ := readProcStat(os.Getpid())
	if state != 'S' || ppid != os.Getpid() || pgid != self.Pgid || sid != self.Sid {
		t.Errorf("procStat = %c %d %d %d; want S %d %d %d", state, ppid, pgid, sid, os.Getpid(), self.Pgid, self.Sid)
	}
	if kids := childrenOf(os.Getpid()); !slices.Contains(pids(kids), pid) {
		t.Errorf("childrenOf(self) = %v; want it to hold %d", kids, pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	waitGone(t, pid)
	if state, ppid, _, _, _ := procStat(pid); state != 0 || ppid != -1 {
		t.Errorf("procStat of a reaped process = %c %d; want 0 -1", state, ppid)
	}
	if _, err := readProcStat(pid); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("readProcStat of a reaped process: %v; want fs.ErrNotExist", err)
	}
}

// TestHarnessScriptMode runs the table runner against bash: stdout, stderr
// (exact and substring), statuses, stdin, arguments, a script on stdin, and
// the environment the harness gives a shell.
func TestHarnessScriptMode(t *testing.T) {
	runScriptCasesWith(t, bashPath(t), []scriptCase{
		{name: "echo", script: "echo hello", wantOut: "hello\n"},
		{name: "status", script: "exit 3", wantStatus: 3},
		{name: "stderr-exact", script: "echo oops >&2; exit 1", wantErr: exactly("oops\n"), wantStatus: 1},
		{name: "stderr-substring", script: "/nonexistent/cmd", wantErr: contains("No such file"), wantStatus: 127},
		{name: "stderr-anything", script: "echo x >&2", wantErr: anything},
		{name: "killed-by-signal", script: "kill -TERM $$", wantStatus: 128 + int(syscall.SIGTERM)},
		{name: "stdin", script: `read -r a; read -r b; echo "$b $a"`, stdin: "one\ntwo\n", wantOut: "two one\n"},
		{name: "args", script: `echo "$0 $1 $#"`, args: []string{"zero", "one", "two"}, wantOut: "zero one 2\n"},
		{name: "via-stdin", script: "echo from stdin\nexit 4\n", viaStdin: true, wantOut: "from stdin\n", wantStatus: 4},
		{name: "via-stdin-args", script: `echo "$1-$2"`, viaStdin: true, args: []string{"a", "b"}, wantOut: "a-b\n"},
		{name: "stdin-is-pipe", script: `[ -p /dev/stdin ] && ! [ -t 0 ] && ! [ -t 1 ] && echo ok`, wantOut: "ok\n"},
		{name: "env", script: `echo "${ENV-unset} ${BASH_ENV-unset} $LC_ALL"; ls -A "$HOME" | wc -l`, wantOut: "unset unset C\n0\n"},
	})
}

// TestHarnessScriptModeSession checks that a script-mode shell leads its own
// session (so it cannot touch the terminal running go test) and that a
// background job it leaves running is killed and reaped before run returns.
func TestHarnessScriptModeSession(t *testing.T) {
	t.Parallel()
	out, errOut, status := run(t, scriptRun{
		Shell:  bashPath(t),
		Script: `sleep 1000 & echo $! $$; cut -d' ' -f6 /proc/$$/stat`,
	})
	f := strings.Fields(out)
	if status != 0 || errOut != "" || len(f) != 3 {
		t.Fatalf("got %q, %q, %d", out, errOut, status)
	}
	if f[2] != f[1] {
		t.Errorf("shell %s is in session %s, want its own", f[1], f[2])
	}
	bg, _ := strconv.Atoi(f[0])
	if _, err := readProcStat(bg); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("background sleep %d survived run: %v", bg, err)
	}
}

// TestHarnessPipelineStopKill is the core job-control sequence: a pipeline
// in the foreground, ^Z, and kill %1, synchronised only on TIOCGPGRP and
// /proc states.
func TestHarnessPipelineStopKill(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	sh := s.ShellPid()

	// The shell leads its session and its group, and owns the terminal.
	if state, _, pgid, sid, tpgid := procStat(sh); pgid != sh || sid != sh || tpgid != sh || state == 0 {
		t.Fatalf("shell: pgid %d sid %d tpgid %d; want all %d", pgid, sid, tpgid, sh)
	}
	if fg := s.ForegroundPgrp(); fg != sh {
		t.Fatalf("ForegroundPgrp = %d, want the shell's %d", fg, sh)
	}

	s.SendLine("sleep 1000 | cat")
	job := s.WaitJobForeground()
	members := waitGroup(t, job, "cat", "sleep")
	for _, m := range members {
		if m.Sid != sh || m.Ppid != sh || m.Tpgid != job {
			t.Errorf("%v: want sid %d, ppid %d, tpgid %d", m, sh, sh, job)
		}
	}

	s.Ctrl('Z')
	for _, m := range members {
		waitProcState(t, m.Pid, "T")
	}
	s.WaitShellForeground()
	s.Expect(`\[1\]\+ +Stopped +sleep 1000 \| cat\n`)
	s.ExpectPrompt()
	if fg := s.ForegroundPgrp(); fg != sh {
		t.Errorf("after ^Z: ForegroundPgrp = %d, want %d", fg, sh)
	}

	s.SendLine("kill %1")
	for _, m := range members {
		waitExited(t, m.Pid)
	}
	out := bashReap(s)
	for _, m := range members {
		waitGone(t, m.Pid)
	}
	if out += s.Sync(); !strings.Contains(out, "Terminated") {
		t.Errorf("no Terminated notice in %q", out)
	}
	if d := descendants(sh); len(d) != 0 {
		t.Errorf("descendants(shell) = %v, want none", d)
	}
}

// bashReap makes bash reap jobs that kill %N has killed. bash (4.3 to 5.2 at
// least) may miss the SIGCHLD of a job killed by its kill builtin, and then
// shows it as Stopped, unreaped, until it next waits for an external command
// (https://unix.stackexchange.com/q/209288). A builtin does not help.
// It returns the output consumed, up to the next prompt.
func bashReap(s *Session) string {
	s.t.Helper()
	s.SendLine("/bin/true")
	return s.ExpectPrompt()
}

// TestHarnessCtrlC interrupts a foreground job and checks its status.
func TestHarnessCtrlC(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	s.SendLine("sleep 1000")
	job := s.WaitJobForeground()
	if m := waitGroup(t, job, "sleep"); m[0].Pid != job {
		t.Fatalf("job %d: %v, want sleep to lead it", job, m)
	}
	s.Ctrl('C')
	waitGone(t, job)
	s.WaitShellForeground()
	s.ExpectPrompt()
	s.SendLine("echo status=$?")
	s.Expect(`(?m)^status=130\n`)
	s.ExpectPrompt()
}

// TestHarnessBackgroundFgBg starts a job in the background, stops it with
// SIGSTOP, brings it to the foreground, stops it with ^Z and resumes it in
// the background.
//
// Two races it must avoid, both seen while writing it:
//   - bash prints "[1] PID" before the child has exec'd sleep. Until then
//     the job is a copy of bash, with bash's SIGINT handler and SIGTSTP
//     ignored, and a ^C or ^Z is lost. So wait for the exec (waitGroup).
//   - `fg` on a stopped job hands over the terminal, then sends SIGCONT. A
//     ^Z typed in between is discarded by the SIGCONT (which flushes pending
//     stop signals). So wait for the terminal AND for the job to leave
//     state T before typing ^Z.
func TestHarnessBackgroundFgBg(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	sh := s.ShellPid()
	s.SendLine("sleep 1000 &")
	pid, err := strconv.Atoi(s.ExpectMatch(`\[1\] (\d+)\n`)[1])
	if err != nil {
		t.Fatal(err)
	}
	s.ExpectPrompt()
	waitGroup(t, pid, "sleep")
	if _, ppid, pgid, _, tpgid := procStat(pid); ppid != sh || pgid != pid || tpgid != sh {
		t.Errorf("background job: ppid %d pgid %d tpgid %d; want %d %d %d", ppid, pgid, tpgid, sh, pid, sh)
	}
	s.SendLine("kill -STOP %1")
	waitProcState(t, pid, "T")
	s.Sync() // bash says "Stopped (signal)" before one of the next prompts

	s.SendLine("fg")
	s.WaitForeground(func(pg int) bool { return pg == pid })
	waitProcState(t, pid, "SR")
	s.Ctrl('Z')
	waitProcState(t, pid, "T")
	s.WaitShellForeground()
	s.Expect(`\[1\]\+ +Stopped +sleep 1000\n`) // not "Stopped (signal)": this was SIGTSTP
	s.ExpectPrompt()

	s.SendLine("bg")
	waitProcState(t, pid, "SR")
	s.Expect(`\[1\]\+ sleep 1000 &\n`)
	s.ExpectPrompt()
	if fg := s.ForegroundPgrp(); fg != sh {
		t.Errorf("after bg: ForegroundPgrp = %d, want %d", fg, sh)
	}

	s.SendLine("kill %1")
	waitExited(t, pid)
	bashReap(s)
	waitGone(t, pid)
	s.Sync()
}

// TestHarnessSignalMasks reads the dispositions of an interactive shell
// and of its job: bash ignores the job-control signals, the job must not.
func TestHarnessSignalMasks(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	st, err := procStatus(s.ShellPid())
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU} {
		if !st.Ign.Has(sig) {
			t.Errorf("interactive bash SigIgn = %v; want %v in it", st.Ign, sig)
		}
	}
	if !st.Cgt.Has(syscall.SIGINT) || !st.Cgt.Has(syscall.SIGCHLD) {
		t.Errorf("interactive bash SigCgt = %v; want SIGINT and SIGCHLD in it", st.Cgt)
	}

	s.SendLine("sleep 1000")
	job := s.WaitJobForeground()
	waitGroup(t, job, "sleep") // before the exec, the job is a copy of bash
	jst, err := procStatus(job)
	if err != nil {
		t.Fatal(err)
	}
	if jst.Ign != 0 || jst.Blk != 0 || jst.Cgt != 0 {
		t.Errorf("job: SigIgn %v, SigBlk %v, SigCgt %v; want all none", jst.Ign, jst.Blk, jst.Cgt)
	}
	s.Ctrl('C')
	waitGone(t, job)
	s.ExpectPrompt()
}

// TestHarnessOpenFds checks the descriptors of a pipeline's members: the
// terminal, and the two ends of one pipe, and nothing else.
func TestHarnessOpenFds(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	s.SendLine("sleep 1000 | cat")
	job := s.WaitJobForeground()
	ps := waitGroup(t, job, "cat", "sleep") // by PID: cat may be forked first
	cat, sleep := ps[0].Pid, ps[1].Pid
	if ps[0].Comm != "cat" {
		cat, sleep = sleep, cat
	}
	// Poll until the descriptors are as expected: just after the exec, the
	// dynamic loader may still hold libc open. A leak never goes away, so it
	// still fails, after the timeout.
	var pipe string
	pollUntil(t, "the pipeline's descriptors to be the terminal and one pipe", func() (bool, string) {
		sfds, err1 := openFds(sleep)
		cfds, err2 := openFds(cat)
		if err := errors.Join(err1, err2); err != nil {
			return false, err.Error()
		}
		pipe = sfds[1]
		ok := strings.HasPrefix(pipe, "pipe:[") &&
			maps.Equal(sfds, map[int]string{0: s.TTY(), 1: pipe, 2: s.TTY()}) &&
			maps.Equal(cfds, map[int]string{0: pipe, 1: s.TTY(), 2: s.TTY()})
		return ok, fmt.Sprintf("sleep: %v; cat: %v", sfds, cfds)
	})
	s.Ctrl('C')
	waitGone(t, sleep)
	waitGone(t, cat)
	s.ExpectPrompt()
}

// TestHarnessZombiesUnder makes a zombie two levels below the shell: dash
// starts `true` in the background and execs sleep, which never waits.
func TestHarnessZombiesUnder(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	sh := s.ShellPid()
	s.SendLine(`/bin/sh -c '/bin/true & exec /bin/sleep 1000'`)
	job := s.WaitJobForeground()
	waitGroup(t, job, "sleep", "true") // dash forks true before it execs sleep
	var z []ProcStat
	pollUntil(t, "a zombie true under the shell", func() (bool, string) {
		z = zombiesUnder(sh)
		return len(z) == 1 && z[0].Comm == "true", fmt.Sprint(descendants(sh))
	})
	if z[0].Ppid != job {
		t.Errorf("zombie %v: want it a child of the job %d", z[0], job)
	}
	if kids := childrenOf(sh); len(kids) != 1 || kids[0].Pid != job || kids[0].Comm != "sleep" {
		t.Errorf("childrenOf(shell) = %v, want only the sleep %d", kids, job)
	}
	if d := descendants(sh); len(d) != 2 {
		t.Errorf("descendants(shell) = %v, want sleep and the zombie", d)
	}
	s.Ctrl('C')
	waitGone(t, job)
	s.ExpectPrompt()
	// The zombie's parent is gone; it now belongs to the test process, a
	// subreaper, and Close reaps it.
	if z := zombiesUnder(sh); len(z) != 0 {
		t.Errorf("zombiesUnder(shell) = %v after the job ended", z)
	}
}

// TestHarnessExit checks WaitExit's status for `exit N` and for ^D.
func TestHarnessExit(t *testing.T) {
	for _, c := range []struct {
		name string
		quit func(*Session)
		want int
	}{
		{"exit-3", func(s *Session) { s.SendLine("exit 3") }, 3},
		{"ctrl-D", func(s *Session) { s.Ctrl('D') }, 0},
		{"killed", func(s *Session) { syscall.Kill(s.ShellPid(), syscall.SIGKILL) }, 128 + 9},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := startBash(t)
			c.quit(s)
			if got := s.WaitExit(); got != c.want {
				t.Errorf("status %d, want %d", got, c.want)
			}
		})
	}
}

// TestHarnessCloseKillsSession leaves a stopped pipeline and a background
// job behind and checks that Close kills and reaps all of them.
func TestHarnessCloseKillsSession(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	sh := s.ShellPid()
	s.SendLine("sleep 1000 | cat")
	job := s.WaitJobForeground()
	// ^Z only after the exec: until then the job is a copy of bash, which
	// ignores SIGTSTP.
	members := waitGroup(t, job, "cat", "sleep")
	s.Ctrl('Z')
	for _, m := range members {
		waitProcState(t, m.Pid, "T")
	}
	s.WaitShellForeground()
	s.ExpectPrompt()
	s.SendLine("sleep 1001 &")
	s.ExpectPrompt()
	members = sessionMembers(sh)
	if len(members) != 4 {
		t.Fatalf("session %d: %v, want bash and three jobs' processes", sh, members)
	}
	s.Close()
	for _, m := range members {
		if _, err := readProcStat(m.Pid); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v survived Close (%v)", m, err)
		}
	}
}

// TestHarnessCloseWithSlaveHeld checks that Close returns even when a
// process outside the session keeps the terminal open, so the master never
// reports EIO: Close must interrupt the pending read itself.
func TestHarnessCloseWithSlaveHeld(t *testing.T) {
	t.Parallel()
	s := startBash(t)
	tty, err := os.OpenFile(s.TTY(), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Close()
	}()
	select {
	case <-done:
	case <-time.After(timeout(defaultWait)):
		t.Fatal("Close hangs while another process holds the slave")
	}
}

// recordingTB stands in for the test so that a harness failure can be
// observed rather than suffered. Fatalf ends the calling goroutine, as the
// real one does.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	failed bool
	msgs   []string
}

func (r *recordingTB) Helper() {}
func (r *recordingTB) Logf(format string, args ...any) {
	r.record(false, format, args...)
}
func (r *recordingTB) Errorf(format string, args ...any) {
	r.record(true, format, args...)
}
func (r *recordingTB) Fatalf(format string, args ...any) {
	r.record(true, format, args...)
	runtime.Goexit()
}
func (r *recordingTB) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}
func (r *recordingTB) record(fail bool, format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = r.failed || fail
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// TestHarnessExpectTimeoutReports checks what a failing Expect tells: the
// pattern, the output it did not match, the process tree and the transcript
// with the input marked.
func TestHarnessExpectTimeoutReports(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	s := startSession(rec, SessionConfig{Shell: bashPath(t)})
	s.ExpectPrompt()
	s.SendLine("echo 'mark''er'; sleep 1000")
	s.Expect(`(?m)^marker\n`)
	job := s.WaitJobForeground()
	waitGroup(t, job, "sleep")
	waitProcState(t, job, "S")

	s.ExpectTimeout = timeout(20 * time.Millisecond)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Expect("never printed")
		t.Error("Expect returned without a match")
	}()
	<-done
	if !rec.Failed() || len(rec.msgs) != 1 {
		t.Fatalf("Expect timed out without failing the test once: %q", rec.msgs)
	}
	msg := rec.msgs[0]
	for _, want := range []string{
		`Expect("never printed"): timed out`,
		fmt.Sprintf("foreground group: %d (shell pid %d)", job, s.ShellPid()),
		fmt.Sprintf("%d (sleep) S ppid=%d pgid=%d", job, s.ShellPid(), job),
		"«echo 'mark''er'; sleep 1000\\r»",
		"\n  | marker\n",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("failure message lacks %q:\n%s", want, msg)
		}
	}
}
