package shell

// The daemon builtin: `daemon [-p PIDFILE] [-o LOGFILE] [-C DIR] CMD
// [ARGS...]` starts CMD detached from the shell, its terminal and its
// session. This is the shell's side: the options, the standard files, the
// pid file, and helper 1, started and reaped through the job table. The
// helper processes, and why there are two, are package daemon.
//
// CMD is not a job: it was never in the job table, so `jobs` does not list
// it and a hang-up of the shell does not reach it; and since it is in
// another session, neither does the hang-up of the terminal.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/atomicfile"
	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/daemon"
	"github.com/gosh-sh/gosh/jobs"
	"golang.org/x/sys/unix"
)

const daemonUsage = "daemon [-p PIDFILE] [-o LOGFILE] [-C DIR] CMD [ARGS...]"

// biDaemon implements the daemon builtin. It prints the daemon's pid on
// standard output and, with -p, writes it to PIDFILE atomically. Status: 0
// when the daemon runs, 127 when CMD is not found, 126 when it cannot be
// executed, 2 for a usage error, 1 for any other failure.
func (r *Shell) biDaemon(args []string) int {
	opts, argv, err := builtins.ParseOptions(args, "p:o:C:")
	if oe, ok := err.(*builtins.OptionError); ok {
		r.errorf("daemon: %v", err)
		if !oe.Missing {
			r.errorf("daemon: usage: %s", daemonUsage)
		}
		return 2
	}
	var pidFile, logFile, dir string
	for _, o := range opts {
		switch o.Letter {
		case 'p':
			pidFile = o.Value
		case 'o':
			logFile = o.Value
		case 'C':
			dir = o.Value
		}
	}
	if len(argv) == 0 {
		r.errorf("daemon: usage: %s", daemonUsage)
		return 2
	}
	if r.g.sandbox {
		return 0 // the fuzzer's sandbox starts nothing
	}
	path, status := r.lookPath(argv[0])
	if status != 0 {
		return status
	}
	cwd := "/"
	if dir != "" {
		cwd = r.abs(dir)
		if fi, err := os.Stat(cwd); err != nil || !fi.IsDir() {
			r.errorf("daemon: %s: not a directory", dir)
			return 1
		}
	}
	// The pid file's temporary twin is made first, so that a pid file
	// that cannot be written stops the daemon from starting at all.
	var tmp *os.File
	if pidFile != "" {
		var err error
		if tmp, err = os.CreateTemp(filepath.Dir(r.abs(pidFile)), "."+filepath.Base(pidFile)+".tmp*"); err != nil {
			r.errorf("daemon: %s: %s", pidFile, errnoText(err))
			return 1
		}
		defer os.Remove(tmp.Name()) // a no-op once renamed
		defer tmp.Close()
	}
	d, err := r.startDaemon(path, argv, cwd, logFile)
	if err != nil {
		r.errorf("daemon: %v", err)
		return d.Status
	}
	fmt.Fprintln(r.stdout(), d.Pid)
	if tmp != nil {
		if err := atomicfile.Replace(tmp, r.abs(pidFile), strconv.Itoa(d.Pid)+"\n", 0o644); err != nil {
			r.errorf("daemon: %s: %s", pidFile, errnoText(err))
			return 1
		}
	}
	return 0
}

// startDaemon opens the daemon's standard files, starts helper 1 with
// them and the report pipe, reads the report and reaps helper 1.
func (r *Shell) startDaemon(path string, argv []string, dir, logFile string) (daemon.Result, error) {
	fail := daemon.Result{Status: 1}
	in, err := unix.Open(os.DevNull, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return fail, fmt.Errorf("%s: %s", os.DevNull, errnoText(err))
	}
	defer unix.Close(in)
	outPath, flags := os.DevNull, unix.O_WRONLY
	if logFile != "" {
		outPath, flags = r.abs(logFile), unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND
	}
	out, err := unix.Open(outPath, flags|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return fail, fmt.Errorf("%s: %s", outPath, errnoText(err))
	}
	defer unix.Close(out)
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return fail, fmt.Errorf("pipe: %s", errnoText(err))
	}
	report := os.NewFile(uintptr(p[0]), "daemon report")
	defer report.Close()
	wr := p[1]

	sp := &jobs.Spawn{
		Path:  r.g.exe,
		Argv:  daemon.HelperArgv(dir, path, argv),
		Env:   r.environ(),
		Files: []uintptr{uintptr(in), uintptr(out), uintptr(out), uintptr(wr)}, // the report pipe at daemon.ReportFD
	}
	t := r.g.jobs
	// A background launch that never enters the table: helper 1 gets no
	// terminal, no job number, no SIGHUP on hang-up, and no notice.
	l := t.Begin("daemon "+strings.Join(argv, " "), false)
	helper, err := l.Start(sp)
	l.Done()
	unix.Close(wr) // the helpers hold the only write ends: EOF when they are gone
	if err != nil {
		return fail, fmt.Errorf("cannot start the helper: %s", errnoText(err))
	}
	text, _ := io.ReadAll(report)
	t.WaitPid(helper.Pid, nil)

	d, err := daemon.ParseReport(string(text))
	if err != nil {
		return d, err
	}
	if t.Tracing() {
		// What the shell sees itself (getsid, and kill 0 on the session's
		// leader), not the helper's word for it. Only a session's leader
		// can give it a controlling terminal: with the leader gone, no
		// process of the session can ever have one.
		if sid, err := unix.Getsid(d.Pid); err == nil && sid != d.Pid {
			cmd := strings.Join(argv, " ")
			if unix.Kill(sid, 0) == unix.ESRCH {
				t.Trace("daemon: pid %d (%s) runs in session %d, which it does not lead (its leader, pid %d, has exited): it has no controlling terminal and can never acquire one", d.Pid, cmd, sid, sid)
			} else {
				t.Trace("daemon: pid %d (%s) runs in session %d, which it does not lead", d.Pid, cmd, sid)
			}
		}
	}
	return d, nil
}
