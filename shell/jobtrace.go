package shell

// The job-control trace's output (set -o jobtrace). The lines themselves
// are made in package jobs (jobs/trace.go); this file decides where they go
// and writes them without ever stopping the shell.

import (
	"fmt"
	"os"
	"syscall"

	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/tty"
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
		// The trace is written while a job owns the terminal (the reaper
		// reports a status as soon as it arrives): under `stty tostop` a
		// plain write would stop the shell with the terminal still the
		// job's. A line that cannot be written is dropped.
		onTerminal := isFile && tty.IsTerminal(int(f.Fd()))
		return func(format string, args ...any) {
			line := []byte("jobtrace: " + fmt.Sprintf(format, args...) + "\n")
			if onTerminal {
				tty.WriteTerminal(f, line)
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

// TraceKill is told by the kill builtin of each signal it is about to send
// (builtins/kill.go looks for this method), so that the trace shows it in
// the same words as the signals the job table sends.
func (c builtinCtx) TraceKill(pid int, sig syscall.Signal) {
	if t := c.r.g.jobs; sig != 0 && t.Tracing() { // kill -0 sends nothing
		t.Trace("%s", jobs.KillTraceLine(pid, sig))
	}
}
