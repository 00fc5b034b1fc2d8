package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
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

// Under set -b a background job's notice is printed as soon as the job
// ends, even while a line is being typed, and the line comes back to be
// finished; without it the notice waits for the next prompt, as in bash.
func TestInteractiveNotifyAtOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		set    string
		atOnce bool
	}{{"set -b", true}, {"set +b", false}} {
		t.Run(tc.set, func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "release")
			if err := unix.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			s := startEditing(t, SessionConfig{})
			runLine(s, tc.set)
			runLine(s, "read x < "+fifo+" &")
			pid, err := strconv.Atoi(strings.TrimSpace(runLine(s, "echo $!")))
			if err != nil {
				t.Fatal(err)
			}
			s.Send("echo par")
			s.Expect("echo par")
			// The job reads a line from the fifo and ends; the shell reaps it.
			if err := os.WriteFile(fifo, []byte("x\n"), 0); err != nil {
				t.Fatal(err)
			}
			waitGone(t, pid)
			if tc.atOnce {
				s.Expect(`\[1\]\+ +Done +read x <\S+\n`)
				s.Expect(`echo par`) // the line again, still open
			}
			s.SendLine("tial")
			out := s.Expect(`partial\n`)
			if strings.Contains(out, "Done") {
				t.Errorf("the notice came before the line ended: %q", out)
			}
			notice := s.ExpectPrompt()
			if got := strings.Contains(notice, "Done"); got == tc.atOnce {
				t.Errorf("notice before the next prompt: %v, want %v (%q)", got, !tc.atOnce, notice)
			}
		})
	}
}
