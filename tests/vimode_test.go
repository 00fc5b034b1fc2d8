package tests

import "testing"

// set -o vi: Escape enters command mode, where vi's commands edit the
// line; j and k and the cursor keys recall history; set -o emacs switches
// back at the next prompt, where meta-f and meta-d work on words as in
// bash.
func TestInteractiveViMode(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{Env: []string{"HISTFILE="}})
	runLine(s, "set -o vi")
	// The example: cw changes echo to printf, A appends nothing.
	s.Send("echo vimode\x1b0cwprintf\x1bA\r")
	typed(s, "printf vimode")
	if out := untilPrompt(s); out != "vimode" {
		t.Errorf("cw: got %q, want %q", out, "vimode")
	}
	// Counts, d with a motion, p, x and u.
	s.Send("echo one two three\x1b0w2dwx$pu\r")
	typed(s, "echo hree")
	if out := untilPrompt(s); out != "hree\n" {
		t.Errorf("2dw x p u: got %q", out)
	}
	// k recalls the line before, in command mode; the cursor key up does
	// the same in insert mode.
	s.Send("\x1bk\r")
	typed(s, "echo hree")
	untilPrompt(s)
	s.Send("\x1b[A\x1b[A\r")
	typed(s, "printf vimode")
	untilPrompt(s)
	// # enters the line as a comment; / finds a line in the history.
	s.Send("echo commented\x1b#")
	typed(s, "#echo commented")
	if out := untilPrompt(s); out != "" {
		t.Errorf("#: got %q", out)
	}
	s.Send("\x1b/printf\r\r")
	typed(s, "printf vimode")
	if out := untilPrompt(s); out != "vimode" {
		t.Errorf("/printf: got %q", out)
	}
	// Job control is as in emacs mode: a job gets every key typed to it,
	// ^Z stops it and gives the prompt back, fg resumes it.
	catGetsEverything(t, s)
	s.SendLine("cat")
	typed(s, "cat")
	s.WaitJobForeground()
	s.Ctrl('Z')
	s.Expect(`Stopped`)
	untilPrompt(s)
	s.WaitShellForeground()
	s.SendLine("fg")
	typed(s, "fg")
	s.WaitJobForeground()
	s.SendLine("again")
	s.Expect(`again\nagain\n`)
	s.Ctrl('D')
	untilPrompt(s)
	s.WaitShellForeground()
	if out := runLine(s, "set -o | grep -E '^(vi|emacs) '"); out != "emacs          \toff\nvi             \ton\n" {
		t.Errorf("set -o in vi mode: %q", out)
	}
	runLine(s, "set -o emacs")
	// Meta-b is a word back again, not Escape then b.
	s.Send("echo emacs\x1bbX\r")
	typed(s, "echo Xemacs")
	if out := untilPrompt(s); out != "Xemacs\n" {
		t.Errorf("emacs after vi: got %q", out)
	}
	// Meta-f goes to the end of a word, as in bash, and meta-d kills to it.
	s.Send("echo foo-bar baz\x01\x1bf\x1bfX\x1bf\x1bd\r")
	typed(s, "echo fooX-bar")
	if out := untilPrompt(s); out != "fooX-bar\n" {
		t.Errorf("meta-f meta-d: got %q", out)
	}
}
