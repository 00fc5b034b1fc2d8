package tty

import (
	"errors"
	"os"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Error is the type of the package's sentinel errors. They are constants,
// so no caller can replace them.
type Error string

func (e Error) Error() string { return string(e) }

// ErrBackground is returned by [WaitUntilForeground] and [TakeControl] when
// SIGTTIN does not stop the shell's process group, so the shell would spin
// forever in the background. That happens when the group is orphaned (the
// kernel discards job-control stop signals sent to an orphaned group) or when
// SIGTTIN is ignored or caught. bash gives up the same way, after 16 rounds,
// with "no job control in background".
const ErrBackground Error = "tty: no job control in background"

// maxTTINRounds is how many times WaitUntilForeground stops its group before
// it concludes that SIGTTIN cannot stop it. It is bash's limit
// (initialize_job_control in jobs.c). Each round normally costs the user an
// action in the parent shell (fg or bg), so a legitimate wait never gets
// near it.
const maxTTINRounds = 16

// minTTYFD is the lowest descriptor OpenTTY returns, as dash's savefd
// does: descriptors 0-9 belong to the user's redirections (exec 3>file).
const minTTYFD = 10

// Foreground returns the foreground process group of the terminal fd
// (tcgetpgrp). It needs no protection: reading the foreground group is
// allowed from any process group. On a pseudo-terminal master it returns
// the foreground group of the slave side, which tests use to observe a
// session from outside.
func Foreground(fd int) (pgid int, err error) {
	err = ignoringEINTR(func() error {
		var e error
		pgid, e = unix.IoctlGetInt(fd, unix.TIOCGPGRP)
		return e
	})
	if err != nil {
		return 0, os.NewSyscallError("tcgetpgrp", err)
	}
	return pgid, nil
}

// SetForeground makes pgid the foreground process group of the terminal fd
// (tcsetpgrp).
//
// Invariant: the ioctl runs in withStopSignalsBlocked, on a locked OS
// thread that blocks SIGTTOU. The kernel then lets a caller outside the
// foreground group, orphaned or not, change the group without sending it
// SIGTTOU. Without that, a caller in the background would be stopped (SIGTTOU
// at its default action), or would restart the ioctl forever (SIGTTOU caught
// by a Go handler, which the runtime installs with SA_RESTART), or would get
// ENOTTY (an orphaned group, such as a login shell's).
func SetForeground(fd, pgid int) error {
	err := withStopSignalsBlocked(func() error {
		return ignoringEINTR(func() error {
			return unix.IoctlSetPointerInt(fd, unix.TIOCSPGRP, pgid)
		})
	})
	if err != nil {
		return os.NewSyscallError("tcsetpgrp", err)
	}
	return nil
}

// GetAttr returns the modes of the terminal fd (tcgetattr). Reading modes is
// allowed from any process group, so it needs no protection.
func GetAttr(fd int) (*unix.Termios, error) {
	var t *unix.Termios
	err := ignoringEINTR(func() error {
		var e error
		t, e = unix.IoctlGetTermios(fd, unix.TCGETS)
		return e
	})
	if err != nil {
		return nil, os.NewSyscallError("tcgetattr", err)
	}
	return t, nil
}

// SetAttr sets the modes of the terminal fd to t once all output already
// written to it has been transmitted (tcsetattr with TCSADRAIN). Draining
// first keeps a job's last output from being shown under the shell's modes
// or the other way round.
//
// Invariant: like [SetForeground], it runs with SIGTTOU blocked on a locked
// thread, because tcsetattr from a background group goes through the same
// kernel check and the shell sets its own modes back while a stopped job
// may still own the terminal.
func SetAttr(fd int, t *unix.Termios) error {
	err := withStopSignalsBlocked(func() error {
		return ignoringEINTR(func() error {
			return unix.IoctlSetTermios(fd, unix.TCSETSW, t)
		})
	})
	if err != nil {
		return os.NewSyscallError("tcsetattr", err)
	}
	return nil
}

// SignalKeysOn turns on the terminal's signal keys (ISIG), so that ^C
// sends SIGINT to the foreground process group again, and returns the
// function that puts back the modes it found. A line editor keeps ISIG off
// to read ^C as a key; while it runs shell code for a key (a completion
// function), ^C must interrupt that code as it would a command.
//
// Invariant: only ISIG changes, both ways: the raw mode the editor set
// stays around it, and nothing typed ahead is flushed (TCSETSW drains
// output and keeps input).
func SignalKeysOn(fd int) (restore func() error, err error) {
	t, err := GetAttr(fd)
	if err != nil {
		return nil, err
	}
	saved := *t
	t.Lflag |= unix.ISIG
	if err := SetAttr(fd, t); err != nil {
		return nil, err
	}
	return func() error { return SetAttr(fd, &saved) }, nil
}

// WriteTerminal writes b to the terminal f with the stop signals blocked
// (see [withStopSignalsBlocked]), so that a shell writing while a job owns
// the terminal is not stopped by SIGTTOU under `stty tostop`: with SIGTTOU
// blocked the kernel lets the write through (__tty_check_change).
func WriteTerminal(f *os.File, b []byte) error {
	return withStopSignalsBlocked(func() error {
		_, err := f.Write(b)
		return err
	})
}

// IsTerminal reports whether fd refers to a terminal.
func IsTerminal(fd int) bool {
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil
}

// WaitUntilForeground returns once the terminal fd's foreground group is
// the caller's process group. This is the start-up rule of an interactive
// shell (glibc manual, "Initializing the Shell"): a shell started in the
// background must not take the terminal from the job that has it, so it
// stops its whole group with SIGTTIN until the parent shell brings it to the
// foreground and continues it.
//
// Invariant: SIGTTIN must be at its default action (stop) when this runs.
// Go leaves it there unless the program calls signal.Notify or
// signal.Ignore for it or inherits it ignored; gosh must do neither before
// start-up. If SIGTTIN does not stop the group, the loop gives up after
// maxTTINRounds with [ErrBackground] instead of spinning.
func WaitUntilForeground(fd int) error {
	for round := 0; ; round++ {
		fg, err := Foreground(fd)
		if err != nil {
			return err
		}
		pgrp := unix.Getpgrp()
		if fg == pgrp {
			return nil
		}
		if round == maxTTINRounds {
			return ErrBackground
		}
		if err := stopGroupWithTTIN(pgrp); err != nil {
			return err
		}
	}
}

// stopGroupWithTTIN sends SIGTTIN to the process group pgrp, the caller's,
// and returns only once the kernel has acted on it for the calling process:
// the process has been stopped and continued again, or the signal was
// discarded (an orphaned group), ignored or handled.
//
// The whole group gets the signal, as glibc and bash send it, so that
// every process sharing the shell's group waits with it. But Go is
// multi-threaded: a signal sent to a process is taken by a thread of the
// kernel's choosing, and the stop reaches the calling thread a little
// later. The caller's next check of the foreground group could then be
// made before the stop and read after it, stale, and send a second
// SIGTTIN that stops the continued shell again.
//
// So the calling thread first blocks SIGTTIN and sends it to itself, then
// sends it to the group, then unblocks it. Whatever the interleaving, the
// round is over when the unblocking call returns, at the cost of one stop:
//   - if the group-wide signal stopped the process first, the SIGCONT that
//     continued it also discarded every pending stop signal, this thread's
//     own among them;
//   - otherwise this thread takes its own SIGTTIN on the way out of the
//     unblocking call, and the process stops there (and the SIGCONT
//     discards the group-wide one, if still pending), or, in an orphaned
//     group, the kernel discards both.
//
// The order matters: sent after the group-wide signal, the thread's own
// SIGTTIN could arrive after the stop and the continue, and stop the
// process a second time.
func stopGroupWithTTIN(pgrp int) error {
	var ttin unix.Sigset_t
	sigaddset(&ttin, unix.SIGTTIN)
	return withSignalsBlocked(ttin, func() error {
		if err := unix.Tgkill(unix.Getpid(), unix.Gettid(), unix.SIGTTIN); err != nil {
			return os.NewSyscallError("tgkill", err)
		}
		if err := unix.Kill(-pgrp, unix.SIGTTIN); err != nil {
			return os.NewSyscallError("kill", err)
		}
		return nil
	})
}

// TakeControl sets an interactive shell up as the owner of the terminal fd,
// as the glibc manual's init_shell does:
//  1. wait until the shell is in the foreground ([WaitUntilForeground]);
//  2. put the shell in a process group of its own, unless it leads one
//     already. A session leader always does (its group ID is its PID), and
//     it could not change group anyway;
//  3. make that group the terminal's foreground group;
//  4. return the shell's modes, which the shell restores whenever it gets
//     the terminal back from a job.
//
// If step 3 fails after step 2 moved the shell, the shell goes back to its
// old group, as bash does, so it does not linger in a group of its own
// without the terminal.
func TakeControl(fd int) (shellPgid int, saved *unix.Termios, err error) {
	if err := WaitUntilForeground(fd); err != nil {
		return 0, nil, err
	}
	pid := unix.Getpid()
	oldPgrp := unix.Getpgrp()
	if oldPgrp != pid {
		if err := unix.Setpgid(0, 0); err != nil {
			return 0, nil, os.NewSyscallError("setpgid", err)
		}
	}
	if err := SetForeground(fd, pid); err != nil {
		if oldPgrp != pid {
			_ = unix.Setpgid(0, oldPgrp) // best effort; err says what went wrong
		}
		return 0, nil, err
	}
	saved, err = GetAttr(fd)
	if err != nil {
		return 0, nil, err
	}
	return pid, saved, nil
}

// OpenTTY opens the controlling terminal, /dev/tty, for the shell's own use
// and returns a descriptor of at least 10 with close-on-exec set, as dash
// does. The high number keeps it out of the way of the user's
// redirections, and close-on-exec keeps it from leaking into children. It
// is opened blocking with unix.Open rather than os.OpenFile, so that Go's
// poller never switches it to non-blocking mode behind a child's back.
func OpenTTY() (fd int, err error) {
	var low int
	err = ignoringEINTR(func() error {
		var e error
		low, e = unix.Open("/dev/tty", unix.O_RDWR|unix.O_CLOEXEC, 0)
		return e
	})
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: "/dev/tty", Err: err}
	}
	if low >= minTTYFD {
		return low, nil
	}
	fd, err = unix.FcntlInt(uintptr(low), unix.F_DUPFD_CLOEXEC, minTTYFD)
	unix.Close(low)
	if err != nil {
		return -1, os.NewSyscallError("fcntl", err)
	}
	return fd, nil
}

// withStopSignalsBlocked runs f on an OS thread of its own whose signal
// mask blocks SIGTTOU, SIGTTIN and SIGTSTP (see [withSignalsBlocked]).
//
// Why these signals: the kernel's terminal checks (__tty_check_change) look
// at the calling thread's blocked set, and a blocked SIGTTOU lets a
// background caller change the terminal. SIGTTIN and SIGTSTP are blocked
// too, as dash blocks everything around tcsetpgrp, so that no stop signal is
// taken on this thread while the terminal is half handed over; they stay
// pending for the process, and another thread takes them.
//
// f must never start a process: a child inherits the mask of the thread
// that forks it, and would start with the stop signals blocked, so ^Z
// would not stop it (design notes §A3, "maskleak").
func withStopSignalsBlocked(f func() error) error {
	return withSignalsBlocked(stopSignalSet(), f)
}

// withSignalsBlocked runs f with the signals in set blocked, on a fresh
// goroutine locked to its OS thread, and restores the thread's mask before
// the thread goes back to the Go scheduler.
//
// Invariants:
//   - The mask touches no other goroutine, whatever the caller's own thread
//     state is (it may have locked its thread itself).
//   - Signals that became pending for this thread while blocked are
//     delivered on the way out of the restoring call, before this returns.
//   - If the mask cannot be restored, the goroutine exits still locked, and
//     the Go runtime then destroys the thread rather than reuse it.
func withSignalsBlocked(set unix.Sigset_t, f func() error) error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		var old unix.Sigset_t
		if err := unix.PthreadSigmask(unix.SIG_BLOCK, &set, &old); err != nil {
			runtime.UnlockOSThread()
			done <- os.NewSyscallError("pthread_sigmask", err)
			return
		}
		err := f()
		if rerr := unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil); rerr != nil {
			// Exit locked: the thread dies with its wrong mask.
			done <- errors.Join(err, os.NewSyscallError("pthread_sigmask", rerr))
			return
		}
		runtime.UnlockOSThread()
		done <- err
	}()
	return <-done
}

// stopSignalSet returns the set {SIGTTOU, SIGTTIN, SIGTSTP}.
func stopSignalSet() unix.Sigset_t {
	var s unix.Sigset_t
	for _, sig := range [...]unix.Signal{unix.SIGTTOU, unix.SIGTTIN, unix.SIGTSTP} {
		sigaddset(&s, sig)
	}
	return s
}

// sigaddset adds sig to s. The width of Sigset_t's words differs between
// Linux architectures, hence the computed word size.
func sigaddset(s *unix.Sigset_t, sig unix.Signal) {
	const bits = 8 * uint(unsafe.Sizeof(s.Val[0]))
	n := uint(sig) - 1
	s.Val[n/bits] |= 1 << (n % bits)
}

// sigismember reports whether sig is in s.
func sigismember(s *unix.Sigset_t, sig unix.Signal) bool {
	const bits = 8 * uint(unsafe.Sizeof(s.Val[0]))
	n := uint(sig) - 1
	return s.Val[n/bits]&(1<<(n%bits)) != 0
}

// ignoringEINTR calls f until it fails with something other than EINTR. Go
// installs its handlers with SA_RESTART, but a handler installed by other
// means, or an ioctl that waits (TCSETSW drains output), may still return
// EINTR.
func ignoringEINTR(f func() error) error {
	for {
		err := f()
		if err != unix.EINTR {
			return err
		}
	}
}
