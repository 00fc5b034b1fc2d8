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
		{wsStopped(syscall.SIGSTOP), false, "Stopped"}, // `jobs` does not name it
		{wsStopped(syscall.SIGTTIN), false, "Stopped"},
		{wsStopped(syscall.SIGTTOU), false, "Stopped"},
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

func TestLongStateText(t *testing.T) {
	tests := []struct {
		ws      syscall.WaitStatus
		running bool
		want    string
	}{
		{wsStopped(syscall.SIGTSTP), false, "Stopped"},
		{wsStopped(syscall.SIGSTOP), false, "Stopped (signal)"},
		{wsStopped(syscall.SIGTTIN), false, "Stopped (tty input)"},
		{wsStopped(syscall.SIGTTOU), false, "Stopped (tty output)"},
		{wsExited(0), true, "Running"}, // a finished process of a running job
		{wsStopped(syscall.SIGSTOP), true, "Running"},
		{wsExited(0), false, "Done"},
		{wsExited(1), false, "Exit 1"},
		{wsKilled(syscall.SIGKILL), false, "Killed"},
	}
	for _, tt := range tests {
		if got := LongStateText(tt.ws, tt.running); got != tt.want {
			t.Errorf("LongStateText(%#x, %t) = %q, want %q", int(tt.ws), tt.running, got, tt.want)
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

// TestFormatJobLong checks `jobs -l` output that bash 5.2 printed, from
// the processes' wait statuses through LongStates.
func TestFormatJobLong(t *testing.T) {
	type proc struct {
		pid     int
		status  syscall.WaitStatus
		running bool
		cmd     string
	}
	tests := []struct {
		name       string
		id         int
		mark       byte
		jobRunning bool
		procs      []proc
		want       string
	}{
		{"stopped by SIGSTOP", 1, ' ', false,
			[]proc{{3749, wsStopped(syscall.SIGSTOP), false, "sleep 100"}},
			"[1]   3749 Stopped (signal)        sleep 100"},
		{"stopped by SIGTTIN", 2, ' ', false,
			[]proc{{3750, wsStopped(syscall.SIGTTIN), false, "sleep 101"}},
			"[2]   3750 Stopped (tty input)     sleep 101"},
		{"stopped by SIGTTOU", 3, '-', false,
			[]proc{{3751, wsStopped(syscall.SIGTTOU), false, "sleep 102"}},
			"[3]-  3751 Stopped (tty output)    sleep 102"},
		{"stopped by SIGTSTP", 4, '+', false,
			[]proc{{3752, wsStopped(syscall.SIGTSTP), false, "sleep 103"}},
			"[4]+  3752 Stopped                 sleep 103"},
		{"running pipeline, same status: blank", 5, ' ', true,
			[]proc{{3753, 0, true, "sleep 104"}, {3754, 0, true, "cat &"}},
			"[5]   3753 Running                 sleep 104\n" +
				"      3754                       | cat &"},
		{"running job, one process stopped", 6, ' ', true,
			[]proc{{3755, 0, true, "sleep 105"}, {3756, wsStopped(syscall.SIGSTOP), false, "sleep 106 &"}},
			"[6]   3755 Running                 sleep 105\n" +
				"      3756 Running                 | sleep 106 &"},
		{"five-digit PIDs, first process done", 1, ' ', true,
			[]proc{{22264, wsExited(0), false, "sleep 0.1"}, {22265, 0, true, "sleep 100 &"}},
			"[1]  22264 Running                 sleep 0.1\n" +
				"     22265 Running                 | sleep 100 &"},
		{"three processes", 3, '+', true,
			[]proc{{22268, 0, true, "sleep 100"}, {22269, 0, true, "sleep 100"},
				{22270, wsStopped(syscall.SIGSTOP), false, "sleep 100 &"}},
			"[3]+ 22268 Running                 sleep 100\n" +
				"     22269                       | sleep 100\n" +
				"     22270 Running                 | sleep 100 &"},
		{"stopped job, first process done", 1, '+', false,
			[]proc{{22264, wsExited(0), false, "sleep 0.1"}, {22265, wsStopped(syscall.SIGSTOP), false, "sleep 100"}},
			"[1]+ 22264 Done                    sleep 0.1\n" +
				"     22265 Stopped (signal)        | sleep 100"},
		{"core dumped on a later process of a running job", 3, '+', true,
			[]proc{{4828, 0, true, "sleep 100"}, {4829, wsCored(syscall.SIGSEGV), false, "sleep 101 &"}},
			"[3]+  4828 Running                 sleep 100\n" +
				"      4829 Running                 (core dumped) | sleep 101 &"},
		// Not seen in a session but follows from print_pipeline: a blank
		// state still carries the core note.
		{"same status, core dumped", 2, ' ', false,
			[]proc{{100, wsCored(syscall.SIGSEGV), false, "a"}, {101, wsCored(syscall.SIGSEGV), false, "b"}},
			"[2]    100 Segmentation fault      (core dumped) a\n" +
				"       101                       (core dumped) | b"},
	}
	for _, tt := range tests {
		statuses := make([]ProcStatus, len(tt.procs))
		for i, p := range tt.procs {
			statuses[i] = ProcStatus{Status: p.status, Running: p.running}
		}
		states := LongStates(tt.jobRunning, statuses)
		lines := make([]ProcLine, len(tt.procs))
		for i, p := range tt.procs {
			lines[i] = ProcLine{Pid: p.pid, State: states[i], Command: p.cmd}
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
