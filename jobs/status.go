package jobs

// The text of job states and the layout of job lines, as bash 5.2 prints
// them in `jobs` and job notices, and `jobs -l` with each process's group
// and session added. Pure functions of wait statuses: no system calls, so
// they are table-tested against bash's real output (status_test.go).

import (
	"strconv"
	"strings"
	"syscall"
)

// stateWidth is the width of the state column. bash pads the state to
// LONGEST_SIGNAL_DESC, 24, the length of the longest signal description
// ("Floating point exception").
const stateWidth = 24

// coreSuffix marks a state whose process dumped core. bash prints the note
// after the padded state column, not inside it; FormatJobLine and
// FormatJobLong put it there.
const coreSuffix = " (core dumped)"

// StateText returns a job's or a process's state as `jobs`, `jobs -l` and
// job notices show it: "Running", "Done", "Exit 3", "Stopped" (SIGTSTP),
// "Stopped (signal)" (SIGSTOP), "Stopped (tty input)" (SIGTTIN), "Stopped
// (tty output)" (SIGTTOU), or the description of the signal that killed it
// ("Terminated", "Killed", "Interrupt", "Hangup", and so on, as glibc's
// strsignal words them), with " (core dumped)" appended when the process
// dumped core. Unlike bash, which says just "Stopped" outside `jobs -l`,
// gosh always names the stop signal: the notice is where a user learns why
// a background job stopped.
//
// running reports whether the job (or process) runs; ws is the status of
// the process shown: for a job, the last process of the pipeline or, when
// it is stopped, a stopped one. The core note shows even on a running job
// whose last process dumped core (bash prints "Running (core dumped)"),
// which is why ws matters when running is true; a job not yet waited for
// has ws 0, which has no such note.
func StateText(ws syscall.WaitStatus, running bool) string {
	var text string
	switch {
	case running || ws.Continued():
		text = "Running"
	case ws.Stopped():
		return strsignal(ws.StopSignal())
	case ws.Signaled():
		text = strsignal(ws.Signal())
	case ws.Exited() && ws.ExitStatus() == 0:
		return "Done"
	case ws.Exited():
		return "Exit " + strconv.Itoa(ws.ExitStatus())
	default:
		return "Unknown status"
	}
	if ws.CoreDump() {
		text += coreSuffix
	}
	return text
}

// FormatJobLine lays out one job as `jobs` and job notices print it:
//
//	[1]+  Stopped                 sleep 100
//
// mark is '+' for the current job, '-' for the previous one and ' ' for
// others; state is StateText's result; cmd is printed as given (bash adds
// " &" to the command of a running background job). The result has no
// trailing newline.
func FormatJobLine(id int, mark byte, state, cmd string) string {
	var b strings.Builder
	writeJobPrefix(&b, id, mark)
	b.WriteByte(' ')
	writeStateColumn(&b, state)
	b.WriteString(cmd)
	return b.String()
}

// ProcLine is one process of a job as `jobs -l` prints it.
type ProcLine struct {
	Pid int
	// Pgid and Sid are the process's group and session as the kernel
	// reports them now; 0 when the process no longer exists.
	Pgid, Sid int
	// State is the process's own state, StateText of its last status
	// (running is whether the process itself runs); "" leaves it blank.
	State string
	// Command is the process's own command; bash adds " &" to the last
	// one of a running background job.
	Command string
}

// FormatJobLong lays out one job as `jobs -l` prints it: bash's layout, one
// line per process, the later ones prefixed "| ", with the process group
// and session added after the pid, in the order of `ps -o
// pid,pgid,sid,stat,args`:
//
//	[1]+ 12345 12345 12000 Running                 sleep 1000
//	     12346 12345 12000 Running                 | sort
//	     12347 12345 12000 Interrupt               | uniq &
//
// Unlike bash, which prints "Running" for every process of a running job
// and leaves a later line's state blank when it equals the first, every
// line shows that process's own state: `jobs -l` is where gosh shows what
// each process is doing (a member killed on its own shows its signal while
// the others run on). A process that is gone shows "-" for its group and
// session. Numbers are right-aligned in five columns, as bash's "%5ld" does
// for the pid. The lines are separated by newlines; there is no trailing
// newline.
func FormatJobLong(id int, mark byte, procs []ProcLine) string {
	var b strings.Builder
	for i, p := range procs {
		if i == 0 {
			writeJobPrefix(&b, id, mark)
		} else {
			b.WriteString("\n     ")
		}
		writeID(&b, p.Pid)
		b.WriteByte(' ')
		writeID(&b, p.Pgid)
		b.WriteByte(' ')
		writeID(&b, p.Sid)
		b.WriteByte(' ')
		writeStateColumn(&b, p.State)
		if i > 0 {
			b.WriteString("| ")
		}
		b.WriteString(p.Command)
	}
	return b.String()
}

// FormatKilled lays out a job that a signal killed as a non-interactive
// bash reports it (pretty_print_job's JLIST_NONINTERACTIVE form), to follow
// "gosh: line N: ": the pid in five columns, the state column and the
// command; each later process of a pipeline on a line of its own, indented
// five, its state left blank when it is the first process's, and "| "
// before its command:
//
//	12345 Done                    sleep 10
//	     12346 Killed                  | cat
//
// Pgid and Sid are not shown. There is no trailing newline.
func FormatKilled(procs []ProcLine) string {
	var b strings.Builder
	for i, p := range procs {
		state := p.State
		if i > 0 {
			b.WriteString("\n     ")
			if state == procs[0].State {
				state = ""
			}
		}
		writeID(&b, p.Pid)
		b.WriteByte(' ')
		writeStateColumn(&b, state)
		if i > 0 {
			b.WriteString("| ")
		}
		b.WriteString(p.Command)
	}
	return b.String()
}

// writeJobPrefix writes "[id]mark ".
func writeJobPrefix(b *strings.Builder, id int, mark byte) {
	b.WriteByte('[')
	b.WriteString(strconv.Itoa(id))
	b.WriteByte(']')
	b.WriteByte(mark)
	b.WriteByte(' ')
}

// writeID writes a pid, pgid or sid right-aligned in five columns, "-"
// for 0 (none).
func writeID(b *strings.Builder, pid int) {
	s := "-"
	if pid > 0 {
		s = strconv.Itoa(pid)
	}
	for n := len(s); n < 5; n++ {
		b.WriteByte(' ')
	}
	b.WriteString(s)
}

// writeStateColumn writes state padded to stateWidth, then the core note,
// the way bash's print_pipeline does, quirks included:
//   - a blank state counts as two wide (the "| " that follows it on a
//     continuation line), so it is padded with 22 spaces;
//   - bash pads with printf("%*s", 24-len, ""), and a negative width means
//     left-justified in |24-len| columns, so a state longer than 24 bytes
//     would be followed by that many spaces rather than none. No state
//     bash prints is that long; the rule is kept so that the layout stays
//     bash's if one ever is.
func writeStateColumn(b *strings.Builder, state string) {
	text, cored := strings.CutSuffix(state, coreSuffix)
	b.WriteString(text)
	n := len(text)
	if n == 0 {
		n = 2
	}
	pad := stateWidth - n
	if pad < 0 {
		pad = -pad
	}
	b.WriteString(strings.Repeat(" ", pad))
	if cored {
		b.WriteString("(core dumped) ")
	}
}

// ExitStatus returns the exit status a shell gives a process, or a job
// whose status is ws: the exit code of a process that exited, 128 plus the
// signal number for one killed by a signal (143 for SIGTERM), and 128 plus
// the stop signal for one that stopped (148 for SIGTSTP, which is what $?
// is after ^Z in bash, 147 for SIGSTOP, 149 for SIGTTIN). A process that
// was continued, or has not changed state, has no exit status yet; the
// result is then 0.
func ExitStatus(ws syscall.WaitStatus) int {
	switch {
	case ws.Exited():
		return ws.ExitStatus()
	case ws.Signaled():
		return 128 + int(ws.Signal())
	case ws.Stopped():
		return 128 + int(ws.StopSignal())
	}
	return 0
}

// strsignal returns the description of sig that glibc's strsignal gives
// on Linux, which is what bash prints for a job killed or stopped by sig.
// Go's own Signal.String is worded differently ("killed", not "Killed").
// Real-time signals are numbered from glibc's SIGRTMIN, 34: signals 32 and
// 33 are taken by glibc's threads implementation and are "Unknown". The
// numbers are those of x86, ARM, RISC-V, PowerPC and s390; MIPS, whose
// signals are numbered differently, is not supported.
func strsignal(sig syscall.Signal) string {
	const sigrtmin, sigrtmax = 34, 64
	switch sig {
	case syscall.SIGHUP:
		return "Hangup"
	case syscall.SIGINT:
		return "Interrupt"
	case syscall.SIGQUIT:
		return "Quit"
	case syscall.SIGILL:
		return "Illegal instruction"
	case syscall.SIGTRAP:
		return "Trace/breakpoint trap"
	case syscall.SIGABRT:
		return "Aborted"
	case syscall.SIGBUS:
		return "Bus error"
	case syscall.SIGFPE:
		return "Floating point exception"
	case syscall.SIGKILL:
		return "Killed"
	case syscall.SIGUSR1:
		return "User defined signal 1"
	case syscall.SIGSEGV:
		return "Segmentation fault"
	case syscall.SIGUSR2:
		return "User defined signal 2"
	case syscall.SIGPIPE:
		return "Broken pipe"
	case syscall.SIGALRM:
		return "Alarm clock"
	case syscall.SIGTERM:
		return "Terminated"
	case syscall.SIGSTKFLT:
		return "Stack fault"
	case syscall.SIGCHLD:
		return "Child exited"
	case syscall.SIGCONT:
		return "Continued"
	case syscall.SIGSTOP:
		return "Stopped (signal)"
	case syscall.SIGTSTP:
		return "Stopped"
	case syscall.SIGTTIN:
		return "Stopped (tty input)"
	case syscall.SIGTTOU:
		return "Stopped (tty output)"
	case syscall.SIGURG:
		return "Urgent I/O condition"
	case syscall.SIGXCPU:
		return "CPU time limit exceeded"
	case syscall.SIGXFSZ:
		return "File size limit exceeded"
	case syscall.SIGVTALRM:
		return "Virtual timer expired"
	case syscall.SIGPROF:
		return "Profiling timer expired"
	case syscall.SIGWINCH:
		return "Window changed"
	case syscall.SIGIO:
		return "I/O possible"
	case syscall.SIGPWR:
		return "Power failure"
	case syscall.SIGSYS:
		return "Bad system call"
	}
	if sig >= sigrtmin && sig <= sigrtmax {
		return "Real-time signal " + strconv.Itoa(int(sig-sigrtmin))
	}
	return "Unknown signal " + strconv.Itoa(int(sig))
}
