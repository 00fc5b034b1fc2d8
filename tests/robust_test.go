package tests

// Robustness (issue 13): what a user or the environment can do to gosh
// must not hang it, crash it or make it grow without bound.

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A HISTFILE with no end (a device, a FIFO nobody writes) or one that
// cannot be read does not keep the shell from its first prompt, and costs
// no message, as in bash.
func TestHistoryFileNoEnd(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, hist := range []string{"/dev/zero", "/dev/full", fifo, "/etc/passwd/not-a-dir"} {
		t.Run(filepath.Base(hist), func(t *testing.T) {
			s := startSession(t, SessionConfig{Env: []string{"HISTFILE=" + hist}})
			defer s.Close()
			if out := s.ExpectPrompt(); strings.Contains(out, "gosh") {
				t.Errorf("a message before the first prompt: %q", out)
			}
			s.SendLine("echo ok")
			s.Expect("ok")
			s.ExpectPrompt()
		})
	}
}
