package tests

import "testing"

// TestSmokeScriptMode is the first gosh test: the shell under test builds,
// starts, runs a builtin and exits 0.
func TestSmokeScriptMode(t *testing.T) {
	runScriptCases(t, []scriptCase{
		{name: "echo", script: "echo hello", wantOut: "hello\n"},
	})
}
