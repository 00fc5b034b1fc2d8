// Package daemon is the helper processes of the daemon builtin, which
// starts a command detached from the shell, its terminal and its session,
// the way the classic tutorials daemonize: fork, setsid, fork again,
// chdir /, standard files on /dev/null.
//
// The processes involved:
//
//	gosh (the shell)
//	 └─ helper 1: gosh --daemon-helper 1 ...   started and reaped by the job table
//	     └─ helper 2: gosh --daemon-helper 2 ...   setsid: leads a new session
//	         └─ CMD                               the daemon
//
// Go cannot fork without exec, so each helper is gosh executed again, as
// `gosh --daemon-helper STAGE DIR PATH ARGV...` (HelperArgv), with the
// daemon's standard files as descriptors 0-2 and the write end of a pipe
// the shell reads as descriptor 3 (ReportFD). gosh's main hands such a
// process to RunHelper before it is a shell at all.
//
// Helper 1 is needed because the job table starts every process of the
// shell in a process group of its own, and a group leader may not call
// setsid (EPERM): helper 1 starts helper 2 with SysProcAttr.Setsid, which
// makes it the leader of a new session without a controlling terminal.
// Helper 2 starts CMD and exits at once, so CMD is in that session but
// does not lead it: only a session leader can acquire a controlling
// terminal (by opening one), so CMD never can, whatever terminal it opens.
// Helper 2 reports CMD's pid on the pipe (ParseReport reads it); helper 1
// reaps helper 2 and exits with its status; the shell reaps helper 1. CMD,
// left without a parent, is adopted by init or the nearest subreaper,
// which reaps it when it ends. Nothing is left as a zombie.
//
// The line is drawn at the shell: the builtin's options, the pid file, the
// log file, finding CMD and reaping helper 1 through the job table are
// package shell's (daemon.go). This package is the helpers' side and the
// report they send, and imports nothing of gosh's but jobs, for setting
// ignored signals back to their default. Each helper is a process of its
// own, with no job table: the rule that one reaper owns every wait4 is the
// shell's, so helper 1 waits for helper 2 itself.
package daemon

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/gosh-sh/gosh/jobs"
	"golang.org/x/sys/unix"
)

// HelperFlag is the command-line flag of a daemon helper.
const HelperFlag = "--daemon-helper"

// ReportFD is the helpers' descriptor of the pipe the shell reads.
const ReportFD = 3

// HelperArgv is the argument list of helper 1, which starts the program
// at path, with argv, in the directory dir.
func HelperArgv(dir, path string, argv []string) []string {
	return append([]string{"gosh", HelperFlag, "1", dir, path}, argv...)
}

// RunHelper is the entry point of a daemon helper; args are the arguments
// after the flag: STAGE DIR PATH ARGV.... It returns the exit status.
func RunHelper(args []string) int {
	if len(args) < 4 {
		report(failureLine(2, HelperFlag+": bad arguments"))
		return 2
	}
	stage, dir, path, argv := args[0], args[1], args[2], args[3:]
	switch stage {
	case "1":
		return stage1(args)
	case "2":
		return stage2(dir, path, argv)
	}
	report(failureLine(2, fmt.Sprintf("%s: bad stage %q", HelperFlag, stage)))
	return 2
}

// stage1 runs in a process group of its own, so it cannot call setsid; it
// starts stage 2 as the leader of a new session and waits for it. Its exit
// status is stage 2's.
func stage1(args []string) int {
	attr := &syscall.ProcAttr{
		Env:   os.Environ(),
		Files: []uintptr{0, 1, 2, ReportFD},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	}
	argv := append([]string{"gosh", HelperFlag, "2"}, args[1:]...)
	pid, err := syscall.ForkExec("/proc/self/exe", argv, attr)
	if err != nil {
		report(failureLine(1, fmt.Sprintf("cannot start the session helper: %v", err)))
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

// stage2 leads a new session that has no controlling terminal. It starts
// the daemon with a clean slate (default signal dispositions, an empty
// signal mask, only fds 0-2, the working directory dir), reports its pid
// and its own (the session id), and exits, leaving the daemon in a session
// it does not lead.
func stage2(dir, path string, argv []string) int {
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
		status := exitStatus(err)
		report(failureLine(status, argv[0]+": "+errnoText(err)))
		return status
	}
	report(successLine(pid, os.Getpid()))
	return 0
}

// report writes one line to the shell.
func report(line string) {
	unix.Write(ReportFD, []byte(line))
}

// successLine and failureLine are the two forms of a report: the daemon's
// pid and its session's id, or the builtin's status and what went wrong.
func successLine(pid, sid int) string { return fmt.Sprintf("%d %d\n", pid, sid) }

func failureLine(status int, text string) string {
	return fmt.Sprintf("error %d %s\n", status, text)
}

// Result is what the helpers report.
type Result struct {
	Pid    int // the daemon's
	Sid    int // its session's: the pid of helper 2, which led it
	Status int // the builtin's status on failure
}

// ParseReport reads what the helpers wrote to the pipe, all of it: a
// daemon's pid and session, or an error with the builtin's status (1 when
// the report says none, as when the helpers died without a word).
func ParseReport(text string) (Result, error) {
	fail := Result{Status: 1}
	line := strings.TrimSpace(text)
	if msg, ok := strings.CutPrefix(line, "error "); ok {
		code, text, _ := strings.Cut(msg, " ")
		fail.Status, _ = strconv.Atoi(code)
		return fail, errors.New(text)
	}
	var d Result
	if n, _ := fmt.Sscanf(line, "%d %d", &d.Pid, &d.Sid); n != 2 || d.Pid <= 0 {
		return fail, fmt.Errorf("the helper reported %q", line)
	}
	return d, nil
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

// exitStatus is the status for a CMD that could not be started: 127 when
// it is not there, 126 otherwise, as for any command.
func exitStatus(err error) int {
	if err == syscall.ENOENT {
		return 127
	}
	return 126
}

// errnoText is an exec error as shells print it: "No such file or
// directory". ForkExec's errors are bare errnos.
func errnoText(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
