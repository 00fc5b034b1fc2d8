package tests

import (
	"regexp"
	"testing"
)

// PROMPT_COMMAND runs before each primary prompt (each element of an
// array), seeing and keeping $?; PS0 is written after a line is read and
// before it runs; HISTIGNORE keeps matching lines (& the previous one) out
// of the history. The output of a line is what comes before the next
// prompt, so what PROMPT_COMMAND prints ends it.
func TestPromptCommandPS0HistIgnore(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	steps := []struct{ line, want string }{
		{`PROMPT_COMMAND='echo "pc:$?"; false'`, "pc:0\n"},
		{`(exit 3)`, "pc:3\n"},
		{`echo "st=$?"`, "st=3\npc:0\n"},
		{`PROMPT_COMMAND=('echo a' 'echo b')`, "a\nb\n"},
		{`unset PROMPT_COMMAND; PS0='ps0[\#]\n'`, ""}, // PS0 comes before the line runs
		{`echo x`, "ps0[6]\nx\n"},
		{`unset PS0; HISTIGNORE='ls*:&'`, "ps0[7]\n"},
		{`ls >/dev/null`, ""},
		{`echo y`, "y\n"},
		{`echo y`, "y\n"},
	}
	for _, step := range steps {
		if got := runLine(s, step.line); got != step.want {
			t.Errorf("%s: got %q, want %q", step.line, got, step.want)
		}
	}
	out := runLine(s, "history 3")
	if !regexp.MustCompile(`^ +\d+  unset PS0; HISTIGNORE='ls\*:&'\n +\d+  echo y\n +\d+  history 3\n$`).MatchString(out) {
		t.Errorf("history 3: %q, want the HISTIGNORE line, one echo y, and itself", out)
	}
}

// IGNOREEOF=N refuses N ^Ds in a row at an empty prompt and leaves on the
// next; a line in between starts the count again.
func TestInteractiveIgnoreEOFCount(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	runLine(s, "IGNOREEOF=2")
	for range 2 {
		s.Ctrl('D')
		s.Expect(`Use "exit" to leave the shell\.\n`)
		untilPrompt(s)
	}
	runLine(s, "echo again") // the count starts over
	for range 2 {
		s.Ctrl('D')
		s.Expect(`Use "exit" to leave the shell\.\n`)
		untilPrompt(s)
	}
	s.Ctrl('D')
	if st := s.WaitExit(); st != 0 {
		t.Errorf("third ^D: exit status %d", st)
	}
}

// set +o history stops recording command lines and set -o history starts
// again, as in bash (a secret typed in between stays out of the history).
// A line is recorded as it is read, before it runs, so set +o history is
// in the history and set -o history is not, as in bash.
func TestHistoryOption(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	runLine(s, "echo before")
	runLine(s, "set +o history")
	runLine(s, "echo secret")
	runLine(s, "set -o history")
	out := runLine(s, "history 3")
	if !regexp.MustCompile(`^ +\d+  echo before\n +\d+  set \+o history\n +\d+  history 3\n$`).MatchString(out) {
		t.Errorf("history 3: %q, want echo before, set +o history and itself", out)
	}
}
