package daemon

import (
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestMain makes the test binary a daemon helper when it is run as one, as
// gosh's main does: helper 1 starts helper 2 as /proc/self/exe.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == HelperFlag {
		os.Exit(RunHelper(os.Args[2:]))
	}
	os.Exit(m.Run())
}

func TestParseReport(t *testing.T) {
	for _, c := range []struct {
		text   string
		want   Result
		errMsg string
	}{
		{successLine(4242, 4241), Result{Pid: 4242, Sid: 4241}, ""},
		{failureLine(127, "nosuch: No such file or directory"), Result{Status: 127}, "nosuch: No such file or directory"},
		{failureLine(126, "x: Permission denied"), Result{Status: 126}, "x: Permission denied"},
		{"", Result{Status: 1}, `the helper reported ""`},
		{"0 12\n", Result{Status: 1}, `the helper reported "0 12"`},
		{"12\n", Result{Status: 1}, `the helper reported "12"`},
	} {
		got, err := ParseReport(c.text)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.errMsg {
			t.Errorf("ParseReport(%q) = %+v, %q; want %+v, %q", c.text, got, msg, c.want, c.errMsg)
		}
	}
}

func TestExitStatus(t *testing.T) {
	for err, want := range map[error]int{syscall.ENOENT: 127, syscall.EACCES: 126, syscall.ENOEXEC: 126} {
		if got := exitStatus(err); got != want {
			t.Errorf("exitStatus(%v) = %d, want %d", err, got, want)
		}
	}
	if got := errnoText(syscall.ENOENT); got != "No such file or directory" {
		t.Errorf("errnoText(ENOENT) = %q", got)
	}
}

func TestCloseOnExecAbove(t *testing.T) {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil { // without O_CLOEXEC
		t.Fatal(err)
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	closeOnExecAbove(2)
	for _, fd := range p {
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil || flags&unix.FD_CLOEXEC == 0 {
			t.Errorf("fd %d: flags %#x, %v; want close-on-exec", fd, flags, err)
		}
	}
}

// startHelper runs helper 1, as the daemon builtin does, to start path
// with argv in dir, and returns what it reported and its exit status.
func startHelper(t *testing.T, dir, path string, argv ...string) (string, int) {
	t.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	attr := &syscall.ProcAttr{
		Env:   os.Environ(),
		Files: []uintptr{null.Fd(), null.Fd(), null.Fd(), wr.Fd()},
		Sys:   &syscall.SysProcAttr{Setpgid: true}, // a group leader, as under the job table
	}
	pid, err := syscall.ForkExec(exe, HelperArgv(dir, path, argv), attr)
	wr.Close()
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	var ws syscall.WaitStatus
	for {
		_, err = syscall.Wait4(pid, &ws, 0, nil)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil || !ws.Exited() {
		t.Fatalf("helper 1: %v, %v", ws, err)
	}
	return string(text), ws.ExitStatus()
}

// The daemon runs in a session it does not lead, whose leader (helper 2)
// is gone, in the directory asked for, with its standard files on
// /dev/null and nothing else open.
func TestHelperDetaches(t *testing.T) {
	sleep := "/bin/sleep"
	if _, err := os.Stat(sleep); err != nil {
		sleep = "/usr/bin/sleep"
	}
	dir := t.TempDir()
	text, status := startHelper(t, dir, sleep, "sleep", "60")
	d, err := ParseReport(text)
	if err != nil || status != 0 {
		t.Fatalf("report %q (%v), status %d", text, err, status)
	}
	// Not our child: it is killed here, and reaped by whoever adopted it.
	t.Cleanup(func() { unix.Kill(d.Pid, unix.SIGKILL) })
	if sid, err := unix.Getsid(d.Pid); err != nil || sid != d.Sid || sid == d.Pid {
		t.Errorf("the daemon %d is in session %d (%v); reported %d, which it must not lead", d.Pid, sid, err, d.Sid)
	}
	if own, _ := unix.Getsid(0); d.Sid == own {
		t.Errorf("the daemon is in the test's session %d", own)
	}
	if err := unix.Kill(d.Sid, 0); err != unix.ESRCH {
		t.Errorf("helper 2, the session's leader, is still there: kill 0: %v", err)
	}
	proc := "/proc/" + strconv.Itoa(d.Pid)
	if cwd, err := os.Readlink(proc + "/cwd"); err != nil || cwd != dir {
		t.Errorf("the daemon's directory is %q (%v), want %q", cwd, err, dir)
	}
	// sleep opens locale files as it starts: look at its descriptors once
	// it sleeps.
	waitForSleep(t, proc)
	fds, err := os.ReadDir(proc + "/fd")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range fds {
		target, _ := os.Readlink(proc + "/fd/" + e.Name())
		if (e.Name() != "0" && e.Name() != "1" && e.Name() != "2") || target != os.DevNull {
			t.Errorf("the daemon holds fd %s -> %s", e.Name(), target)
		}
	}
}

// waitForSleep waits until the process at proc is in clock_nanosleep or
// nanosleep (/proc/PID/syscall's first field), done with its start-up.
func waitForSleep(t *testing.T, proc string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(proc + "/syscall")
		if err != nil {
			t.Fatalf("the daemon's system call: %v", err)
		}
		if nr, _, _ := strings.Cut(string(b), " "); nr == strconv.Itoa(unix.SYS_CLOCK_NANOSLEEP) || nr == strconv.Itoa(unix.SYS_NANOSLEEP) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the daemon never went to sleep: %s is %q", proc+"/syscall", b)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestHelperReportsExecFailure(t *testing.T) {
	text, status := startHelper(t, "/", "/nonexistent/cmd", "cmd")
	d, err := ParseReport(text)
	if err == nil || d.Status != 127 || status != 127 || err.Error() != "cmd: No such file or directory" {
		t.Errorf("report %q: %+v, %v, status %d; want 127 and ENOENT's text", text, d, err, status)
	}
}
