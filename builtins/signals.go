package builtins

import (
	"strconv"
	"strings"
	"syscall"
)

// Linux signal numbering as bash lists it on x86_64. glibc reserves 32 and
// 33 for itself, so the real-time range bash shows starts at 34.
const (
	sigRTMin = 34
	sigRTMax = 64
	nsig     = 65
)

// signalNames holds the classic signals; real-time ones are computed by
// SignalName so that their 31 names need no table.
var signalNames = [...]string{
	1: "HUP", 2: "INT", 3: "QUIT", 4: "ILL", 5: "TRAP", 6: "ABRT", 7: "BUS",
	8: "FPE", 9: "KILL", 10: "USR1", 11: "SEGV", 12: "USR2", 13: "PIPE",
	14: "ALRM", 15: "TERM", 16: "STKFLT", 17: "CHLD", 18: "CONT", 19: "STOP",
	20: "TSTP", 21: "TTIN", 22: "TTOU", 23: "URG", 24: "XCPU", 25: "XFSZ",
	26: "VTALRM", 27: "PROF", 28: "WINCH", 29: "IO", 30: "PWR", 31: "SYS",
}

// SignalName returns bash's name for sig without the SIG prefix ("INT",
// "RTMIN+3", "RTMAX-2"), "EXIT" for 0, or "" for a number bash does not
// name (32, 33, or out of range).
func SignalName(sig syscall.Signal) string {
	switch n := int(sig); {
	case n == 0:
		return "EXIT"
	case n > 0 && n < len(signalNames):
		return signalNames[n]
	case n == sigRTMin:
		return "RTMIN"
	case n == sigRTMax:
		return "RTMAX"
	case n > sigRTMin && n <= sigRTMin+15:
		return "RTMIN+" + strconv.Itoa(n-sigRTMin)
	case n > sigRTMin+15 && n < sigRTMax:
		return "RTMAX-" + strconv.Itoa(sigRTMax-n)
	}
	return ""
}

// SignalNames lists every named signal in numeric order (0 excluded).
func SignalNames() []syscall.Signal {
	sigs := make([]syscall.Signal, 0, nsig-3)
	for n := 1; n < nsig; n++ {
		if SignalName(syscall.Signal(n)) != "" {
			sigs = append(sigs, syscall.Signal(n))
		}
	}
	return sigs
}

// SignalNumber decodes a signal given by number ("2") or by name in any
// case, with or without the SIG prefix ("INT", "sigint", "RTMIN+1"). Zero
// and EXIT are not signals: the evaluator and kill handle them themselves.
func SignalNumber(name string) (syscall.Signal, bool) {
	if n, ok := legalNumber(name); ok {
		if n > 0 && n < nsig {
			return syscall.Signal(n), true
		}
		return 0, false
	}
	up := strings.ToUpper(name)
	up = strings.TrimPrefix(up, "SIG")
	for n := 1; n < len(signalNames); n++ {
		if signalNames[n] == up {
			return syscall.Signal(n), true
		}
	}
	// Real-time names: bash parses RTMIN+n for any n up to the range's
	// end, but knows RTMAX-n only by the names it prints (RTMAX-14..1).
	switch {
	case up == "RTMIN":
		return sigRTMin, true
	case up == "RTMAX":
		return sigRTMax, true
	case strings.HasPrefix(up, "RTMIN+"):
		if k, ok := legalNumber(up[6:]); ok && k >= 0 && k <= sigRTMax-sigRTMin {
			return syscall.Signal(sigRTMin + k), true
		}
	case strings.HasPrefix(up, "RTMAX-"):
		k, err := strconv.Atoi(up[6:])
		if err == nil && k > 0 && k <= 14 && strconv.Itoa(k) == up[6:] {
			return syscall.Signal(sigRTMax - k), true
		}
	}
	return 0, false
}
