package tests

// A function's context in the parts of its body that run as separate
// processes. Under job control every stage of a pipeline is a process of
// its own, re-executed gosh for a stage that is not an external program;
// that a stage runs inside a function (so local and return work there)
// must travel with the state it is given.

import "testing"

func TestJobControlStagesKeepFunctionContext(t *testing.T) {
	s := startGosh(t)
	defer s.Close()
	lineOutput(s, `f() { printf 'a\nb\n' | while read l; do local x=$l; echo "[$x]"; done; echo | return 7; echo "status=$?"; }`)
	if out := lineOutput(s, "f 2>&1"); out != "[a]\n[b]\nstatus=7\n" {
		t.Errorf("a while loop that a pipeline feeds, in a function: got %q, want %q", out, "[a]\n[b]\nstatus=7\n")
	}
}
