package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// After ^C kills a foreground job the shell starts a new line itself, as
// bash does, so the prompt's partial-line mark (see promptMark) lands at
// the start of a line and is overwritten; after output without a newline
// the mark still shows.
func TestInteractiveCtrlCNewLine(t *testing.T) {
	t.Parallel()
	s := startEditing(t, SessionConfig{})
	s.SendLine("cat")
	typed(s, "cat")
	s.WaitJobForeground()
	s.Ctrl('C')
	// The terminal echoes ^C; the shell's newline must come before the
	// mark, which the editor writes first thing before the prompt.
	s.Expect(`\^C\n` + regexp.QuoteMeta(promptMark))
	s.ExpectPrompt()
	s.SendLine("printf partial")
	typed(s, "printf partial")
	s.Expect("partial" + regexp.QuoteMeta(promptMark))
	s.ExpectPrompt()
}

// A history file that cannot be written (HOME not writable, or gone) is
// reported once, not after every command.
func TestInteractiveHistoryFileUnwritable(t *testing.T) {
	t.Parallel()
	home := filepath.Join(t.TempDir(), "gone")
	s := startEditing(t, SessionConfig{Env: []string{"HOME=" + home, "HISTFILE=" + home + "/.gosh_history"}})
	first := runLine(s, "echo one")
	if !strings.Contains(first, ".gosh_history: No such file or directory") {
		t.Errorf("first command: the failure is not reported: %q", first)
	}
	for _, line := range []string{"echo two", "echo three"} {
		if out := runLine(s, line); out != strings.TrimPrefix(line, "echo ")+"\n" {
			t.Errorf("%q: got %q, want no message", line, out)
		}
	}
	if out := runLine(s, "history 2"); !regexp.MustCompile(`^ +\d+  echo three\n +\d+  history 2\n$`).MatchString(out) {
		t.Errorf("the list kept nothing: %q", out)
	}
	if _, err := os.Stat(home); err == nil {
		t.Errorf("%s was created", home)
	}
}
