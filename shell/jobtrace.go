package shell

// The job-control trace's output (set -o jobtrace). The lines themselves
// are made in package jobs (jobs/trace.go); this file decides where they go
// and writes them without ever stopping the shell.

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"unsafe"

	"github.com/gosh-sh/gosh/jobs"
	"golang.org/x/sys/unix"
)

// jobTraceWriter returns the function that writes one trace line, prefixed
// "jobtrace: ", where GOSH_JOBTRACE says: the shell's standard error when
// it is unset, empty or "1", else the file it names (relative to the
// current directory), opened for appending. The variable is read when the
// trace is turned on, so `GOSH_JOBTRACE=~/trace; set -o jobtrace` works in
// a running shell as well as in the environment.
//
// A file is opened, appended to and closed for each line: the shell keeps
// no descriptor for it, and lines from several shells (or a file rotated
// away) never interleave within a line, since O_APPEND writes are atomic.
func (r *Shell) jobTraceWriter() func(format string, args ...any) {
	dest := r.varValue("GOSH_JOBTRACE")
	if dest == "" || dest == "1" {
		w := r.g.errOut
		f, isFile := w.(*os.File)
		onTerminal := isFile && isTerminal(int(f.Fd()))
		return func(format string, args ...any) {
			line := []byte("jobtrace: " + fmt.Sprintf(format, args...) + "\n")
			if onTerminal {
				writeWithTTOUBlocked(f, line)
				return
			}
			w.Write(line)
		}
	}
	path := r.abs(dest)
	return func(format string, args ...any) {
		line := []byte("jobtrace: " + fmt.Sprintf(format, args...) + "\n")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return // a trace must never disturb the job it describes
		}
		f.Write(line)
		f.Close()
	}
}

// writeWithTTOUBlocked writes to the terminal f with SIGTTOU blocked, on a
// locked OS thread of its own. The trace is written while a job owns the
// terminal (the reaper reports a status as soon as it arrives), and under
// `stty tostop` the kernel stops a background writer with SIGTTOU, which
// gosh leaves at its default: the shell itself would stop, with the
// terminal still given to the job. A blocked SIGTTOU makes the kernel let
// the write through instead (__tty_check_change), as for tcsetpgrp (see
// package tty). Only this goroutine's thread has the mask, and it starts no
// process, so no child inherits it.
func writeWithTTOUBlocked(f *os.File, line []byte) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		var set, old unix.Sigset_t
		const bits = 8 * uint(unsafe.Sizeof(set.Val[0]))
		n := uint(syscall.SIGTTOU) - 1
		set.Val[n/bits] |= 1 << (n % bits)
		if err := unix.PthreadSigmask(unix.SIG_BLOCK, &set, &old); err != nil {
			runtime.UnlockOSThread()
			return // better no line than a stopped shell
		}
		f.Write(line)
		if unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil) == nil {
			runtime.UnlockOSThread()
		} // else the thread exits locked, and the runtime discards it
	}()
	<-done
}

// TraceKill is told by the kill builtin of each signal it is about to send
// (builtins/kill.go looks for this method), so that the trace shows it in
// the same words as the signals the job table sends.
func (c builtinCtx) TraceKill(pid int, sig syscall.Signal) {
	if trace := c.r.g.jobs.Trace; trace != nil && sig != 0 { // kill -0 sends nothing
		trace("%s", jobs.KillTraceLine(pid, sig))
	}
}
