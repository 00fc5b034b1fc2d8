package jobs

import (
	"bytes"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A child can be stopped before it execs. With job control, a child joins
// its job's process group, and the leader of a foreground job takes the
// terminal, before it execs; from then on a ^Z typed on the terminal (or a
// kill -STOP of the group) stops it too. syscall.ForkExec returns only once
// the child has exec'd, so a child stopped in that window would block the
// shell for good, holding the table's lock: the reaper could never report
// the stop.
//
// forkExecUnstopped guards that window. If ForkExec has not returned after
// strayCheckDelay, it looks for a stopped child of the shell that the
// table does not know (it can only be the one being started), continues it
// so that it reaches its execve, and then stops the program again with the
// same signal, so the ^Z is kept, not lost: the job then stops as a whole
// and the shell reports it.
//
// What it cannot mend: the thread in ForkExec holds its P without being in
// a system call, so a garbage collection that starts while the child is
// stopped waits for it, and the whole shell with it, the watch included.
// The shell allocates little while it waits for a fork, so this stays a
// narrow window inside a narrow window.

// strayCheckDelay is how long a ForkExec may take before its children are
// looked at: far longer than a fork and exec take, so that the check
// normally never runs.
const strayCheckDelay = 20 * time.Millisecond

// forkExecUnstopped is syscall.ForkExec that no stop before the child's
// execve can block; resumed reports that the child had to be continued
// before its execve. known reports the pids the table has; it is called
// from another goroutine while ForkExec runs, so the caller must not
// change what it reads until forkExecUnstopped returns.
func forkExecUnstopped(path string, argv []string, attr *syscall.ProcAttr, known func(pid int) bool) (pid int, resumed bool, err error) {
	var (
		mu        sync.Mutex
		timer     *time.Timer
		done      bool
		continued map[int]syscall.Signal
	)
	check := func() {
		mu.Lock()
		defer mu.Unlock()
		if done {
			return
		}
		for pid, sig := range continueStoppedStrays(known) {
			if continued == nil {
				continued = map[int]syscall.Signal{}
			}
			continued[pid] = sig
		}
		timer.Reset(strayCheckDelay)
	}
	// check takes mu, so it reads known only after what the caller wrote
	// before this Unlock, and only until done is set.
	mu.Lock()
	timer = time.AfterFunc(strayCheckDelay, check)
	mu.Unlock()
	pid, err = syscall.ForkExec(path, argv, attr)
	mu.Lock()
	done = true
	timer.Stop()
	sig, resumed := continued[pid]
	mu.Unlock()
	if err == nil && resumed {
		// The program runs now, with default dispositions: it stops as
		// the job's other members did.
		unix.Kill(pid, sig)
	}
	return pid, resumed, err
}

// continueStoppedStrays sends SIGCONT to every stopped child of this
// process whose pid known rejects, and returns the signal that stopped
// each. The stop is left for the reaper to collect (WNOWAIT); once
// continued, the child reports a continue instead, which the reaper
// ignores for a pid it does not track.
func continueStoppedStrays(known func(pid int) bool) map[int]syscall.Signal {
	out := map[int]syscall.Signal{}
	for _, pid := range childPids() {
		if known(pid) {
			continue
		}
		sig, stopped := stoppedBy(pid)
		if !stopped {
			continue
		}
		out[pid] = sig
		unix.Kill(pid, unix.SIGCONT)
	}
	return out
}

// cldStopped is si_code CLD_STOPPED (<signal.h>).
const cldStopped = 5

// childInfo is siginfo_t as waitid(2) fills it in for a child, with the
// fields x/sys/unix leaves unnamed.
type childInfo struct {
	Signo, Errno, Code int32
	_                  int32
	Pid                int32
	UID                uint32
	Status             int32
	_                  [100]byte
}

// stoppedBy reports whether the child pid is stopped with its stop not yet
// collected, and by which signal. It collects nothing (WNOWAIT).
func stoppedBy(pid int) (syscall.Signal, bool) {
	var info childInfo
	_, _, e := unix.Syscall6(unix.SYS_WAITID, unix.P_PID, uintptr(pid), uintptr(unsafe.Pointer(&info)),
		unix.WSTOPPED|unix.WNOWAIT|unix.WNOHANG, 0, 0)
	if e != 0 || int(info.Pid) != pid || info.Code != cldStopped {
		return 0, false
	}
	return syscall.Signal(info.Status), true
}

// childPids lists this process's children, from the children file of each
// of its threads (a child belongs to the thread that forked it).
func childPids() []int {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return nil
	}
	var pids []int
	for _, task := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + task.Name() + "/children")
		if err != nil {
			continue
		}
		for _, f := range bytes.Fields(b) {
			if pid, err := strconv.Atoi(string(f)); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}
