package jobs

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Wait statuses as the kernel encodes them.
func wsExited(code int) syscall.WaitStatus           { return syscall.WaitStatus(code << 8) }
func wsKilled(sig syscall.Signal) syscall.WaitStatus { return syscall.WaitStatus(sig) }
func wsCored(sig syscall.Signal) syscall.WaitStatus  { return syscall.WaitStatus(sig) | 0x80 }
func wsStopped(sig syscall.Signal) syscall.WaitStatus {
	return syscall.WaitStatus(sig)<<8 | 0x7f
}

const wsContinued = syscall.WaitStatus(0xffff)

func TestStateText(t *testing.T) {
	tests := []struct {
		ws      syscall.WaitStatus
		running bool
		want    string
	}{
		{0, true, "Running"},
		{wsContinued, false, "Running"},
		{wsCored(syscall.SIGSEGV), true, "Running (core dumped)"}, // bash's quirk
		{wsStopped(syscall.SIGTSTP), false, "Stopped"},
		{wsStopped(syscall.SIGSTOP), false, "Stopped (signal)"},
		{wsStopped(syscall.SIGTTIN), false, "Stopped (tty input)"}, // bash: just "Stopped"
		{wsStopped(syscall.SIGTTOU), false, "Stopped (tty output)"},
		{wsExited(0), true, "Running"}, // a finished process of a running job
		{wsStopped(syscall.SIGSTOP), true, "Running"},
		{wsExited(0), false, "Done"},
		{wsExited(3), false, "Exit 3"},
		{wsExited(255), false, "Exit 255"},
		{wsKilled(syscall.SIGTERM), false, "Terminated"},
		{wsKilled(syscall.SIGKILL), false, "Killed"},
		{wsKilled(syscall.SIGINT), false, "Interrupt"},
		{wsKilled(syscall.SIGHUP), false, "Hangup"},
		{wsKilled(syscall.SIGPIPE), false, "Broken pipe"},
		{wsKilled(syscall.SIGQUIT), false, "Quit"},
		{wsCored(syscall.SIGQUIT), false, "Quit (core dumped)"},
		{wsCored(syscall.SIGSEGV), false, "Segmentation fault (core dumped)"},
	}
	for _, tt := range tests {
		if got := StateText(tt.ws, tt.running); got != tt.want {
			t.Errorf("StateText(%#x, %t) = %q, want %q", int(tt.ws), tt.running, got, tt.want)
		}
	}
}

// TestSignalTexts compares every signal with strsignal of glibc 2.36 on
// Linux x86-64, which bash uses; bash printed the same texts for jobs
// killed by signals 1-64.
func TestSignalTexts(t *testing.T) {
	glibc := []string{
		"Unknown signal 0", "Hangup", "Interrupt", "Quit", "Illegal instruction",
		"Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception",
		"Killed", "User defined signal 1", "Segmentation fault", "User defined signal 2",
		"Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited",
		"Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)",
		"Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded",
		"File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
		"Window changed", "I/O possible", "Power failure", "Bad system call",
		"Unknown signal 32", "Unknown signal 33",
	}
	for i := 0; i <= 30; i++ {
		glibc = append(glibc, "Real-time signal "+strconv.Itoa(i))
	}
	glibc = append(glibc, "Unknown signal 65", "Unknown signal 66")
	for sig, want := range glibc {
		if got := strsignal(syscall.Signal(sig)); got != want {
			t.Errorf("signal %d: %q, want %q", sig, got, want)
		}
	}
}

// TestFormatJobLine checks lines that bash 5.2 printed in an interactive
// session on a pty (`jobs` and job notices).
func TestFormatJobLine(t *testing.T) {
	tests := []struct {
		id    int
		mark  byte
		state string
		cmd   string
		want  string
	}{
		{1, '+', "Stopped", "sleep 100", "[1]+  Stopped                 sleep 100"},
		{1, ' ', "Stopped", "sleep 100", "[1]   Stopped                 sleep 100"},
		{3, '-', "Stopped", "sleep 102", "[3]-  Stopped                 sleep 102"},
		{5, ' ', "Running", "sleep 104 | cat &", "[5]   Running                 sleep 104 | cat &"},
		{1, ' ', "Killed", "sleep 100", "[1]   Killed                  sleep 100"},
		{3, '+', "Terminated", "sleep 102", "[3]+  Terminated              sleep 102"},
		{6, '-', "Done", "( exit 3 ) | true", "[6]-  Done                    ( exit 3 ) | true"},
		{7, '+', "Exit 4", "true | ( exit 4 )", "[7]+  Exit 4                  true | ( exit 4 )"},
		{2, ' ', "Unknown signal 32", "sleep 100", "[2]   Unknown signal 32       sleep 100"},
		{1, ' ', "Segmentation fault (core dumped)", "sleep 100",
			"[1]   Segmentation fault      (core dumped) sleep 100"},
		{3, '+', "Running (core dumped)", "sleep 100 | sleep 101 &",
			"[3]+  Running                 (core dumped) sleep 100 | sleep 101 &"},
		// 24 bytes exactly: no space at all, as bash prints it.
		{1, ' ', "Floating point exception", "sleep 100", "[1]   Floating point exceptionsleep 100"},
		// Longer than 24: printf's negative width pads on the right.
		{1, ' ', strings.Repeat("x", 26), "c", "[1]   " + strings.Repeat("x", 26) + "  c"},
		{12, '+', "Running", "vi &", "[12]+  Running                 vi &"},
	}
	for _, tt := range tests {
		if got := FormatJobLine(tt.id, tt.mark, tt.state, tt.cmd); got != tt.want {
			t.Errorf("FormatJobLine(%d, %q, %q, %q) =\n%q, want\n%q", tt.id, tt.mark, tt.state, tt.cmd, got, tt.want)
		}
	}
}

// TestFormatJobLong checks the layout of `jobs -l`: bash 5.2's (the job
// prefix, pids in five columns, the state padded to 24, "| " before later
// commands, the core note after the state column), with each process's
// group and session after its pid and each process's own state.
func TestFormatJobLong(t *testing.T) {
	type proc struct {
		pid, pgid, sid int
		status         syscall.WaitStatus
		running        bool
		cmd            string
	}
	tests := []struct {
		name  string
		id    int
		mark  byte
		procs []proc
		want  string
	}{
		{"stopped by SIGSTOP", 1, ' ',
			[]proc{{3749, 3749, 3700, wsStopped(syscall.SIGSTOP), false, "sleep 100"}},
			"[1]   3749  3749  3700 Stopped (signal)        sleep 100"},
		{"stopped by SIGTTIN", 2, ' ',
			[]proc{{3750, 3750, 3700, wsStopped(syscall.SIGTTIN), false, "sleep 101"}},
			"[2]   3750  3750  3700 Stopped (tty input)     sleep 101"},
		{"stopped by SIGTTOU", 3, '-',
			[]proc{{3751, 3751, 3700, wsStopped(syscall.SIGTTOU), false, "sleep 102"}},
			"[3]-  3751  3751  3700 Stopped (tty output)    sleep 102"},
		{"stopped by SIGTSTP: bash's plain Stopped", 4, '+',
			[]proc{{3752, 3752, 3700, wsStopped(syscall.SIGTSTP), false, "sleep 103"}},
			"[4]+  3752  3752  3700 Stopped                 sleep 103"},
		{"running pipeline: every line has its state", 5, ' ',
			[]proc{{3753, 3753, 3700, 0, true, "sleep 104"}, {3754, 3753, 3700, 0, true, "cat &"}},
			"[5]   3753  3753  3700 Running                 sleep 104\n" +
				"      3754  3753  3700 Running                 | cat &"},
		{"continued: running again", 5, ' ',
			[]proc{{3753, 3753, 3700, wsContinued, true, "sleep 104 &"}},
			"[5]   3753  3753  3700 Running                 sleep 104 &"},
		{"one member killed on its own, the others run on", 1, '+',
			[]proc{{22268, 22268, 22000, 0, true, "sleep 1000"}, {22269, 22268, 22000, 0, true, "sort"},
				{22270, 0, 0, wsKilled(syscall.SIGINT), false, "uniq &"}},
			"[1]+ 22268 22268 22000 Running                 sleep 1000\n" +
				"     22269 22268 22000 Running                 | sort\n" +
				"     22270     -     - Interrupt               | uniq &"},
		{"a member that left the job's group", 2, ' ',
			[]proc{{4000, 4000, 3700, 0, true, "sleep 1000"}, {4001, 4001, 3700, 0, true, "perl -e setpgrp &"}},
			"[2]   4000  4000  3700 Running                 sleep 1000\n" +
				"      4001  4001  3700 Running                 | perl -e setpgrp &"},
		{"stopped job, first process done", 1, '+',
			[]proc{{22264, 0, 0, wsExited(0), false, "sleep 0.1"}, {22265, 22264, 22000, wsStopped(syscall.SIGSTOP), false, "sleep 100"}},
			"[1]+ 22264     -     - Done                    sleep 0.1\n" +
				"     22265 22264 22000 Stopped (signal)        | sleep 100"},
		{"done: exit status and signals", 7, ' ',
			[]proc{{100, 0, 0, wsExited(3), false, "false"}, {101, 0, 0, wsCored(syscall.SIGSEGV), false, "crash"}},
			"[7]    100     -     - Exit 3                  false\n" +
				"       101     -     - Segmentation fault      (core dumped) | crash"},
		{"seven-digit pids widen their column", 12, '+',
			[]proc{{4194301, 4194301, 1234567, 0, true, "sleep 1 &"}},
			"[12]+ 4194301 4194301 1234567 Running                 sleep 1 &"},
	}
	for _, tt := range tests {
		lines := make([]ProcLine, len(tt.procs))
		for i, p := range tt.procs {
			lines[i] = ProcLine{Pid: p.pid, Pgid: p.pgid, Sid: p.sid,
				State: StateText(p.status, p.running), Command: p.cmd}
		}
		if got := FormatJobLong(tt.id, tt.mark, lines); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		ws   syscall.WaitStatus
		want int
	}{
		{wsExited(0), 0},
		{wsExited(3), 3},
		{wsExited(255), 255},
		{wsKilled(syscall.SIGTERM), 143},
		{wsKilled(syscall.SIGKILL), 137},
		{wsKilled(syscall.SIGINT), 130},
		{wsCored(syscall.SIGQUIT), 131},
		{wsStopped(syscall.SIGTSTP), 148}, // $? after ^Z in bash
		{wsStopped(syscall.SIGSTOP), 147},
		{wsStopped(syscall.SIGTTIN), 149},
		{wsStopped(syscall.SIGTTOU), 150},
		{wsContinued, 0},
	}
	for _, tt := range tests {
		if got := ExitStatus(tt.ws); got != tt.want {
			t.Errorf("ExitStatus(%#x) = %d, want %d", int(tt.ws), got, tt.want)
		}
	}
}

// FormatKilled is bash's non-interactive report of a job (after "bash:
// line N: "), from bash 5.2's output: the pid in five columns, a later
// process's state blank when it is the first's, the core note after the
// column.
func TestFormatKilled(t *testing.T) {
	cored := syscall.WaitStatus(int(syscall.SIGABRT) | 0x80)
	cases := []struct {
		procs []ProcLine
		want  string
	}{
		{[]ProcLine{{Pid: 4242, State: StateText(wsKilled(syscall.SIGKILL), false), Command: "sleep 10"}},
			" 4242 Killed                  sleep 10"},
		{[]ProcLine{{Pid: 21436, State: "Done", Command: "sleep 10"}, {Pid: 21437, State: "Killed", Command: "cat"}},
			"21436 Done                    sleep 10\n     21437 Killed                  | cat"},
		{[]ProcLine{{Pid: 21436, State: "Killed", Command: "a"}, {Pid: 21437, State: "Killed", Command: "b"}},
			"21436 Killed                  a\n     21437                       | b"},
		{[]ProcLine{{Pid: 23285, State: StateText(cored, false), Command: "sh -c 'kill -ABRT $$'"}},
			"23285 Aborted                 (core dumped) sh -c 'kill -ABRT $$'"},
	}
	for _, c := range cases {
		if got := FormatKilled(c.procs); got != c.want {
			t.Errorf("FormatKilled(%+v)\n got %q\nwant %q", c.procs, got, c.want)
		}
	}
}
