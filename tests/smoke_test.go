package tests

import "testing"

// TestSmokeScriptMode is the first gosh test: the shell under test builds,
// starts, runs a builtin and exits 0.
func TestSmokeScriptMode(t *testing.T) {
	out, errOut, status := runShell(t, "echo hello")
	if out != "hello\n" || errOut != "" || status != 0 {
		t.Errorf("gosh -c 'echo hello' = %q, stderr %q, status %d; want \"hello\\n\", \"\", 0", out, errOut, status)
	}
}
