package builtins

import (
	"fmt"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// kill sends a signal (TERM by default) to processes, process groups
// (negative numbers) and jobs (%spec, signalled as a group), or with -l/-L
// lists signals and translates names and numbers (an exit status above
// 128 names its signal). Status: 0 if every target was signalled, 1 if
// any failed (POSIX; bash returns 0 if any succeeded), 2 for usage errors.
func kill(c Context, args []string) int {
	sig, sigSpec, sawSig, listing := syscall.SIGTERM, "TERM", false, false
	i := 1
	// bash's loop: only the first signal option counts; a later "-N" is a
	// process group.
loop:
	for ; i < len(args); i++ {
		w := args[i]
		spec := ""
		switch {
		case w == "-l" || w == "-L":
			listing = true
			continue
		case w == "-s" || w == "-n":
			if i+1 == len(args) {
				c.Errorf("kill: %s: option requires an argument", w)
				return 1
			}
			i++
			spec = args[i]
		case len(w) > 2 && w[:2] == "-s" && isAlpha(w[2]):
			spec = w[2:]
		case len(w) > 2 && w[:2] == "-n" && w[2] >= '0' && w[2] <= '9':
			spec = w[2:]
		case w == "--":
			i++
			break loop
		case w == "-?":
			return Usage(c, "kill")
		case len(w) > 0 && w[0] == '-' && !sawSig:
			spec = w[1:]
		default:
			break loop
		}
		sigSpec, sawSig = spec, true
		if s, ok := killSignal(spec); ok {
			sig = s
		} else {
			sig = -1
		}
	}
	operands := args[i:]
	if listing {
		return listSignals(c, operands)
	}
	if sig < 0 {
		c.Errorf("kill: %s: invalid signal specification", sigSpec)
		return 1
	}
	if len(operands) == 0 {
		return Usage(c, "kill")
	}
	status := 0
	for _, a := range operands {
		if !killOne(c, a, sig, sigSpec) {
			status = 1
		}
	}
	return status
}

func isAlpha(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// killSignal decodes kill's signal operand, which unlike SignalNumber
// also accepts 0 and EXIT (0 only checks that the target exists).
func killSignal(spec string) (syscall.Signal, bool) {
	if strings.EqualFold(spec, "EXIT") || strings.EqualFold(spec, "SIGEXIT") {
		return 0, true
	}
	if n, ok := legalNumber(spec); ok && n == 0 {
		return 0, true
	}
	return SignalNumber(spec)
}

// killOne signals one pid, -pgid or %job.
func killOne(c Context, target string, sig syscall.Signal, sigSpec string) bool {
	var pid int
	if strings.HasPrefix(target, "%") {
		pgid, err := c.ResolveJob(target)
		if err != nil {
			c.Errorf("kill: %v", err)
			return false
		}
		pid = -pgid
	} else {
		n, ok := legalNumber(target)
		if !ok || strings.TrimLeft(target, "-") == "" || int64(int(n)) != n {
			c.Errorf("kill: %s: arguments must be process or job IDs", target)
			return false
		}
		pid = int(n)
	}
	// The shell's job-control trace (set -o jobtrace) shows the signals
	// kill sends; a Context that has no trace need not know of it.
	if tr, ok := c.(interface{ TraceKill(int, syscall.Signal) }); ok {
		tr.TraceKill(pid, sig)
	}
	if err := sendSignal(c, pid, sig); err != nil {
		if err == unix.EINVAL {
			c.Errorf("kill: %s: invalid signal specification", sigSpec)
		} else {
			c.Errorf("kill: (%d) - %s", pid, strerror(err))
		}
		return false
	}
	switch sig {
	case 0, syscall.SIGSTOP, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU, syscall.SIGCONT:
	default:
		// A stopped job would not act on the signal until continued.
		c.ContinueIfStopped(pid)
	}
	return true
}

// sendSignal is kill(2), or the Context's own Kill if it has one: the
// shell waits for a signal it sends itself, so that its trap runs before
// the next command.
func sendSignal(c Context, pid int, sig syscall.Signal) error {
	if k, ok := c.(interface {
		Kill(pid int, sig syscall.Signal) error
	}); ok {
		return k.Kill(pid, sig)
	}
	return unix.Kill(pid, sig)
}

// listSignals is kill -l: the whole table, or each operand translated
// between name and number.
func listSignals(c Context, operands []string) int {
	var b []byte
	if len(operands) == 0 {
		col := 0
		for _, s := range SignalNames() {
			b = fmt.Appendf(b, "%2d) SIG%s", int(s), SignalName(s))
			if col++; col < 5 {
				b = append(b, '\t')
			} else {
				b = append(b, '\n')
				col = 0
			}
		}
		if col != 0 {
			b = append(b, '\n')
		}
		return out(c, "kill", b)
	}
	status := 0
	for _, a := range operands {
		if n, ok := legalNumber(a); ok {
			if n > 128 {
				n -= 128 // an exit status: 128 + the signal
			}
			if n < 0 || n >= nsig {
				c.Errorf("kill: %s: invalid signal specification", a)
				status = 1
				continue
			}
			if name := SignalName(syscall.Signal(n)); name != "" {
				b = append(b, name...)
				b = append(b, '\n')
			}
			continue
		}
		s, ok := killSignal(a)
		if !ok {
			c.Errorf("kill: %s: invalid signal specification", a)
			status = 1
			continue
		}
		b = strconv.AppendInt(b, int64(s), 10)
		b = append(b, '\n')
	}
	if st := out(c, "kill", b); st != 0 {
		return st
	}
	return status
}
