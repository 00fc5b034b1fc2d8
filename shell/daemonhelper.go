package shell

// The helper processes of the daemon builtin (daemon.go): gosh executed
// again as `gosh --daemon-helper STAGE DIR PATH ARGV...`, with the daemon's
// standard files as fds 0-2 and the report pipe as fd 3.
//
// Each helper is a process of its own, with no job table: the rule that
// one reaper owns every wait4 is the shell's, so helper 1 waits for helper
// 2 itself.

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"

	"github.com/gosh-sh/gosh/jobs"
	"golang.org/x/sys/unix"
)

// DaemonHelperFlag is the command-line flag of a daemon helper.
const DaemonHelperFlag = "--daemon-helper"

// reportFD is the helpers' descriptor of the pipe the shell reads.
const reportFD = 3

// RunDaemonHelper is the entry point of a daemon helper; args are the
// arguments after the flag: STAGE DIR PATH ARGV....
func RunDaemonHelper(args []string) int {
	if len(args) < 4 {
		report("error 2 %s: bad arguments", DaemonHelperFlag)
		return 2
	}
	stage, dir, path, argv := args[0], args[1], args[2], args[3:]
	switch stage {
	case "1":
		return daemonStage1(args)
	case "2":
		return daemonStage2(dir, path, argv)
	}
	report("error 2 %s: bad stage %q", DaemonHelperFlag, stage)
	return 2
}

// daemonStage1 runs in a process group of its own, so it cannot call
// setsid; it starts stage 2 as the leader of a new session and waits for
// it. Its exit status is stage 2's.
func daemonStage1(args []string) int {
	attr := &syscall.ProcAttr{
		Env:   os.Environ(),
		Files: []uintptr{0, 1, 2, reportFD},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	}
	argv := append([]string{"gosh", DaemonHelperFlag, "2"}, args[1:]...)
	pid, err := syscall.ForkExec("/proc/self/exe", argv, attr)
	if err != nil {
		report("error 1 cannot start the session helper: %v", err)
		return 1
	}
	for {
		var ws syscall.WaitStatus
		_, err := syscall.Wait4(pid, &ws, 0, nil)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || !ws.Exited() {
			return 1
		}
		return ws.ExitStatus()
	}
}

// daemonStage2 leads a new session that has no controlling terminal. It
// starts the daemon with a clean slate (default signal dispositions, an
// empty signal mask, only fds 0-2, the working directory dir), reports its
// pid and its own (the session id), and exits, leaving the daemon in a
// session it does not lead.
func daemonStage2(dir, path string, argv []string) int {
	// The mask a child starts with is that of the thread that forks it:
	// fork from this thread, with an empty mask.
	runtime.LockOSThread()
	var empty unix.Sigset_t
	unix.PthreadSigmask(unix.SIG_SETMASK, &empty, nil)
	jobs.DefaultIgnoredSignals()
	closeOnExecAbove(2) // the report pipe included: the daemon holds nothing of ours
	attr := &syscall.ProcAttr{Dir: dir, Env: os.Environ(), Files: []uintptr{0, 1, 2}}
	pid, err := syscall.ForkExec(path, argv, attr)
	if err != nil {
		report("error %d %s: %s", daemonExitStatus(err), argv[0], errnoText(err))
		return daemonExitStatus(err)
	}
	report("%d %d", pid, os.Getpid())
	return 0
}

// report writes one line to the shell.
func report(format string, args ...any) {
	line := fmt.Sprintf(format, args...) + "\n"
	unix.Write(reportFD, []byte(line))
}

// closeOnExecAbove marks every open descriptor above n close-on-exec, so
// that a child gets only the ones its ProcAttr lists, whatever this
// process inherited.
func closeOnExecAbove(n int) {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range ents {
		if fd, err := strconv.Atoi(e.Name()); err == nil && fd > n {
			unix.CloseOnExec(fd)
		}
	}
}

// daemonExitStatus is the status for a CMD that could not be started: 127
// when it is not there, 126 otherwise, as for any command.
func daemonExitStatus(err error) int {
	if err == syscall.ENOENT {
		return 127
	}
	return 126
}
