package builtins

import (
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

const killUsageLine = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n"

// killCases need no live target, so bash must print the same.
var killCases = []outputCase{
	{args: []string{"kill"}, err: killUsageLine, status: 2},
	{args: []string{"kill", "-9"}, err: killUsageLine, status: 2},
	{args: []string{"kill", "-sINT"}, err: killUsageLine, status: 2},
	{args: []string{"kill", "--"}, err: killUsageLine, status: 2},
	{args: []string{"kill", "-s"}, err: "gosh: kill: -s: option requires an argument\n", status: 1},
	{args: []string{"kill", "-n"}, err: "gosh: kill: -n: option requires an argument\n", status: 1},
	{args: []string{"kill", "-s", "FOO", "1"}, err: "gosh: kill: FOO: invalid signal specification\n", status: 1},
	{args: []string{"kill", "-FOO", "1"}, err: "gosh: kill: FOO: invalid signal specification\n", status: 1},
	{args: []string{"kill", "-x"}, err: "gosh: kill: x: invalid signal specification\n", status: 1},
	// bash reads -sigusr1 as -s igusr1.
	{args: []string{"kill", "-sigusr1", "1"}, err: "gosh: kill: igusr1: invalid signal specification\n", status: 1},
	{args: []string{"kill", "-n", "99", "1"}, err: "gosh: kill: 99: invalid signal specification\n", status: 1},
	{args: []string{"kill", "-n", "9x", "1"}, err: "gosh: kill: 9x: invalid signal specification\n", status: 1},
	{args: []string{"kill", "-0", "99999999"}, err: "gosh: kill: (99999999) - No such process\n", status: 1},
	{args: []string{"kill", "--", "-99999999"}, err: "gosh: kill: (-99999999) - No such process\n", status: 1},
	{args: []string{"kill", "abc"}, err: "gosh: kill: abc: arguments must be process or job IDs\n", status: 1},
	{args: []string{"kill", "-0", "-"}, err: "gosh: kill: -: arguments must be process or job IDs\n", status: 1},
	{args: []string{"kill", "-0", "%5"}, err: "gosh: kill: %5: no such job\n", status: 1},
	{args: []string{"kill", "-l", "130", "INT", "SIGINT", "int", "2", "0", "64", "34", "35", "50", "51", "192", " 2 ", "31"},
		out: "INT\n2\n2\n2\nINT\nEXIT\nRTMAX\nRTMIN\nRTMIN+1\nRTMAX-14\nRTMAX-13\nRTMAX\nINT\nSYS\n"},
	{args: []string{"kill", "-l", "RTMIN+1", "SIGRTMAX-2", "EXIT", "sigint", "IO", "PWR", "STKFLT", "rtmin+15", "RTMAX-14"},
		out: "35\n62\n0\n2\n29\n30\n16\n49\n50\n"},
	{args: []string{"kill", "-L", "2"}, out: "INT\n"},
	{args: []string{"kill", "-l", "--", "2"}, out: "INT\n"},
	{args: []string{"kill", "-l", "32", "33", "1"}, out: "HUP\n"},
	{args: []string{"kill", "-l", "x", "1"}, out: "HUP\n", err: "gosh: kill: x: invalid signal specification\n", status: 1},
	{args: []string{"kill", "-l", "RTMIN+16", "RTMIN+0", "RTMIN+01", "RTMIN+30", "RTMIN+ 3", "sigrtmin+2", "RTMAX-14"},
		out: "50\n34\n35\n64\n37\n36\n50\n"},
	{args: []string{"kill", "-l", "257", "128", "255", "-1x", "IOT", "CLD", "POLL", "RTMIN+31", "RTMIN+-1", "RTMAX-15", "RTMAX-01"}, status: 1,
		err: "gosh: kill: 257: invalid signal specification\ngosh: kill: 128: invalid signal specification\n" +
			"gosh: kill: 255: invalid signal specification\ngosh: kill: -1x: invalid signal specification\n" +
			"gosh: kill: IOT: invalid signal specification\ngosh: kill: CLD: invalid signal specification\n" +
			"gosh: kill: POLL: invalid signal specification\ngosh: kill: RTMIN+31: invalid signal specification\n" +
			"gosh: kill: RTMIN+-1: invalid signal specification\ngosh: kill: RTMAX-15: invalid signal specification\n" +
			"gosh: kill: RTMAX-01: invalid signal specification\n"},
}

func TestKill(t *testing.T) { checkCases(t, killCases) }

func TestKillBashAgrees(t *testing.T) {
	checkBashAgrees(t, killCases)
	for _, args := range [][]string{{"kill", "-l"}, {"kill", "-L"}, {"kill", "-l", "-1"}} {
		want := runFake(args, "")
		if got := bashBuiltin(t, args, ""); got != want {
			t.Errorf("%q:\nbash %v\ngosh %v", args, got, want)
		}
	}
}

func TestKillSignals(t *testing.T) {
	start := func() *exec.Cmd {
		cmd := exec.Command("sleep", "30")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Skip("cannot start sleep:", err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd
	}
	signalOf := func(cmd *exec.Cmd) syscall.Signal {
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("process survived the signal")
		}
		ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
		return ws.Signal()
	}
	for _, tc := range []struct {
		args []string // the pid is appended
		sig  syscall.Signal
	}{
		{nil, syscall.SIGTERM},
		{[]string{"-9"}, syscall.SIGKILL},
		{[]string{"-INT"}, syscall.SIGINT},
		{[]string{"-SIGUSR1"}, syscall.SIGUSR1},
		{[]string{"-s", "HUP"}, syscall.SIGHUP},
		{[]string{"-sQUIT"}, syscall.SIGQUIT},
		{[]string{"-n", "10"}, syscall.SIGUSR1},
		{[]string{"-n12"}, syscall.SIGUSR2},
		{[]string{"-s", "ALRM", "--"}, syscall.SIGALRM},
	} {
		cmd := start()
		f := newFake()
		args := append(append([]string{"kill"}, tc.args...), strconv.Itoa(cmd.Process.Pid))
		if st := f.run(args...); st != 0 || f.stderr.Len() > 0 {
			t.Errorf("%q: status %d, stderr %q", args, st, f.stderr.String())
			continue
		}
		if sig := signalOf(cmd); sig != tc.sig {
			t.Errorf("%q delivered %v, want %v", args, sig, tc.sig)
		}
		if len(f.continued) != 1 || f.continued[0] != cmd.Process.Pid {
			t.Errorf("%q: ContinueIfStopped got %v", args, f.continued)
		}
	}

	// A negative number and a job spec signal the whole group.
	cmd := start()
	f := newFake()
	pg := strconv.Itoa(cmd.Process.Pid)
	if st := f.run("kill", "-TERM", "-"+pg); st != 0 || signalOf(cmd) != syscall.SIGTERM {
		t.Errorf("kill -TERM -%s: status %d, stderr %q", pg, st, f.stderr.String())
	}
	cmd = start()
	f = newFake()
	f.jobs = map[string]int{"%1": cmd.Process.Pid}
	if st := f.run("kill", "%1"); st != 0 || signalOf(cmd) != syscall.SIGTERM {
		t.Errorf("kill %%1: status %d, stderr %q", st, f.stderr.String())
	}
	if len(f.continued) != 1 || f.continued[0] != -cmd.Process.Pid {
		t.Errorf("kill %%1: ContinueIfStopped got %v, want the negative pgid", f.continued)
	}

	// Stopping and probing signals do not continue the job; a failed
	// target fails the command (POSIX) but the others are still signalled.
	cmd = start()
	f = newFake()
	pid := strconv.Itoa(cmd.Process.Pid)
	for _, sig := range []string{"-0", "-STOP", "-CONT", "-TSTP", "-TTIN", "-TTOU", "-CONT"} {
		if st := f.run("kill", sig, pid); st != 0 {
			t.Errorf("kill %s: status %d", sig, st)
		}
	}
	if len(f.continued) != 0 {
		t.Errorf("ContinueIfStopped called for %v", f.continued)
	}
	if st := f.run("kill", "-KILL", "99999999", pid); st != 1 || signalOf(cmd) != syscall.SIGKILL {
		t.Errorf("kill with one bad target: status %d", st)
	}
}
