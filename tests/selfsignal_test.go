package tests

// A signal the shell sends itself has its trap run before the next
// command, as in bash, whose single thread runs the handler before kill(2)
// returns. gosh receives signals through os/signal, from another
// goroutine; the kill builtin waits for its own signal to arrive. A signal
// the shell does not catch kills it at once, on the thread that sent it, as
// Go may handle a signal the process gets on another thread while the
// script goes on.

import "testing"

// selfSignalCases hold bash's output; TestSelfSignalTrapsBash checks that.
var selfSignalCases = []scriptCase{
	{name: "kill $$ and kill -USR1 $$", script: `trap 'echo trapped' TERM USR1; kill $$; kill -USR1 $$; echo next`, wantOut: "trapped\ntrapped\nnext\n"},
	{name: "the last command", script: `trap 'echo t' USR1; kill -USR1 $$`, wantOut: "t\n"},
	{name: "own process group", script: `trap 'echo t' USR1; kill -USR1 0; echo next; kill -USR1 -$$; echo again`, wantOut: "t\nnext\nt\nagain\n"},
	{name: "in a function, before its next command", script: `trap 'echo t' USR1; f() { kill -USR1 $$; echo in-f; }; f; echo next`, wantOut: "t\nin-f\nnext\n"},
	{name: "in a loop", script: `trap 'echo t' USR1; for i in 1 2; do kill -USR1 $$; echo $i; done`, wantOut: "t\n1\nt\n2\n"},
	{name: "before the right side of &&", script: `trap 'echo t' USR1; kill -USR1 $$ && echo and`, wantOut: "t\nand\n"},
	{name: "the trap sees kill's status", script: `trap 'echo "t $?"' USR1; false; kill -USR1 $$; echo "next $?"`, wantOut: "t 0\nnext 0\n"},
	{name: "from a pipeline stage, after the pipeline", script: `trap 'echo t' USR1; kill -USR1 $$ | cat; echo next`, wantOut: "t\nnext\n"},
	{name: "from a command substitution, after the command", script: `trap 'echo t' USR1; echo $(kill -USR1 $$; echo sub); echo next`, wantOut: "sub\nt\nnext\n"},
	{name: "untrapped TERM ends the shell before its next command", script: `kill $$; echo no`, wantStatus: 143},
	{name: "untrapped HUP to the group ends the shell", script: `kill -HUP 0; echo no`, wantStatus: 129},
	{name: "untrapped TERM from a command substitution ends the shell", script: `x=$(kill $$; echo sub); echo no`, wantStatus: 143},
	{name: "an ignored signal", script: `trap '' USR1; kill -USR1 $$; echo ignored`, wantOut: "ignored\n"},
	{name: "trapped, then ignored", script: `trap 'echo t' USR1; trap '' USR1; kill -USR1 $$; echo ignored`, wantOut: "ignored\n"},
	// A trapped signal ends a wait with 128 + its number (POSIX). The
	// sender keeps sending, so one of its signals comes while wait waits.
	{name: "wait for a pid, a job and all, ended by trapped signals", script: `trap : USR1; trap : USR2
sleep 30 & p=$!
(while kill -USR1 $$ 2>/dev/null; do sleep 0.02; done) & s=$!
wait $p; echo "pid $?"; wait %1; echo "job $?"; wait; echo "all $?"
kill $s; wait $s
(while kill -USR2 $$ 2>/dev/null; do sleep 0.02; done) & s=$!
wait $p; echo "pid $?"
kill $s $p`, wantOut: "pid 138\njob 138\nall 138\npid 140\n"},
}

func TestSelfSignalTraps(t *testing.T) {
	runScriptCases(t, selfSignalCases)
}

func TestSelfSignalTrapsBash(t *testing.T) {
	runScriptCasesWith(t, bashPath(t), selfSignalCases)
}

// TestSelfSignalTrapsInteractive: the same in an interactive shell, which
// catches TERM and INT for itself and runs command lines its own way.
func TestSelfSignalTrapsInteractive(t *testing.T) {
	s := startGosh(t)
	defer s.Close()
	lineOutput(s, `trap 'echo trapped' TERM USR1`)
	if out := lineOutput(s, `kill $$; kill -USR1 $$; echo next`); out != "trapped\ntrapped\nnext\n" {
		t.Errorf("got %q, want %q", out, "trapped\ntrapped\nnext\n")
	}
	lineOutput(s, `trap - TERM`)
	if out := lineOutput(s, `kill $$; echo "survived $?"`); out != "survived 0\n" {
		t.Errorf("an interactive shell ignores an untrapped TERM: got %q", out)
	}
}

// TestTrapOfSignalIgnoredOnEntry: a non-interactive shell started with a
// signal ignored (SIGINT, for an asynchronous list without job control)
// can neither trap nor reset it (XCU 2.14 trap), in its subshells too, and
// trap -p shows it ignored, as bash does.
func TestTrapOfSignalIgnoredOnEntry(t *testing.T) {
	inner := `trap 'echo int' INT; kill -INT $$; echo "status=$?"; trap - INT; trap -p INT; (trap 'echo sub' INT; trap -p INT)`
	want := "status=0\ntrap -- '' SIGINT\ntrap -- '' SIGINT\n"
	for _, sh := range []string{shellUnderTest(t), bashPath(t)} {
		out, errOut, status := run(t, scriptRun{
			Shell:  sh,
			Script: `"$INNER_SHELL" -c "$INNER" & wait $!`,
			Env:    []string{"INNER_SHELL=" + sh, "INNER=" + inner},
		})
		if out != want || status != 0 {
			t.Errorf("%s: got stdout %q, status %d, stderr %q; want %q", sh, out, status, errOut, want)
		}
	}
}
