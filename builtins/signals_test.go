package builtins

import (
	"syscall"
	"testing"
)

func TestSignalTable(t *testing.T) {
	sigs := SignalNames()
	if len(sigs) != 62 || sigs[0] != 1 || sigs[30] != 31 || sigs[31] != 34 || sigs[61] != 64 {
		t.Fatalf("SignalNames() = %v", sigs)
	}
	for _, s := range sigs {
		name := SignalName(s)
		for _, spelling := range []string{name, "SIG" + name, "sig" + name} {
			if got, ok := SignalNumber(spelling); !ok || got != s {
				t.Errorf("SignalNumber(%q) = %v, %v; want %v", spelling, got, ok, s)
			}
		}
	}
	for in, want := range map[string]syscall.Signal{
		"INT": syscall.SIGINT, "int": syscall.SIGINT, "SigInt": syscall.SIGINT, "2": syscall.SIGINT,
		" 9 ": syscall.SIGKILL, "RTMIN+3": 37, "rtmax-1": 63, "32": 32, "RTMIN+16": 50, "SIGRTMIN+0": 34,
	} {
		if got, ok := SignalNumber(in); !ok || got != want {
			t.Errorf("SignalNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "0", "EXIT", "65", "-1", "FOO", "SIG", "IOT", "RTMIN+31", "RTMAX-0", "RTMAX-15", "RTMIN+x"} {
		if got, ok := SignalNumber(in); ok {
			t.Errorf("SignalNumber(%q) = %v, want failure", in, got)
		}
	}
	for s, want := range map[syscall.Signal]string{0: "EXIT", 2: "INT", 32: "", 33: "", 49: "RTMIN+15", 50: "RTMAX-14", 65: "", -1: ""} {
		if got := SignalName(s); got != want {
			t.Errorf("SignalName(%d) = %q, want %q", s, got, want)
		}
	}
}
