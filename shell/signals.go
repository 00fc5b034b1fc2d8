package shell

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/parser"
	"golang.org/x/sys/unix"
)

// Pseudo-signals for trap: EXIT is 0 as in POSIX; bash's ERR is below it.
const (
	trapExit  = 0
	trapErr   = -1
	trapDebug = -2
	trapRet   = -3
)

// signals receives the signals the shell catches. Handlers never run
// shell code themselves: they mark the signal pending, and the evaluator
// runs the trap between commands (runPendingTraps), as POSIX says.
type signals struct {
	ch      chan os.Signal
	mu      sync.Mutex
	pending map[syscall.Signal]bool
	intr    chan struct{} // closed when SIGINT (or a trapped signal) arrives
	caught  map[syscall.Signal]bool
	// fatal are the signals the shell dies of when no trap is set, the
	// kernel's way or dieOf's (see catchFatal).
	fatal map[syscall.Signal]bool
	// goActions are the runtime's own actions for the signals catchFatal
	// set to SIG_DFL behind its back, to put back before catch asks
	// os/signal for one of them.
	goActions map[syscall.Signal]jobs.KernelAction
	trapped   map[syscall.Signal]bool // a trap action is set (read by onSignal)
	onSignal  func(syscall.Signal)

	// arrived counts each signal's arrivals, and arrival is closed (and
	// replaced) at every one: awaitArrival waits on them.
	arrived map[syscall.Signal]uint64
	arrival chan struct{}
	// anyPending is len(pending) > 0, read without the lock by the check
	// the evaluator makes after every command.
	anyPending atomic.Bool

	// wakeR and wakeW are a pipe that gets a byte for every signal caught,
	// so that a read at the prompt, which SA_RESTART would otherwise resume,
	// can poll for it and act (^C, SIGHUP, traps). -1 until wakeFD.
	wakeR, wakeW int
}

func newSignals() *signals {
	s := &signals{ch: make(chan os.Signal, 16), pending: map[syscall.Signal]bool{},
		intr: make(chan struct{}), caught: map[syscall.Signal]bool{}, fatal: map[syscall.Signal]bool{}, goActions: map[syscall.Signal]jobs.KernelAction{}, trapped: map[syscall.Signal]bool{},
		arrived: map[syscall.Signal]uint64{}, arrival: make(chan struct{}),
		wakeR: -1, wakeW: -1}
	go func() {
		for sig := range s.ch {
			ss := sig.(syscall.Signal)
			s.mu.Lock()
			s.pending[ss] = true
			s.anyPending.Store(true)
			s.arrived[ss]++
			close(s.arrival)
			s.arrival = make(chan struct{})
			select {
			case <-s.intr:
			default:
				close(s.intr)
			}
			cb := s.onSignal
			if s.wakeW >= 0 {
				// Non-blocking: a full pipe already says "look".
				unix.Write(s.wakeW, []byte{byte(ss)})
			}
			s.mu.Unlock()
			if cb != nil {
				cb(ss)
			}
		}
	}()
	return s
}

// wakeFD returns a descriptor that becomes readable when a signal is
// caught (see drainWake), creating the pipe on first use.
func (s *signals) wakeFD() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.wakeR < 0 {
		var p [2]int
		if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
			return -1, err
		}
		s.wakeR, s.wakeW = p[0], p[1]
	}
	return s.wakeR, nil
}

// poker returns a function that makes the wake-up pipe readable without a
// signal, so that a line being edited gives the shell a turn (a job's
// notice under set -b). The function takes no lock (the job table calls it
// holding its own) and never blocks: a full pipe already says "look". The
// pipe is never closed, so the descriptor stays valid; call it after wakeFD.
func (s *signals) poker() func() {
	s.mu.Lock()
	w := s.wakeW
	s.mu.Unlock()
	return func() {
		if w >= 0 {
			unix.Write(w, []byte{0})
		}
	}
}

// drainWake empties the wake-up pipe. The signals themselves stay pending
// until take.
func (s *signals) drainWake() {
	s.mu.Lock()
	fd := s.wakeR
	s.mu.Unlock()
	if fd < 0 {
		return
	}
	var buf [64]byte
	for {
		n, err := unix.Read(fd, buf[:])
		if n <= 0 || err != nil {
			return
		}
	}
}

// interruptChan is closed once a caught signal arrives; builtins that block
// (read, wait) select on it.
func (s *signals) interruptChan() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.intr
}

// firstPending returns the lowest pending signal for which mine is true,
// leaving it pending.
func (s *signals) firstPending(mine func(syscall.Signal) bool) (syscall.Signal, bool) {
	if s == nil || !s.anyPending.Load() {
		return 0, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	first := syscall.Signal(0)
	for sig := range s.pending {
		if mine(sig) && (first == 0 || sig < first) {
			first = sig
		}
	}
	return first, first != 0
}

// take returns and clears the pending signals for which mine is true, in
// number order; the others stay pending.
func (s *signals) take(mine func(syscall.Signal) bool) []syscall.Signal {
	if !s.anyPending.Load() {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var list []syscall.Signal
	for sig := range s.pending {
		if mine(sig) {
			list = append(list, sig)
			delete(s.pending, sig)
		}
	}
	s.anyPending.Store(len(s.pending) > 0)
	// The arrival has been noticed, also of the signals left pending for
	// the shell: a read or wait blocked from now on in the subshell that
	// left them is interrupted only by a signal still to come.
	select {
	case <-s.intr:
		s.intr = make(chan struct{})
	default:
	}
	return sortedSignals(list)
}

func sortedSignals(list []syscall.Signal) []syscall.Signal {
	sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
	return list
}

// arrivals returns how many times sig has arrived so far.
func (s *signals) arrivals(sig syscall.Signal) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.arrived[sig]
}

// awaitArrival waits until sig has arrived more than seen times, at most
// for limit. The kernel delivers a signal a process sends itself before
// kill(2) returns, but os/signal hands it to the shell from another
// goroutine, later: this is what makes the shell's trap for it run before
// its next command. The limit only guards against a signal os/signal
// dropped, which it does when the channel is full.
func (s *signals) awaitArrival(sig syscall.Signal, seen uint64, limit time.Duration) {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	for {
		s.mu.Lock()
		n, next := s.arrived[sig], s.arrival
		s.mu.Unlock()
		if n > seen {
			return
		}
		select {
		case <-next:
		case <-timer.C:
			return
		}
	}
}

// isCaught reports whether the shell catches sig (rather than leaving it
// at its default or ignoring it).
func (s *signals) isCaught(sig syscall.Signal) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caught[sig]
}

// uncatch stops delivering sig to the shell, for signal.Reset or
// signal.Ignore: renotify must not catch it again.
func (s *signals) uncatch(sig syscall.Signal) {
	s.mu.Lock()
	delete(s.caught, sig)
	s.mu.Unlock()
}

// catch starts delivering sig to the shell. Caught signals go back to their
// default in every child (Go resets handled signals at fork), which is why
// the shell never uses signal.Ignore for signals it merely wants to survive.
func (s *signals) catch(sig syscall.Signal) {
	s.mu.Lock()
	s.caught[sig] = true
	s.restoreGoAction(sig)
	s.mu.Unlock()
	signal.Notify(s.ch, sig)
}

// restoreGoAction puts back the runtime's handler for sig if catchFatal
// replaced it with SIG_DFL and nothing changed it since: Notify installs
// its handler only where the runtime thinks none is, and it thinks its own
// is still there. (After signal.Ignore it knows better, and installs it
// again itself.) The caller holds s.mu.
func (s *signals) restoreGoAction(sig syscall.Signal) {
	act, ok := s.goActions[sig]
	if !ok {
		return
	}
	delete(s.goActions, sig)
	var now jobs.KernelAction
	if jobs.Sigaction(sig, nil, &now) == nil && now.Default() {
		jobs.Sigaction(sig, &act, nil)
	}
}

// defaultFatal sets sig to SIG_DFL in the kernel, keeping the runtime's
// action for restoreGoAction.
func (s *signals) defaultFatal(sig syscall.Signal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var zero, old jobs.KernelAction
	if jobs.Sigaction(sig, &zero, &old) == nil {
		s.goActions[sig] = old
	}
	s.fatal[sig] = true
}

// isFatal reports whether the shell dies of sig when it has no trap.
func (s *signals) isFatal(sig syscall.Signal) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fatal[sig]
}

// setFatal records whether the shell dies of sig when it has no trap: an
// interactive shell survives SIGQUIT.
func (s *signals) setFatal(sig syscall.Signal, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.fatal[sig] = true
	} else {
		delete(s.fatal, sig)
	}
}

// setTrapped records whether sig has a trap action, for the signal
// goroutine, which must not read the trap table.
func (s *signals) setTrapped(sig syscall.Signal, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.trapped[sig] = true
	} else {
		delete(s.trapped, sig)
	}
}

func (s *signals) isTrapped(sig syscall.Signal) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trapped[sig]
}

// renotify re-installs every catch after a moment of ignoring.
func (s *signals) renotify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for sig := range s.caught {
		signal.Notify(s.ch, sig)
	}
}

// ensureSignals creates the signal machinery on first use, so a script that
// traps nothing pays nothing for it.
func (r *Shell) ensureSignals() *signals {
	if r.g.sigs == nil {
		r.g.sigs = newSignals()
		r.g.jobs.SetRenotify(r.g.sigs.renotify)
		r.g.sigs.onSignal = func(sig syscall.Signal) {
			if r.diesOf(sig) {
				dieOf(sig)
			}
			// An interactive shell hangs up its jobs at once, the one in
			// the foreground too, rather than after that job ends: the
			// shell itself exits between commands (runPendingTraps).
			if sig == syscall.SIGHUP && r.g.interactive && !r.g.sigs.isTrapped(sig) {
				r.g.jobs.HangUp()
			}
			r.g.jobs.Wake()
		}
	}
	return r.g.sigs
}

// The signals whose default action ends a process, but which the Go
// runtime, left to itself, ignores (USR1, ALRM, PIPE sent by kill, ...) or
// turns into a goroutine dump and exit status 2 (QUIT, ABRT, and SEGV or
// BUS sent by kill). HUP, INT and TERM are not among them: the runtime
// already dies of those as the default says. PROF stays the runtime's,
// and 32 to 34 are the C library's.
//
// fatalInKernel are set to SIG_DFL in the kernel, so the kernel itself
// ends the shell; the runtime does not need them.
func fatalInKernel() []syscall.Signal {
	list := []syscall.Signal{syscall.SIGQUIT, syscall.SIGABRT, syscall.SIGUSR1, syscall.SIGUSR2,
		syscall.SIGALRM, syscall.SIGXCPU, syscall.SIGXFSZ, syscall.SIGVTALRM, syscall.SIGIO, syscall.SIGPWR}
	for sig := syscall.Signal(35); sig <= 64; sig++ {
		list = append(list, sig)
	}
	return list
}

// fatalCaught are caught, and the shell dies of them in diesOf and dieOf:
// the runtime turns a SEGV, BUS, FPE, ILL or TRAP of its own into a panic,
// and SIGPIPE may be the kernel's answer to an in-process stage's write.
// Catching these costs no round trip to the runtime's signal thread, but
// for PIPE.
func fatalCaught() []syscall.Signal {
	// SIGPIPE is not among them: os/signal cannot tell a kill -PIPE from
	// the kernel's SIGPIPE for a write of this process (a pipeline stage
	// run in-process, or another shell in the same test binary), and
	// guessing wrong killed the shell. The Go runtime's own rule stays:
	// a write to a broken stdout or stderr ends gosh with SIGPIPE.
	return []syscall.Signal{syscall.SIGILL, syscall.SIGTRAP, syscall.SIGBUS, syscall.SIGFPE,
		syscall.SIGSEGV, syscall.SIGSTKFLT, syscall.SIGSYS}
}

// catchFatal makes an untrapped signal whose default action ends a process
// kill the shell the same way, as it kills bash and dash: the kernel acts
// on the fatalInKernel ones, diesOf and dieOf on the fatalCaught ones. A
// trap set later catches them like any other signal. Children get them at
// their default either way. The function returned undoes it all, for a
// process that runs more than one shell (the tests): a shell that is done
// must not die of a later signal.
func (r *Shell) catchFatal() (release func()) {
	s := r.ensureSignals()
	for _, sig := range fatalInKernel() {
		s.defaultFatal(sig)
	}
	for _, sig := range fatalCaught() {
		s.setFatal(sig, true)
		s.catch(sig)
	}
	return func() {
		signal.Stop(s.ch)
		s.mu.Lock()
		defer s.mu.Unlock()
		for sig := range s.goActions {
			s.restoreGoAction(sig)
		}
	}
}

// diesOf reports whether sig, just arrived, must kill the shell: it is
// fatal by default and no trap is set for it.
//
// A SIGPIPE may also be the kernel's, sent with the EPIPE of a write by a
// subshell running in this process (a pipeline stage), which ends that
// subshell with 141 instead; os/signal cannot tell it from a kill. The
// runtime queues the signal before the write returns, so the signal is
// the stage's while a stage still runs, or when such a write was counted
// since the last SIGPIPE (fdWriter). Signals coalesce, so a stale count
// can cost a kill -PIPE that comes just after a broken stage.
func (r *Shell) diesOf(sig syscall.Signal) bool {
	s := r.g.sigs
	if s == nil || !s.isFatal(sig) || s.isTrapped(sig) || !s.isCaught(sig) {
		return false
	}
	if sig == syscall.SIGPIPE && (r.g.stagesInProcess.Load() > 0 || r.g.epipes.Swap(0) > 0) {
		return false
	}
	return true
}

// dieOf ends the process by sig's default action: the disposition goes
// back to SIG_DFL in the kernel (the runtime's own handler would ignore it
// or print a goroutine dump), sig is unblocked and sent to this thread, and
// the kernel kills the process as tgkill returns. The exit is a fallback
// that should never run.
func dieOf(sig syscall.Signal) {
	runtime.LockOSThread()
	jobs.SetDefault(sig)
	var set unix.Sigset_t
	set.Val[(sig-1)/64] |= 1 << ((uint(sig) - 1) % 64)
	unix.PthreadSigmask(unix.SIG_UNBLOCK, &set, nil)
	unix.Tgkill(unix.Getpid(), unix.Gettid(), sig)
	os.Exit(128 + int(sig))
}

// applyTraps installs the dispositions the trap table asks for.
func (r *Shell) applyTraps() {
	for sig, action := range r.traps {
		if sig <= 0 {
			continue
		}
		r.setDisposition(syscall.Signal(sig), action)
	}
}

// setDisposition makes the process catch, ignore or default sig.
func (r *Shell) setDisposition(sig syscall.Signal, action string) {
	switch {
	case action == "":
		// trap '' SIG: POSIX wants the signal ignored by the shell and by
		// the commands it starts, so here (only here) ignoring is right.
		signal.Ignore(sig)
		if r.g.sigs != nil {
			r.g.sigs.setTrapped(sig, false)
			r.g.sigs.uncatch(sig)
		}
	default:
		r.ensureSignals().catch(sig)
		r.g.sigs.setTrapped(sig, true)
	}
}

// resetDisposition undoes a trap: back to default, unless the interactive
// shell catches the signal for itself.
func (r *Shell) resetDisposition(sig syscall.Signal) {
	if r.g.sigs != nil {
		r.g.sigs.setTrapped(sig, false)
	}
	if r.g.interactive && r.g.sigs != nil && interactiveSignal(sig) {
		r.g.sigs.catch(sig)
		return
	}
	if r.g.sigs != nil && r.g.sigs.isFatal(sig) {
		r.g.sigs.catch(sig) // to die of it, as the default says
		return
	}
	signal.Reset(sig)
	if r.g.sigs != nil {
		r.g.sigs.uncatch(sig)
	}
}

func interactiveSignal(sig syscall.Signal) bool {
	switch sig {
	case syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTERM, syscall.SIGHUP:
		return true
	}
	return false
}

// ignoredSignals lists the signals this process ignores now that the Go
// runtime can tell: SIGHUP and SIGINT, the two whose inherited SIG_IGN it
// keeps (it installs its own handler for every other signal).
func ignoredSignals() []int {
	var list []int
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGINT} {
		if signal.Ignored(sig) {
			list = append(list, int(sig))
		}
	}
	return list
}

// trapFrozen reports whether trap must leave sig alone: POSIX says a
// signal that was ignored on entry to a non-interactive shell cannot be
// trapped or reset, and bash keeps to that in its subshells too. So
// `sh -c 'trap "echo int" INT; ...' &`, started with SIGINT ignored as an
// asynchronous list is, goes on ignoring it.
func (r *Shell) trapFrozen(sig int) bool {
	return !r.g.interactive && slices.Contains(r.g.ignoredOnEntry, sig)
}

// runPendingTraps runs the actions of signals that arrived since the last
// command. Without a trap, an interactive shell's SIGINT abandons the
// command line; SIGHUP ends the shell.
func (r *Shell) runPendingTraps() {
	if r.inTrap || r.line != nil && r.line.inBackground() {
		return // a background line leaves the shell's signals to the shell
	}
	for _, sig := range r.g.sigs.take(r.handlesSignal) {
		action, trapped := r.traps[int(sig)]
		if trapped {
			if action != "" {
				r.runTrapAt(action, 1)
			}
			continue
		}
		switch sig {
		case syscall.SIGINT:
			if r.g.interactive {
				r.interrupted = true
				r.exiting = true
				r.status = 130
				r.noteCompletionInterrupted()
			}
		case syscall.SIGHUP:
			r.hangup()
		case syscall.SIGTERM:
			if !r.g.interactive {
				r.exit(128 + int(sig))
			}
		}
	}
}

// handlesSignal reports whether this shell context acts on sig. Signals
// reach the process, which is the shell: an in-process subshell (of $(...),
// or a pipeline stage without job control) acts only on those it set a
// trap for itself, and on ^C in an interactive shell, which abandons it.
// The rest stay pending for the shell, which runs its own trap once the
// subshell is done (`echo $(kill -USR1 $$)` runs the shell's USR1 trap).
func (r *Shell) handlesSignal(sig syscall.Signal) bool {
	if !r.subshell {
		return true
	}
	if _, ok := r.traps[int(sig)]; ok {
		return true
	}
	return sig == syscall.SIGINT && r.g.interactive
}

// killSelfAware is kill(2) for the kill builtin. A signal whose target
// includes the shell's own process acts on the shell before its next
// command, as in a shell that is a single thread: a caught one has arrived
// when this returns, so its trap runs next, and one that kills by default
// has killed the shell.
func (r *Shell) killSelfAware(pid int, sig syscall.Signal) error {
	if sig == 0 || !targetsOwnProcess(pid) {
		return unix.Kill(pid, sig)
	}
	if s := r.g.sigs; s != nil && s.isCaught(sig) {
		seen := s.arrivals(sig)
		if err := unix.Kill(pid, sig); err != nil {
			return err
		}
		if r.diesOf(sig) {
			dieOf(sig) // here, before this goroutine runs another command
		}
		s.awaitArrival(sig, seen, time.Second)
		return nil
	}
	if err := unix.Kill(pid, sig); err != nil {
		return err
	}
	if killsByDefault(sig) && !signal.Ignored(sig) {
		raiseOnThisThread(sig)
	}
	return nil
}

// raiseOnThisThread sends sig to the calling thread. A signal that kill(2)
// sends to the process may land on any of a Go program's threads, and the
// runtime's default action (dying of it) then runs on that thread while
// this goroutine goes on with the script: `kill $$; rm f` could run rm.
// Sent to this thread, it is handled as tgkill returns, before anything
// else this goroutine does.
func raiseOnThisThread(sig syscall.Signal) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	unix.Tgkill(unix.Getpid(), unix.Gettid(), sig)
}

// killsByDefault reports whether sig's default action ends the process
// (signal(7): Term and Core), leaving out SIGKILL, which the kernel acts on
// itself, and SIGURG, which the Go runtime uses.
func killsByDefault(sig syscall.Signal) bool {
	switch sig {
	case syscall.SIGKILL, syscall.SIGCHLD, syscall.SIGURG, syscall.SIGWINCH, syscall.SIGCONT,
		syscall.SIGSTOP, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU:
		return false
	}
	return sig > 0 && sig <= 64
}

// targetsOwnProcess reports whether kill(pid, ...) signals this process:
// its pid, 0 (its process group), or minus its process group. (-1, every
// process, leaves out the caller on Linux.)
func targetsOwnProcess(pid int) bool {
	switch {
	case pid == 0:
		return true
	case pid > 0:
		return pid == os.Getpid()
	case pid < -1:
		return -pid == unix.Getpgrp()
	}
	return false
}

// runTrap runs a DEBUG or ERR trap action: its LINENO is the line of the
// command the trap is about.
func (r *Shell) runTrap(action string) { r.runTrapAt(action, r.lineno) }

// runTrapAt runs a trap action whose first line is line (as bash counts:
// the command's line for DEBUG and ERR, 1 for a signal, EXIT or RETURN),
// keeping $? and LINENO as they were.
func (r *Shell) runTrapAt(action string, line int) {
	f, err := parser.Parse(atLine(action, line), "trap")
	if err != nil {
		r.errorf("%s", syntaxErrorText(err))
		return
	}
	saved, savedLine, wasInTrap := r.status, r.lineno, r.inTrap
	r.inTrap = true
	r.runStmts(f.Stmts)
	r.inTrap, r.lineno = wasInTrap, savedLine
	if !r.exiting {
		r.status = saved
	}
}

// heldTraps are the caller's DEBUG, RETURN and ERR traps while a function
// runs without them; an empty action is one not held.
type heldTraps [3]string

// uninheritedTraps are the traps a function call does not inherit from its
// caller unless an option says so, as in bash (execute_function):
// DEBUG and RETURN need functrace (set -T), ERR needs errtrace (set -E).
var uninheritedTraps = [3]int{trapDebug, trapRet, trapErr}

// holdUninheritedTraps takes away, for a function call, the caller's traps
// the function does not inherit, and returns them for releaseHeldTraps.
func (r *Shell) holdUninheritedTraps() (held heldTraps) {
	if len(r.traps) == 0 {
		return held
	}
	for i, t := range uninheritedTraps {
		inherit := r.opts.functrace
		if t == trapErr {
			inherit = r.opts.errtrace
		}
		if action, ok := r.traps[t]; ok && action != "" && !inherit {
			held[i] = action
			delete(r.traps, t)
		}
	}
	return held
}

// releaseHeldTraps gives the caller back the traps a function ran
// without, except where the function set one of its own, which stays:
// bash's `f() { trap "echo bye" RETURN; }` leaves the trap set.
func (r *Shell) releaseHeldTraps(held heldTraps) {
	for i, action := range held {
		if action == "" {
			continue
		}
		if _, set := r.traps[uninheritedTraps[i]]; !set {
			r.traps[uninheritedTraps[i]] = action
		}
	}
}

// runReturnTrap runs the RETURN trap, if one is set, as a function or a
// `.` file finishes: in its context, with its locals, and with return
// (which may be how it finishes) still in force after the trap. As in
// bash, $? in the trap is the status before a `return N` ran, and LINENO
// counts from line: the function's definition, or the `.` command.
func (r *Shell) runReturnTrap(line int) {
	if len(r.traps) == 0 {
		return // every function call asks: keep the common case to a comparison
	}
	action, ok := r.traps[trapRet]
	if !ok || action == "" || r.inTrap || r.exiting {
		return
	}
	returning, status := r.returning, r.status
	if returning {
		r.status = r.statusBeforeReturn
	}
	r.returning = false
	r.runTrapAt(action, line)
	r.returning = r.returning || returning
	if !r.exiting {
		r.status = status
	}
}

// runExitTrap runs the EXIT trap once, when this shell context ends.
func (r *Shell) runExitTrap() {
	action, ok := r.traps[trapExit]
	if !ok || action == "" {
		return
	}
	delete(r.traps, trapExit)
	status := r.status
	r.exiting, r.returning, r.breakN, r.contN = false, false, 0, 0
	r.runTrapAt(action, 1)
	if !r.exiting {
		r.status = status
	}
}

// signalSpec parses a trap condition: a name (with or without SIG), a
// number, EXIT or ERR.
func signalSpec(s string) (int, bool) {
	switch strings.ToUpper(strings.TrimPrefix(strings.ToUpper(s), "SIG")) {
	case "EXIT", "0":
		return trapExit, true
	case "ERR":
		return trapErr, true
	case "DEBUG":
		return trapDebug, true
	case "RETURN":
		return trapRet, true
	}
	if sig, ok := builtins.SignalNumber(s); ok {
		return int(sig), true
	}
	return 0, false
}

func trapName(sig int) string {
	switch sig {
	case trapExit:
		return "EXIT"
	case trapErr:
		return "ERR"
	case trapDebug:
		return "DEBUG"
	case trapRet:
		return "RETURN"
	}
	return "SIG" + builtins.SignalName(syscall.Signal(sig))
}

// biTrap is trap [-lp] [[action] condition ...].
func (r *Shell) biTrap(args []string) int {
	opts, args, ok := r.parseOptions(args, "lp")
	if !ok {
		return builtins.StatusUsage
	}
	if slices.ContainsFunc(opts, func(o builtins.Option) bool { return o.Letter == 'l' }) {
		return r.runBuiltin(builtins.Lookup("kill"), []string{"kill", "-l"})
	}
	if len(opts) > 0 || len(args) == 0 {
		r.printTraps(args)
		return 0
	}
	action := args[0]
	conds := args[1:]
	reset := action == "-"
	if _, err := strconv.Atoi(action); err == nil || len(args) == 1 {
		// POSIX: a first operand that is a number means reset them all;
		// bash also resets a lone condition (trap EXIT).
		reset, conds = true, args
	}
	if !reset && action != "" {
		if _, err := parser.Parse(action, "trap"); err != nil {
			r.errorf("trap: %s", syntaxErrorText(err))
			return 1
		}
	}
	if len(conds) == 0 {
		return r.usage("trap")
	}
	r.entryTraps = nil // from now on a subshell lists its own traps
	status := 0
	for _, c := range conds {
		sig, ok := signalSpec(c)
		if !ok {
			r.errorf("trap: %s: invalid signal specification", c)
			status = 1
			continue
		}
		if sig == int(syscall.SIGKILL) || sig == int(syscall.SIGSTOP) || r.trapFrozen(sig) {
			continue
		}
		if reset {
			delete(r.traps, sig)
			if sig > 0 {
				r.resetDisposition(syscall.Signal(sig))
			}
			continue
		}
		r.traps[sig] = action
		if sig > 0 {
			r.setDisposition(syscall.Signal(sig), action)
		}
	}
	return status
}

// printTraps prints the traps on the conditions named, or all, as commands
// that would set them again.
func (r *Shell) printTraps(names []string) {
	traps := r.listedTraps()
	var sigs []int
	if len(names) > 0 {
		for _, a := range names {
			if s, ok := signalSpec(a); ok {
				sigs = append(sigs, s)
			}
		}
	} else {
		for s := range traps {
			sigs = append(sigs, s)
		}
		for _, s := range r.g.ignoredOnEntry {
			if _, ok := traps[s]; !ok && r.trapFrozen(s) {
				sigs = append(sigs, s)
			}
		}
		sort.Ints(sigs)
	}
	for _, s := range sigs {
		action, ok := traps[s]
		if !ok && r.trapFrozen(s) {
			action, ok = "", true // ignored for good: bash shows it so
		}
		if !ok {
			continue
		}
		fmt.Fprintf(r.stdout(), "trap -- %s %s\n", shellQuoteAlways(action), trapName(s))
	}
}
