package tests

// Helpers that read process facts from /proc. They let a test check what the
// kernel says (process groups, sessions, stopped states, signal masks, open
// files, zombies) instead of trusting what the shell prints.
//
// Every read races with the process: it may exit, or its PID be reused, at
// any time. The helpers report a vanished process as "gone" (fs.ErrNotExist,
// or state 0 from procStat) and leave the PID-reuse risk to the test, which
// only asks about processes it keeps alive or reaps itself.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// ProcStat holds the fields of /proc/PID/stat that job-control tests use.
type ProcStat struct {
	Pid   int
	Comm  string // at most 15 bytes; may contain spaces and parentheses
	State byte   // R, S, D, T (stopped), t (traced), Z (zombie), X, I
	Ppid  int
	Pgid  int
	Sid   int
	TtyNr int // device number of the controlling terminal, 0 if none
	Tpgid int // foreground process group of that terminal, -1 if none
}

func (p ProcStat) String() string {
	return fmt.Sprintf("%d (%s) %c ppid=%d pgid=%d sid=%d tpgid=%d",
		p.Pid, p.Comm, p.State, p.Ppid, p.Pgid, p.Sid, p.Tpgid)
}

// parseStat parses the contents of /proc/PID/stat:
//
//	pid (comm) state ppid pgrp session tty_nr tpgid ...
//
// comm is whatever the process named itself and may hold ") " or a newline,
// so the only safe split is at the LAST ')' of the line.
func parseStat(b []byte) (ProcStat, error) {
	s := string(b)
	open := strings.IndexByte(s, '(')
	end := strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return ProcStat{}, fmt.Errorf("malformed stat %q", s)
	}
	f := strings.Fields(s[end+1:])
	if len(f) < 6 || len(f[0]) != 1 {
		return ProcStat{}, fmt.Errorf("malformed stat %q", s)
	}
	p := ProcStat{Comm: s[open+1 : end], State: f[0][0]}
	var err error
	for _, x := range []struct {
		dst *int
		src string
	}{
		{&p.Pid, strings.TrimSpace(s[:open])},
		{&p.Ppid, f[1]}, {&p.Pgid, f[2]}, {&p.Sid, f[3]}, {&p.TtyNr, f[4]}, {&p.Tpgid, f[5]},
	} {
		if *x.dst, err = strconv.Atoi(x.src); err != nil {
			return ProcStat{}, fmt.Errorf("malformed stat %q: %v", s, err)
		}
	}
	return p, nil
}

// readProcStat reads /proc/PID/stat. A process that is gone (reaped) gives
// an error matching fs.ErrNotExist; a zombie is still there, in state Z.
func readProcStat(pid int) (ProcStat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		// ESRCH: the process went away between open and read.
		if errors.Is(err, syscall.ESRCH) {
			err = fs.ErrNotExist
		}
		return ProcStat{}, err
	}
	return parseStat(b)
}

// procStat returns the job-control fields of /proc/PID/stat. state is 0 and
// the rest -1 if the process is gone. A stat file the parser cannot read is
// a harness bug, not a test outcome, so it panics.
func procStat(pid int) (state byte, ppid, pgid, sid, tpgid int) {
	p, err := readProcStat(pid)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, -1, -1, -1, -1
	}
	if err != nil {
		panic(err)
	}
	return p.State, p.Ppid, p.Pgid, p.Sid, p.Tpgid
}

// listProcs returns every process in /proc (threads are not listed).
// Processes that vanish during the scan are left out.
func listProcs() []ProcStat {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		panic(err)
	}
	var ps []ProcStat
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if p, err := readProcStat(pid); err == nil {
			ps = append(ps, p)
		}
	}
	return ps
}

// procsWhere returns the processes for which keep is true, by PID.
func procsWhere(keep func(ProcStat) bool) []ProcStat {
	var out []ProcStat
	for _, p := range listProcs() {
		if keep(p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b ProcStat) int { return a.Pid - b.Pid })
	return out
}

// childrenOf returns pid's children, zombies included. It scans /proc rather
// than reading /proc/PID/task/*/children: that file is per thread (gosh is a
// Go program with many threads) and, by its documentation, only reliable when
// the process is stopped.
func childrenOf(pid int) []ProcStat {
	return procsWhere(func(p ProcStat) bool { return p.Ppid == pid })
}

// descendants returns every process below pid (children, their children...),
// from one snapshot of /proc, sorted by PID.
func descendants(pid int) []ProcStat {
	all := listProcs()
	kids := map[int][]ProcStat{}
	for _, p := range all {
		kids[p.Ppid] = append(kids[p.Ppid], p)
	}
	var out []ProcStat
	queue := []int{pid}
	for len(queue) > 0 {
		for _, c := range kids[queue[0]] {
			out = append(out, c)
			queue = append(queue, c.Pid)
		}
		queue = queue[1:]
	}
	slices.SortFunc(out, func(a, b ProcStat) int { return a.Pid - b.Pid })
	return out
}

// zombiesUnder returns the descendants of pid that have exited and not been
// reaped. A shell that owns every wait leaves none once a job is done.
func zombiesUnder(pid int) []ProcStat {
	return slices.DeleteFunc(descendants(pid), func(p ProcStat) bool { return p.State != 'Z' })
}

// groupMembers returns the processes of process group pgid.
func groupMembers(pgid int) []ProcStat {
	return procsWhere(func(p ProcStat) bool { return p.Pgid == pgid })
}

// waitGroup waits until process group pgid is made of exactly the processes
// named comms (in any order; a name may repeat) and returns them by PID.
//
// Wait for this before looking at a job's processes: a child joins its group
// and may take the terminal between fork and exec, so for a moment the group
// holds a copy of the shell, with the shell's name, signal dispositions and
// descriptors, or lacks the pipeline's last member.
func waitGroup(t testing.TB, pgid int, comms ...string) []ProcStat {
	t.Helper()
	want := slices.Sorted(slices.Values(comms))
	var ps []ProcStat
	pollUntil(t, fmt.Sprintf("process group %d to be %q", pgid, want), func() (bool, string) {
		ps = groupMembers(pgid)
		got := make([]string, len(ps))
		for i, p := range ps {
			got[i] = p.Comm
		}
		slices.Sort(got)
		return slices.Equal(got, want), fmt.Sprint(ps)
	})
	return ps
}

// sessionMembers returns the processes of session sid.
func sessionMembers(sid int) []ProcStat {
	return procsWhere(func(p ProcStat) bool { return p.Sid == sid })
}

// SigSet is a signal mask as /proc/PID/status prints it: bit N-1 is signal N.
type SigSet uint64

// Has reports whether sig is in the set.
func (s SigSet) Has(sig syscall.Signal) bool { return s&(1<<(uint(sig)-1)) != 0 }

// String lists the signals by name, e.g. "SIGQUIT|SIGTSTP".
func (s SigSet) String() string {
	var names []string
	for sig := syscall.Signal(1); sig <= 64; sig++ {
		if s.Has(sig) {
			n := unix.SignalName(sig)
			if n == "" {
				n = "SIG" + strconv.Itoa(int(sig))
			}
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "|")
}

// ProcStatus holds the signal masks of /proc/PID/status. Ign and Cgt are
// per process; Blk is the mask of the main thread only (for a Go program,
// other threads may differ: read /proc/PID/task/TID/status for those).
type ProcStatus struct {
	Ign, Blk, Cgt, Pnd, ShdPnd SigSet
}

// procStatus reads the signal masks of pid. The one that matters most for
// gosh: what a child starts with in SigIgn and SigBlk is what it runs with,
// and a job must see SIGINT, SIGTSTP, SIGTTIN and SIGTTOU at their defaults.
func procStatus(pid int) (ProcStatus, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return ProcStatus{}, err
	}
	var st ProcStatus
	fields := map[string]*SigSet{"SigIgn": &st.Ign, "SigBlk": &st.Blk, "SigCgt": &st.Cgt, "SigPnd": &st.Pnd, "ShdPnd": &st.ShdPnd}
	seen := 0
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		dst := fields[k]
		if !ok || dst == nil {
			continue
		}
		n, err := strconv.ParseUint(strings.TrimSpace(v), 16, 64)
		if err != nil {
			return ProcStatus{}, fmt.Errorf("/proc/%d/status: %s: %v", pid, k, err)
		}
		*dst = SigSet(n)
		seen++
	}
	if seen != len(fields) {
		return ProcStatus{}, fmt.Errorf("/proc/%d/status: found %d of the %d signal fields", pid, seen, len(fields))
	}
	return st, nil
}

// openFds returns pid's open file descriptors and what each refers to, as
// readlink(/proc/PID/fd/N) says: a path, "pipe:[INODE]", "socket:[INODE]",
// "anon_inode:[pidfd]" and so on. Two ends of one pipe show the same inode.
// Use it to catch descriptors leaked into jobs.
func openFds(pid int) (map[int]string, error) {
	dir := "/proc/" + strconv.Itoa(pid) + "/fd"
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fds := make(map[int]string, len(ents))
	for _, e := range ents {
		fd, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		target, err := os.Readlink(dir + "/" + e.Name())
		if err != nil {
			continue // closed since ReadDir
		}
		fds[fd] = target
	}
	return fds, nil
}

// waitProcState waits until pid is in one of states (letters of
// /proc/PID/stat, e.g. "T" for stopped, "SR" for running or sleeping) and
// returns its stat. It fails t at once if the process is gone, since it can
// then never reach the state.
func waitProcState(t testing.TB, pid int, states string) ProcStat {
	t.Helper()
	var p ProcStat
	gone := false
	pollUntil(t, fmt.Sprintf("process %d to be in state [%s]", pid, states), func() (bool, string) {
		var err error
		p, err = readProcStat(pid)
		if err != nil {
			gone = true
			return true, err.Error()
		}
		return strings.IndexByte(states, p.State) >= 0, p.String()
	})
	if gone {
		t.Fatalf("process %d is gone; it never reached state [%s]", pid, states)
	}
	return p
}

// waitGone waits until pid has exited and been reaped (no /proc entry).
// A zombie is not gone: its parent has not waited for it yet.
func waitGone(t testing.TB, pid int) {
	t.Helper()
	pollUntil(t, fmt.Sprintf("process %d to be gone", pid), func() (bool, string) {
		p, err := readProcStat(pid)
		if errors.Is(err, fs.ErrNotExist) {
			return true, "gone"
		}
		return false, p.String()
	})
}

// waitExited waits until pid has exited, whether or not it has been reaped
// yet (state Z, or no /proc entry). It separates "the job died" from "the
// shell reaped it", which waitGone checks.
func waitExited(t testing.TB, pid int) {
	t.Helper()
	pollUntil(t, fmt.Sprintf("process %d to exit", pid), func() (bool, string) {
		p, err := readProcStat(pid)
		if errors.Is(err, fs.ErrNotExist) {
			return true, "gone"
		}
		return p.State == 'Z' || p.State == 'X', p.String()
	})
}

// pids returns the PIDs of ps, in order.
func pids(ps []ProcStat) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = p.Pid
	}
	return out
}
