package tests

// ^C while a command substitution runs abandons the whole command line
// with status 130, as in bash: the command the substitution is a word of
// does not run, nor does the rest of a loop over its output.

import (
	"fmt"
	"strings"
	"testing"
)

func TestCtrlCInCommandSubstitution(t *testing.T) {
	for _, c := range []struct{ name, line string }{
		{"echo $(sleep)", `echo $(sleep 1000) word; echo after`},
		{"for over $(sleep)", `for f in $(sleep 1000); do echo body; done; echo after`},
		{"assignment", `x=$(sleep 1000); echo after`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := startGosh(t)
			defer s.Close()
			sh := s.ShellPid()
			s.SendLine(c.line)
			// The sleep has exec'd (a ^C to a gosh still starting it could
			// be lost) and holds the terminal.
			var sleep ProcStat
			pollUntil(t, "the substitution's sleep to hold the terminal", func() (bool, string) {
				fg := s.ForegroundPgrp()
				for _, p := range descendants(sh) {
					if p.Comm == "sleep" && p.Pgid == fg {
						sleep = p
						return true, p.String()
					}
				}
				return false, fmt.Sprintf("foreground group %d, processes %v", fg, descendants(sh))
			})
			s.Ctrl('C')
			waitGone(t, sleep.Pid)
			_, out, _ := strings.Cut(s.ExpectPrompt(), "\n") // past the echo of the line
			if strings.Contains(out, "word") || strings.Contains(out, "after") || strings.Contains(out, "body") {
				t.Errorf("the line went on after ^C: %q", out)
			}
			if got := lineOutput(s, `echo status=$?`); got != "status=130\n" {
				t.Errorf("after ^C: %q, want status=130", got)
			}
		})
	}
}
