package tests

// The daemon builtin: every property of a detached process that the
// classic tutorials list, read from /proc rather than taken from the
// shell's word: a session of its own that it does not lead, no
// controlling terminal, cwd /, stdio on /dev/null or the log, no other
// descriptor, default signal dispositions and an empty mask, adopted by
// init or a subreaper, not a job, alive after the shell's hang-up.

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// killDaemon arranges for the daemon pid to be killed, and reaped if it
// was re-parented to this process (a subreaper), when the test ends: it is
// in no session the harness cleans up.
func killDaemon(t *testing.T, pid int) {
	t.Cleanup(func() {
		p, err := readProcStat(pid)
		if err != nil {
			return
		}
		syscall.Kill(pid, syscall.SIGKILL)
		if p.Ppid == os.Getpid() {
			var ws unix.WaitStatus
			unix.Wait4(pid, &ws, 0, nil)
		}
	})
}

// checkDetached checks the process facts of a daemon started by the shell
// sh (whose session is shSid), running comm.
func checkDetached(t *testing.T, pid, shSid int, comm string) ProcStat {
	t.Helper()
	var p ProcStat
	pollUntil(t, fmt.Sprintf("the daemon %d to run %s", pid, comm), func() (bool, string) {
		var err error
		p, err = readProcStat(pid)
		if err != nil {
			t.Fatalf("the daemon %d is gone: %v", pid, err)
		}
		return p.Comm == comm && p.State == 'S', p.String()
	})
	if p.Sid == pid {
		t.Errorf("%v: leads its session, so it could acquire a controlling terminal", p)
	}
	if p.Sid == shSid {
		t.Errorf("%v: still in the shell's session %d", p, shSid)
	}
	if p.Pgid != p.Sid || p.Pgid == pid {
		t.Errorf("%v: want it in the group of its session's (departed) leader, not leading one", p)
	}
	if p.TtyNr != 0 || p.Tpgid != -1 {
		t.Errorf("%v: tty_nr %d, tpgid %d; want no controlling terminal (0, -1)", p, p.TtyNr, p.Tpgid)
	}
	if p.Ppid != 1 && !(subreaper && p.Ppid == os.Getpid()) {
		t.Errorf("%v: parent %d; want init or this test, a subreaper", p, p.Ppid)
	}
	if leader, err := readProcStat(p.Sid); err == nil {
		t.Errorf("the session's leader %v still exists (a zombie helper?)", leader)
	}
	st, err := procStatus(pid)
	if err != nil {
		t.Fatal(err)
	}
	if st.Ign != 0 || st.Blk != 0 {
		t.Errorf("daemon: SigIgn %v, SigBlk %v; want none", st.Ign, st.Blk)
	}
	return p
}

// checkDaemonFds waits until pid's descriptors are exactly want (just
// after an exec the dynamic loader may hold a library open; a leak stays).
func checkDaemonFds(t *testing.T, pid int, want map[int]string) {
	t.Helper()
	pollUntil(t, fmt.Sprintf("the daemon's descriptors to be %v", want), func() (bool, string) {
		fds, err := openFds(pid)
		if err != nil {
			t.Fatal(err)
		}
		return maps.Equal(fds, want), fmt.Sprint(fds)
	})
}

// TestDaemonDetached starts a daemon from an interactive gosh and checks
// every property, then hangs the shell up (closes the terminal) and checks
// that the daemon lives on.
func TestDaemonDetached(t *testing.T) {
	t.Parallel()
	s := startGosh(t)
	sh := s.ShellPid()
	home := t.TempDir()
	pidFile, logFile := filepath.Join(home, "d.pid"), filepath.Join(home, "d.log")
	out := lineOutput(s, fmt.Sprintf(`daemon -p %s -o %s sh -c 'echo to-log; echo err >&2; exec sleep 1000'`, pidFile, logFile))
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("daemon printed %q, want a pid", out)
	}
	killDaemon(t, pid)

	checkDetached(t, pid, sh, "sleep")
	if cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid)); err != nil || cwd != "/" {
		t.Errorf("daemon cwd %q (%v), want /", cwd, err)
	}
	checkDaemonFds(t, pid, map[int]string{0: "/dev/null", 1: logFile, 2: logFile})
	if b, err := os.ReadFile(pidFile); err != nil || string(b) != strconv.Itoa(pid)+"\n" {
		t.Errorf("pid file: %q (%v), want %d", b, err, pid)
	}
	if ents, _ := os.ReadDir(home); len(ents) != 2 {
		t.Errorf("files next to the pid file: %v; want only d.pid and d.log (no temporary left)", ents)
	}
	pollUntil(t, "the daemon's output in the log", func() (bool, string) {
		b, _ := os.ReadFile(logFile)
		return string(b) == "to-log\nerr\n", string(b)
	})

	// Not a job, and nothing left under the shell: the helpers are reaped.
	if out := lineOutput(s, "jobs; jobs -l; jobs -p"); out != "" {
		t.Errorf("jobs lists the daemon: %q", out)
	}
	if d := descendants(sh); len(d) != 0 {
		t.Errorf("left under the shell: %v", d)
	}

	// The terminal goes away: the kernel hangs up the session's leader,
	// the shell, which hangs up its jobs and exits. The daemon is in no
	// way reached.
	s.master.Close()
	s.WaitExit()
	checkSpared(t, pid)
	checkDetached(t, pid, sh, "sleep")
}

// TestDaemonCleanSlate: the daemon starts with default dispositions even
// when the shell ignores signals, in the directory -C names, with stdio on
// /dev/null without -o; a second daemon replaces the pid file; errors
// give the usual statuses.
func TestDaemonCleanSlate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "p")
	if err := os.WriteFile(pidFile, []byte("stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := run(t, scriptRun{Script: fmt.Sprintf(`
		trap '' INT HUP QUIT TERM
		daemon -C %s -p %s sleep 1000 || exit
		daemon nosuchcommand; echo "status $?"
		daemon; echo "status $?"
		daemon -x sleep 1; echo "status $?"
		daemon -C /nonexistent sleep 1; echo "status $?"
		daemon -p /nonexistent/pid sleep 1; echo "status $?"
	`, dir, pidFile)})
	lines := strings.Split(out, "\n")
	pid, err := strconv.Atoi(lines[0])
	if err != nil {
		t.Fatalf("stdout %q, stderr %q, status %d", out, errOut, status)
	}
	killDaemon(t, pid)
	if want := "status 127\nstatus 2\nstatus 2\nstatus 1\nstatus 1\n"; strings.Join(lines[1:], "\n") != want {
		t.Errorf("statuses:\n%s\nwant\n%s", strings.Join(lines[1:], "\n"), want)
	}
	for _, msg := range []string{"nosuchcommand: command not found", "daemon: usage: daemon [-p PIDFILE] [-o LOGFILE] [-C DIR] CMD [ARGS...]", "daemon: -x: invalid option", "daemon: /nonexistent: not a directory", "daemon: /nonexistent/pid: No such file or directory"} {
		if !strings.Contains(errOut, msg) {
			t.Errorf("stderr lacks %q:\n%s", msg, errOut)
		}
	}
	// The script's shell has exited, and run has killed its session: the
	// daemon, in a session of its own, is still there.
	p := checkDetached(t, pid, -1, "sleep")
	if p.Sid == pid {
		t.Errorf("%v leads its session", p)
	}
	if cwd, _ := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid)); cwd != dir {
		t.Errorf("daemon -C: cwd %q, want %q", cwd, dir)
	}
	checkDaemonFds(t, pid, map[int]string{0: "/dev/null", 1: "/dev/null", 2: "/dev/null"})
	if b, _ := os.ReadFile(pidFile); string(b) != strconv.Itoa(pid)+"\n" {
		t.Errorf("pid file %q, want %d", b, pid)
	}
}
