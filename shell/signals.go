package shell

import (
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/gosh-sh/gosh/builtins"
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
	ch       chan os.Signal
	mu       sync.Mutex
	pending  map[syscall.Signal]bool
	intr     chan struct{} // closed when SIGINT (or a trapped signal) arrives
	caught   map[syscall.Signal]bool
	trapped  map[syscall.Signal]bool // a trap action is set (read by onSignal)
	onSignal func(syscall.Signal)

	// wakeR and wakeW are a pipe that gets a byte for every signal caught,
	// so that a read at the prompt, which SA_RESTART would otherwise resume,
	// can poll for it and act (^C, SIGHUP, traps). -1 until wakeFD.
	wakeR, wakeW int
}

func newSignals() *signals {
	s := &signals{ch: make(chan os.Signal, 16), pending: map[syscall.Signal]bool{},
		intr: make(chan struct{}), caught: map[syscall.Signal]bool{}, trapped: map[syscall.Signal]bool{},
		wakeR: -1, wakeW: -1}
	go func() {
		for sig := range s.ch {
			ss := sig.(syscall.Signal)
			s.mu.Lock()
			s.pending[ss] = true
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

// take returns and clears the pending signals, in number order.
func (s *signals) take() []syscall.Signal {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) == 0 {
		return nil
	}
	var list []syscall.Signal
	for sig := range s.pending {
		list = append(list, sig)
	}
	clear(s.pending)
	select {
	case <-s.intr:
		s.intr = make(chan struct{})
	default:
	}
	sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
	return list
}

// catch starts delivering sig to the shell. Caught signals go back to their
// default in every child (Go resets handled signals at fork), which is why
// the shell never uses signal.Ignore for signals it merely wants to survive.
func (s *signals) catch(sig syscall.Signal) {
	s.mu.Lock()
	s.caught[sig] = true
	s.mu.Unlock()
	signal.Notify(s.ch, sig)
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
	signal.Reset(sig)
	if r.g.sigs != nil {
		r.g.sigs.mu.Lock()
		delete(r.g.sigs.caught, sig)
		r.g.sigs.mu.Unlock()
	}
}

func interactiveSignal(sig syscall.Signal) bool {
	switch sig {
	case syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTERM, syscall.SIGHUP:
		return true
	}
	return false
}

// runPendingTraps runs the actions of signals that arrived since the last
// command. Without a trap, an interactive shell's SIGINT abandons the
// command line; SIGHUP ends the shell.
func (r *Shell) runPendingTraps() {
	if r.inTrap || r.line != nil && r.line.inBackground() {
		return // a background line leaves the shell's signals to the shell
	}
	for _, sig := range r.g.sigs.take() {
		action, trapped := r.traps[int(sig)]
		if trapped {
			if action != "" {
				r.runTrap(action)
			}
			continue
		}
		switch sig {
		case syscall.SIGINT:
			if r.g.interactive {
				r.interrupted = true
				r.exiting = true
				r.status = 130
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

// runTrap runs a trap action, keeping $? as it was.
func (r *Shell) runTrap(action string) {
	f, err := parser.Parse(atLine(action, r.lineno), "trap")
	if err != nil {
		r.errorf("%s", syntaxErrorText(err))
		return
	}
	saved := r.status
	r.inTrap = true
	r.runStmts(f.Stmts)
	r.inTrap = false
	if !r.exiting {
		r.status = saved
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
	r.runTrap(action)
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

func (r *Shell) biTrap(args []string) int {
	args = args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 || args[0] == "-p" {
		r.printTraps(args)
		return 0
	}
	if args[0] == "-l" {
		return r.runBuiltin(builtins.Lookup("kill"), []string{"kill", "-l"})
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
		r.errorf("trap: usage: trap [-lp] [[arg] signal_spec ...]")
		return 2
	}
	status := 0
	for _, c := range conds {
		sig, ok := signalSpec(c)
		if !ok {
			r.errorf("trap: %s: invalid signal specification", c)
			status = 1
			continue
		}
		if sig == int(syscall.SIGKILL) || sig == int(syscall.SIGSTOP) {
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

// printTraps prints traps as commands that would set them again.
func (r *Shell) printTraps(args []string) {
	var sigs []int
	if len(args) > 1 {
		for _, a := range args[1:] {
			if s, ok := signalSpec(a); ok {
				sigs = append(sigs, s)
			}
		}
	} else {
		for s := range r.traps {
			sigs = append(sigs, s)
		}
		sort.Ints(sigs)
	}
	for _, s := range sigs {
		action, ok := r.traps[s]
		if !ok {
			continue
		}
		fmt.Fprintf(r.stdout(), "trap -- %s %s\n", shellQuoteAlways(action), trapName(s))
	}
}
